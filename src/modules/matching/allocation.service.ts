import { performance } from 'node:perf_hooks';
import type { Db } from '../../db/client.ts';
import { ForbiddenError } from '../../platform/auth/access.ts';
import { hasAnyRole, type Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import { NotFoundError } from '../../platform/http/not-found.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import type { AllocationApplicant } from '../applications/staff-applications.service.ts';
import type { RoundView } from '../rounds/rounds.service.ts';
import type { AllocationInputsRepo } from './allocation-inputs.repo.ts';
import type { ConstraintForm, RunQuery } from './allocation.input.ts';
import type { AllocationRepo, AllocationRunRow, ConstraintRow, PostRankingStatusRow, RunSummaryRow } from './allocation.repo.ts';
import { allocate, ALGORITHM_VERSION, type AllocationInput, type AllocationPost, type AllocationStatistics, type AllocationStudent, type ConstraintOutcome, type StaffConstraint } from './deferred-acceptance.ts';
import { toStoredResult, type StoredAllocationResult } from './stored-runs.ts';

type RequestMeta = { ip: string };

export const ACCEPTED_OFFER_REASON = 'Accepted the offer of this post';
export const RUN_PAGE_SIZE = 100;

// What the allocation needs of other modules, through their services.
export interface AllocationRoundsSource {
  findById(id: string): Promise<RoundView | undefined>;
}
export interface AllocationApplicationsSource {
  allocationApplicants(actor: Actor, roundId: string): Promise<AllocationApplicant[]>;
}

export interface LoadedAllocationInput {
  round: RoundView;
  input: AllocationInput;
  // the latest published run, when this is a re-run after offers went out
  rerunOf: { id: string; number: number } | null;
}

export interface AllocationOverview {
  round: RoundView;
  posts: PostRankingStatusRow[];
  constraints: ConstraintRow[];
  // the round's submitted applications, for the constraint form
  applicants: { id: string; label: string }[];
  runs: RunSummaryRow[];
}

export type ConstraintChange = { ok: true } | { ok: false; errors: FieldErrors };

export interface DryRunResult {
  id: string;
  number: number;
  matched: number;
  timings: { loadMs: number; computeMs: number; storeMs: number };
}

export interface RunAssignment {
  applicationId: string;
  name: string;
  postId: string | null;
  postTitle: string | null;
  choice: number | null;
  forced: boolean;
  withdrawn: boolean;
}

export interface RunView {
  run: AllocationRunRow & { runByName: string };
  round: RoundView;
  rerunOfNumber: number | null;
  statistics: AllocationStatistics;
  constraints: (ConstraintOutcome & { studentName: string; postTitle: string })[];
  assignments: RunAssignment[];
  assignmentTotal: number;
  query: RunQuery;
  pageSize: number;
  posts: { id: string; title: string; capacity: number; placed: number; empty: number }[];
  otherRuns: number[];
}

export interface StudentDifference {
  applicationId: string;
  name: string;
  before: { postId: string | null; postTitle: string | null; choice: number | null };
  after: { postId: string | null; postTitle: string | null; choice: number | null };
}

export interface RecomputeView {
  run: AllocationRunRow & { runByName: string };
  round: RoundView;
  identical: boolean;
  storedVersion: string;
  currentVersion: string;
  students: StudentDifference[];
  // what else differs: statistics, constraint outcomes, the posts' order of placed students
  other: string[];
}

export interface CompareView {
  run: AllocationRunRow & { runByName: string };
  other: AllocationRunRow;
  round: RoundView;
  students: StudentDifference[];
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// JSON with object keys sorted: jsonb does not keep the order of keys, so results are compared this way.
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => byCodeUnit(a, b)))
      : v,
  );
}

// Students whose post (or place in their list) differs between two results.
export function changedStudents(a: StoredAllocationResult, b: StoredAllocationResult): string[] {
  const ids = new Set([...Object.keys(a.assignment), ...Object.keys(b.assignment)]);
  return [...ids].filter((id) => (a.assignment[id] ?? null) !== (b.assignment[id] ?? null) || (a.choice[id] ?? null) !== (b.choice[id] ?? null)).sort(byCodeUnit);
}

// What differs between a stored result and a recomputed one, besides the students' posts.
export function otherDifferences(stored: StoredAllocationResult, now: StoredAllocationResult): string[] {
  const out: string[] = [];
  if (canonical(stored.statistics) !== canonical(now.statistics)) out.push('The statistics differ.');
  if (canonical(stored.constraints) !== canonical(now.constraints)) out.push('The outcome of the staff constraints differs.');
  if (canonical(stored.placed) !== canonical(now.placed)) out.push('The posts’ lists of placed students differ.');
  if (canonical([...stored.forcedStudents].sort(byCodeUnit)) !== canonical([...now.forcedStudents].sort(byCodeUnit))) out.push('The students placed by force differ.');
  return out;
}

