import { z } from 'zod';
import { optionalText, requiredText, wholeNumber } from '../../platform/http/form-fields.ts';

export const NAME_MAX = 120;
export const DESCRIPTION_MAX = 1000;
export const DESCRIPTOR_MAX = 300;
export const MIN_WEIGHT = 1;
export const MAX_WEIGHT = 10;
export const SCORES = [1, 2, 3, 4, 5] as const;

export const descriptorField = (score: number) => `descriptor${score}`;

// One criterion: a name, what it looks at, its weight and what each score from 1 to 5 means.
export const criterionForm = z
  .object({
    name: requiredText('the name of the criterion', NAME_MAX),
    description: optionalText('the description', DESCRIPTION_MAX),
    weight: wholeNumber('the weight', MIN_WEIGHT, MAX_WEIGHT),
    descriptor1: requiredText('what a score of 1 means', DESCRIPTOR_MAX),
    descriptor2: requiredText('what a score of 2 means', DESCRIPTOR_MAX),
    descriptor3: requiredText('what a score of 3 means', DESCRIPTOR_MAX),
    descriptor4: requiredText('what a score of 4 means', DESCRIPTOR_MAX),
    descriptor5: requiredText('what a score of 5 means', DESCRIPTOR_MAX),
  })
  .transform((form) => ({
    name: form.name,
    description: form.description,
    weight: form.weight,
    descriptors: [form.descriptor1, form.descriptor2, form.descriptor3, form.descriptor4, form.descriptor5],
  }));
export type CriterionForm = z.infer<typeof criterionForm>;

export const moveForm = z.object({ direction: z.enum(['up', 'down'], { error: 'Choose up or down' }) });
