import { z } from 'zod';
import { isUuid, requiredText } from '../../platform/http/form-fields.ts';
import { applicationStatuses } from './applications.tables.ts';

// What the staff list filters and sorts by; a value that makes no sense is ignored, never an error.
export const staffLevels = ['UG', 'PG', 'graduate'] as const;
export type StaffLevel = (typeof staffLevels)[number];
export const staffLevelNames: Record<StaffLevel, string> = { UG: 'Undergraduate', PG: 'Postgraduate', graduate: 'Graduate' };

export const eligibilityFilters = ['eligible', 'not_eligible', 'overridden'] as const;
export type EligibilityFilter = (typeof eligibilityFilters)[number];

export const staffSorts = ['name', 'submitted', 'status', 'course'] as const;
export type StaffSort = (typeof staffSorts)[number];

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => v || undefined)
    .optional()
    .catch(undefined);

const listQuery = z.object({
  status: z.enum(applicationStatuses).optional().catch(undefined),
  post: z.string().refine(isUuid).optional().catch(undefined),
  course: text(200),
  level: z.enum(staffLevels).optional().catch(undefined),
  eligibility: z.enum(eligibilityFilters).optional().catch(undefined),
  sort: z.enum(staffSorts).catch('name'),
  dir: z.enum(['asc', 'desc']).catch('asc'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type StaffListQuery = z.infer<typeof listQuery>;

export function parseStaffListQuery(query: unknown): StaffListQuery {
  return listQuery.parse(query && typeof query === 'object' ? query : {});
}

export const REASON_MAX_CHARS = 1000;
export const overrideDecisions = ['eligible', 'not_eligible', 'remove'] as const;
export type OverrideDecision = (typeof overrideDecisions)[number];

// target: "round" for the round-level result, or the id of a ranked post
export const overrideForm = z.object({
  target: z.string({ error: 'Choose which result to override' }).refine((v) => v === 'round' || isUuid(v), 'Choose which result to override'),
  decision: z.enum(overrideDecisions, { error: 'Choose eligible, not eligible or remove the override' }),
  reason: requiredText('the reason for the decision', REASON_MAX_CHARS),
});

export type OverrideForm = z.infer<typeof overrideForm>;
