import { z } from 'zod';
import { wholeNumber } from '../../platform/http/form-fields.ts';

export const MIN_REVIEWS = 1;
export const MAX_REVIEWS = 5;

export const reviewModes = ['anonymised', 'named'] as const;
export type ReviewMode = (typeof reviewModes)[number];

// Once review has started the page no longer sends the mode: it then stays as it is.
export const settingsForm = z.object({
  reviewsPerApplication: wholeNumber('the number of reviews each application needs', MIN_REVIEWS, MAX_REVIEWS),
  reviewMode: z.enum(reviewModes, { error: 'Choose how reviewers see applications' }).optional(),
});
export type SettingsForm = z.infer<typeof settingsForm>;
