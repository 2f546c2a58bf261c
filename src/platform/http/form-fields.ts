import { z } from 'zod';
import { isIsoDay } from '../time/zoned.ts';
import { NotFoundError } from './not-found.ts';

// Field builders with plain-English messages, shared by every form.

export function requiredText(label: string, max: number) {
  return z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .max(max, `${capitalise(label)} must be ${max} characters or fewer`);
}

export function optionalText(label: string, max: number) {
  return z
    .string({ error: `${capitalise(label)} must be text` })
    .trim()
    .max(max, `${capitalise(label)} must be ${max} characters or fewer`)
    .optional()
    .transform((v) => v ?? '');
}

export function wholeNumber(label: string, min: number, max: number) {
  return z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .regex(/^-?\d+$/, `${capitalise(label)} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(min, `${capitalise(label)} must be ${min} or more`).max(max, `${capitalise(label)} must be ${max} or fewer`));
}

export function decimalNumber(label: string, min: number, max: number) {
  return z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .regex(/^-?\d+(\.\d+)?$/, `${capitalise(label)} must be a number, like 46.2044`)
    .transform(Number)
    .pipe(z.number().min(min, `${capitalise(label)} must be between ${min} and ${max}`).max(max, `${capitalise(label)} must be between ${min} and ${max}`));
}

export function isoDay(label: string) {
  return z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .refine(isIsoDay, `${capitalise(label)} must be a real date`);
}

export function optionalIsoDay(label: string) {
  return z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isIsoDay(v), `${capitalise(label)} must be a real date`);
}

export const checkbox = z
  .unknown()
  .optional()
  .transform((v) => v === 'on' || v === 'true' || v === 'yes');

export function optionalUrl(label: string) {
  return optionalText(label, 200).refine((v) => v === '' || /^https?:\/\/[^\s<>"]+\.[^\s<>"]+$/.test(v), `${capitalise(label)} must start with https:// or http://`);
}

// A form field that may arrive once or several times.
export function manyOf<T extends z.ZodType>(item: T) {
  return z
    .union([item, z.array(item)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

// The :id of a route; anything that is not a uuid is a page that does not exist.
export function idParam(params: unknown, name = 'id'): string {
  const value = (params as Record<string, unknown> | undefined)?.[name];
  if (!isUuid(value)) throw new NotFoundError();
  return value;
}
