import { SummaryRow as Row } from '../../../platform/views/SummaryRow.tsx';
import { renderToString } from 'preact-render-to-string';
import { countryName } from '../../../platform/geo/countries.ts';
import { WorldMap } from '../../../platform/geo/WorldMap.tsx';
import { DateTime } from '../../../platform/views/DateTime.tsx';
import { Layout } from '../../../platform/views/Layout.tsx';
import { NotificationBanner } from '../../../platform/views/NotificationBanner.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { PlainText } from '../../../platform/views/PlainText.tsx';
import { RawHtml } from '../../../platform/views/RawHtml.tsx';
import { Tag } from '../../../platform/views/Tag.tsx';
import type { PostPage } from '../catalogue.service.ts';
import { coursesInWords, formatMonths, formatStartWindow, formatStipend, languagesInWords, levelsInWords, minYearInWords, workingPatternName } from '../post-format.ts';
import { postStatusNames, postStatusTones } from '../post-status.ts';
import { sdgLabel } from '../sdgs.ts';

function EligibilityNote(props: { page: PostPage }) {
  const { eligibility } = props.page;
  switch (eligibility.kind) {
    case 'eligible':
      return (
        <NotificationBanner kind="success" title="You are eligible">
          <p>Your study details meet every requirement of this post.</p>
        </NotificationBanner>
      );
    case 'not-eligible':
      return (
        <NotificationBanner kind="warning" title="You are not eligible for this post">
          <ul>
            {eligibility.reasons.map((reason) => (
              <li>{reason}</li>
            ))}
          </ul>
          <p>
            If your details have changed, <a href="/profile">update your study details</a>.
          </p>
        </NotificationBanner>
      );
    case 'needs-profile':
      return (
        <p class="callout">
          <a href="/profile">Add your study details to see whether you are eligible</a>.
        </p>
      );
    case 'signed-out':
      return (
        <p class="callout">
          <a href={`/sign-in?next=${encodeURIComponent(`/posts/${props.page.post.id}`)}`}>Sign in</a> or <a href="/register">register</a> to apply.
        </p>
      );
    case 'not-student':
      return null;
  }
}

function placeOf(p: PostPage['post']) {
  return { officeCountry: countryName(p.country) ?? p.country, servesCountry: countryName(p.servesCountry) ?? p.servesCountry };
}

// The summary rows above "Local time there now" (which changes every minute, so is rendered per request).
function PlaceRows(props: { post: PostPage['post'] }) {
  const p = props.post;
  const { officeCountry, servesCountry } = placeOf(p);
  return (
    <>
      <Row label="Partner">
        {p.partnerName}
        {p.partnerShortName && p.partnerShortName !== p.partnerName ? ` (${p.partnerShortName})` : ''}
      </Row>
      {p.unitName && <Row label="Unit">{p.unitName}</Row>}
      <Row label="Office">{p.officeName}</Row>
      {p.servesCountry !== p.country && <Row label="Mission served">{servesCountry}</Row>}
      <Row label="Duty station">
        {p.city}, {officeCountry}
      </Row>
    </>
  );
}

function TermRows(props: { post: PostPage['post']; timeZone: string }) {
  const p = props.post;
  return (
    <>
      <Row label="Duration">{formatMonths(p.durationMonths)}</Row>
      <Row label="Start">{formatStartWindow(p.earliestStart, p.latestStart)}</Row>
      <Row label="Places">{p.places}</Row>
      <Row label="Working pattern">{workingPatternName(p.workingPattern)}</Row>
      <Row label="Partner stipend">{formatStipend(p.stipendMinor, p.stipendCurrency, p.stipendPeriod)}</Row>
      <Row label="Applications close">
        <DateTime at={p.applicationsCloseAt} timeZone={p.officeTimeZone} alsoIn={props.timeZone} />
      </Row>
      <Row label="Round">{p.roundName}</Row>
      {p.partnerReference && <Row label="Partner reference">{p.partnerReference}</Row>}
    </>
  );
}

