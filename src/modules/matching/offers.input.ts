import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/http/form-fields.ts';

// the response deadline, a wall-clock time in the round's zone (as <input type="datetime-local"> sends it)
export const publishForm = z.object({
  respondBy: requiredText('the response deadline', 20).refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v), 'Enter the response deadline as a date and time, like 2026-06-30T17:00'),
});
export type PublishForm = z.infer<typeof publishForm>;

export const declineForm = z.object({
  reason: optionalText('the reason', 1000),
});
export type DeclineForm = z.infer<typeof declineForm>;
