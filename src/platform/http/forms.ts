import type { z } from 'zod';
import type { FieldErrors, FieldValues } from '../views/forms.tsx';

export type FormResult<T> = { ok: true; data: T; values: FieldValues } | { ok: false; errors: FieldErrors; values: FieldValues };

const NEVER_ECHOED = /password|_csrf|token/i;

// What the user typed, to put back in the form (never passwords or tokens).
export function typedValues(body: unknown): FieldValues {
  const values: FieldValues = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (NEVER_ECHOED.test(key)) continue;
      if (typeof value === 'string') values[key] = value.slice(0, 10_000);
    }
  }
  return values;
}

// One parse per form; the first message per field goes next to that field.
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.infer<S>> {
  const values = typedValues(body);
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data, values };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (!(field in errors)) errors[field] = issue.message;
  }
  return { ok: false, errors, values };
}
