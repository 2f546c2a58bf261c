// The demo at the selection stage (issue 5): a round parallel to the current one, the "Early intake",
// whose applications closed eight weeks before the seed time, taken all the way to offers. Demo
// students who hold a CV apply to its six posts; the partner's reviewers review every application K
// times (with one disagreement and one declared conflict), the partner admin fixes a shortlist per
// post, interviews took place in the offices' time zones, the panels scored them, the partner ranked
// its interviewed candidates (one "not appointable"), staff excluded one pair with a reason, and one
// allocation run computed by allocate() was published: every applicant has an outcome with its
// explanation, the placed ones an offer (some accepted, with their placement pending funding, one
// declined, the rest open until a week after the seed time).
//
// Deterministic given `now` (a seeded generator, not Math.random; ids aside); seeding again adds
// nothing once the round exists. Every time falls before `now`.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import type { Db } from './client.ts';
import { users } from '../modules/accounts/accounts.tables.ts';
import { agreements } from '../modules/agreements/agreements.tables.ts';
import { applicationChoices, applicationEvents, applicationFunding, applications, applicationSubmissions } from '../modules/applications/applications.tables.ts';
import { allocate, type AllocationInput } from '../modules/matching/deferred-acceptance.ts';
import { explainStudents } from '../modules/matching/explanations.ts';
import { allocationConstraints, allocationOutcomes, allocationRuns, offers, type OfferStatus } from '../modules/matching/matching.tables.ts';
import { toStoredResult } from '../modules/matching/stored-runs.ts';
import { offices } from '../modules/partners/partners.tables.ts';
import { placements } from '../modules/placements/placements.tables.ts';
import { checkEligibility } from '../modules/posts/eligibility.ts';
import { posts } from '../modules/posts/posts.tables.ts';
import { rounds } from '../modules/rounds/rounds.tables.ts';
import { weightedScore } from '../modules/selection/review-scores.ts';
import {
  interviewPanel,
  interviewScores,
  interviewSlots,
  postRankings,
  reviewConflicts,
  reviewerAssignments,
  reviews,
  rubricCriteria,
  selectionSettings,
  shortlistDecisions,
  shortlistEntries,
  type Recommendation,
} from '../modules/selection/selection.tables.ts';
import { factsOf } from '../modules/students/students.service.ts';
import { studentProfiles } from '../modules/students/students.tables.ts';
import { addDays, dayIn, zonedToUtc } from '../platform/time/zoned.ts';
import { demoRubric } from './seed-selection.ts';
import { choiceMotivation } from './seed-statements.ts';

export const SELECTION_STAGE_ROUND = 'Early intake';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// the partner's people who review and interview besides the demo accounts (fictional)
export const demoReviewers = [
  { name: 'Wanjiru Kamau', email: 'wanjiru.kamau@partner.example.org' },
  { name: 'Sébastien Morel', email: 'sebastien.morel@partner.example.org' },
  { name: 'Ana Tembe', email: 'ana.tembe@partner.example.org' },
  { name: 'Khamphone Sisavath', email: 'khamphone.sisavath@partner.example.org' },
] as const;
type ReviewerKey = 'lucas' | 'noor' | 'wanjiru' | 'sebastien' | 'ana' | 'khamphone';

interface StagePost {
  title: string;
  city: 'Geneva' | 'Nairobi' | 'Maputo' | 'Vientiane';
  places: number;
  months: number;
  sdgs: number[];
  // how many students want it, roughly
  appeal: number;
  reviewers: [ReviewerKey, ReviewerKey, ReviewerKey];
  description: string;
}

