import type { Db } from '../../db/client.ts';
import { hasAnyRole, type Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FileService, StoredFile } from '../../platform/files/file-service.ts';
import type { UploadedFile } from '../../platform/files/uploads.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import { NotFoundError } from '../../platform/http/not-found.ts';
import type { Outbox } from '../../platform/mail/outbox.ts';
import { dayIn } from '../../platform/time/zoned.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { formatDateTime } from '../../platform/views/DateTime.tsx';
import { checkEligibility, levels, type LanguageRequirement, type Level, type StudentFacts } from '../posts/eligibility.ts';
import type { RoundQuestion } from '../rounds/round-questions.service.ts';
import type { RoundView } from '../rounds/rounds.service.ts';
import { countWords, MOTIVATION_WORD_LIMIT, type ApplicationForm } from './applications.input.ts';
import type { Application, ApplicationChoice, ApplicationEvent, ApplicationsRepo, ApplicationSubmission } from './applications.repo.ts';
import type { FundingAnswers } from './applications.tables.ts';
import { scheduleDeadlineReminders } from './deadline-reminders.ts';
import { ROUND_LEVEL, type EligibilityOverride } from './eligibility-overrides.repo.ts';
import { missingFunding, parseFunding } from './funding-questions.ts';
import { overridesInForce } from './staff-eligibility.ts';
import { missingAnswers, parseAnswers, type Answers } from './round-answers.ts';

// a published post of the round, as a choice and for eligibility
export interface RoundPost {
  id: string;
  title: string;
  levels: readonly Level[];
  courses: readonly string[];
  minYear: number | null;
  languages: readonly LanguageRequirement[];
}

export interface RequestMeta {
  ip: string;
}

export interface RoundsSource {
  findById(id: string, exec?: Db): Promise<RoundView | undefined>;
}

export interface PostsSource {
  publishedInRound(roundId: string): Promise<RoundPost[]>;
}

export interface FactsSource {
  eligibilityFacts(actor: Actor | null): Promise<StudentFacts | null>;
}

export interface QuestionsSource {
  listForRound(roundId: string, exec?: Db): Promise<RoundQuestion[]>;
}

export interface OverridesSource {
  inForce(applicationId: string): Promise<Map<string, EligibilityOverride>>;
}

export interface ChoiceView extends ApplicationChoice {
  title: string;
  // null: no profile to check against
  reasons: string[] | null;
}

export interface ApplicationView {
  application: Application;
  round: RoundView;
  posts: RoundPost[];
  choices: ChoiceView[];
  events: ApplicationEvent[];
  submissions: ApplicationSubmission[];
  questions: RoundQuestion[];
  answers: Answers;
  funding: FundingAnswers;
  cv: StoredFile | undefined;
  statementWords: number;
  // what is still missing before the application can be submitted
  missing: string[];
  hasProfile: boolean;
  beforeDeadline: boolean;
  now: Date;
}

export type SaveResult =
  | { ok: true; submitted: boolean }
  | { ok: false; reason: 'invalid'; errors: FieldErrors }
  | { ok: false; reason: 'incomplete'; problems: string[]; needsProfile: boolean }
  | { ok: false; reason: 'deadline' }
  | { ok: false; reason: 'not-draft' };

export type StartResult = { ok: true; id: string } | { ok: false; reason: 'not-open' | 'closed' };

export interface ApplicationsDeps {
  db: Db;
  repo: ApplicationsRepo;
  clock: Clock;
  audit: AuditLog;
  outbox: Outbox;
  jobs: JobQueue;
  files: FileService;
  rounds: RoundsSource;
  posts: PostsSource;
  students: FactsSource;
  questions: QuestionsSource;
  overrides: OverridesSource;
  baseUrl: string;
}

// the CV a student uploads: a PDF checked by its content
export const CV_MAX_BYTES = 5 * 1024 * 1024;

