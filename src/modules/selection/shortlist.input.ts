import { z } from 'zod';
import { isUuid, manyOf } from '../../platform/http/form-fields.ts';

export const shortlistSorts = ['mean', 'candidate', 'reviews'] as const;
export type ShortlistSort = (typeof shortlistSorts)[number];

// The list's order: by weighted mean, highest first, unless the reader asks otherwise.
export const shortlistQuery = z.object({
  sort: z.enum(shortlistSorts).catch('mean'),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
});
export type ShortlistQuery = { sort: ShortlistSort; dir: 'asc' | 'desc' };

export function parseShortlistQuery(query: unknown): ShortlistQuery {
  const parsed = shortlistQuery.parse(query ?? {});
  return { sort: parsed.sort, dir: parsed.dir ?? (parsed.sort === 'mean' ? 'desc' : 'asc') };
}

// The ticked candidates; "then=fix" goes on to the confirmation of fixing the shortlist.
export const selectionForm = z.object({
  shortlisted: manyOf(z.string({ error: 'Choose candidates from the list' }).refine(isUuid, 'Choose candidates from the list')),
  then: z.enum(['fix']).optional().catch(undefined),
});
export type SelectionForm = z.infer<typeof selectionForm>;
