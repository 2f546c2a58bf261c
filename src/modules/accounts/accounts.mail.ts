import type { MailMessage } from '../../platform/mail/outbox.ts';
import type { User } from './accounts.repo.ts';
import type { Role } from './accounts.tables.ts';

interface MailSettings {
  programmeName: string;
  universityName: string;
  baseUrl: string;
}

const roleNames: Record<Role, string> = {
  student: 'student',
  staff: 'programme staff member',
  partner_admin: 'partner coordinator',
  partner_reviewer: 'partner reviewer',
  funder: 'funder contact',
  edi_officer: 'equality, diversity and inclusion officer',
  admin: 'system administrator',
};

export function roleName(role: Role): string {
  return roleNames[role];
}

function signature(s: MailSettings): string {
  return `\n\n${s.programmeName}\n${s.universityName}\n${s.baseUrl}\n`;
}

export function verifyEmail(s: MailSettings, user: User, url: string): MailMessage {
  return {
    to: user.email,
    toName: user.name,
    subject: `Confirm your e-mail address for ${s.programmeName}`,
    text: `Dear ${user.name},\n\nTo finish setting up your ${s.programmeName} account, confirm your e-mail address by opening this link:\n\n${url}\n\nThe link works once and expires in 24 hours. If you did not register, you can ignore this message.${signature(s)}`,
  };
}

export function alreadyRegistered(s: MailSettings, user: User): MailMessage {
  return {
    to: user.email,
    toName: user.name,
    subject: `You already have a ${s.programmeName} account`,
    text: `Dear ${user.name},\n\nSomeone tried to register with this e-mail address, which already has an account. If it was you, sign in at ${s.baseUrl}/sign-in, or reset your password at ${s.baseUrl}/forgot-password.\n\nIf it was not you, you can ignore this message: nothing has changed.${signature(s)}`,
  };
}

export function passwordReset(s: MailSettings, user: User, url: string): MailMessage {
  return {
    to: user.email,
    toName: user.name,
    subject: `Reset your ${s.programmeName} password`,
    text: `Dear ${user.name},\n\nTo choose a new password, open this link:\n\n${url}\n\nThe link works once and expires in 1 hour. Resetting your password signs you out everywhere. If you did not ask for this, you can ignore this message.${signature(s)}`,
  };
}

export function passwordChanged(s: MailSettings, user: User): MailMessage {
  return {
    to: user.email,
    toName: user.name,
    subject: `Your ${s.programmeName} password was changed`,
    text: `Dear ${user.name},\n\nThe password of your ${s.programmeName} account was just changed. If this was not you, reset your password at ${s.baseUrl}/forgot-password and tell the programme team.${signature(s)}`,
  };
}

export function invitation(s: MailSettings, user: User, inviterName: string, role: Role, url: string): MailMessage {
  return {
    to: user.email,
    toName: user.name,
    subject: `You are invited to ${s.programmeName}`,
    text: `Dear ${user.name},\n\n${inviterName} has invited you to ${s.programmeName} at ${s.universityName} as a ${roleName(role)}.\n\nTo accept, choose your password here:\n\n${url}\n\nThe link works once and expires in 7 days.${signature(s)}`,
  };
}
