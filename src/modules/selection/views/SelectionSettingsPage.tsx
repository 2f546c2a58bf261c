import { DateTime } from '../../../platform/views/DateTime.tsx';
import { Layout } from '../../../platform/views/Layout.tsx';
import { NotificationBanner } from '../../../platform/views/NotificationBanner.tsx';
import { Button, ErrorSummary, PostForm, RadiosField, TextField, type FieldErrors, type FieldValues } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { MAX_REVIEWS, MIN_REVIEWS } from '../selection-setup.input.ts';
import type { SelectionSettings, SettingsEditor } from '../selection-setup.service.ts';

export function settingsValues(settings: SelectionSettings): FieldValues {
  return { reviewsPerApplication: String(settings.reviewsPerApplication), reviewMode: settings.anonymised ? 'anonymised' : 'named' };
}

const modeNames = {
  anonymised: 'Anonymised review: reviewers do not see the name, e-mail, student number, nationality, pronouns or CV until the shortlist is fixed',
  named: 'Named review: reviewers see who the candidate is',
};

export function SelectionSettingsPage(props: { ctx: PageContext; editor: SettingsEditor; values: FieldValues; errors: FieldErrors; problem?: string | undefined }) {
  const { ctx, editor, values, errors } = props;
  const { round, settings } = editor;
  const title = 'Selection settings';
  const closes = <DateTime at={round.applicationsCloseAt} timeZone={round.timeZone} alsoIn={ctx.timeZone} />;
  return (
    <Layout ctx={ctx} title={`${Object.keys(errors).length > 0 ? 'Error: ' : ''}${title} – ${round.name}`}>
      <p>
        <a href={`/rounds/${round.id}`}>Back to {round.name}</a>
      </p>
      <h1>{title}</h1>
      <p>How partner reviewers review the applications to {round.name}.</p>
      {!editor.reviewStarted && <p>Review starts when applications close on {closes}. Until then you can switch between anonymised and named review; after that the review mode is locked.</p>}
      <ErrorSummary errors={errors} />
      {props.problem && (
        <NotificationBanner kind="warning" title="Not changed" focus>
          <p>{props.problem}</p>
        </NotificationBanner>
      )}
      <PostForm action={`/rounds/${round.id}/selection`} csrfToken={ctx.csrfToken}>
        <TextField
          name="reviewsPerApplication"
          label="Reviews each application needs"
          hint={`A whole number from ${MIN_REVIEWS} to ${MAX_REVIEWS}: how many partner reviewers score each application to a post.`}
          value={values.reviewsPerApplication}
          error={errors.reviewsPerApplication}
          width="short"
          maxLength={1}
        />
        {editor.reviewStarted ? (
          <div class="field">
            <h2 class="field__label">Review mode</h2>
            <p>{settings.anonymised ? modeNames.anonymised : modeNames.named}.</p>
            <NotificationBanner kind="info" title="The review mode is locked">
              <p>Review started when applications closed on {closes}, so the review mode can no longer change: reviewers may already have seen the applications.</p>
            </NotificationBanner>
          </div>
        ) : (
          <RadiosField
            name="reviewMode"
            label="Review mode"
            hint="Locked once applications close (see above)."
            value={values.reviewMode}
            error={errors.reviewMode}
            options={[
              { value: 'anonymised', label: modeNames.anonymised },
              { value: 'named', label: modeNames.named },
            ]}
          />
        )}
        <Button>Save settings</Button>
      </PostForm>
    </Layout>
  );
}
