import { hasAnyRole, type Actor } from '../../platform/auth/actor.ts';
import { createLru } from '../../platform/cache/lru.ts';
import type { Clock } from '../../platform/clock.ts';
import { NotFoundError } from '../../platform/http/not-found.ts';
import { dayIn } from '../../platform/time/zoned.ts';
import { filterOptions, isEligibleFor, isFiltering, isOpen, matcher, officeMarkers, searchWords, sortedOrders, toEntry, type CatalogueEntry, type FilterOptions, type OfficeMarker } from './catalogue-model.ts';
import { CATALOGUE_PAGE_SIZE, type CatalogueQuery, type CatalogueSort } from './catalogue.input.ts';
import type { CatalogueDetailRow, CatalogueRepo } from './catalogue.repo.ts';
import { checkEligibility, type StudentFacts } from './eligibility.ts';

// Whether the "only posts I am eligible for" choice applies to this viewer.
export type EligibilityFilter = 'available' | 'needs-profile' | 'not-offered';

export interface CataloguePage {
  posts: CatalogueEntry[];
  total: number;
  page: number;
  pageSize: number;
  markers: OfficeMarker[];
  options: FilterOptions;
  // the query as applied: choices that do not apply to this viewer are dropped
  query: CatalogueQuery;
  eligibilityFilter: EligibilityFilter;
  // the office of the office filter, to name it
  officeName: string | undefined;
  // names what the page shows apart from the viewer, for the page cache; undefined when the
  // results are the viewer's own (only posts they are eligible for)
  cacheKey: string | undefined;
}

export type PostEligibility =
  | { kind: 'eligible' }
  | { kind: 'not-eligible'; reasons: string[] }
  | { kind: 'needs-profile' }
  | { kind: 'signed-out' }
  | { kind: 'not-student' };

export interface PostPage {
  post: CatalogueDetailRow;
  // published in a round whose applications are open: what students see
  listed: boolean;
  now: Date;
  eligibility: PostEligibility;
  // university staff, or the partner's own admin: a link to the post's management page
  canManage: boolean;
  // set when the post came from the catalogue's snapshot (the public view): see browse's cacheKey
  cacheKey: string | undefined;
}

interface Snapshot {
  version: number;
  orders: Record<CatalogueSort, CatalogueEntry[]>;
  // every published post as /posts/:id shows it, by id
  posts: Map<string, CatalogueDetailRow>;
  rounds: { id: string; openMs: number; closeMs: number }[];
  // what does not depend on the filters, for the rounds open now (they change only with the clock)
  openView?: OpenView;
  // each round's published posts by title, made when first asked for
  byRound?: Map<string, CatalogueEntry[]>;
}

interface OpenView {
  key: string;
  roundIds: Set<string>;
  orders: Partial<Record<CatalogueSort, CatalogueEntry[]>>;
  options?: FilterOptions;
  markers?: OfficeMarker[];
}

// The students module's answer to "what does eligibility need to know about this viewer?".
export interface StudentFactsSource {
  eligibilityFacts(actor: Actor | null): Promise<StudentFacts | null>;
}

const universityRoles = ['staff', 'admin'];
const partnerRoles = ['partner_admin', 'partner_reviewer'];
// filtered results kept per query (the rendered pages are kept too, in catalogue-pages.ts)
const RESULTS_KEPT = 200;

