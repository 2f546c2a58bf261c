import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { MailCalendar } from '../../platform/mail/outbox.ts';

// The calendar invitation of an interview (RFC 5545 / iTIP). One event per slot and candidate: its UID
// is stable, so a re-sent invitation updates the event and a CANCEL removes it; SEQUENCE is the slot's
// sequence, bumped on every change. Times are in UTC; the office's zone travels as X-WR-TIMEZONE and
// in the description. Pure: data in, ICS text out.

export interface InvitationData {
  method: 'REQUEST' | 'CANCEL';
  slotId: string;
  applicationId: string;
  sequence: number;
  startsAt: Date;
  minutes: number;
  officeTimeZone: string;
  summary: string;
  description: string;
  location: string;
  // the programme's mail-from, e.g. "Outbound <outbound@example.ac.uk>"
  organiser: string;
  attendee: { name: string; email: string };
  stamp: Date;
  domain: string;
}

export function invitationUid(slotId: string, applicationId: string, domain: string): string {
  return `interview-${slotId}-${applicationId}@${domain}`;
}

// "Name <address>" or a bare address
export function parseMailbox(from: string): { name: string; email: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  if (match?.[2]) return { name: (match[1] ?? '').trim() || match[2].trim(), email: match[2].trim() };
  return { name: from.trim(), email: from.trim() };
}

export function invitationIcs(data: InvitationData): string {
  const calendar = ical({
    prodId: { company: 'Outbound', product: 'interviews', language: 'EN' },
    method: data.method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
  });
  calendar.x([{ key: 'X-WR-TIMEZONE', value: data.officeTimeZone }]);
  const organiser = parseMailbox(data.organiser);
  const event = calendar.createEvent({
    id: invitationUid(data.slotId, data.applicationId, data.domain),
    sequence: data.sequence,
    stamp: data.stamp,
    start: data.startsAt,
    end: new Date(data.startsAt.getTime() + data.minutes * 60_000),
    summary: data.summary,
    description: data.description,
    location: data.location,
    organizer: organiser,
    status: data.method === 'REQUEST' ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED,
  });
  event.createAttendee({
    email: data.attendee.email,
    name: data.attendee.name,
    role: ICalAttendeeRole.REQ,
    status: ICalAttendeeStatus.NEEDSACTION,
    rsvp: false,
  });
  return calendar.toString();
}

export function invitation(data: InvitationData): MailCalendar {
  return { method: data.method, content: invitationIcs(data) };
}
