import { Layout } from '../../../platform/views/Layout.tsx';
import { MoveButtons } from '../../../platform/views/MoveButtons.tsx';
import { NotificationBanner } from '../../../platform/views/NotificationBanner.tsx';
import { Table } from '../../../platform/views/Table.tsx';
import { Button, ErrorSummary, PostForm, TextArea, TextField, type FieldErrors, type FieldValues } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { plural } from '../../../platform/views/plural.ts';
import type { RoundView } from '../../rounds/rounds.service.ts';
import { descriptorField, DESCRIPTION_MAX, DESCRIPTOR_MAX, MAX_WEIGHT, MIN_WEIGHT, NAME_MAX, SCORES } from '../rubric.input.ts';
import type { RubricCriterion, RubricView } from '../rubric.service.ts';

export function criterionValues(criterion: RubricCriterion): FieldValues {
  const values: FieldValues = { name: criterion.name, description: criterion.description, weight: String(criterion.weight) };
  for (const score of SCORES) values[descriptorField(score)] = criterion.descriptors[score - 1] ?? '';
  return values;
}

function Problem(props: { problem: string | undefined }) {
  return props.problem ? (
    <NotificationBanner kind="warning" title="Not changed" focus>
      <p>{props.problem}</p>
    </NotificationBanner>
  ) : null;
}

function CriterionFields(props: { values: FieldValues; errors: FieldErrors }) {
  const { values, errors } = props;
  return (
    <>
      <TextField name="name" label="Name of the criterion" value={values.name} error={errors.name} maxLength={NAME_MAX} />
      <TextArea name="description" label="Description (optional)" hint="What reviewers look at for this criterion." value={values.description} error={errors.description} rows={3} maxLength={DESCRIPTION_MAX} />
      <TextField
        name="weight"
        label="Weight"
        hint={`A whole number from ${MIN_WEIGHT} to ${MAX_WEIGHT}: the weighted mean counts this criterion this many times.`}
        value={values.weight ?? '1'}
        error={errors.weight}
        width="short"
        maxLength={2}
      />
      <fieldset class="fieldset">
        <legend class="field__label">What each score means</legend>
        <p class="field__hint">Reviewers score from 1 (lowest) to 5 (highest). Describe each point, up to {DESCRIPTOR_MAX} characters each.</p>
        {SCORES.map((score) => (
          <TextArea name={descriptorField(score)} label={`Score ${score}`} value={values[descriptorField(score)]} error={errors[descriptorField(score)]} rows={2} maxLength={DESCRIPTOR_MAX} />
        ))}
      </fieldset>
    </>
  );
}

function CriterionSection(props: { ctx: PageContext; round: RoundView; criterion: RubricCriterion; index: number; count: number; canEdit: boolean }) {
  const { ctx, round, criterion } = props;
  return (
    <section class="rubric-criterion" aria-labelledby={`criterion-${criterion.id}`}>
      <h2 id={`criterion-${criterion.id}`}>
        {criterion.position}. {criterion.name} <span class="field__hint">(weight {criterion.weight})</span>
      </h2>
      {criterion.description && <p class="pre-line">{criterion.description}</p>}
      <Table
        caption={`What each score of “${criterion.name}” means`}
        columns={[
          { key: 'score', label: 'Score', numeric: true },
          { key: 'meaning', label: 'Meaning' },
        ]}
        rows={SCORES.map((score) => [score, criterion.descriptors[score - 1] ?? ''])}
      />
      {props.canEdit && (
        <div class="button-row">
          <a href={`/rounds/${round.id}/rubric/${criterion.id}/edit`}>
            Edit<span class="visually-hidden">: {criterion.name}</span>
          </a>
          <a href={`/rounds/${round.id}/rubric/${criterion.id}/delete`}>
            Delete<span class="visually-hidden">: {criterion.name}</span>
          </a>
          <MoveButtons csrfToken={ctx.csrfToken} action={`/rounds/${round.id}/rubric/${criterion.id}/move`} itemName={criterion.name} first={props.index === 0} last={props.index === props.count - 1} />
        </div>
      )}
    </section>
  );
}

