import { DateTime } from '../../../platform/views/DateTime.tsx';
import { MoveButtons } from '../../../platform/views/MoveButtons.tsx';
import { Layout } from '../../../platform/views/Layout.tsx';
import { NotificationBanner } from '../../../platform/views/NotificationBanner.tsx';
import { Table } from '../../../platform/views/Table.tsx';
import { Tag } from '../../../platform/views/Tag.tsx';
import { Button, CheckboxField, ErrorSummary, PostForm, SelectField, TextArea, TextField, type FieldErrors, type FieldValues } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { plural } from '../../../platform/views/plural.ts';
import { askedKinds, kindNames, MAX_OPTIONS, MIN_OPTIONS, OPTION_MAX } from '../round-questions.input.ts';
import type { QuestionsEditor, RoundQuestion } from '../round-questions.service.ts';
import type { RoundView } from '../rounds.service.ts';

export const newQuestionValues: FieldValues = { kind: 'short_text', required: 'on' };

export function questionValues(question: RoundQuestion): FieldValues {
  if (question.kind === 'declaration') return { statement: question.prompt };
  return { prompt: question.prompt, hint: question.hint, kind: question.kind, required: question.required ? 'on' : '', options: question.options.join('\n') };
}

function LockNotice(props: { ctx: PageContext; round: RoundView; locked: boolean }) {
  const { ctx, round } = props;
  const opens = <DateTime at={round.applicationsOpenAt} timeZone={round.timeZone} alsoIn={ctx.timeZone} />;
  return props.locked ? (
    <NotificationBanner kind="warning" title="Applications are open">
      <p>
        Applications opened on {opens}, so students may already have answered. Questions and declarations can no longer be added, deleted or reordered, and their kind, options and whether an answer
        is required cannot change. You can still correct the wording of a question, its hint or a declaration.
      </p>
    </NotificationBanner>
  ) : (
    <p>
      Until applications open on {opens}, you can change anything here. After that, only the wording can be corrected, because students will have answered.
    </p>
  );
}

function Problem(props: { problem: string | undefined }) {
  return props.problem ? (
    <NotificationBanner kind="warning" title="Not changed" focus>
      <p>{props.problem}</p>
    </NotificationBanner>
  ) : null;
}

function Actions(props: { ctx: PageContext; roundId: string; question: RoundQuestion; index: number; count: number; locked: boolean }) {
  const { question, roundId } = props;
  return (
    <div class="button-row">
      <a href={`/rounds/${roundId}/questions/${question.id}/edit`}>
        Edit<span class="visually-hidden">: {question.prompt}</span>
      </a>
      {!props.locked && (
        <>
          <a href={`/rounds/${roundId}/questions/${question.id}/delete`}>
            Delete<span class="visually-hidden">: {question.prompt}</span>
          </a>
          <MoveButtons csrfToken={props.ctx.csrfToken} action={`/rounds/${roundId}/questions/${question.id}/move`} itemName={question.prompt} first={props.index === 0} last={props.index === props.count - 1} />
        </>
      )}
    </div>
  );
}

function QuestionFields(props: { values: FieldValues; errors: FieldErrors; structure: boolean }) {
  const { values, errors } = props;
  return (
    <>
      <TextField name="prompt" label="Question" value={values.prompt} error={errors.prompt} maxLength={500} />
      <TextField name="hint" label="Hint (optional)" hint="Shown under the question, for example what a good answer covers." value={values.hint} error={errors.hint} maxLength={500} />
      {props.structure && (
        <>
          <SelectField name="kind" label="Kind of answer" value={values.kind} error={errors.kind} options={askedKinds.map((k) => ({ value: k, label: kindNames[k] }))} />
          <TextArea
            name="options"
            label="Options (single choice only)"
            hint={`One option on each line: ${MIN_OPTIONS} to ${MAX_OPTIONS} different options, each up to ${OPTION_MAX} characters.`}
            value={values.options}
            error={errors.options}
            rows={5}
          />
          <CheckboxField name="required" label="Students must answer this question" checked={values.required === 'on'} error={errors.required} />
        </>
      )}
    </>
  );
}

