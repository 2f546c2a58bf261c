import { z } from 'zod';
import { isoDay, requiredText, wholeNumber } from '../../platform/http/form-fields.ts';

const localDateTime = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, `${label.charAt(0).toUpperCase()}${label.slice(1)} must be a date and time`);

// Deadlines are typed as wall-clock times in the round's time zone; the service turns them into instants.
export const roundForm = z.object({
  agreementId: z.string({ error: 'Choose the agreement' }).uuid('Choose the agreement'),
  name: requiredText('a name', 120),
  timeZone: requiredText('the time zone', 64),
  postsDueAt: localDateTime('when posts are due'),
  applicationsOpenAt: localDateTime('when applications open'),
  applicationsCloseAt: localDateTime('when applications close'),
  reviewUntil: isoDay('the last day of review'),
  interviewsUntil: isoDay('the last day of interviews'),
  offersBy: isoDay('the day offers go out by'),
  preDepartureFrom: isoDay('the first day of pre-departure'),
  placementsFrom: isoDay('the first day of placements'),
  placementsTo: isoDay('the last day of placements'),
  maxChoices: wholeNumber('how many posts a student may rank', 1, 10),
});
export type RoundForm = z.infer<typeof roundForm>;
