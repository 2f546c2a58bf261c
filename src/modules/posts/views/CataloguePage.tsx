import { renderToString } from 'preact-render-to-string';
import { WorldMap } from '../../../platform/geo/WorldMap.tsx';
import { DateTime } from '../../../platform/views/DateTime.tsx';
import { CheckboxField, SelectField, TextField } from '../../../platform/views/forms.tsx';
import { Layout } from '../../../platform/views/Layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { Pagination } from '../../../platform/views/Pagination.tsx';
import { RawHtml } from '../../../platform/views/RawHtml.tsx';
import { plural } from '../../../platform/views/plural.ts';
import { formatDay } from '../../../platform/time/zoned.ts';
import type { CatalogueEntry, OfficeMarker } from '../catalogue-model.ts';
import { catalogueSorts, regions, type CatalogueQuery, type CatalogueSort } from '../catalogue.input.ts';
import type { CataloguePage as CatalogueResult } from '../catalogue.service.ts';
import { levels } from '../eligibility.ts';
import { formatMonths, formatStartWindow, levelName } from '../post-format.ts';
import { sdgLabel, sdgs } from '../sdgs.ts';

const sortNames: Record<CatalogueSort, string> = { deadline: 'Closing date', title: 'Title', duration: 'Duration', newest: 'Newest' };

// The URL of a catalogue view: the same filters with some changed; empty ones left out.
export function catalogueHref(query: CatalogueQuery, changes: Partial<CatalogueQuery> = {}): string {
  const merged: CatalogueQuery = { ...query, ...changes };
  const params = new URLSearchParams();
  const add = (key: string, value: string | number | boolean | undefined) => {
    if (value !== undefined && value !== '' && value !== false) params.set(key, value === true ? '1' : String(value));
  };
  add('q', merged.q);
  add('region', merged.region);
  add('country', merged.country);
  add('partner', merged.partner);
  add('office', merged.office);
  add('unit', merged.unit);
  add('minMonths', merged.minMonths);
  add('maxMonths', merged.maxMonths);
  add('start', merged.start);
  add('level', merged.level);
  add('sdg', merged.sdg);
  add('eligible', merged.eligible);
  if (merged.sort !== 'deadline') add('sort', merged.sort);
  if (merged.page > 1) add('page', merged.page);
  const text = params.toString();
  return text ? `/posts?${text}` : '/posts';
}

// Links to one office's posts with the current filters, without building a URL per office.
function officeHrefs(query: CatalogueQuery): (officeId: string) => string {
  const marker = '00000000-0000-0000-0000-000000000000';
  const template = catalogueHref(query, { office: marker, page: 1 });
  const [before = '', after = ''] = template.split(marker);
  return (officeId) => `${before}${officeId}${after}`;
}

function monthName(month: string): string {
  return formatDay(`${month}-01`).replace(/^1 /, '');
}

