import type { Db } from '../../db/client.ts';
import { ForbiddenError } from '../../platform/auth/access.ts';
import { hasAnyRole, type Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import { toCsv } from '../../platform/exports/csv.ts';
import { NotFoundError } from '../../platform/http/not-found.ts';
import { dayIn, localInputValue } from '../../platform/time/zoned.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { checkEligibility, levels, type Eligibility, type PostRequirements, type StudentFacts } from '../posts/eligibility.ts';
import type { RoundView } from '../rounds/rounds.service.ts';
import { factsOf } from '../students/students.service.ts';
import type { ApplicationStatus } from './applications.tables.ts';
import type { OverrideForm, StaffLevel, StaffListQuery } from './staff-applications.input.ts';
import { staffLevelNames } from './staff-applications.input.ts';
import type { OverrideRow, StaffApplicationDetailRow, StaffApplicationRow, StaffApplicationsRepo, StaffChoiceRow } from './staff-applications.repo.ts';
import { describeEligibility, effective, overridesInForce, ROUND_KEY, type EffectiveEligibility } from './staff-eligibility.ts';

export const STAFF_PAGE_SIZE = 50;

export interface RequestMeta {
  ip: string;
}

export interface StaffRoundsSource {
  findById(id: string): Promise<RoundView | undefined>;
}

export interface StaffChoice {
  rank: number;
  postId: string;
  title: string;
  postStatus: StaffChoiceRow['postStatus'];
  motivation: string;
  result: EffectiveEligibility;
}

export interface StaffApplicationItem<R extends StaffApplicationRow = StaffApplicationRow> {
  row: R;
  // null: no study details on the profile
  level: StaffLevel | null;
  round: EffectiveEligibility;
  choices: StaffChoice[];
  // the round-level result and at least one ranked post (when any is ranked), after overrides
  eligible: boolean;
  overridden: boolean;
}

export interface StaffListResult {
  round: RoundView;
  items: StaffApplicationItem[];
  total: number;
  // every application of the round, before filters
  all: number;
  posts: { id: string; title: string }[];
  courses: string[];
  pageSize: number;
}

export interface StaffDetail {
  round: RoundView;
  item: StaffApplicationItem<StaffApplicationDetailRow>;
  answers: { questionId: string; prompt: string; kind: string; value: string }[];
  funding: { answers: Record<string, string>; updatedAt: Date } | undefined;
  events: { id: number; at: Date; kind: string }[];
  submissions: { id: number; submittedAt: Date; snapshot: { choices: { rank: number; title: string }[] } }[];
  history: OverrideRow[];
  asOf: string;
}

export type OverrideResult = { ok: true } | { ok: false; errors: FieldErrors };

const NO_PROFILE = 'The student has not added their study details to their profile, so eligibility cannot be checked.';
const statusOrder: Record<ApplicationStatus, number> = { submitted: 0, draft: 1, withdrawn: 2 };
export const statusNames: Record<ApplicationStatus, string> = { draft: 'Draft', submitted: 'Submitted', withdrawn: 'Withdrawn' };

const byText = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' });

export function createStaffApplicationsService(deps: { db: Db; repo: StaffApplicationsRepo; clock: Clock; audit: AuditLog; rounds: StaffRoundsSource }) {
  const { db, repo, clock, audit, rounds } = deps;

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

  // the round's deadline decides "recent graduate", as for the student
  const asOfDay = (round: RoundView) => dayIn(round.applicationsCloseAt, round.timeZone);

  function assemble<R extends StaffApplicationRow>(row: R, choiceRows: StaffChoiceRow[], history: OverrideRow[], round: RoundView): StaffApplicationItem<R> {
    const asOf = asOfDay(round);
    const facts: StudentFacts | null = row.profile ? factsOf(row.profile, clock().toISOString().slice(0, 10)) : null;
    const assessed = assessEligibility(facts, choiceRows, history, asOf);
    const roundResult = assessed.round;
    const choices: StaffChoice[] = choiceRows.map((c, i) => ({
      rank: c.rank,
      postId: c.postId,
      title: c.title,
      postStatus: c.postStatus,
      motivation: c.motivation,
      result: assessed.choices[i] as EffectiveEligibility,
    }));
    const graduate = facts?.graduatedOn != null && facts.graduatedOn <= asOf;
    return {
      row,
      level: facts ? (graduate ? 'graduate' : facts.studyLevel) : null,
      round: roundResult,
      choices,
      eligible: roundResult.eligible && (choices.length === 0 || choices.some((c) => c.result.eligible)),
      overridden: roundResult.override !== undefined || choices.some((c) => c.result.override !== undefined),
    };
  }

  async function everything(round: RoundView): Promise<StaffApplicationItem[]> {
    const [rows, choiceRows, history] = await Promise.all([repo.listForRound(round.id), repo.choicesForRound(round.id), repo.overridesForRound(round.id)]);
    const choicesBy = groupBy(choiceRows, (c) => c.applicationId);
    const historyBy = groupBy(history, (o) => o.applicationId);
    return rows.map((row) => assemble(row, choicesBy.get(row.id) ?? [], historyBy.get(row.id) ?? [], round));
  }

  function filterAndSort(items: StaffApplicationItem[], query: Omit<StaffListQuery, 'page'>): StaffApplicationItem[] {
    const course = query.course?.toLowerCase();
    const kept = items.filter(
      (i) =>
        (!query.status || i.row.status === query.status) &&
        (!query.post || i.choices.some((c) => c.postId === query.post)) &&
        (!course || i.row.profile?.course.toLowerCase() === course) &&
        (!query.level || i.level === query.level) &&
        (!query.eligibility || (query.eligibility === 'overridden' ? i.overridden : query.eligibility === 'eligible' ? i.eligible : !i.eligible)),
    );
    const sign = query.dir === 'desc' ? -1 : 1;
    const compare = (a: StaffApplicationItem, b: StaffApplicationItem): number => {
      switch (query.sort) {
        case 'submitted': {
          // never submitted: last, whichever the direction
          const x = a.row.submittedAt?.getTime();
          const y = b.row.submittedAt?.getTime();
          if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
          return sign * (x - y);
        }
        case 'status':
          return sign * (statusOrder[a.row.status] - statusOrder[b.row.status]);
        case 'course': {
          const x = a.row.profile?.course;
          const y = b.row.profile?.course;
          if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
          return sign * byText(x, y);
        }
        default:
          return sign * byText(a.row.name, b.row.name);
      }
    };
    // ties: by name, then by id, so that pages never overlap
    return kept.sort((a, b) => compare(a, b) || byText(a.row.name, b.row.name) || (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0));
  }

  function resultCell(result: EffectiveEligibility, timeZone: string): string {
    return describeEligibility(result, timeZone);
  }

  return {
    // The allocation's students: every submitted or withdrawn application of the round (in id order), its
    // ranked posts in order, and those it is not eligible for: the round-level result or the post's,
    // after overrides, as on the staff pages.
    async allocationApplicants(actor: Actor, roundId: string): Promise<AllocationApplicant[]> {
      const round = await roundOf(actor, roundId);
      const [rows, requirements, history] = await Promise.all([repo.allocationApplicants(round.id), repo.requirementsOfRound(round.id), repo.overridesForRound(round.id)]);
      const asOf = asOfDay(round);
      const today = clock().toISOString().slice(0, 10);
      const byPost = new Map(requirements.map((r) => [r.postId, r]));
      const historyBy = groupBy(history, (o) => o.applicationId);
      return rows.map((row) => {
        const facts = row.profile ? factsOf(row.profile, today) : null;
        const choices = row.posts.flatMap((postId) => byPost.get(postId) ?? []);
        const assessed = assessEligibility(facts, choices, historyBy.get(row.id) ?? [], asOf);
        const notEligibleFor = choices.filter((_, i) => !assessed.round.eligible || !assessed.choices[i]?.eligible).map((c) => c.postId);
        return { id: row.id, status: row.status, preferences: row.posts, notEligibleFor };
      });
    },

    async list(actor: Actor, roundId: string, query: StaffListQuery): Promise<StaffListResult> {
      const round = await roundOf(actor, roundId);
      const [items, posts] = await Promise.all([everything(round), repo.postsOfRound(round.id)]);
      const kept = filterAndSort(items, query);
      const start = (query.page - 1) * STAFF_PAGE_SIZE;
      const courses = [...new Set(items.flatMap((i) => (i.row.profile ? [i.row.profile.course] : [])))].sort(byText);
      return { round, items: kept.slice(start, start + STAFF_PAGE_SIZE), total: kept.length, all: items.length, posts, courses, pageSize: STAFF_PAGE_SIZE };
    },

    async detail(actor: Actor, roundId: string, applicationId: string): Promise<StaffDetail> {
      const round = await roundOf(actor, roundId);
      // an application of another round is not found here
      const row = await repo.findInRound(round.id, applicationId);
      if (!row) throw new NotFoundError();
      const [choiceRows, history, answers, funding, events, submissions] = await Promise.all([
        repo.choicesOf(row.id),
        repo.overridesOf(row.id),
        repo.answersOf(row.id),
        repo.fundingOf(row.id),
        repo.eventsOf(row.id),
        repo.submissionsOf(row.id),
      ]);
      return {
        round,
        item: assemble(row, choiceRows, history, round),
        answers,
        funding: funding ? { answers: Object.fromEntries(Object.entries(funding.answers).filter((e): e is [string, string] => typeof e[1] === 'string')), updatedAt: funding.updatedAt } : undefined,
        events,
        submissions,
        history,
        asOf: asOfDay(round),
      };
    },

    // A staff decision that replaces the computed result of the round level or of one ranked post.
    async override(actor: Actor, roundId: string, applicationId: string, form: OverrideForm, meta: RequestMeta): Promise<OverrideResult> {
      const round = await roundOf(actor, roundId);
      const row = await repo.findInRound(round.id, applicationId);
      if (!row) throw new NotFoundError();
      const choices = await repo.choicesOf(row.id);
      const postId = form.target === 'round' ? null : form.target;
      if (postId !== null && !choices.some((c) => c.postId === postId)) return { ok: false, errors: { target: 'Choose the round or one of the posts this application ranks' } };
      const history = await repo.overridesOf(row.id);
      if (form.decision === 'remove' && !overridesInForce(history).has(postId ?? ROUND_KEY)) {
        return { ok: false, errors: { decision: 'There is no override to remove for this result. Choose eligible or not eligible' } };
      }
      const eligible = form.decision === 'remove' ? null : form.decision === 'eligible';
      const now = clock();
      await db.transaction(async (tx) => {
        await repo.insertOverride({ applicationId: row.id, postId, eligible, reason: form.reason, decidedBy: actor.id, decidedAt: now }, tx);
        // the decision, not the reason: the reason may be personal and stays with the application
        await audit.record(
          { actorId: actor.id, actorLabel: actor.email, action: 'application.eligibility_overridden', subjectType: 'application', subjectId: row.id, ip: meta.ip, details: { roundId: round.id, postId, decision: form.decision } },
          tx,
        );
      });
      return { ok: true };
    },

    // One row per application, with the list's filters and order; every cell neutralised.
    async exportCsv(actor: Actor, roundId: string, query: StaffListQuery): Promise<{ filename: string; body: string }> {
      const round = await roundOf(actor, roundId);
      const items = filterAndSort(await everything(round), query);
      const zone = round.timeZone;
      const header = [
        'application id',
        'student name',
        'email',
        'student number',
        'course',
        'level',
        'year of study',
        'status',
        `submitted at (${zone})`,
        'choices',
        'eligible',
        'overridden',
        'round eligibility',
        'eligibility of choices',
      ];
      const rows = items.map((i) => [
        i.row.id,
        i.row.name,
        i.row.email,
        i.row.profile?.studentNumber ?? '',
        i.row.profile?.course ?? '',
        i.level ? staffLevelNames[i.level] : '',
        i.row.profile ? String(i.row.profile.yearOfStudy) : '',
        statusNames[i.row.status],
        i.row.submittedAt ? localInputValue(i.row.submittedAt, zone).replace('T', ' ') : '',
        i.choices.map((c) => `${c.rank}. ${c.title}`).join('; '),
        i.eligible ? 'yes' : 'no',
        i.overridden ? 'yes' : 'no',
        resultCell(i.round, zone),
        i.choices.map((c) => `${c.rank}. ${c.title}: ${resultCell(c.result, zone)}`).join(' | '),
      ]);
      const slug = round.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'round';
      return { filename: `applications-${slug}.csv`, body: toCsv(header, rows) };
    },
  };
}

export interface AllocationApplicant {
  id: string;
  status: 'submitted' | 'withdrawn';
  preferences: string[];
  notEligibleFor: string[];
}

// One application's eligibility as staff see it: the rules that do not depend on a post (enrolled, or
// graduated within 12 months), then each ranked post on what depends on the post; each after the
// override in force.
export function assessEligibility(
  facts: StudentFacts | null,
  choices: readonly (PostRequirements & { postId: string })[],
  history: readonly OverrideRow[],
  asOf: string,
): { round: EffectiveEligibility; choices: EffectiveEligibility[] } {
  const check = (requirements: PostRequirements): Eligibility => (facts ? checkEligibility(facts, requirements, asOf) : { eligible: false, reasons: [NO_PROFILE] });
  const inForce = overridesInForce(history);
  const round = effective(check({ levels, courses: [], minYear: null, languages: [] }), inForce.get(ROUND_KEY));
  return {
    round,
    choices: choices.map((c) => effective(postOnly(check({ levels: c.levels, courses: c.courses, minYear: c.minYear, languages: c.languages }), round.computed), inForce.get(c.postId))),
  };
}

// A post's result names only what depends on the post: the round-level rules are named, and
// overridden, once for the round.
function postOnly(result: Eligibility, round: Eligibility): Eligibility {
  const reasons = result.reasons.filter((r) => !round.reasons.includes(r));
  return { eligible: reasons.length === 0, reasons };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

export type StaffApplicationsService = ReturnType<typeof createStaffApplicationsService>;