export function createAllocationService(deps: {
  db: Db;
  repo: AllocationRepo;
  inputs: AllocationInputsRepo;
  rounds: AllocationRoundsSource;
  applications: AllocationApplicationsSource;
  clock: Clock;
  audit: AuditLog;
}) {
  const { db, repo, inputs, rounds, applications, clock, audit } = deps;

  // the programme team and administrators; the routes say the same
  function requireStaff(actor: Actor): void {
    if (!hasAnyRole(actor, ['staff', 'admin'])) throw new ForbiddenError();
  }

  async function roundOf(actor: Actor, roundId: string): Promise<RoundView> {
    requireStaff(actor);
    const round = await rounds.findById(roundId);
    if (!round) throw new NotFoundError();
    return round;
  }

  function record(actor: Actor, action: string, subject: { type: string; id: string }, meta: RequestMeta, details: Record<string, unknown>, exec?: Db) {
    return audit.record({ actorId: actor.id, actorLabel: actor.email, action: `allocation.${action}`, subjectType: subject.type, subjectId: subject.id, ip: meta.ip, details }, exec);
  }

  // The whole input of a run, read from the database. Students are the round's submitted and withdrawn
  // applications (by application id) with their choices in order and the choices they are not eligible
  // for (the staff view of eligibility, overrides included); posts are the round's published posts with
  // their places and the partner's ranking. After a published run: a student whose offer was declined or
  // expired, holding no open or accepted one, takes no part; one who accepted is forced to that post (so
  // nobody holding an offer moves to a post they ranked lower, and everyone else is weakly better off).
  async function loadInput(actor: Actor, roundId: string): Promise<LoadedAllocationInput> {
    const round = await roundOf(actor, roundId);
    const [applicants, postRows, ranked, constraintRows, published] = await Promise.all([
      applications.allocationApplicants(actor, roundId),
      inputs.publishedPosts(roundId),
      inputs.rankings(roundId),
      inputs.constraints(roundId),
      inputs.latestPublishedRun(roundId),
    ]);
    const accepted = new Map<string, string>();
    const live = new Set<string>();
    const lapsed = new Set<string>();
    if (published) {
      for (const offer of await inputs.offers(roundId)) {
        if (offer.status === 'accepted') accepted.set(offer.applicationId, offer.postId);
        if (offer.status === 'accepted' || offer.status === 'open') live.add(offer.applicationId);
        if (offer.status === 'declined' || offer.status === 'expired') lapsed.add(offer.applicationId);
      }
    }
    const students: AllocationStudent[] = [];
    for (const applicant of applicants) {
      const student: AllocationStudent = { id: applicant.id, preferences: applicant.preferences };
      if (applicant.status === 'withdrawn' || (lapsed.has(applicant.id) && !live.has(applicant.id))) student.withdrawn = true;
      if (applicant.notEligibleFor.length > 0) student.notEligibleFor = applicant.notEligibleFor;
      students.push(student);
    }
    // usually in order already (the read is ordered by id): then this costs one pass
    if (students.some((s, i) => i > 0 && !((students[i - 1] as AllocationStudent).id < s.id))) students.sort((a, b) => byCodeUnit(a.id, b.id));
    const posts: AllocationPost[] = postRows.map((p) => ({ id: p.id, capacity: p.places, ranking: ranked.get(p.id) ?? [] }));
    posts.sort((a, b) => byCodeUnit(a.id, b.id));
    const pick = (kind: 'forced' | 'excluded'): StaffConstraint[] =>
      constraintRows.filter((c) => c.kind === kind).map((c) => ({ studentId: c.applicationId, postId: c.postId, reason: c.reason }));
    const forced = [...pick('forced'), ...[...accepted].sort(([a], [b]) => byCodeUnit(a, b)).map(([studentId, postId]) => ({ studentId, postId, reason: ACCEPTED_OFFER_REASON }))];
    return { round, input: { students, posts, forced, excluded: pick('excluded') }, rerunOf: published ?? null };
  }

  async function runOf(actor: Actor, runId: string): Promise<{ run: AllocationRunRow & { runByName: string }; round: RoundView }> {
    requireStaff(actor);
    const run = await repo.findRun(runId);
    if (!run) throw new NotFoundError();
    const round = await rounds.findById(run.roundId);
    if (!round) throw new NotFoundError();
    return { run, round };
  }

  async function namesOf(roundId: string) {
    const [people, titles] = await Promise.all([repo.applicants(roundId), repo.postTitles(roundId)]);
    return { names: new Map(people.map((p) => [p.id, p.name])), titles: new Map(titles.map((p) => [p.id, p.title])) };
  }

  function differences(a: StoredAllocationResult, b: StoredAllocationResult, names: Map<string, string>, titles: Map<string, string>): StudentDifference[] {
    const side = (r: StoredAllocationResult, id: string) => {
      const postId = r.assignment[id] ?? null;
      return { postId, postTitle: postId === null ? null : (titles.get(postId) ?? postId), choice: r.choice[id] ?? null };
    };
    return changedStudents(a, b)
      .map((id) => ({ applicationId: id, name: names.get(id) ?? id, before: side(a, id), after: side(b, id) }))
      .sort((x, y) => x.name.localeCompare(y.name, 'en') || byCodeUnit(x.applicationId, y.applicationId));
  }

  const service = {
    loadInput,

    // A run with its round, for the pages that act on a run (publishing builds on it).
    async getRun(actor: Actor, runId: string): Promise<{ run: AllocationRunRow & { runByName: string }; round: RoundView }> {
      return runOf(actor, runId);
    },

    async overview(actor: Actor, roundId: string): Promise<AllocationOverview> {
      const round = await roundOf(actor, roundId);
      const [posts, constraints, people, runs] = await Promise.all([repo.postsWithRankings(roundId), repo.constraints(roundId), repo.applicants(roundId), repo.runs(roundId)]);
      return {
        round,
        posts,
        constraints,
        applicants: people.filter((p) => p.status === 'submitted').map((p) => ({ id: p.id, label: `${p.name} (${p.email})` })),
        runs,
      };
    },

    async addConstraint(actor: Actor, roundId: string, form: ConstraintForm, meta: RequestMeta): Promise<ConstraintChange> {
      const round = await roundOf(actor, roundId);
      const [people, posts] = await Promise.all([repo.applicants(roundId), inputs.publishedPosts(roundId)]);
      const person = people.find((p) => p.id === form.applicationId && p.status === 'submitted');
      const post = posts.find((p) => p.id === form.postId);
      const errors: FieldErrors = {};
      if (!person) errors.applicationId = 'Choose a student with a submitted application in this round';
      if (!post) errors.postId = 'Choose a published post of this round';
      if (!person || !post) return { ok: false, errors };
      return db.transaction(async (tx) => {
        if (await repo.findConstraint(roundId, form.kind, form.applicationId, form.postId, tx)) {
          return { ok: false as const, errors: { kind: `This ${form.kind === 'forced' ? 'forced placement' : 'excluded pair'} is already in force` } };
        }
        const id = await repo.insertConstraint({ roundId, kind: form.kind, applicationId: form.applicationId, postId: form.postId, reason: form.reason, createdBy: actor.id, createdAt: clock() }, tx);
        await record(actor, 'constraint_added', { type: 'round', id: round.id }, meta, { constraintId: id, kind: form.kind, applicationId: form.applicationId, postId: form.postId, reason: form.reason }, tx);
        return { ok: true as const };
      });
    },

    async removeConstraint(actor: Actor, roundId: string, constraintId: string, meta: RequestMeta): Promise<void> {
      const round = await roundOf(actor, roundId);
      await db.transaction(async (tx) => {
        const row = await repo.deleteConstraint(roundId, constraintId, tx);
        if (!row) throw new NotFoundError();
        await record(actor, 'constraint_removed', { type: 'round', id: round.id }, meta, { constraintId, kind: row.kind, applicationId: row.applicationId, postId: row.postId, reason: row.reason }, tx);
      });
    },

    // A dry run: the input read now, the result computed and stored with it; nothing is published.
    async dryRun(actor: Actor, roundId: string, meta: RequestMeta): Promise<DryRunResult> {
      const started = performance.now();
      const { round, input, rerunOf } = await loadInput(actor, roundId);
      const loaded = performance.now();
      const result = allocate(input);
      const stored = toStoredResult(result);
      const computed = performance.now();
      const computeMs = Math.max(0, Math.round(computed - loaded));
      const { id, number } = await db.transaction(async (tx) => {
        if (!(await repo.lockRound(round.id, tx))) throw new NotFoundError();
        const number = await repo.nextRunNumber(round.id, tx);
        const id = await repo.insertRun(
          { roundId: round.id, number, algorithmVersion: result.algorithmVersion, input, result: stored, rerunOf: rerunOf?.id ?? null, computeMs, runBy: actor.id, runAt: clock() },
          tx,
        );
        await record(actor, 'dry_run', { type: 'allocation_run', id }, meta, { roundId: round.id, number, rerunOf: rerunOf?.id ?? null, statistics: stored.statistics, computeMs }, tx);
        return { id, number };
      });
      const done = performance.now();
      return { id, number, matched: stored.statistics.matched, timings: { loadMs: loaded - started, computeMs: computed - loaded, storeMs: done - computed } };
    },

    // The stored run as it was: everything shown comes from the stored input and result.
    async runView(actor: Actor, runId: string, query: RunQuery, meta: RequestMeta): Promise<RunView> {
      const { run, round } = await runOf(actor, runId);
      const [{ names, titles }, runs] = await Promise.all([namesOf(round.id), repo.runs(round.id)]);
      const result = run.result;
      const withdrawn = new Set(run.input.students.filter((s) => s.withdrawn).map((s) => s.id));
      const forced = new Set(result.forcedStudents);
      const all: RunAssignment[] = Object.keys(result.assignment).map((id) => {
        const postId = result.assignment[id] ?? null;
        return { applicationId: id, name: names.get(id) ?? id, postId, postTitle: postId === null ? null : (titles.get(postId) ?? postId), choice: result.choice[id] ?? null, forced: forced.has(id), withdrawn: withdrawn.has(id) };
      });
      all.sort((a, b) => a.name.localeCompare(b.name, 'en') || byCodeUnit(a.applicationId, b.applicationId));
      const shown = all.filter((a) =>
        query.show === 'placed' ? a.postId !== null : query.show === 'unplaced' ? a.postId === null && !a.withdrawn : query.show === 'withdrawn' ? a.withdrawn : query.show === 'forced' ? a.forced : true,
      );
      const start = (query.page - 1) * RUN_PAGE_SIZE;
      const posts = run.input.posts
        .map((p) => {
          const placed = result.placed[p.id]?.length ?? 0;
          return { id: p.id, title: titles.get(p.id) ?? p.id, capacity: p.capacity, placed, empty: Math.max(0, p.capacity - placed) };
        })
        .sort((a, b) => a.title.localeCompare(b.title, 'en') || byCodeUnit(a.id, b.id));
      const constraints = result.constraints.map((c) => ({ ...c, studentName: names.get(c.studentId) ?? c.studentId, postTitle: titles.get(c.postId) ?? c.postId }));
      await record(actor, 'run_viewed', { type: 'allocation_run', id: run.id }, meta, { roundId: round.id, number: run.number });
      return {
        run,
        round,
        rerunOfNumber: run.rerunOf ? (runs.find((r) => r.id === run.rerunOf)?.number ?? null) : null,
        statistics: result.statistics,
        constraints,
        assignments: shown.slice(start, start + RUN_PAGE_SIZE),
        assignmentTotal: shown.length,
        query,
        pageSize: RUN_PAGE_SIZE,
        posts,
        otherRuns: runs.map((r) => r.number).filter((n) => n !== run.number),
      };
    },

    // The stored input run again with the current engine, compared with the stored result.
    async recompute(actor: Actor, runId: string, meta: RequestMeta): Promise<RecomputeView> {
      const { run, round } = await runOf(actor, runId);
      const now = toStoredResult(allocate(run.input));
      const { names, titles } = await namesOf(round.id);
      const students = differences(run.result, now, names, titles);
      const other = otherDifferences(run.result, now);
      const identical = students.length === 0 && other.length === 0;
      await record(actor, 'run_recomputed', { type: 'allocation_run', id: run.id }, meta, { roundId: round.id, number: run.number, identical, storedVersion: run.algorithmVersion, currentVersion: ALGORITHM_VERSION, studentsChanged: students.length });
      return { run, round, identical, storedVersion: run.algorithmVersion, currentVersion: ALGORITHM_VERSION, students, other };
    },

    // The students whose post differs between this run and run N of the same round.
    async compare(actor: Actor, runId: string, otherNumber: number, meta: RequestMeta): Promise<CompareView> {
      const { run, round } = await runOf(actor, runId);
      const other = await repo.findRunByNumber(round.id, otherNumber);
      if (!other) throw new NotFoundError();
      const { names, titles } = await namesOf(round.id);
      const students = differences(other.result, run.result, names, titles);
      await record(actor, 'runs_compared', { type: 'allocation_run', id: run.id }, meta, { roundId: round.id, number: run.number, with: other.number, studentsChanged: students.length });
      return { run, other, round, students };
    },
  };
  return service;
}

export type AllocationService = ReturnType<typeof createAllocationService>;