const stagePosts: StagePost[] = [
  { title: 'Displacement Tracking Intern', city: 'Nairobi', places: 2, months: 6, sdgs: [10, 16], appeal: 5, reviewers: ['wanjiru', 'noor', 'lucas'], description: 'Help the displacement tracking team turn field assessments into maps, dashboards and short updates for partners.' },
  { title: 'Migration Governance Intern', city: 'Geneva', places: 1, months: 6, sdgs: [10, 16, 17], appeal: 6, reviewers: ['sebastien', 'noor', 'lucas'], description: 'Support the policy team with briefings on regional migration agreements and the preparation of intergovernmental meetings.' },
  { title: 'Community Stabilisation Intern', city: 'Maputo', places: 2, months: 6, sdgs: [1, 11, 13], appeal: 4, reviewers: ['ana', 'noor', 'lucas'], description: 'Follow up community projects in areas hit by cyclones and displacement, with monitoring visits and short reports.' },
  { title: 'Labour Mobility Research Intern', city: 'Vientiane', places: 1, months: 6, sdgs: [8, 10], appeal: 3, reviewers: ['khamphone', 'noor', 'lucas'], description: 'Research recruitment practices and remittances along the labour migration corridors between Lao PDR and its neighbours.' },
  { title: 'Digital Communications Intern', city: 'Geneva', places: 1, months: 4, sdgs: [10, 17], appeal: 4, reviewers: ['sebastien', 'noor', 'wanjiru'], description: 'Write and edit web stories, produce short videos and help run the organisation’s social media campaigns.' },
  { title: 'Health Assessment Programme Intern', city: 'Nairobi', places: 1, months: 6, sdgs: [3, 10], appeal: 3, reviewers: ['wanjiru', 'noor', 'ana'], description: 'Support the migration health assessment programme: data quality checks, clinic schedules and reports to partners.' },
];

// what reviewers write, by the score they gave; no names (review is anonymised)
const reviewComments: Record<Recommendation, string[]> = {
  yes: [
    'A specific, well-argued case for this post. The examples from their project work map closely onto the duties, and the writing is clear and concise.',
    'Strong candidate. The statement shows they understand what the unit does and what they would bring; languages meet the requirement comfortably.',
    'Convincing motivation and relevant practice (volunteering and a placement). I would like to meet this candidate.',
    'Clear thinking and a mature tone throughout. Good knowledge of the subject from the course, applied to the post rather than listed.',
  ],
  maybe: [
    'Sound application with a real interest in the work, but the link between their experience and this post stays general.',
    'Good course background. The motivation for this office in particular is thin; worth an interview only if the list is short.',
    'Writes clearly, and the answers are relevant, though mostly about study rather than practice. A solid middle of the list.',
    'Some relevant experience, but the statement reads as if written for any internship. Languages fine.',
  ],
  no: [
    'The statement does not engage with this post’s work, and the experience described is far from the duties.',
    'Motivation is unclear and the answers are brief. Not a fit for this post at present.',
    'Little evidence of knowledge of the subject; the language requirement is only partly met.',
  ],
};

const interviewComments = [
  'Answered the scenario question with a clear plan and asked good questions about the team’s partners.',
  'Knowledgeable, but answers were long; less comfortable with the data exercise than the statement suggested.',
  'Warm and well prepared. Gave concrete examples of working under pressure with people from different backgrounds.',
  'Thoughtful about the ethics of working with displaced people; would need support with report writing at first.',
  'Confident and precise. The strongest answers on the unit’s current projects of the day.',
];

function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const clamp = (n: number) => Math.min(5, Math.max(1, Math.round(n)));
const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay());
function nextWeekday(day: string): string {
  let d = day;
  while (isWeekend(d)) d = addDays(d, 1);
  return d;
}

export interface SelectionStageOptions {
  now: Date;
  partnerId: string;
  staffUserId: string;
  passwordHash: string;
}

export interface SeededSelectionStage {
  roundId: string;
  applications: number;
  reviews: number;
  slots: number;
  offers: number;
}