// The catalogue reads every published post into memory and filters there: on the embedded
// database one filtered SQL page with its count, markers and filter choices cost about 10 ms of
// the single database thread, too slow for 50 concurrent readers. A version row that triggers
// move on every write (drizzle/0003) is read per request, so every instance sees every change
// at once; the posts are reloaded, in one query, only when it has moved.
export function createCatalogueService(deps: { repo: CatalogueRepo; clock: Clock; students: StudentFactsSource }) {
  const { repo, clock, students } = deps;
  let current: Snapshot | undefined;
  let loading: { version: number; promise: Promise<Snapshot> } | undefined;

  async function load(version: number): Promise<Snapshot> {
    const rows = await repo.listPublished();
    const rounds = new Map<string, { id: string; openMs: number; closeMs: number }>();
    for (const row of rows) rounds.set(row.roundId, { id: row.roundId, openMs: row.applicationsOpenAt.getTime(), closeMs: row.applicationsCloseAt.getTime() });
    return {
      version,
      orders: sortedOrders(rows.map(toEntry)),
      posts: new Map(rows.map((row) => [row.id, row])),
      rounds: [...rounds.values()].sort((a, b) => a.id.localeCompare(b.id)),
    };
  }

  // Concurrent requests share reads of the version, but only a read that started after they
  // arrived: one that was already under way may predate a write they must see (PostgreSQL runs
  // it beside the write). So a request arriving during a read waits for the next one, which
  // starts as soon as the current one ends and serves everyone who arrived meanwhile.
  const results = createLru<Omit<CataloguePage, 'eligibilityFilter'>>(RESULTS_KEPT);
  let versionRead: Promise<number> | undefined;
  let nextVersionRead: Promise<number> | undefined;

  function freshVersion(): Promise<number> {
    if (!versionRead) {
      versionRead = repo.version().finally(() => (versionRead = undefined));
      return versionRead;
    }
    nextVersionRead ??= versionRead.then(
      () => startNextRead(),
      () => startNextRead(),
    );
    return nextVersionRead;
  }

  function startNextRead(): Promise<number> {
    nextVersionRead = undefined;
    return freshVersion();
  }

  function openView(snap: Snapshot, now: Date): OpenView {
    const at = now.getTime();
    const open = snap.rounds.filter((r) => r.openMs <= at && at < r.closeMs).map((r) => r.id);
    const key = open.join(',');
    if (snap.openView?.key !== key) snap.openView = { key, roundIds: new Set(open), orders: {} };
    return snap.openView;
  }

  function openPosts(snap: Snapshot, view: OpenView, sort: CatalogueSort): CatalogueEntry[] {
    let posts = view.orders[sort];
    if (!posts) {
      posts = snap.orders[sort].filter((e) => view.roundIds.has(e.roundId));
      view.orders[sort] = posts;
    }
    return posts;
  }

  async function snapshot(): Promise<Snapshot> {
    // the version is read before the rows, so rows are never older than the version they carry
    const version = await freshVersion();
    if (current?.version === version) return current;
    if (loading?.version !== version) {
      const promise = load(version).then(
        (loaded) => {
          current = loaded;
          if (loading?.promise === promise) loading = undefined;
          return loaded;
        },
        (error: unknown) => {
          if (loading?.promise === promise) loading = undefined;
          throw error;
        },
      );
      loading = { version, promise };
    }
    return loading.promise;
  }

  return {
    // loads the posts now (at start-up) rather than in the first request
    async warm(): Promise<void> {
      await snapshot();
    },

    // A round's published posts by title, with what eligibility needs, from the snapshot: the
    // applications of a round read them on every save, and a deadline brings thousands at once.
    async publishedInRound(roundId: string): Promise<CatalogueEntry[]> {
      const snap = await snapshot();
      snap.byRound ??= new Map();
      let posts = snap.byRound.get(roundId);
      if (!posts) {
        posts = snap.orders.title.filter((e) => e.roundId === roundId);
        snap.byRound.set(roundId, posts);
      }
      return posts;
    },

    async browse(actor: Actor | null, query: CatalogueQuery): Promise<CataloguePage> {
      const snap = await snapshot();
      const facts = await students.eligibilityFacts(actor);
      const eligibilityFilter: EligibilityFilter = facts ? 'available' : hasAnyRole(actor, ['student']) ? 'needs-profile' : 'not-offered';
      const applied: CatalogueQuery = { ...query, eligible: facts && query.eligible ? true : undefined };

      const view = openView(snap, clock());
      // the same key as the rendered page: version, open rounds and query decide the result
      const cacheKey = applied.eligible ? undefined : `${snap.version}|${view.key}|${JSON.stringify(applied)}`;
      const compute = (): Omit<CataloguePage, 'eligibilityFilter'> => {
        const open = openPosts(snap, view, applied.sort);
        const filter = { ...applied, words: searchWords(applied.q) };
        const filtered = isFiltering(filter);
        let found = filtered ? open.filter(matcher(filter)) : open;
        if (facts && applied.eligible) found = found.filter((e) => isEligibleFor(facts, e));
        view.options ??= filterOptions(open);
        const markers = filtered || applied.eligible ? officeMarkers(found) : (view.markers ??= officeMarkers(open));
        const pages = Math.max(1, Math.ceil(found.length / CATALOGUE_PAGE_SIZE));
        const page = Math.min(applied.page, pages);
        return {
          posts: found.slice((page - 1) * CATALOGUE_PAGE_SIZE, page * CATALOGUE_PAGE_SIZE),
          total: found.length,
          page,
          pageSize: CATALOGUE_PAGE_SIZE,
          markers,
          options: view.options,
          query: { ...applied, page },
          officeName: applied.office ? open.find((e) => e.officeId === applied.office)?.officeName : undefined,
          cacheKey,
        };
      };
      // a repeated query skips the filtering too, not only the rendering
      const result = cacheKey === undefined ? compute() : results.getOrMake(cacheKey, compute);
      return { ...result, eligibilityFilter };
    },

    // Students and visitors see published posts of open rounds; university staff every post;
    // a partner's users their own organisation's posts in any status. Anything else is 404.
    async findPost(actor: Actor | null, id: string): Promise<PostPage> {
      const snap = await snapshot();
      const now = clock();
      // a listed post is the same for everyone: the snapshot has it; anything else (closed
      // rounds, unpublished posts, for staff and partners) is read from the database
      const listedPost = snap.posts.get(id);
      const fromSnapshot = listedPost !== undefined && isOpen(listedPost, now);
      const post = fromSnapshot ? listedPost : await repo.findPost(id);
      if (!post) throw new NotFoundError();
      const listed = post.status === 'published' && isOpen(post, now);
      const ownPartner = actor !== null && actor.organisationId === post.organisationId && hasAnyRole(actor, partnerRoles);
      if (!listed && !hasAnyRole(actor, universityRoles) && !ownPartner) throw new NotFoundError();

      let eligibility: PostEligibility;
      if (!actor) eligibility = { kind: 'signed-out' };
      else if (!hasAnyRole(actor, ['student'])) eligibility = { kind: 'not-student' };
      else {
        const facts = await students.eligibilityFacts(actor);
        if (!facts) eligibility = { kind: 'needs-profile' };
        else {
          const result = checkEligibility(facts, post, dayIn(post.applicationsCloseAt, post.roundTimeZone));
          eligibility = result.eligible ? { kind: 'eligible' } : { kind: 'not-eligible', reasons: result.reasons };
        }
      }
      const canManage = hasAnyRole(actor, universityRoles) || (ownPartner && hasAnyRole(actor, ['partner_admin']));
      return { post, listed, now, eligibility, canManage, cacheKey: fromSnapshot ? `${snap.version}|${id}` : undefined };
    },
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
