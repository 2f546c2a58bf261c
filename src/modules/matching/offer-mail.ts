// The e-mails of a release of offers, in plain words. Pure: data in, subject and text out.
import { countryName } from '../../platform/geo/countries.ts';
import type { MailMessage } from '../../platform/mail/outbox.ts';
import { formatDay } from '../../platform/time/zoned.ts';
import { formatDateTime } from '../../platform/views/DateTime.tsx';
import type { StudentExplanation } from './explanations.ts';

export interface MailStudent {
  name: string;
  email: string;
  timeZone: string;
}

export interface MailPost {
  title: string;
  organisationName: string;
  city: string;
  country: string;
  earliestStart: string;
  latestStart: string;
  durationMonths: number;
}

// a deadline in the student's zone, and in the round's when it differs
export function deadlineText(at: Date, studentZone: string, roundZone: string): string {
  const mine = formatDateTime(at, studentZone);
  return studentZone === roundZone ? mine : `${mine}, which is ${formatDateTime(at, roundZone)}`;
}

// "Why not a post you ranked higher": one line per post, in the student's order
export function reasonLines(explanation: StudentExplanation, titles: ReadonlyMap<string, string>): string[] {
  return explanation.higherChoices.map((c) => `${c.choice}. ${titles.get(c.postId) ?? 'A post no longer listed'}: ${c.text}`);
}

function postLines(post: MailPost): string[] {
  return [
    `Post: ${post.title}`,
    `Organisation: ${post.organisationName}`,
    `Where: ${post.city}, ${countryName(post.country) ?? post.country}`,
    `Start: between ${formatDay(post.earliestStart)} and ${formatDay(post.latestStart)}, for ${post.durationMonths} ${post.durationMonths === 1 ? 'month' : 'months'}`,
  ];
}

function mail(student: MailStudent, subject: string, lines: string[]): MailMessage {
  return { to: student.email, toName: student.name, subject, text: lines.join('\n') };
}

export function offerMail(args: {
  student: MailStudent;
  roundName: string;
  roundZone: string;
  post: MailPost;
  respondBy: Date;
  url: string;
  outcomeUrl: string;
  reasons: string[];
  // the post of the offer this one replaces (a changed offer)
  replaces?: string | undefined;
}): MailMessage {
  const { student, post } = args;
  const changed = args.replaces !== undefined;
  const lines = [`Dear ${student.name},`, ''];
  if (changed) {
    lines.push(
      `Your offer in ${args.roundName} has changed. The allocation was run again after other students declined or did not answer, and you now have a place in another post.`,
      `Your earlier offer of ${args.replaces} is replaced by this one: the earlier offer can no longer be accepted.`,
    );
  } else {
    lines.push(`We are pleased to offer you an internship in ${args.roundName}.`);
  }
  lines.push('', ...postLines(post), '', `Please accept or decline by ${deadlineText(args.respondBy, student.timeZone, args.roundZone)}.`, 'An offer not answered by then expires and counts as declined.', '', `See and answer your offer: ${args.url}`);
  if (args.reasons.length > 0) lines.push('', 'Why not a post you ranked higher:', ...args.reasons);
  lines.push('', `Your outcome and its explanation: ${args.outcomeUrl}`);
  return mail(student, changed ? `Your offer has changed: ${post.title}` : `Your internship offer: ${post.title}`, lines);
}

export function outcomeMail(args: {
  student: MailStudent;
  roundName: string;
  url: string;
  summary: string;
  reasons: string[];
  // an open offer this release takes back
  withdrawnOffer?: string | undefined;
}): MailMessage {
  const lines = [`Dear ${args.student.name},`, '', `The allocation of ${args.roundName} is published. ${args.summary}`];
  if (args.withdrawnOffer) lines.push(`Your earlier offer of ${args.withdrawnOffer} is withdrawn.`);
  if (args.reasons.length > 0) lines.push('', 'Why, for each post you ranked:', ...args.reasons);
  lines.push('', `Your outcome and its explanation: ${args.url}`, '', 'If you have questions, please contact the programme team.');
  return mail(args.student, `The outcome of your application to ${args.roundName}`, lines);
}

export function notShortlistedMail(args: { student: MailStudent; roundName: string; url: string; choices: string[] }): MailMessage {
  const lines = [
    `Dear ${args.student.name},`,
    '',
    `The allocation of ${args.roundName} is published. You were not shortlisted for any of the posts you chose, so you were not placed.`,
  ];
  if (args.choices.length > 0) lines.push('', 'Your choices:', ...args.choices.map((title, i) => `${i + 1}. ${title}: the partner did not shortlist you for this post.`));
  lines.push('', `Your outcome: ${args.url}`, '', 'Thank you for applying. If you have questions, please contact the programme team.');
  return mail(args.student, `The outcome of your application to ${args.roundName}`, lines);
}

export function acceptedMail(args: { student: MailStudent; post: MailPost; url: string }): MailMessage {
  return mail(args.student, `You accepted your offer: ${args.post.title}`, [
    `Dear ${args.student.name},`,
    '',
    'You have accepted your internship offer. Congratulations!',
    '',
    ...postLines(args.post),
    '',
    'Your placement is now pending funding: the programme team will be in touch about funding and preparation.',
    '',
    `Your offer: ${args.url}`,
  ]);
}

export function expiredMail(args: { student: MailStudent; post: MailPost; respondBy: Date; roundZone: string; url: string }): MailMessage {
  return mail(args.student, `Your offer has expired: ${args.post.title}`, [
    `Dear ${args.student.name},`,
    '',
    `Your offer of ${args.post.title} at ${args.post.organisationName} was not answered by ${deadlineText(args.respondBy, args.student.timeZone, args.roundZone)}, so it has expired and counts as declined.`,
    'The place goes back into the allocation.',
    '',
    `Your offer: ${args.url}`,
    '',
    'If you think this is a mistake, please contact the programme team.',
  ]);
}