export async function seedSelectionStage(db: Db, options: SelectionStageOptions): Promise<SeededSelectionStage | undefined> {
  const { now, partnerId, staffUserId, passwordHash } = options;
  const [agreement] = await db.select().from(agreements).where(eq(agreements.partnerId, partnerId)).orderBy(asc(agreements.createdAt)).limit(1);
  if (!agreement) return undefined;
  const [existing] = await db
    .select({ id: rounds.id })
    .from(rounds)
    .where(and(eq(rounds.agreementId, agreement.id), eq(rounds.name, SELECTION_STAGE_ROUND)));
  if (existing) return undefined;

  const rand = generator(20260415);
  const today = dayIn(now, 'Europe/London');
  const day = (offset: number) => addDays(today, offset);
  const london = (offset: number, time: string) => zonedToUtc(`${day(offset)}T${time}`, 'Europe/London') ?? new Date(`${day(offset)}T${time}:00Z`);

  // what the seed builds on: the partner's offices, its people, and the demo students holding a CV
  // and a statement in the current round
  const officeRows = await db.select().from(offices).where(eq(offices.organisationId, partnerId));
  const officeOf = (city: StagePost['city']) => {
    const office = officeRows.find((o) => o.city === city);
    if (!office) throw new Error(`The demo office in ${city} is missing`);
    return office;
  };
  const people = await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.organisationId, partnerId));
  const lucas = people.find((p) => p.email === 'lucas.ferreira@partner.example.org');
  const noor = people.find((p) => p.email === 'noor.haddad@partner.example.org');
  if (!lucas || !noor) throw new Error('The demo partner accounts are missing');
  const rowsOfStudents = await db
    .select({ userId: users.id, name: users.name, statement: applications.statement, cvFileId: applications.cvFileId, applicationId: applications.id, profile: studentProfiles })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.studentId))
    .innerJoin(studentProfiles, eq(studentProfiles.userId, users.id))
    .innerJoin(rounds, eq(rounds.id, applications.roundId))
    .where(and(eq(rounds.agreementId, agreement.id), isNotNull(applications.cvFileId), ne(applications.statement, ''), eq(users.isDemo, true)))
    .orderBy(asc(users.name), asc(users.email), asc(rounds.applicationsOpenAt));
  // one row per student (their earliest application in the agreement's rounds)
  const students = rowsOfStudents.filter((s, i) => rowsOfStudents.findIndex((x) => x.userId === s.userId) === i);
  // the post and city each statement names: its first choice in the other round
  const named =
    students.length === 0
      ? []
      : await db
          .select({ applicationId: applicationChoices.applicationId, title: posts.title, city: offices.city })
          .from(applicationChoices)
          .innerJoin(posts, eq(posts.id, applicationChoices.postId))
          .innerJoin(offices, eq(offices.id, posts.officeId))
          .where(and(eq(applicationChoices.rank, 1), inArray(applicationChoices.applicationId, students.map((s) => s.applicationId))));
  const funding = students.length === 0 ? [] : await db.select().from(applicationFunding).where(inArray(applicationFunding.applicationId, students.map((s) => s.applicationId)));

  // the round: applications closed eight weeks ago, review and interviews are over, offers are out
  const round = {
    id: randomUUID(),
    agreementId: agreement.id,
    name: SELECTION_STAGE_ROUND,
    timeZone: 'Europe/London',
    postsDueAt: london(-98, '17:00'),
    applicationsOpenAt: london(-84, '09:00'),
    applicationsCloseAt: london(-56, '17:00'),
    reviewUntil: day(-42),
    interviewsUntil: day(-14),
    offersBy: day(-3),
    preDepartureFrom: day(21),
    placementsFrom: day(60),
    placementsTo: day(240),
    maxChoices: 3,
    createdAt: london(-110, '10:00'),
    updatedAt: london(-110, '10:00'),
  };
  const postedAt = london(-100, '10:00');
  const postRows = stagePosts.map((p) => ({
    id: randomUUID(),
    roundId: round.id,
    organisationId: partnerId,
    officeId: officeOf(p.city).id,
    unitId: null,
    title: p.title,
    description: p.description,
    duties: '',
    requiredQualifications: 'Good written English. An interest in migration and development.',
    desirableQualifications: '',
    durationMonths: p.months,
    earliestStart: day(60),
    latestStart: day(90),
    places: p.places,
    levels: ['UG', 'PG', 'recent_graduate'] as ('UG' | 'PG' | 'recent_graduate')[],
    courses: [],
    minYear: null,
    languages: [],
    sdgs: p.sdgs,
    workingPattern: 'on_site' as const,
    status: 'published' as const,
    createdAt: postedAt,
    updatedAt: postedAt,
    submittedAt: postedAt,
    publishedAt: postedAt,
  }));
  const stageOf = new Map<string, StagePost>(postRows.map((row, i) => [row.id, stagePosts[i] as StagePost]));

  // the partner's reviewers: the two demo accounts and four more
  const newReviewers = demoReviewers
    .filter((r) => !people.some((p) => p.email === r.email))
    .map((r) => ({ id: randomUUID(), email: r.email, name: r.name, passwordHash, roles: ['partner_reviewer' as const], organisationId: partnerId, emailVerifiedAt: round.createdAt, isDemo: true, createdAt: round.createdAt, updatedAt: round.createdAt }));
  const idOf = (email: string) => people.find((p) => p.email === email)?.id ?? newReviewers.find((r) => r.email === email)?.id ?? '';
  const reviewerIds: Record<ReviewerKey, string> = {
    lucas: lucas.id,
    noor: noor.id,
    wanjiru: idOf(demoReviewers[0].email),
    sebastien: idOf(demoReviewers[1].email),
    ana: idOf(demoReviewers[2].email),
    khamphone: idOf(demoReviewers[3].email),
  };
  const assignedAt = new Date(round.applicationsCloseAt.getTime() + 2 * HOUR);
  const assignments = postRows.flatMap((post) => (stageOf.get(post.id)?.reviewers ?? []).map((key) => ({ postId: post.id, reviewerId: reviewerIds[key], assignedBy: lucas.id, assignedAt })));

  // the applications: each student ranks one to three posts they are eligible for, weighted by appeal
  const asOf = dayIn(round.applicationsCloseAt, round.timeZone);
  const openMs = round.applicationsOpenAt.getTime();
  const closeMs = round.applicationsCloseAt.getTime() - HOUR;
  const rows = {
    applications: [] as (typeof applications.$inferInsert)[],
    choices: [] as (typeof applicationChoices.$inferInsert)[],
    events: [] as (typeof applicationEvents.$inferInsert)[],
    submissions: [] as (typeof applicationSubmissions.$inferInsert)[],
    funding: [] as (typeof applicationFunding.$inferInsert)[],
  };
  const applicants: { applicationId: string; studentId: string; name: string; choices: string[]; submittedAt: Date; quality: number }[] = [];
  for (const [index, s] of students.slice(0, 34).entries()) {
    const facts = factsOf(s.profile, today);
    const eligible = postRows.filter((p) => checkEligibility(facts, { levels: p.levels, courses: p.courses, minYear: p.minYear, languages: p.languages }, asOf).eligible);
    const wanted: typeof postRows = [];
    const count = 1 + Math.floor(rand() * 3);
    const pool = [...eligible];
    while (wanted.length < count && pool.length > 0) {
      const total = pool.reduce((n, p) => n + (stageOf.get(p.id)?.appeal ?? 1), 0);
      let pick = rand() * total;
      const chosen = pool.find((p) => (pick -= stageOf.get(p.id)?.appeal ?? 1) < 0) ?? (pool[0] as (typeof postRows)[number]);
      wanted.push(chosen);
      pool.splice(pool.indexOf(chosen), 1);
    }
    if (wanted.length === 0 || !s.cvFileId) continue;
    const applicationId = randomUUID();
    // the statement, written for this round's first choice
    const before = named.find((x) => x.applicationId === s.applicationId);
    const first = wanted[0] as (typeof postRows)[number];
    const statement = before ? s.statement.split(before.title).join(first.title).split(before.city).join(stageOf.get(first.id)?.city ?? before.city) : s.statement;
    const started = new Date(openMs + Math.round((0.05 + rand() * 0.4) * (closeMs - openMs)));
    const saved = new Date(started.getTime() + Math.round((0.1 + rand() * 0.3) * (closeMs - started.getTime())));
    const submittedAt = new Date(saved.getTime() + Math.round((0.2 + rand() * 0.75) * (closeMs - saved.getTime())));
    const choiceRows = wanted.map((p, i) => ({ applicationId, rank: i + 1, postId: p.id, motivation: (index + i) % 4 === 3 ? '' : choiceMotivation(index + i + 1, p.title, stageOf.get(p.id)?.city ?? '') }));
    rows.applications.push({ id: applicationId, roundId: round.id, studentId: s.userId, status: 'submitted', statement, submittedAt, cvFileId: s.cvFileId, createdAt: started, updatedAt: submittedAt });
    rows.choices.push(...choiceRows);
    rows.events.push({ applicationId, at: started, kind: 'started' }, { applicationId, at: saved, kind: 'saved' }, { applicationId, at: submittedAt, kind: 'submitted' });
    rows.submissions.push({
      applicationId,
      submittedAt,
      snapshot: { statement, choices: choiceRows.map((c) => ({ rank: c.rank, postId: c.postId, title: wanted[c.rank - 1]?.title ?? '', motivation: c.motivation })), answers: [], cvFileId: s.cvFileId },
    });
    const money = funding.find((f) => f.applicationId === s.applicationId);
    if (money) rows.funding.push({ applicationId, answers: money.answers, updatedAt: submittedAt });
    applicants.push({ applicationId, studentId: s.userId, name: s.name, choices: wanted.map((p) => p.id), submittedAt, quality: 1.8 + rand() * 3 });
  }
  if (applicants.length === 0) throw new Error('No demo student can apply to the early intake');

  // review: K = 2 submitted reviews per application and post, by the post's reviewers
  const criteria = demoRubric;
  const reviewWindow = { from: round.applicationsCloseAt.getTime() + DAY, to: zonedToUtc(`${round.reviewUntil}T12:00`, 'Europe/London')?.getTime() ?? now.getTime() };
  const reviewRows: (typeof reviews.$inferInsert)[] = [];
  const conflictRows: (typeof reviewConflicts.$inferInsert)[] = [];
  const pairs = applicants.flatMap((a) => a.choices.map((postId) => ({ a, postId })));
  // per application and post: the reviewers' weighted means, for the shortlist
  const reviewMeans = new Map<string, number[]>();
  let disagreementMade = false;
  const criterionIds: string[] = criteria.map((): string => randomUUID());
  // one reviewer knows a candidate of the first post: she declares it before reviewing, and the post's
  // other reviewers take the application (for every post it ranks: a conflict is on the application)
  const firstPost = postRows[0]?.id ?? '';
  const knownCandidate = applicants.find((a) => a.choices.includes(firstPost));
  const declaredBy = reviewerIds[stagePosts[0]?.reviewers[0] ?? 'wanjiru'];
  if (knownCandidate) {
    conflictRows.push({
      applicationId: knownCandidate.applicationId,
      reviewerId: declaredBy,
      reason: 'I supervised this student’s summer volunteering project at a refugee support charity last year.',
      declaredAt: new Date(reviewWindow.from + 6 * HOUR),
    });
  }
  for (const [n, { a, postId }] of pairs.entries()) {
    const stage = stageOf.get(postId) as StagePost;
    // the demo reviewer reviews every application to her posts (her queue then holds only the current
    // round's), with one of the post's two other reviewers in turn
    const others = stage.reviewers.filter((key) => key !== 'noor').map((key) => reviewerIds[key]).filter((id) => !(a === knownCandidate && id === declaredBy));
    const chosen = [noor.id, others[n % others.length] ?? lucas.id];
    const means: number[] = [];
    for (const [r, reviewerId] of chosen.entries()) {
      const bias = r === 0 ? 0.2 : -0.2;
      const scores: Record<string, number> = {};
      for (const id of criterionIds) scores[id] = clamp(a.quality + bias + (rand() - 0.5) * 1.2);
      // one pair of reviewers disagrees sharply on motivation
      if (!disagreementMade && r === 1 && n % 7 === 3) {
        const first = reviewRows.at(-1)?.scores?.[criterionIds[0] as string] ?? 3;
        scores[criterionIds[0] as string] = first >= 3 ? first - 2 : first + 2;
        disagreementMade = true;
      }
      const mean = weightedScore(
        criteria.map((c, i) => ({ id: criterionIds[i] as string, weight: c.weight })),
        { scores },
      ) as number;
      means.push(mean);
      const recommendation: Recommendation = mean >= 3.8 ? 'yes' : mean >= 2.8 ? 'maybe' : 'no';
      const comments = reviewComments[recommendation];
      const at = new Date(reviewWindow.from + Math.round(rand() * (reviewWindow.to - reviewWindow.from)));
      reviewRows.push({ applicationId: a.applicationId, postId, reviewerId, scores, comment: comments[(n + r) % comments.length] ?? '', recommendation, submittedAt: at, updatedAt: at });
    }
    reviewMeans.set(`${a.applicationId} ${postId}`, means);
  }

  // ties are broken by the students' order (by name), not by the random ids, so the story is the same
  // at every seeding
  const order = new Map(applicants.map((a, i) => [a.applicationId, i]));
  const byStudent = (x: string, y: string) => (order.get(x) ?? 0) - (order.get(y) ?? 0);

  // shortlists: per post, the best-reviewed candidates (places + 2 at most), fixed when review ended
  const fixedAt = zonedToUtc(`${round.reviewUntil}T16:00`, 'Europe/London') ?? now;
  const meanOf = (applicationId: string, postId: string) => {
    const m = reviewMeans.get(`${applicationId} ${postId}`) ?? [];
    return m.reduce((x, y) => x + y, 0) / Math.max(1, m.length);
  };
  const shortlists = new Map<string, string[]>();
  for (const post of postRows) {
    const candidates = applicants.filter((a) => a.choices.includes(post.id)).map((a) => a.applicationId);
    const ranked = [...candidates].sort((x, y) => meanOf(y, post.id) - meanOf(x, post.id) || byStudent(x, y));
    shortlists.set(post.id, ranked.slice(0, Math.min(ranked.length, post.places + 2)));
  }
  const entryRows = [...shortlists].flatMap(([postId, ids]) => ids.map((applicationId) => ({ postId, applicationId, addedBy: lucas.id, addedAt: new Date(fixedAt.getTime() - 3 * HOUR) })));
  const decisionRows = [...shortlists].filter(([, ids]) => ids.length > 0).map(([postId]) => ({ postId, fixedBy: lucas.id, fixedAt }));

  // interviews: one more slot than candidates per post, on weekdays, at office hours in the office's zone
  const slotRows: (typeof interviewSlots.$inferInsert)[] = [];
  const panelRows: (typeof interviewPanel.$inferInsert)[] = [];
  const interviewRows: (typeof interviewScores.$inferInsert)[] = [];
  const interviewed = new Map<string, { applicationId: string; mean: number }[]>();
  const times = ['09:30', '11:00', '14:30'];
  // Lucas sits on every panel, so each post's interviews start on the weekday after the last of the
  // previous post's: nobody is on two interviews at once (the partner's form refuses that)
  let nextDay = nextWeekday(addDays(round.reviewUntil, 7));
  for (const [p, post] of postRows.entries()) {
    const stage = stageOf.get(post.id) as StagePost;
    const office = officeOf(stage.city);
    const listed = shortlists.get(post.id) ?? [];
    const panel = [lucas.id, reviewerIds[stage.reviewers[0]]];
    let interviewDay = nextDay;
    const done: { applicationId: string; mean: number }[] = [];
    for (let i = 0; i < listed.length + 1; i++) {
      if (i > 0 && i % times.length === 0) interviewDay = nextWeekday(addDays(interviewDay, 1));
      const startsAt = zonedToUtc(`${interviewDay}T${times[i % times.length] ?? '10:00'}`, office.timeZone) ?? now;
      const inPerson = office.address !== '' && i % 2 === 1;
      const applicationId = listed[i] ?? null;
      const slotId = randomUUID();
      const bookedAt = applicationId ? new Date(fixedAt.getTime() + (1 + i) * 5 * HOUR) : null;
      slotRows.push({
        id: slotId,
        postId: post.id,
        startsAt,
        minutes: 45,
        kind: inPerson ? 'in_person' : 'video',
        location: inPerson ? `${office.address} (reception, ask for the internship focal point)` : `https://meet.example.org/iom-${stage.city.toLowerCase()}-${p + 1}${i + 1}`,
        applicationId,
        bookedAt,
        // the second candidate moved their interview once
        sequence: applicationId && i === 1 ? 1 : 0,
        createdBy: lucas.id,
        createdAt: new Date(fixedAt.getTime() - HOUR),
        updatedAt: bookedAt ?? new Date(fixedAt.getTime() - HOUR),
      });
      for (const memberId of panel) panelRows.push({ slotId, memberId });
      if (!applicationId) continue;
      const quality = applicants.find((a) => a.applicationId === applicationId)?.quality ?? 3;
      const means: number[] = [];
      for (const [m, memberId] of panel.entries()) {
        const scores: Record<string, number> = {};
        for (const id of criterionIds) scores[id] = clamp(quality + (rand() - 0.5) * 2);
        means.push(weightedScore(criteria.map((c, k) => ({ id: criterionIds[k] as string, weight: c.weight })), { scores }) ?? 3);
        const at = new Date(startsAt.getTime() + (2 + m) * HOUR);
        interviewRows.push({ postId: post.id, applicationId, memberId, scores, comment: interviewComments[(p + i + m) % interviewComments.length] ?? '', submittedAt: at, updatedAt: at });
      }
      done.push({ applicationId, mean: means.reduce((x, y) => x + y, 0) / means.length });
    }
    interviewed.set(post.id, done);
    nextDay = nextWeekday(addDays(interviewDay, 1));
  }

  // rankings: the interviewed candidates by their panel's scores; on the busiest post the last one is
  // not appointable
  const rankedAt = zonedToUtc(`${round.interviewsUntil}T15:00`, 'Europe/London') ?? now;
  const busiest = [...interviewed].sort((x, y) => y[1].length - x[1].length || postRows.findIndex((p) => p.id === x[0]) - postRows.findIndex((p) => p.id === y[0]))[0]?.[0];
  const rankingRows: (typeof postRankings.$inferInsert)[] = [];
  const rankings = new Map<string, string[]>();
  for (const [postId, done] of interviewed) {
    const order = [...done].sort((x, y) => y.mean - x.mean || byStudent(x.applicationId, y.applicationId)).map((d) => d.applicationId);
    const notAppointable = postId === busiest && order.length > 1 ? order.pop() : undefined;
    rankings.set(postId, order);
    order.forEach((applicationId, i) => rankingRows.push({ postId, applicationId, position: i + 1, notAppointable: false, rankedBy: lucas.id, rankedAt }));
    if (notAppointable) rankingRows.push({ postId, applicationId: notAppointable, position: null, notAppointable: true, rankedBy: lucas.id, rankedAt });
  }

  // staff exclude one pair: the top candidate of the second post, for a stated reason
  const runAt = new Date(now.getTime() - 3 * DAY);
  const excludedPost = postRows[1]?.id ?? '';
  const excludedApplication = rankings.get(excludedPost)?.[0];
  const constraintRows: (typeof allocationConstraints.$inferInsert)[] = excludedApplication
    ? [
        {
          roundId: round.id,
          kind: 'excluded',
          applicationId: excludedApplication,
          postId: excludedPost,
          reason: 'A close family member of the student works in this unit; the partner’s conflict-of-interest policy rules the placement out. Agreed with the focal point.',
          createdBy: staffUserId,
          createdAt: new Date(runAt.getTime() - 2 * HOUR),
        },
      ]
    : [];

  // the allocation: every applicant's ranked choices, the partner's rankings, the constraint
  const input: AllocationInput = {
    students: [...applicants].sort((x, y) => (x.applicationId < y.applicationId ? -1 : 1)).map((a) => ({ id: a.applicationId, preferences: a.choices })),
    posts: [...postRows].sort((x, y) => (x.id < y.id ? -1 : 1)).map((p) => ({ id: p.id, capacity: p.places, ranking: rankings.get(p.id) ?? [] })),
    forced: [],
    excluded: constraintRows.map((c) => ({ studentId: c.applicationId, postId: c.postId, reason: c.reason })),
  };
  const started = performance.now();
  const result = allocate(input);
  const computeMs = Math.max(1, Math.round(performance.now() - started));
  const runId = randomUUID();
  const publishedAt = new Date(now.getTime() - 2 * DAY);
  const respondBy = new Date(now.getTime() + 7 * DAY);
  const explanations = new Map(explainStudents(input, result).map((e) => [e.studentId, e]));
  const outcomeRows = applicants.map((a) => {
    const explanation = explanations.get(a.applicationId);
    if (!explanation) throw new Error('An applicant has no explanation');
    return { runId, applicationId: a.applicationId, postId: result.assignment.get(a.applicationId) ?? null, choice: result.choice.get(a.applicationId) ?? null, explanation, notifiedAt: publishedAt };
  });

  // offers for the placed: the first ones accepted (placements pending funding), one declined, the rest open
  const placed = [...result.assignment].filter((e): e is [string, string] => e[1] !== null).sort((x, y) => byStudent(x[0], y[0]));
  const offerRows: (typeof offers.$inferInsert)[] = [];
  const placementRows: (typeof placements.$inferInsert)[] = [];
  for (const [i, [applicationId, postId]] of placed.entries()) {
    const applicant = applicants.find((a) => a.applicationId === applicationId);
    if (!applicant) continue;
    const status: OfferStatus = i < 3 ? 'accepted' : i === 3 ? 'declined' : 'open';
    const respondedAt = status === 'open' ? null : new Date(publishedAt.getTime() + (5 + i * 4) * HOUR);
    const offerId = randomUUID();
    offerRows.push({
      id: offerId,
      roundId: round.id,
      runId,
      applicationId,
      studentId: applicant.studentId,
      postId,
      status,
      respondBy,
      sentAt: publishedAt,
      respondedAt,
      declineReason: status === 'declined' ? 'I have accepted a research assistant post at the university for the same months.' : null,
    });
    if (status === 'accepted' && respondedAt) placementRows.push({ roundId: round.id, postId, applicationId, studentId: applicant.studentId, offerId, status: 'pending_funding', createdAt: respondedAt, updatedAt: respondedAt });
  }

  // one transaction: the round is there with everything or not at all
  await db.transaction(async (tx) => {
    await tx.insert(rounds).values(round);
    await tx.insert(posts).values(postRows);
    if (newReviewers.length > 0) await tx.insert(users).values(newReviewers);
    await tx.insert(reviewerAssignments).values(assignments);
    await tx.insert(applications).values(rows.applications);
    await tx.insert(applicationChoices).values(rows.choices);
    await tx.insert(applicationEvents).values(rows.events);
    await tx.insert(applicationSubmissions).values(rows.submissions);
    if (rows.funding.length > 0) await tx.insert(applicationFunding).values(rows.funding);
    // the round's settings and rubric, as for the current round (seed-selection.ts)
    await tx.insert(selectionSettings).values({ roundId: round.id, reviewsPerApplication: 2, anonymised: true, updatedAt: round.createdAt });
    await tx.insert(rubricCriteria).values(
      criteria.map((c, i) => ({ id: criterionIds[i], roundId: round.id, position: i + 1, name: c.name, description: c.description, weight: c.weight, descriptors: [...c.descriptors], createdAt: round.createdAt, updatedAt: round.createdAt })),
    );
    await tx.insert(reviews).values(reviewRows);
    if (conflictRows.length > 0) await tx.insert(reviewConflicts).values(conflictRows);
    if (entryRows.length > 0) await tx.insert(shortlistEntries).values(entryRows);
    if (decisionRows.length > 0) await tx.insert(shortlistDecisions).values(decisionRows);
    await tx.insert(interviewSlots).values(slotRows);
    await tx.insert(interviewPanel).values(panelRows);
    if (interviewRows.length > 0) await tx.insert(interviewScores).values(interviewRows);
    if (rankingRows.length > 0) await tx.insert(postRankings).values(rankingRows);
    if (constraintRows.length > 0) await tx.insert(allocationConstraints).values(constraintRows);
    await tx.insert(allocationRuns).values({
      id: runId,
      roundId: round.id,
      number: 1,
      algorithmVersion: result.algorithmVersion,
      input,
      result: toStoredResult(result),
      computeMs,
      runBy: staffUserId,
      runAt,
      publishedBy: staffUserId,
      publishedAt,
      respondBy,
    });
    await tx.insert(allocationOutcomes).values(outcomeRows);
    if (offerRows.length > 0) await tx.insert(offers).values(offerRows);
    if (placementRows.length > 0) await tx.insert(placements).values(placementRows);
  });
  return { roundId: round.id, applications: applicants.length, reviews: reviewRows.length, slots: slotRows.length, offers: offerRows.length };
}
