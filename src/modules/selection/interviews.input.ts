import { z } from 'zod';
import { isUuid, manyOf, wholeNumber } from '../../platform/http/form-fields.ts';
import { parseForm, type FormResult } from '../../platform/http/forms.ts';
import { localInputValue, zonedToUtc } from '../../platform/time/zoned.ts';
import type { FieldValues } from '../../platform/views/forms.tsx';
import { parseScoreForm } from './reviews.input.ts';
import type { InterviewKind } from './selection.tables.ts';

export const SLOT_MIN_MINUTES = 15;
export const SLOT_MAX_MINUTES = 240;
export const PLACE_MAX_CHARS = 300;
export const VIDEO_LINK_MAX_CHARS = 500;
// a candidate may move or cancel their booking until this long before the start
export const CHANGE_NOTICE_MS = 24 * 60 * 60 * 1000;

// a panel's interview scores are parsed like a review's, without the recommendation
export { parseScoreForm };

const slotSchema = z
  .object({
    date: z
      .string({ error: 'Enter the date of the interview' })
      .trim()
      .min(1, 'Enter the date of the interview')
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'The date must look like 2026-03-10'),
    time: z
      .string({ error: 'Enter the start time' })
      .trim()
      .min(1, 'Enter the start time')
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'The start time must be a 24-hour time like 09:30'),
    minutes: wholeNumber('the length in minutes', SLOT_MIN_MINUTES, SLOT_MAX_MINUTES),
    kind: z.enum(['video', 'in_person'], { error: 'Choose whether the interview is by video or in person' }),
    videoLink: z.string().trim().max(VIDEO_LINK_MAX_CHARS, `The video link must be ${VIDEO_LINK_MAX_CHARS} characters or fewer`).optional(),
    place: z.string().trim().max(PLACE_MAX_CHARS, `The place must be ${PLACE_MAX_CHARS} characters or fewer`).optional(),
    panel: manyOf(z.string().refine(isUuid, 'Choose panel members from the list')),
  })
  // every problem at once: also when a field failed (the kind left unchosen), so a value may be as sent
  .superRefine(
    (v, ctx) => {
      if (v.kind === 'video') {
        const link = typeof v.videoLink === 'string' ? v.videoLink : '';
        if (link === '') ctx.addIssue({ code: 'custom', path: ['videoLink'], message: 'Enter the video link of the interview' });
        else if (!isHttpsUrl(link)) ctx.addIssue({ code: 'custom', path: ['videoLink'], message: 'The video link must be a full address starting with https://' });
      } else if (v.kind === 'in_person' && (typeof v.place === 'string' ? v.place : '') === '') {
        ctx.addIssue({ code: 'custom', path: ['place'], message: 'Enter the place of the interview (address and room)' });
      }
      if (!Array.isArray(v.panel) || v.panel.length === 0) ctx.addIssue({ code: 'custom', path: ['panel'], message: 'Choose at least one panel member' });
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.includes('.') && !/[\s<>"]/.test(value);
  } catch {
    return false;
  }
}

export interface SlotInput {
  startsAt: Date;
  minutes: number;
  kind: InterviewKind;
  location: string;
  panel: string[];
}

export type SlotFormResult = FormResult<SlotInput> & { panelValues: string[] };

// The panel field may arrive several times; the values typed are kept for the re-rendered form.
function panelValues(body: unknown): string[] {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>).panel : undefined;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter((v): v is string => typeof v === 'string');
}

// The date and time are wall-clock time in the office's zone; a time the clocks skip (going forward)
// does not exist there and is refused. A slot must start in the future.
export function parseSlotForm(body: unknown, officeTimeZone: string, now: Date): SlotFormResult {
  const panel = panelValues(body);
  const form = parseForm(slotSchema, body);
  if (!form.ok) return { ...form, panelValues: panel };
  const { date, time, minutes, kind, videoLink, place } = form.data;
  const local = `${date}T${time}`;
  const startsAt = zonedToUtc(local, officeTimeZone);
  if (!startsAt) return { ok: false, errors: { date: 'The date must be a real date, like 2026-03-10' }, values: form.values, panelValues: panel };
  if (localInputValue(startsAt, officeTimeZone) !== local) {
    return { ok: false, errors: { time: `${time} on ${date} does not exist in ${officeTimeZone} (the clocks go forward then): choose another time` }, values: form.values, panelValues: panel };
  }
  if (startsAt.getTime() <= now.getTime()) return { ok: false, errors: { date: 'The interview must start in the future' }, values: form.values, panelValues: panel };
  const location = kind === 'video' ? (videoLink ?? '') : (place ?? '');
  return { ok: true, data: { startsAt, minutes, kind, location, panel: [...new Set(form.data.panel)] }, values: form.values, panelValues: panel };
}

// the values of a saved slot, to fill the edit form
export function slotFormValues(slot: { startsAt: Date; minutes: number; kind: InterviewKind; location: string }, officeTimeZone: string): FieldValues {
  const [date = '', time = ''] = localInputValue(slot.startsAt, officeTimeZone).split('T');
  return {
    date,
    time,
    minutes: String(slot.minutes),
    kind: slot.kind,
    videoLink: slot.kind === 'video' ? slot.location : '',
    place: slot.kind === 'in_person' ? slot.location : '',
  };
}

export const bookForm = z.object({
  slotId: z.string({ error: 'Choose a time' }).refine(isUuid, 'Choose a time from the list'),
});

export const cancelForm = z.object({
  postId: z.string({ error: 'Choose the interview to cancel' }).refine(isUuid, 'Choose the interview to cancel'),
});
