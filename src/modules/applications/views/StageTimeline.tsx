import { DateTime } from '../../../platform/views/DateTime.tsx';
import { formatDay } from '../../../platform/time/zoned.ts';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { applicationStages, nextDate, type Stage, type StageState } from '../application-stages.ts';
import type { ApplicationView } from '../applications.service.ts';

const stateNames: Record<StageState, string> = { done: 'Done', current: 'Now', upcoming: 'To come' };

function When(props: { ctx: PageContext; stage: Stage; timeZone: string }) {
  const { stage } = props;
  if (stage.at) return <DateTime at={stage.at} timeZone={props.timeZone} alsoIn={props.ctx.timeZone} />;
  return stage.day ? <>{formatDay(stage.day)}</> : null;
}

// The application's stages with where it stands, then the record of what the student did.
export function StageTimeline(props: { ctx: PageContext; view: ApplicationView; eventNames: Record<string, string> }) {
  const { ctx, view } = props;
  const { application, round } = view;
  const stages =
    application.status === 'withdrawn'
      ? []
      : applicationStages({
          status: application.status,
          submittedAt: application.submittedAt,
          choices: view.choices.map((c) => ({ title: c.title, eligible: c.reasons === null ? null : c.reasons.length === 0 })),
          round,
          now: view.now,
        });
  const next = nextDate(stages, view.now, round.timeZone);
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">Where your application stands</h2>
      {stages.length > 0 && (
        <ol class="stages">
          {stages.map((stage) => (
            <li class={`stages__stage stages__stage--${stage.state}`} aria-current={stage.state === 'current' ? 'step' : undefined}>
              <strong>{stage.name}</strong> <span class="stages__state">({stateNames[stage.state]})</span>
              {(stage.at || stage.day) && (
                <>
                  {': '}
                  <When ctx={ctx} stage={stage} timeZone={round.timeZone} />
                </>
              )}
              <br />
              <span class="stages__detail">{stage.detail}</span>
              {stage.name === 'Outcome' && application.status === 'submitted' && (
                <>
                  <br />
                  <a href={`/applications/${application.id}/outcome`}>Your outcome and offers</a>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {application.status !== 'withdrawn' && view.beforeDeadline && (
        <p>
          <strong>Next date that matters:</strong> the deadline, <DateTime at={round.applicationsCloseAt} timeZone={round.timeZone} alsoIn={ctx.timeZone} />.
        </p>
      )}
      {next && !view.beforeDeadline && (
        <p>
          <strong>Next date that matters:</strong> {next.name.toLowerCase()}, <When ctx={ctx} stage={next} timeZone={round.timeZone} />.
        </p>
      )}
      <h3>What you have done</h3>
      <ol class="timeline">
        {view.events.map((event) => (
          <li>
            {props.eventNames[event.kind]} on <DateTime at={event.at} timeZone={round.timeZone} alsoIn={ctx.timeZone} />
          </li>
        ))}
      </ol>
    </section>
  );
}