function withCurrent<T extends string | number>(values: T[], current: T | undefined): T[] {
  return current === undefined || values.includes(current) ? values : [...values, current].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function markerLabel(m: OfficeMarker): string {
  return `${m.officeName}, ${m.city}, ${m.countryName}: ${plural(m.count, 'post')}`;
}

// The filter form in three parts: its fields and its end are the same for every viewer (and
// cached); the "only posts I am eligible for" box between them is not.
function filterChoices(result: CatalogueResult) {
  const { query, options } = result;
  const durations = withCurrent(withCurrent([...new Set([...Array.from({ length: 12 }, (_, i) => i + 1), ...options.durations])], query.minMonths), query.maxMonths).sort((a, b) => a - b);
  const months = withCurrent(options.startMonths, query.start);
  const countries = query.country && !options.countries.some((c) => c.code === query.country) ? [...options.countries, { code: query.country, name: query.country }] : options.countries;
  const units = query.unit && !options.units.some((u) => u.toLowerCase() === query.unit?.toLowerCase()) ? [...options.units, query.unit] : options.units;
  return { durations, months, countries, units };
}

function FilterFields(props: { result: CatalogueResult }) {
  const { query, options } = props.result;
  const { durations, months, countries, units } = filterChoices(props.result);
  const any = (label: string) => ({ value: '', label });
  return (
    <>
      <h2 id="filters-title" class="filters__title">
        Find posts
      </h2>
      <TextField name="q" label="Search" hint="Words in the title, description, duties, unit, office or place" type="search" value={query.q} maxLength={100} />
      <SelectField name="region" label="Region" value={query.region ?? ''} options={[any('Any region'), ...regions.map((r) => ({ value: r, label: r }))]} />
      <SelectField name="country" label="Country" value={query.country ?? ''} options={[any('Any country'), ...countries.map((c) => ({ value: c.code, label: c.name }))]} />
      <SelectField name="partner" label="Partner" value={query.partner ?? ''} options={[any('Any partner'), ...options.partners.map((p) => ({ value: p.id, label: p.name }))]} />
      <SelectField name="unit" label="Unit" value={query.unit ?? ''} options={[any('Any unit'), ...units.map((u) => ({ value: u, label: u }))]} />
      <SelectField name="minMonths" label="Shortest duration" value={query.minMonths === undefined ? '' : String(query.minMonths)} options={[any('Any'), ...durations.map((d) => ({ value: String(d), label: formatMonths(d) }))]} />
      <SelectField name="maxMonths" label="Longest duration" value={query.maxMonths === undefined ? '' : String(query.maxMonths)} options={[any('Any'), ...durations.map((d) => ({ value: String(d), label: formatMonths(d) }))]} />
      <SelectField name="start" label="Can start in" value={query.start ?? ''} options={[any('Any month'), ...months.map((m) => ({ value: m, label: monthName(m) }))]} />
      <SelectField name="level" label="Level of study" value={query.level ?? ''} options={[any('Any level'), ...levels.map((l) => ({ value: l, label: levelName(l) }))]} />
      <SelectField name="sdg" label="Sustainable Development Goal" value={query.sdg === undefined ? '' : String(query.sdg)} options={[any('Any goal'), ...sdgs.map((g) => ({ value: String(g.number), label: sdgLabel(g.number) }))]} />
    </>
  );
}

function FilterEnd(props: { result: CatalogueResult }) {
  const { query } = props.result;
  return (
    <>
      {query.office && <input type="hidden" name="office" value={query.office} />}
      {query.sort !== 'deadline' && <input type="hidden" name="sort" value={query.sort} />}
      <div class="filters__actions">
        <button type="submit" class="button button--secondary">
          Show posts
        </button>
        <a href="/posts">Clear filters</a>
      </div>
      {query.office && (
        <p class="filters__note">
          Showing posts at {props.result.officeName ?? 'one office'} only. <a href={catalogueHref(query, { office: undefined, page: 1 })}>Show every office</a>
        </p>
      )}
    </>
  );
}

function SortLinks(props: { query: CatalogueQuery }) {
  return (
    <nav class="sort-links" aria-label="Sort posts">
      <span class="sort-links__label">Sort by:</span>
      <ul class="sort-links__list">
        {catalogueSorts.map((sort) => (
          <li>
            {props.query.sort === sort ? (
              <a href={catalogueHref(props.query, { sort, page: 1 })} aria-current="true" class="sort-links__current">
                {sortNames[sort]}
                <span class="visually-hidden"> (current order)</span>
              </a>
            ) : (
              <a href={catalogueHref(props.query, { sort, page: 1 })}>{sortNames[sort]}</a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

function PostItem(props: { post: CatalogueEntry; timeZone: string }) {
  const p = props.post;
  return (
    <li class="post-card">
      <h3 class="post-card__title">
        <a href={`/posts/${p.id}`}>{p.title}</a>
      </h3>
      <dl class="post-card__facts">
        <div>
          <dt>Partner</dt>
          <dd>{p.partnerShortName || p.partnerName}</dd>
        </div>
        {p.unitName && (
          <div>
            <dt>Unit</dt>
            <dd>{p.unitName}</dd>
          </div>
        )}
        <div>
          <dt>Office</dt>
          <dd>{p.officeName}</dd>
        </div>
        <div>
          <dt>Where</dt>
          <dd>
            {p.city}, {p.countryName}
          </dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatMonths(p.durationMonths)}</dd>
        </div>
        <div>
          <dt>Start</dt>
          <dd>{formatStartWindow(p.earliestStart, p.latestStart)}</dd>
        </div>
        <div>
          <dt>Places</dt>
          <dd>{p.places}</dd>
        </div>
        <div>
          <dt>Apply by</dt>
          <dd>
            <DateTime at={p.applicationsCloseAt} timeZone={props.timeZone} />
          </dd>
        </div>
      </dl>
      {p.sdgs.length > 0 && (
        <ul class="tag-list" aria-label="Sustainable Development Goals">
          {[...p.sdgs]
            .sort((a, b) => a - b)
            .map((goal) => (
              <li class="tag">{sdgLabel(goal)}</li>
            ))}
        </ul>
      )}
    </li>
  );
}

// The count, map, duty stations, sort links, posts and pagination: the same for every viewer.
function Results(props: { result: CatalogueResult; timeZone: string }) {
  const { result } = props;
  const { query } = result;
  // each office's link keeps the other filters: the marker's count is what the link shows
  const officeHref = officeHrefs(query);
  const markers = result.markers.map((m) => ({ ...m, label: markerLabel(m), href: officeHref(m.officeId) }));
  return (
    <>
      <h2 id="results-count" class="results-count">
        {plural(result.total, 'post')}
      </h2>
      {result.total === 0 ? (
        <p>No open posts match these filters. Try fewer filters, or <a href="/posts">see every open post</a>.</p>
      ) : (
        <>
          {markers.length > 0 && (
            <figure class="catalogue-map">
              <WorldMap
                id="catalogue-map"
                title="Map of the duty stations"
                description={`${plural(markers.length, 'duty station')} with ${plural(result.total, 'matching post')}. Each marker links to the posts at that office; the list below has the same information.`}
                markers={markers.map((m) => ({ id: m.officeId, lat: m.latitude, lng: m.longitude, label: m.label, href: m.href, count: m.count }))}
              />
              <figcaption>
                <details>
                  <summary>The duty stations as a list ({markers.length})</summary>
                  <ul class="plain-list">
                    {markers.map((m) => (
                      <li>
                        <a href={m.href}>
                          {m.officeName}, {m.city}, {m.countryName}
                        </a>
                        : {plural(m.count, 'post')}
                      </li>
                    ))}
                  </ul>
                </details>
              </figcaption>
            </figure>
          )}
          <SortLinks query={query} />
          <ol class="post-list" aria-labelledby="results-count">
            {result.posts.map((post) => (
              <PostItem post={post} timeZone={props.timeZone} />
            ))}
          </ol>
          <Pagination page={result.page} total={result.total} pageSize={result.pageSize} href={(page) => catalogueHref(query, { page })} />
        </>
      )}
    </>
  );
}

// What the page shows the same to every viewer, rendered once by the same components (so escaped
// the same way); the page cache (catalogue-pages.ts) keeps it.
export interface CatalogueParts {
  filterFields: string;
  filterEnd: string;
  results: string;
}

export function renderCatalogueParts(result: CatalogueResult, timeZone: string): CatalogueParts {
  return {
    filterFields: renderToString(<FilterFields result={result} />),
    filterEnd: renderToString(<FilterEnd result={result} />),
    results: renderToString(<Results result={result} timeZone={timeZone} />),
  };
}

export function CataloguePage(props: { ctx: PageContext; result: CatalogueResult; parts: CatalogueParts }) {
  const { ctx, result, parts } = props;
  const { query } = result;
  return (
    <Layout ctx={ctx} title={query.page > 1 ? `Internship posts (page ${query.page})` : 'Internship posts'}>
      <h1>Internship posts</h1>
      <p class="lead">Long-term internships with our partners' offices around the world, open for applications now.</p>
      {ctx.actor === null && (
        <p class="callout">
          Anyone can browse the posts. <a href="/sign-in?next=%2Fposts">Sign in</a> or <a href="/register">register</a> to apply.
        </p>
      )}
      {result.eligibilityFilter === 'needs-profile' && (
        <p class="callout">
          <a href="/profile">Add your study details to see which posts you are eligible for</a>.
        </p>
      )}
      <form method="get" action="/posts" class="filters catalogue-filters" aria-labelledby="filters-title">
        <RawHtml html={parts.filterFields} />
        {result.eligibilityFilter === 'available' && <CheckboxField name="eligible" label="Only posts I am eligible for" hint="From your study details" checked={query.eligible === true} />}
        <RawHtml html={parts.filterEnd} />
      </form>
      <RawHtml html={parts.results} />
    </Layout>
  );
}
