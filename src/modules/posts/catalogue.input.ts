import { z } from 'zod';
import { isCountryCode, type Region } from '../../platform/geo/countries.ts';
import { isUuid } from '../../platform/http/form-fields.ts';
import { levels } from './eligibility.ts';

export const regions: readonly Region[] = ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania'];
export const catalogueSorts = ['deadline', 'title', 'duration', 'newest'] as const;
export type CatalogueSort = (typeof catalogueSorts)[number];
export const CATALOGUE_PAGE_SIZE = 20;
export const MAX_MONTHS = 36;

// Every filter is optional, and a value that makes no sense is dropped, never an error:
// a shared or hand-edited URL always shows the catalogue.
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? undefined : v))
    .optional()
    .catch(undefined);

const months = z.coerce.number().int().min(1).max(MAX_MONTHS).optional().catch(undefined);

export const catalogueQuery = z
  .object({
    q: text(100),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .refine((v) => /^[A-Z]{2}$/.test(v) && isCountryCode(v))
      .optional()
      .catch(undefined),
    region: z.enum(regions as [Region, ...Region[]]).optional().catch(undefined),
    partner: z.string().refine(isUuid).optional().catch(undefined),
    office: z.string().refine(isUuid).optional().catch(undefined),
    unit: text(100),
    minMonths: months,
    maxMonths: months,
    start: z
      .string()
      .regex(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/)
      .optional()
      .catch(undefined),
    level: z.enum(levels).optional().catch(undefined),
    sdg: z.coerce.number().int().min(1).max(17).optional().catch(undefined),
    eligible: z
      .string()
      .transform((v) => v === '1' || v === 'on')
      .optional()
      .catch(undefined),
    sort: z.enum(catalogueSorts).catch('deadline'),
    page: z.coerce.number().int().min(1).max(10_000).catch(1),
  })
  .transform((q) => {
    // a reversed range is read the way it was meant
    if (q.minMonths !== undefined && q.maxMonths !== undefined && q.minMonths > q.maxMonths) return { ...q, minMonths: q.maxMonths, maxMonths: q.minMonths };
    return q;
  });

export type CatalogueQuery = z.infer<typeof catalogueQuery>;

export function parseCatalogueQuery(query: unknown): CatalogueQuery {
  return catalogueQuery.parse(query && typeof query === 'object' ? query : {});
}
