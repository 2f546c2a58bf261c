import { z } from 'zod';
import { isUuid, requiredText } from '../../platform/http/form-fields.ts';
import { typedValues } from '../../platform/http/forms.ts';
import type { FieldErrors, FieldValues } from '../../platform/views/forms.tsx';
import { recommendations, type Recommendation } from './selection.tables.ts';

export const COMMENT_MAX_CHARS = 3000;
export const CONFLICT_REASON_MAX_CHARS = 1000;
export const SCORE_FIELD_PREFIX = 'score_';
export const scoreField = (criterionId: string) => `${SCORE_FIELD_PREFIX}${criterionId}`;

export const reviewerForm = z.object({
  intent: z.enum(['add', 'remove'], { error: 'Choose what to do' }),
  reviewerId: z.string({ error: 'Choose a reviewer' }).refine(isUuid, 'Choose a reviewer from the list'),
});
export type ReviewerForm = z.infer<typeof reviewerForm>;

export const conflictForm = z.object({
  reason: requiredText('the reason for the conflict of interest', CONFLICT_REASON_MAX_CHARS),
});
export type ConflictForm = z.infer<typeof conflictForm>;

export interface ScoreInput {
  intent: 'save' | 'submit';
  scores: Record<string, number>;
  comment: string;
}

export type ScoreFormResult = { ok: true; data: ScoreInput; values: FieldValues } | { ok: false; errors: FieldErrors; values: FieldValues };

// A scoring form (a review, a panel's interview scores) has one field per rubric criterion, so it is
// parsed against the round's rubric rather than a fixed schema. A draft may leave criteria out; a
// submission needs every one. Any score outside 1–5, or for a criterion not in the rubric, is refused.
export function parseScoreForm(body: unknown, criteria: readonly { id: string; name: string }[]): ScoreFormResult {
  const values = typedValues(body);
  const errors: FieldErrors = {};
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const intent = raw.intent === 'submit' ? 'submit' : 'save';
  const known = new Set(criteria.map((c) => c.id));

  for (const key of Object.keys(raw)) {
    if (key.startsWith(SCORE_FIELD_PREFIX) && !known.has(key.slice(SCORE_FIELD_PREFIX.length))) {
      errors.scores = 'A score was given for a criterion that is not in this round’s rubric: reload the page and score again';
      break;
    }
  }

  const scores: Record<string, number> = {};
  for (const criterion of criteria) {
    const field = scoreField(criterion.id);
    const value = raw[field];
    if (value === undefined || value === '') {
      if (intent === 'submit') errors[field] = `Choose a score for ${criterion.name}`;
      continue;
    }
    if (typeof value !== 'string' || !/^[1-5]$/.test(value.trim())) {
      errors[field] = `The score for ${criterion.name} must be a whole number from 1 to 5`;
      continue;
    }
    scores[criterion.id] = Number(value.trim());
  }

  const comment = typeof raw.comment === 'string' ? raw.comment.trim() : '';
  if (raw.comment !== undefined && typeof raw.comment !== 'string') errors.comment = 'The comment must be text';
  else if (comment.length > COMMENT_MAX_CHARS) errors.comment = `The comment must be ${COMMENT_MAX_CHARS} characters or fewer`;

  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  return { ok: true, data: { intent, scores, comment }, values };
}

export interface ReviewInput extends ScoreInput {
  recommendation: Recommendation | null;
}

export type ReviewFormResult = { ok: true; data: ReviewInput; values: FieldValues } | { ok: false; errors: FieldErrors; values: FieldValues };

// A review is a scoring form with a recommendation, which a submission also needs.
export function parseReviewForm(body: unknown, criteria: readonly { id: string; name: string }[]): ReviewFormResult {
  const scored = parseScoreForm(body, criteria);
  const errors: FieldErrors = scored.ok ? {} : { ...scored.errors };
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const intent = raw.intent === 'submit' ? 'submit' : 'save';

  let recommendation: Recommendation | null = null;
  const rec = raw.recommendation;
  if (rec === undefined || rec === '') {
    if (intent === 'submit') errors.recommendation = 'Choose a recommendation: yes, maybe or no';
  } else if (typeof rec === 'string' && (recommendations as readonly string[]).includes(rec)) {
    recommendation = rec as Recommendation;
  } else {
    errors.recommendation = 'Choose a recommendation: yes, maybe or no';
  }

  if (!scored.ok || Object.keys(errors).length > 0) return { ok: false, errors, values: scored.values };
  return { ok: true, data: { ...scored.data, recommendation }, values: scored.values };
}