// The texts, requirements, goals and map below the summary.
function PostDetails(props: { post: PostPage['post'] }) {
  const p = props.post;
  const { officeCountry } = placeOf(p);
  const languages = languagesInWords(p.languages);
  return (
    <>
      <h2>About the post</h2>
      <PlainText text={p.description} />
      {p.duties.trim() && (
        <>
          <h2>Duties</h2>
          <PlainText text={p.duties} />
        </>
      )}

      <h2>Who can apply</h2>
      <dl class="summary-list">
        <Row label="Level of study">{levelsInWords(p.levels)}</Row>
        <Row label="Courses">{coursesInWords(p.courses)}</Row>
        <Row label="Year of study">{minYearInWords(p.minYear)}</Row>
        <Row label="Languages">
          {languages.length === 0 ? (
            'No language requirement'
          ) : (
            <ul class="plain-list">
              {languages.map((l) => (
                <li>{l}</li>
              ))}
            </ul>
          )}
        </Row>
      </dl>

      {(p.requiredQualifications.trim() || p.desirableQualifications.trim()) && (
        <>
          <h2>Qualifications</h2>
          {p.requiredQualifications.trim() && (
            <>
              <h3>Required</h3>
              <PlainText text={p.requiredQualifications} />
            </>
          )}
          {p.desirableQualifications.trim() && (
            <>
              <h3>Desirable</h3>
              <PlainText text={p.desirableQualifications} />
            </>
          )}
        </>
      )}

      {p.sdgs.length > 0 && (
        <>
          <h2>Sustainable Development Goals</h2>
          <ul>
            {[...p.sdgs]
              .sort((a, b) => a - b)
              .map((goal) => (
                <li>{sdgLabel(goal)}</li>
              ))}
          </ul>
        </>
      )}

      <h2>Where you would work</h2>
      <figure class="post-map">
        <WorldMap
          id="post-map"
          size="small"
          title={`Map: ${p.officeName}, ${p.city}, ${officeCountry}`}
          description={`The duty station in ${p.city}, ${officeCountry}, on a map of the surrounding region.`}
          focus={{ lat: p.latitude, lng: p.longitude }}
          markers={[{ id: p.officeId, lat: p.latitude, lng: p.longitude, label: `${p.officeName}, ${p.city}, ${officeCountry}` }]}
        />
        <figcaption>
          {p.officeName}, {p.city}, {officeCountry}
        </figcaption>
      </figure>
    </>
  );
}

// What the post page shows the same to every viewer, rendered once by the same components (so
// escaped the same way); the page cache (catalogue-pages.ts) keeps it for listed posts.
export interface PostParts {
  placeRows: string;
  termRows: string;
  details: string;
}

export function renderPostParts(post: PostPage['post'], timeZone: string): PostParts {
  return {
    placeRows: renderToString(<PlaceRows post={post} />),
    termRows: renderToString(<TermRows post={post} timeZone={timeZone} />),
    details: renderToString(<PostDetails post={post} />),
  };
}

export function CataloguePostPage(props: { ctx: PageContext; page: PostPage; parts: PostParts }) {
  const { ctx, page, parts } = props;
  const p = page.post;
  return (
    <Layout ctx={ctx} title={p.title}>
      <p>
        <a href="/posts">All posts</a>
      </p>
      <p class="caption">{p.partnerName}</p>
      <h1>{p.title}</h1>
      {!page.listed && (
        <NotificationBanner kind="warning" title="Students cannot see this post">
          <p>
            Status: <Tag tone={postStatusTones[p.status]}>{postStatusNames[p.status]}</Tag>.{' '}
            {p.status === 'published' ? 'Its round is not open for applications now.' : 'Only published posts of rounds open for applications are listed.'}
          </p>
        </NotificationBanner>
      )}
      {page.canManage && (
        <p>
          <a href={`/manage/posts/${p.id}`}>Manage this post</a>
        </p>
      )}
      <EligibilityNote page={page} />
      {page.listed && (page.eligibility.kind === 'eligible' || page.eligibility.kind === 'not-eligible' || page.eligibility.kind === 'needs-profile') && (
        <p>
          <a class="button" href={`/rounds/${p.roundId}/apply`}>
            Apply
          </a>
        </p>
      )}

      <dl class="summary-list">
        <RawHtml html={parts.placeRows} />
        <Row label="Local time there now">
          <DateTime at={page.now} timeZone={p.officeTimeZone} />
        </Row>
        <RawHtml html={parts.termRows} />
      </dl>
      <RawHtml html={parts.details} />
    </Layout>
  );
}
