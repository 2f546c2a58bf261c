import { z } from 'zod';
import { checkbox, requiredText } from '../../platform/http/form-fields.ts';
import { courseLevels } from './course-levels.ts';

const noControl = (v: string) => !/[\u0000-\u001f\u007f]/.test(v);

export const courseForm = z.object({
  name: requiredText('the course name', 120).refine(noControl, 'Course name must not contain control characters'),
  level: z.enum(courseLevels, { error: 'Choose the level of the course' }),
  faculty: requiredText('the faculty', 120).refine(noControl, 'Faculty must not contain control characters'),
  active: checkbox,
});
export type CourseForm = z.infer<typeof courseForm>;