export function createApplicationsService(deps: ApplicationsDeps) {
  const { db, repo, clock, audit, outbox, rounds, posts, students, questions, files } = deps;

  const isOpen = (round: RoundView, at: Date) => round.applicationsOpenAt.getTime() <= at.getTime() && at.getTime() < round.applicationsCloseAt.getTime();

  async function roundOf(id: string): Promise<RoundView> {
    const round = await rounds.findById(id);
    if (!round) throw new NotFoundError();
    return round;
  }

  // a student reaches only their own application; anyone else's id is not found
  async function own(actor: Actor, id: string): Promise<Application> {
    const application = await repo.findById(id);
    if (!application || application.studentId !== actor.id) throw new NotFoundError();
    return application;
  }

  function record(actor: Actor, action: string, application: Application, meta: RequestMeta, exec: Db, details: Record<string, unknown> = {}) {
    return audit.record({ actorId: actor.id, actorLabel: actor.email, action, subjectType: 'application', subjectId: application.id, ip: meta.ip, details: { roundId: application.roundId, ...details } }, exec);
  }

  // The failing rules for a post, in plain words, as the programme team's overrides leave them: an
  // override of the round-level result (graduation) or of one post's result replaces what is computed.
  function eligibilityReasons(facts: StudentFacts | null, post: RoundPost, round: RoundView, overrides: Map<string, EligibilityOverride>): string[] | null {
    // a round-level "not eligible" holds for every post; then a post's own decision
    const roundDecided = overrides.get(ROUND_LEVEL);
    if (roundDecided?.eligible === false) return ['The programme team has decided that you are not eligible for this round.'];
    const decided = overrides.get(post.id);
    if (decided) return decided.eligible ? [] : ['The programme team has decided that you are not eligible for this post.'];
    if (!facts) return null;
    const asOf = dayIn(round.applicationsCloseAt, round.timeZone);
    const reasons = checkEligibility(facts, { levels: post.levels, courses: post.courses, minYear: post.minYear, languages: post.languages }, asOf).reasons;
    if (!roundDecided) return reasons;
    const roundLevel = new Set(checkEligibility(facts, { levels, courses: [], minYear: null, languages: [] }, asOf).reasons);
    return reasons.filter((r) => !roundLevel.has(r));
  }

  interface Completeness {
    choices: ChoiceView[];
    statementWords: number;
    hasProfile: boolean;
    questions: RoundQuestion[];
    answers: Answers;
    funding: FundingAnswers;
    hasCv: boolean;
  }

  function missingOf(round: RoundView, c: Completeness): string[] {
    const missing: string[] = [];
    if (c.choices.length === 0) missing.push('Choose at least one post.');
    if (c.statementWords === 0) missing.push('Write your personal statement.');
    else if (c.statementWords > round.statementWordLimit) missing.push(`Shorten your personal statement: it has ${c.statementWords} words; the limit is ${round.statementWordLimit}.`);
    if (!c.hasCv) missing.push('Upload your CV as a PDF.');
    missing.push(...missingAnswers(c.questions, c.answers));
    for (const question of missingFunding(c.funding)) missing.push(`Answer the funding question: “${question.label}” (“Prefer not to say” is an answer).`);
    if (!c.hasProfile) missing.push('Add your study details to your profile, so that we can check your eligibility.');
    for (const choice of c.choices) {
      for (const reason of choice.reasons ?? []) missing.push(`Choice ${choice.rank}, ${choice.title}: ${reason}`);
    }
    return missing;
  }

  // an old CV goes once nothing points at it: a past submission keeps the CV it was made with
  async function discardUnlessSubmitted(fileId: string | null, applicationId: string): Promise<void> {
    if (!fileId) return;
    const kept = (await repo.submissions(applicationId)).some((s) => s.snapshot.cvFileId === fileId);
    if (kept) return;
    const file = await files.findById(fileId);
    if (file) await files.discard(file);
  }

  // checks the form against the round: field errors for values that cannot be stored
  function validate(form: ApplicationForm, round: RoundView, roundPosts: RoundPost[]): FieldErrors {
    const errors: FieldErrors = {};
    const byId = new Map(roundPosts.map((p) => [p.id, p]));
    if (form.highestRow > round.maxChoices) errors.form = `You can rank up to ${round.maxChoices} posts in this round.`;
    const seen = new Map<string, number>();
    for (const row of form.rows) {
      const post = byId.get(row.postId);
      if (!post) {
        errors[`choice${row.row}`] = `Choice ${row.row} is not a post of this round. Choose one from the list`;
        continue;
      }
      const earlier = seen.get(row.postId);
      if (earlier !== undefined) errors[`choice${row.row}`] = `You have ranked ${post.title} twice (choices ${earlier} and ${row.row}). Choose each post once`;
      else seen.set(row.postId, row.row);
      const words = countWords(row.motivation);
      if (words > MOTIVATION_WORD_LIMIT) errors[`motivation${row.row}`] = `Your motivation for choice ${row.row} has ${words} words; the limit is ${MOTIVATION_WORD_LIMIT}`;
    }
    // a statement over the round's limit is saved with the draft (nothing typed is lost) and refused at submission
    return errors;
  }

  function receipt(actor: Actor, round: RoundView, titles: string[], words: number, at: Date, id: string): { subject: string; text: string } {
    return {
      subject: `Application received: ${round.name}`,
      text: [
        `Dear ${actor.name},`,
        '',
        `We have received your application to ${round.name} on ${formatDateTime(at, round.timeZone)}.`,
        '',
        'Your ranked choices:',
        ...titles.map((title, i) => `${i + 1}. ${title}`),
        '',
        `Personal statement: ${words} words.`,
        '',
        `You can reopen and change your application until ${formatDateTime(round.applicationsCloseAt, round.timeZone)}:`,
        `${deps.baseUrl}/applications/${id}`,
      ].join('\n'),
    };
  }

  return {
    async listMine(actor: Actor): Promise<{ application: Application; round: RoundView }[]> {
      const mine = await repo.listForStudent(actor.id);
      return Promise.all(mine.map(async (application) => ({ application, round: await roundOf(application.roundId) })));
    },

    // the round and the student's application for it, if any; creates nothing
    async forRound(actor: Actor, roundId: string): Promise<{ round: RoundView; application: Application | undefined; open: boolean }> {
      const round = await roundOf(roundId);
      return { round, application: await repo.findFor(roundId, actor.id), open: isOpen(round, clock()) };
    },

    // a draft for the round; a second press, or two at once, finds the same one
    async start(actor: Actor, roundId: string, meta: RequestMeta): Promise<StartResult> {
      const round = await roundOf(roundId);
      const now = clock();
      const existing = await repo.findFor(roundId, actor.id);
      if (existing && existing.status !== 'withdrawn') return { ok: true, id: existing.id };
      if (now.getTime() >= round.applicationsCloseAt.getTime()) return { ok: false, reason: 'closed' };
      if (now.getTime() < round.applicationsOpenAt.getTime()) return { ok: false, reason: 'not-open' };
      return db.transaction(async (tx) => {
        if (existing) {
          // a withdrawn application starts again, before the deadline
          const moved = await repo.moveStatus(existing.id, ['withdrawn'], { status: 'draft', withdrawnAt: null, withdrawReason: null, submittedAt: null, updatedAt: now }, tx);
          if (moved) {
            await repo.addEvent(existing.id, 'started', now, tx);
            await record(actor, 'application.started', existing, meta, tx, { again: true });
            await scheduleDeadlineReminders(deps.jobs, tx, existing.id, round.applicationsCloseAt, now);
          }
          return { ok: true, id: existing.id };
        }
        const created = await repo.insertIfAbsent({ roundId, studentId: actor.id, status: 'draft', createdAt: now, updatedAt: now }, tx);
        if (!created) {
          const found = await repo.findFor(roundId, actor.id, tx);
          if (!found) throw new Error('application vanished');
          return { ok: true, id: found.id };
        }
        await repo.addEvent(created.id, 'started', now, tx);
        await record(actor, 'application.started', created, meta, tx);
        await scheduleDeadlineReminders(deps.jobs, tx, created.id, round.applicationsCloseAt, now);
        return { ok: true, id: created.id };
      });
    },

    async view(actor: Actor, id: string): Promise<ApplicationView> {
      const application = await own(actor, id);
      const round = await roundOf(application.roundId);
      const [roundPosts, stored, events, submissions, facts, roundQuestions, answers, funding, overrides, cv] = await Promise.all([
        posts.publishedInRound(round.id),
        repo.choices(id),
        repo.events(id),
        repo.submissions(id),
        students.eligibilityFacts(actor),
        questions.listForRound(round.id),
        repo.answers(id),
        repo.funding(id),
        deps.overrides.inForce(id),
        application.cvFileId ? files.findById(application.cvFileId) : undefined,
      ]);
      const byId = new Map(roundPosts.map((p) => [p.id, p]));
      const choices: ChoiceView[] = stored.map((c) => {
        const post = byId.get(c.postId);
        // a post withdrawn from the round since it was chosen
        return { ...c, title: post?.title ?? 'A post no longer open', reasons: post ? eligibilityReasons(facts, post, round, overrides) : ['This post is no longer open for applications; choose another.'] };
      });
      const statementWords = countWords(application.statement);
      const now = clock();
      return {
        application,
        round,
        posts: roundPosts,
        choices,
        events,
        submissions,
        questions: roundQuestions,
        answers,
        funding,
        cv,
        statementWords,
        missing: missingOf(round, { choices, statementWords, hasProfile: facts !== null, questions: roundQuestions, answers, funding, hasCv: cv !== undefined }),
        hasProfile: facts !== null,
        beforeDeadline: now.getTime() < round.applicationsCloseAt.getTime(),
        now,
      };
    },

    // "Save and come back later" stores what is valid of an incomplete draft; "Submit" also checks
    // completeness, eligibility and the deadline. A refused submission leaves the draft saved. A CV sent
    // with the form is checked by content and stored before the draft points at it; the CV it replaces
    // stays until then.
    async save(actor: Actor, id: string, form: ApplicationForm, upload: UploadedFile | undefined, meta: RequestMeta): Promise<SaveResult> {
      // the application and its eligibility overrides in one query
      const found = await repo.findByIdWithOverrides(id);
      if (!found || found.application.studentId !== actor.id) throw new NotFoundError();
      const application = found.application;
      if (application.status !== 'draft') return { ok: false, reason: 'not-draft' };
      const overrides = overridesInForce(found.overrides);
      const round = await roundOf(application.roundId);
      const [roundPosts, roundQuestions] = await Promise.all([posts.publishedInRound(round.id), questions.listForRound(round.id)]);
      const parsedAnswers = parseAnswers(roundQuestions, form.raw);
      const parsedFunding = parseFunding(form.raw);
      const errors: FieldErrors = { ...validate(form, round, roundPosts), ...parsedAnswers.errors, ...parsedFunding.errors };
      if (upload?.tooLarge) errors.cv = `Your CV is too large: ${upload.message}`;
      const invalid = Object.keys(errors).length > 0;
      if (invalid && upload && !upload.tooLarge) errors.cv = 'Your CV was not stored because of the other problems: choose the file again.';
      if (invalid) return { ok: false, reason: 'invalid', errors };

      let newCv: StoredFile | undefined;
      if (upload && !upload.tooLarge) {
        const adopted = await files.adopt(upload, { kind: 'pdf', createdBy: actor.id });
        if (!adopted.ok) return { ok: false, reason: 'invalid', errors: { cv: `Your CV could not be used: ${adopted.message}` } };
        newCv = adopted.file;
      }

      const byId = new Map(roundPosts.map((p) => [p.id, p]));
      const chosen = form.rows.map((r) => ({ postId: r.postId, motivation: r.motivation }));
      const cvFileId = newCv?.id ?? application.cvFileId;
      const now = clock();

      // What a submission would be refused for is known before anything is written, so that a
      // submission is one transaction; a refused one saves the draft instead.
      let refusal: SaveResult | undefined;
      let choices: ChoiceView[] = [];
      if (form.intent === 'submit') {
        if (now.getTime() >= round.applicationsCloseAt.getTime()) refusal = { ok: false, reason: 'deadline' };
        else {
          const facts = await students.eligibilityFacts(actor);
          choices = chosen.map((c, i) => {
            const post = byId.get(c.postId) as RoundPost;
            return { applicationId: id, rank: i + 1, postId: c.postId, motivation: c.motivation, title: post.title, reasons: eligibilityReasons(facts, post, round, overrides) };
          });
          const problems = missingOf(round, { choices, statementWords: countWords(form.statement), hasProfile: facts !== null, questions: roundQuestions, answers: parsedAnswers.answers, funding: parsedFunding.answers, hasCv: cvFileId !== null });
          if (problems.length > 0) refusal = { ok: false, reason: 'incomplete', problems, needsProfile: facts === null };
        }
      }
      const submitting = form.intent === 'submit' && !refusal;
      const words = countWords(form.statement);

      let written: boolean;
      try {
        written = await db.transaction(async (tx) => {
          // the funding answers are stored with the move, in one statement
          const moved = await repo.moveStatusWithFunding(id, ['draft'], { statement: form.statement, updatedAt: now, ...(newCv ? { cvFileId: newCv.id } : {}), ...(submitting ? { status: 'submitted' as const, submittedAt: now } : {}) }, parsedFunding.answers, now, tx);
          if (!moved) return false;
          await repo.replaceChoices(id, chosen, tx);
          await repo.replaceAnswers(id, parsedAnswers.answers, tx);
          if (!submitting) {
            await repo.addEvent(id, 'saved', now, tx);
            await record(actor, 'application.saved', application, meta, tx, { choices: chosen.length, ...(newCv ? { cv: newCv.id } : {}) });
            return true;
          }
          // also adds the "submitted" event
          await repo.addSubmission(
            id,
            now,
            {
              statement: form.statement,
              choices: choices.map((c) => ({ rank: c.rank, postId: c.postId, title: c.title, motivation: c.motivation })),
              answers: roundQuestions.filter((q) => parsedAnswers.answers.has(q.id)).map((q) => ({ questionId: q.id, prompt: q.prompt, value: parsedAnswers.answers.get(q.id) ?? '' })),
              cvFileId,
            },
            tx,
          );
          await record(actor, 'application.submitted', application, meta, tx, { choices: choices.length, words, ...(newCv ? { cv: newCv.id } : {}) });
          await outbox.enqueue(tx, { to: actor.email, toName: actor.name, ...receipt(actor, round, choices.map((c) => c.title), words, now, id) });
          return true;
        });
      } catch (error) {
        if (newCv) await files.discard(newCv);
        throw error;
      }
      if (!written) {
        if (newCv) await files.discard(newCv);
        return { ok: false, reason: 'not-draft' };
      }
      if (newCv) await discardUnlessSubmitted(application.cvFileId, id);
      return refusal ?? { ok: true, submitted: submitting };
    },

    // the CV of an application: its student, and the programme team, may download it
    async cv(actor: Actor, id: string): Promise<StoredFile> {
      const staff = hasAnyRole(actor, ['staff', 'admin']);
      const application = staff ? await repo.findById(id) : await own(actor, id);
      const file = application?.cvFileId ? await files.findById(application.cvFileId) : undefined;
      if (!file) throw new NotFoundError();
      return file;
    },

    // a submitted application back to draft, until the deadline
    async reopen(actor: Actor, id: string, meta: RequestMeta): Promise<'reopened' | 'closed' | 'not-submitted'> {
      const application = await own(actor, id);
      const round = await roundOf(application.roundId);
      const now = clock();
      if (now.getTime() >= round.applicationsCloseAt.getTime()) return 'closed';
      return db.transaction(async (tx) => {
        const moved = await repo.moveStatus(id, ['submitted'], { status: 'draft', updatedAt: now }, tx);
        if (!moved) return 'not-submitted';
        await repo.addEvent(id, 'reopened', now, tx);
        await record(actor, 'application.reopened', application, meta, tx);
        return 'reopened';
      });
    },

    async ownApplication(actor: Actor, id: string): Promise<{ application: Application; round: RoundView }> {
      const application = await own(actor, id);
      return { application, round: await roundOf(application.roundId) };
    },

    async withdraw(actor: Actor, id: string, reason: string, meta: RequestMeta): Promise<boolean> {
      const application = await own(actor, id);
      const round = await roundOf(application.roundId);
      const now = clock();
      return db.transaction(async (tx) => {
        const moved = await repo.moveStatus(id, ['draft', 'submitted'], { status: 'withdrawn', withdrawnAt: now, withdrawReason: reason || null, updatedAt: now }, tx);
        if (!moved) return false;
        await repo.addEvent(id, 'withdrawn', now, tx);
        // whether a reason was given, never the reason itself (it may be personal)
        await record(actor, 'application.withdrawn', application, meta, tx, { reasonGiven: reason !== '' });
        await outbox.enqueue(tx, {
          to: actor.email,
          toName: actor.name,
          subject: `Application withdrawn: ${round.name}`,
          text: [
            `Dear ${actor.name},`,
            '',
            `You withdrew your application to ${round.name} on ${formatDateTime(now, round.timeZone)}.`,
            reason ? `Your reason: ${reason}` : '',
            now.getTime() < round.applicationsCloseAt.getTime()
              ? `You can start it again until ${formatDateTime(round.applicationsCloseAt, round.timeZone)}: ${deps.baseUrl}/rounds/${round.id}/apply`
              : 'The deadline for this round has passed.',
          ]
            .filter((line, i, all) => line !== '' || all[i - 1] !== '')
            .join('\n'),
        });
        return true;
      });
    },
  };
}

export type ApplicationsService = ReturnType<typeof createApplicationsService>;