export function RubricPage(props: { ctx: PageContext; view: RubricView; values: FieldValues; errors: FieldErrors; problem?: string | undefined }) {
  const { ctx, view, values, errors } = props;
  const { round, criteria } = view;
  const title = 'Rubric';
  const totalWeight = criteria.reduce((sum, c) => sum + c.weight, 0);
  return (
    <Layout ctx={ctx} title={`${Object.keys(errors).length > 0 ? 'Error: ' : ''}${title} – ${round.name}`}>
      <p>
        <a href={`/rounds/${round.id}`}>Back to {round.name}</a>
      </p>
      <h1>{title}</h1>
      <p>
        Reviewers score every application to a post of {round.name} on each criterion, from 1 to 5. An application’s weighted mean counts each criterion as many times as its weight.
        {criteria.length > 0 && <> {plural(criteria.length, 'criterion', 'criteria')}, total weight {totalWeight}.</>}
      </p>
      <ErrorSummary errors={errors} />
      <Problem problem={props.problem} />
      {view.locked && (
        <NotificationBanner kind="info" title="The rubric is locked">
          <p>A review in this round has been submitted, so the rubric can no longer change: submitted scores refer to these criteria and weights.</p>
        </NotificationBanner>
      )}
      {view.readOnly && <p>The programme team sets the rubric with your organisation: contact them to change it.</p>}
      {criteria.length === 0 && <p>No criteria yet.</p>}
      {criteria.map((criterion, i) => (
        <CriterionSection ctx={ctx} round={round} criterion={criterion} index={i} count={criteria.length} canEdit={view.canEdit} />
      ))}
      {view.canEdit && (
        <>
          <h2>Add a criterion</h2>
          <PostForm action={`/rounds/${round.id}/rubric`} csrfToken={ctx.csrfToken}>
            <CriterionFields values={values} errors={errors} />
            <Button>Add criterion</Button>
          </PostForm>
        </>
      )}
    </Layout>
  );
}

export function CriterionEditPage(props: { ctx: PageContext; round: RoundView; criterion: RubricCriterion; values: FieldValues; errors: FieldErrors; problem?: string | undefined }) {
  const { ctx, round, criterion, values, errors } = props;
  const title = `Edit “${criterion.name}”`;
  const back = `/rounds/${round.id}/rubric`;
  return (
    <Layout ctx={ctx} title={`${Object.keys(errors).length > 0 ? 'Error: ' : ''}${title} – ${round.name}`}>
      <p>
        <a href={back}>Back to the rubric</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      <Problem problem={props.problem} />
      <PostForm action={`/rounds/${round.id}/rubric/${criterion.id}/edit`} csrfToken={ctx.csrfToken}>
        <CriterionFields values={values} errors={errors} />
        <div class="button-row">
          <Button>Save criterion</Button>
          <a class="button button--secondary" href={back}>
            Cancel
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}

export function CriterionDeletePage(props: { ctx: PageContext; round: RoundView; criterion: RubricCriterion }) {
  const { ctx, round, criterion } = props;
  const back = `/rounds/${round.id}/rubric`;
  return (
    <Layout ctx={ctx} title={`Delete this criterion? – ${round.name}`}>
      <p>
        <a href={back}>Back to the rubric</a>
      </p>
      <h1>Delete this criterion?</h1>
      <p class="lead">
        “{criterion.name}” (weight {criterion.weight})
      </p>
      <p>Reviewers of {round.name} will no longer score it.</p>
      <PostForm action={`/rounds/${round.id}/rubric/${criterion.id}/delete`} csrfToken={ctx.csrfToken}>
        <div class="button-row">
          <Button kind="warning">Delete criterion</Button>
          <a class="button button--secondary" href={back}>
            Keep it
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}
