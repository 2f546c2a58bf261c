import type { ComponentChildren } from 'preact';
import { RadiosField, TextArea, type FieldErrors } from '../../../platform/views/forms.tsx';
import { PlainText } from '../../../platform/views/PlainText.tsx';
import { SummaryRow as Row } from '../../../platform/views/SummaryRow.tsx';
import { weightedScore } from '../review-scores.ts';
import { COMMENT_MAX_CHARS, scoreField } from '../reviews.input.ts';
import { oneDecimal } from './score-format.ts';

export interface ScoredCriterion {
  id: string;
  name: string;
  description: string;
  weight: number;
  descriptors: readonly string[];
}

function scoreOptions(descriptors: readonly string[]) {
  return [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: descriptors[n - 1] ? `${n} – ${descriptors[n - 1]}` : String(n) }));
}

// A score 1–5 per rubric criterion, each point with its descriptor, and a comment: the scoring part
// of a review and of a panel's interview scores. value() gives what was typed, else what was saved.
export function RubricScoreFields(props: {
  criteria: readonly ScoredCriterion[];
  errors: FieldErrors;
  saved: { scores: Record<string, number>; comment: string } | null | undefined;
  value: (field: string, saved: string | undefined) => string | undefined;
}) {
  const { errors, saved, value } = props;
  return (
    <>
      <div id="field-scores">
        {errors.scores && (
          <p class="field__error">
            <span class="visually-hidden">Error: </span>
            {errors.scores}
          </p>
        )}
        {props.criteria.map((c) => {
          const field = scoreField(c.id);
          const score = saved?.scores[c.id];
          return (
            <RadiosField
              name={field}
              label={`${c.name}${c.weight !== 1 ? ` (weight ${c.weight})` : ''}`}
              hint={c.description || undefined}
              error={errors[field]}
              value={value(field, score !== undefined ? String(score) : undefined)}
              options={scoreOptions(c.descriptors)}
            />
          );
        })}
      </div>
      <TextArea name="comment" label="Comment" hint={`Optional, up to ${COMMENT_MAX_CHARS} characters.`} error={errors.comment} value={value('comment', saved?.comment)} maxLength={COMMENT_MAX_CHARS} />
    </>
  );
}

// A submitted score sheet, read only: a score per criterion, the weighted score and the comment;
// children add rows (a review's recommendation) before the comment.
export function SubmittedScores(props: { title: string; criteria: readonly ScoredCriterion[]; sheet: { scores: Record<string, number>; comment: string }; children?: ComponentChildren }) {
  const { criteria, sheet } = props;
  return (
    <section>
      <h3>{props.title}</h3>
      <dl class="summary-list">
        {criteria.map((c) => (
          <Row label={c.name}>{sheet.scores[c.id] !== undefined ? `${sheet.scores[c.id]} of 5` : 'Not scored'}</Row>
        ))}
        <Row label="Weighted score">{oneDecimal(weightedScore(criteria, sheet))}</Row>
        {props.children}
        <Row label="Comment">
          <PlainText text={sheet.comment} empty="No comment." />
        </Row>
      </dl>
    </section>
  );
}