export function RoundQuestionsPage(props: {
  ctx: PageContext;
  editor: QuestionsEditor;
  questionForm?: { values: FieldValues; errors: FieldErrors };
  declarationForm?: { values: FieldValues; errors: FieldErrors };
  problem?: string | undefined;
}) {
  const { ctx, editor } = props;
  const { round, locked } = editor;
  const questionForm = props.questionForm ?? { values: newQuestionValues, errors: {} };
  const declarationForm = props.declarationForm ?? { values: {}, errors: {} };
  const errors = { ...questionForm.errors, ...declarationForm.errors };
  const title = 'Questions and declarations';
  return (
    <Layout ctx={ctx} title={`${Object.keys(errors).length > 0 ? 'Error: ' : ''}${title} – ${round.name}`}>
      <p>
        <a href={`/rounds/${round.id}`}>Back to {round.name}</a>
      </p>
      <h1>{title}</h1>
      <p>
        Every application to {round.name} answers these, after the student’s statement. Declarations are statements the student must tick.
      </p>
      <ErrorSummary errors={errors} />
      <Problem problem={props.problem} />
      <LockNotice ctx={ctx} round={round} locked={locked} />

      <h2>Questions</h2>
      <Table
        caption={plural(editor.questions.length, 'question')}
        columns={[
          { key: 'position', label: 'Order', numeric: true },
          { key: 'question', label: 'Question' },
          { key: 'kind', label: 'Answer' },
          { key: 'required', label: 'Required' },
          { key: 'actions', label: 'Actions' },
        ]}
        rows={editor.questions.map((q, i) => [
          q.position,
          <>
            {q.prompt}
            {q.hint && <span class="field__hint">{q.hint}</span>}
          </>,
          <>
            {kindNames[q.kind]}
            {q.options.length > 0 && (
              <ul>
                {q.options.map((o) => (
                  <li>{o}</li>
                ))}
              </ul>
            )}
          </>,
          q.required ? <Tag tone="blue">Required</Tag> : <Tag>Optional</Tag>,
          <Actions ctx={ctx} roundId={round.id} question={q} index={i} count={editor.questions.length} locked={locked} />,
        ])}
        empty="No questions yet."
      />

      <h2>Declarations</h2>
      <Table
        caption={plural(editor.declarations.length, 'declaration')}
        columns={[
          { key: 'position', label: 'Order', numeric: true },
          { key: 'statement', label: 'Declaration' },
          { key: 'actions', label: 'Actions' },
        ]}
        rows={editor.declarations.map((d, i) => [d.position, d.prompt, <Actions ctx={ctx} roundId={round.id} question={d} index={i} count={editor.declarations.length} locked={locked} />])}
        empty="No declarations yet."
      />

      {!locked && (
        <>
          <h2>Add a question</h2>
          <PostForm action={`/rounds/${round.id}/questions`} csrfToken={ctx.csrfToken}>
            <QuestionFields values={questionForm.values} errors={questionForm.errors} structure />
            <Button>Add question</Button>
          </PostForm>

          <h2>Add a declaration</h2>
          <PostForm action={`/rounds/${round.id}/declarations`} csrfToken={ctx.csrfToken}>
            <TextArea
              name="statement"
              label="Declaration"
              hint="A statement the student must tick to submit, for example “I will hold health insurance for the whole placement”."
              value={declarationForm.values.statement}
              error={declarationForm.errors.statement}
              rows={3}
              maxLength={500}
            />
            <Button>Add declaration</Button>
          </PostForm>
        </>
      )}
    </Layout>
  );
}

export function QuestionEditPage(props: { ctx: PageContext; round: RoundView; question: RoundQuestion; locked: boolean; values: FieldValues; errors: FieldErrors; problem?: string | undefined }) {
  const { ctx, round, question, locked, values, errors } = props;
  const isDeclaration = question.kind === 'declaration';
  const title = isDeclaration ? 'Edit a declaration' : 'Edit a question';
  const back = `/rounds/${round.id}/questions`;
  return (
    <Layout ctx={ctx} title={`${Object.keys(errors).length > 0 ? 'Error: ' : ''}${title} – ${round.name}`}>
      <p>
        <a href={back}>Back to the questions and declarations</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      <Problem problem={props.problem} />
      <LockNotice ctx={ctx} round={round} locked={locked} />
      {locked && !isDeclaration && (
        <dl class="summary-list">
          <div>
            <dt>Kind of answer</dt>
            <dd>{kindNames[question.kind]}</dd>
          </div>
          {question.options.length > 0 && (
            <div>
              <dt>Options</dt>
              <dd class="pre-line">{question.options.join('\n')}</dd>
            </div>
          )}
          <div>
            <dt>Required</dt>
            <dd>{question.required ? 'Yes' : 'No'}</dd>
          </div>
        </dl>
      )}
      <PostForm action={`/rounds/${round.id}/questions/${question.id}/edit`} csrfToken={ctx.csrfToken}>
        {isDeclaration ? (
          <TextArea name="statement" label="Declaration" value={values.statement} error={errors.statement} rows={3} maxLength={500} />
        ) : (
          <QuestionFields values={values} errors={errors} structure={!locked} />
        )}
        <div class="button-row">
          <Button>Save</Button>
          <a class="button button--secondary" href={back}>
            Cancel
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}

export function QuestionDeletePage(props: { ctx: PageContext; round: RoundView; question: RoundQuestion }) {
  const { ctx, round, question } = props;
  const what = question.kind === 'declaration' ? 'declaration' : 'question';
  const back = `/rounds/${round.id}/questions`;
  return (
    <Layout ctx={ctx} title={`Delete this ${what}? – ${round.name}`}>
      <p>
        <a href={back}>Back to the questions and declarations</a>
      </p>
      <h1>Delete this {what}?</h1>
      <p class="lead">“{question.prompt}”</p>
      <p>It will no longer be part of applications to {round.name}.</p>
      <PostForm action={`/rounds/${round.id}/questions/${question.id}/delete`} csrfToken={ctx.csrfToken}>
        <div class="button-row">
          <Button kind="warning">Delete {what}</Button>
          <a class="button button--secondary" href={back}>
            Keep it
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}
