import type { Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import { NotFoundError } from '../../platform/http/not-found.ts';
import { isUniversityStaff } from '../partners/partners.policy.ts';
import type { PostsService } from '../posts/posts.service.ts';
import type { RoundsService, RoundView } from '../rounds/rounds.service.ts';
import { summariseReviews, weightedScore, type ReviewSummary } from './review-scores.ts';
import type { RubricService } from './rubric.service.ts';
import type { SelectionSetupService, SelectionSettings } from './selection-setup.service.ts';
import type { OverviewConflictRow, OverviewPostRow, OverviewReviewRow, SelectionOverviewRepo } from './selection-overview.repo.ts';
import type { Recommendation } from './selection.tables.ts';

// Staff views of a round's selection (issue 5): progress per post, and every review and conflict of
// one post. Staff see every student's name; never an e-mail, equality-monitoring data or funding
// answers. Every read is audited: these pages are personal data.

type RequestMeta = { ip: string };

export interface ShortlistState {
  // candidates on the saved selection
  count: number;
  // the last change to the saved selection
  savedAt: Date | null;
  savedByName: string | null;
  fixed: { at: Date; byName: string } | null;
}

export interface PostProgress {
  id: string;
  title: string;
  places: number;
  reviewers: { id: string; name: string }[];
  applications: number;
  // submitted reviews counted (without those of reviewers who later declared a conflict)
  reviewsSubmitted: number;
  // applications × K
  reviewsNeeded: number;
  // applications with fewer than K counted reviews
  shortOfK: number;
  conflicts: number;
  shortlist: ShortlistState;
}

export interface SelectionOverview {
  round: RoundView;
  settings: SelectionSettings;
  criteriaCount: number;
  posts: PostProgress[];
  totals: { applications: number; reviewsSubmitted: number; reviewsNeeded: number; shortOfK: number; conflicts: number; fixed: number };
}

export interface StaffReview {
  id: string;
  reviewerName: string;
  submittedAt: Date | null;
  scores: Record<string, number>;
  recommendation: Recommendation | null;
  comment: string;
  weightedMean: number | null;
  // false when the reviewer declared a conflict on the application after submitting
  counted: boolean;
}

export interface StaffConflict {
  reviewerName: string;
  reason: string;
  declaredAt: Date;
}

export interface StaffApplication {
  applicationId: string;
  name: string;
  course: string | null;
  studyLevel: string | null;
  yearOfStudy: number | null;
  rank: number;
  submittedAt: Date | null;
  shortlisted: boolean;
  reviews: StaffReview[];
  summary: ReviewSummary;
  short: boolean;
  conflicts: StaffConflict[];
}

export interface PostSelectionView {
  round: RoundView;
  post: { id: string; title: string; places: number };
  settings: SelectionSettings;
  criteria: { id: string; name: string; weight: number }[];
  reviewers: { id: string; name: string; assignedAt: Date }[];
  applications: StaffApplication[];
  shortlist: ShortlistState;
}

// the conflicts that concern a post: on its applications, by its reviewers or its organisation's people
function conflictsOfPost(post: OverviewPostRow, applicationIds: ReadonlySet<string>, reviewerIds: ReadonlySet<string>, conflicts: readonly OverviewConflictRow[]): OverviewConflictRow[] {
  return conflicts.filter((c) => applicationIds.has(c.applicationId) && (reviewerIds.has(c.reviewerId) || c.reviewerOrganisationId === post.organisationId));
}

const conflictKey = (applicationId: string, reviewerId: string) => `${applicationId} ${reviewerId}`;

export function createSelectionOverviewService(deps: { repo: SelectionOverviewRepo; rounds: RoundsService; posts: PostsService; setup: SelectionSetupService; rubric: RubricService; audit: AuditLog }) {
  const { repo, rounds, posts, setup, rubric, audit } = deps;

  function record(actor: Actor, action: string, subjectType: string, subjectId: string, meta: RequestMeta, details: Record<string, unknown>) {
    return audit.record({ actorId: actor.id, actorLabel: actor.email, action: `selection.${action}`, subjectType, subjectId, ip: meta.ip, details });
  }

  // what every view needs of a set of posts
  async function load(roundId: string, postRows: OverviewPostRow[]) {
    const ids = postRows.map((p) => p.id);
    const [assignments, candidates, reviews, conflicts, entries, decisions] = await Promise.all([
      repo.assignments(ids),
      repo.candidates(roundId, ids),
      repo.submittedReviews(ids),
      repo.conflicts(roundId),
      repo.shortlistEntries(ids),
      repo.decisions(ids),
    ]);
    const conflicted = new Set(conflicts.map((c) => conflictKey(c.applicationId, c.reviewerId)));
    const counted = (r: OverviewReviewRow) => !conflicted.has(conflictKey(r.applicationId, r.reviewerId));
    function shortlistOf(postId: string): ShortlistState {
      const mine = entries.filter((e) => e.postId === postId);
      const last = mine.reduce<(typeof mine)[number] | undefined>((a, b) => (a === undefined || b.addedAt > a.addedAt ? b : a), undefined);
      const decision = decisions.find((d) => d.postId === postId);
      return { count: mine.length, savedAt: last?.addedAt ?? null, savedByName: last?.addedByName ?? null, fixed: decision ? { at: decision.fixedAt, byName: decision.fixedByName } : null };
    }
    return { assignments, candidates, reviews, conflicts, entries, counted, shortlistOf };
  }

  return {
    async overview(actor: Actor, roundId: string, meta: RequestMeta): Promise<SelectionOverview> {
      if (!isUniversityStaff(actor)) throw new NotFoundError();
      const round = await rounds.get(actor, roundId);
      const [settings, criteria, postRows] = await Promise.all([setup.settingsFor(round.id), rubric.criteriaFor(round.id), repo.roundPosts(round.id)]);
      const { assignments, candidates, reviews, conflicts, counted, shortlistOf } = await load(round.id, postRows);
      const k = settings.reviewsPerApplication;
      const progress = postRows.map((post): PostProgress => {
        const reviewers = assignments.filter((a) => a.postId === post.id).map((a) => ({ id: a.reviewerId, name: a.reviewerName }));
        const applicationIds = new Set(candidates.filter((c) => c.postId === post.id).map((c) => c.applicationId));
        const postReviews = reviews.filter((r) => r.postId === post.id && applicationIds.has(r.applicationId) && counted(r));
        let shortOfK = 0;
        for (const id of applicationIds) if (postReviews.filter((r) => r.applicationId === id).length < k) shortOfK += 1;
        return {
          id: post.id,
          title: post.title,
          places: post.places,
          reviewers,
          applications: applicationIds.size,
          reviewsSubmitted: postReviews.length,
          reviewsNeeded: applicationIds.size * k,
          shortOfK,
          conflicts: conflictsOfPost(post, applicationIds, new Set(reviewers.map((r) => r.id)), conflicts).length,
          shortlist: shortlistOf(post.id),
        };
      });
      const sum = (f: (p: PostProgress) => number) => progress.reduce((n, p) => n + f(p), 0);
      const totals = {
        applications: sum((p) => p.applications),
        reviewsSubmitted: sum((p) => p.reviewsSubmitted),
        reviewsNeeded: sum((p) => p.reviewsNeeded),
        shortOfK: sum((p) => p.shortOfK),
        // a conflict is declared on an application, which may rank several posts: counted once
        conflicts: new Set(postRows.flatMap((post) => {
          const applicationIds = new Set(candidates.filter((c) => c.postId === post.id).map((c) => c.applicationId));
          const reviewerIds = new Set(assignments.filter((a) => a.postId === post.id).map((a) => a.reviewerId));
          return conflictsOfPost(post, applicationIds, reviewerIds, conflicts).map((c) => conflictKey(c.applicationId, c.reviewerId));
        })).size,
        fixed: progress.filter((p) => p.shortlist.fixed !== null).length,
      };
      await record(actor, 'overview_viewed', 'round', round.id, meta, { posts: progress.length, applications: totals.applications });
      return { round, settings, criteriaCount: criteria.length, posts: progress, totals };
    },

    async post(actor: Actor, roundId: string, postId: string, meta: RequestMeta): Promise<PostSelectionView> {
      if (!isUniversityStaff(actor)) throw new NotFoundError();
      const { post: found, round } = await posts.get(actor, postId);
      if (round.id !== roundId) throw new NotFoundError();
      const [postRow] = await repo.roundPosts(round.id, found.id);
      if (!postRow) throw new NotFoundError();
      const [settings, criteriaRows] = await Promise.all([setup.settingsFor(round.id), rubric.criteriaFor(round.id)]);
      const criteria = criteriaRows.map((c) => ({ id: c.id, name: c.name, weight: c.weight }));
      const { assignments, candidates, reviews, conflicts, entries, counted, shortlistOf } = await load(round.id, [postRow]);
      const reviewers = assignments.map((a) => ({ id: a.reviewerId, name: a.reviewerName, assignedAt: a.assignedAt }));
      const applicationIds = new Set(candidates.map((c) => c.applicationId));
      const postConflicts = conflictsOfPost(postRow, applicationIds, new Set(reviewers.map((r) => r.id)), conflicts);
      const listed = new Set(entries.map((e) => e.applicationId));
      const k = settings.reviewsPerApplication;
      const applications = candidates.map((c): StaffApplication => {
        const own = reviews.filter((r) => r.applicationId === c.applicationId);
        const countedReviews = own.filter(counted);
        const summary = summariseReviews(criteria, countedReviews);
        return {
          applicationId: c.applicationId,
          name: c.name,
          course: c.course,
          studyLevel: c.studyLevel,
          yearOfStudy: c.yearOfStudy,
          rank: c.rank,
          submittedAt: c.submittedAt,
          shortlisted: listed.has(c.applicationId),
          reviews: own.map((r) => ({
            id: r.id,
            reviewerName: r.reviewerName,
            submittedAt: r.submittedAt,
            scores: r.scores,
            recommendation: r.recommendation,
            comment: r.comment,
            weightedMean: weightedScore(criteria, r),
            counted: counted(r),
          })),
          summary,
          short: countedReviews.length < k,
          conflicts: postConflicts.filter((x) => x.applicationId === c.applicationId).map((x) => ({ reviewerName: x.reviewerName, reason: x.reason, declaredAt: x.declaredAt })),
        };
      });
      await record(actor, 'post_reviews_viewed', 'post', postRow.id, meta, { title: postRow.title, applications: applications.length, reviews: reviews.length, conflicts: postConflicts.length });
      return { round, post: { id: postRow.id, title: postRow.title, places: postRow.places }, settings, criteria, reviewers, applications, shortlist: shortlistOf(postRow.id) };
    },
  };
}

export type SelectionOverviewService = ReturnType<typeof createSelectionOverviewService>;
