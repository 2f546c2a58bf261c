import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import { NotFoundError } from '../../platform/http/not-found.ts';
import { isUniversityStaff } from '../partners/partners.policy.ts';
import type { DeclarationForm, QuestionForm, WordingForm } from './round-questions.input.ts';
import type { RoundQuestion, RoundQuestionsRepo } from './round-questions.repo.ts';
import type { RoundView, RoundsService } from './rounds.service.ts';

export type { RoundQuestion } from './round-questions.repo.ts';

type RequestMeta = { ip: string };

export interface RoundQuestionnaire {
  questions: RoundQuestion[];
  declarations: RoundQuestion[];
}

export interface QuestionsEditor extends RoundQuestionnaire {
  round: RoundView;
  locked: boolean;
}

export type QuestionChange = { ok: true; question: RoundQuestion } | { ok: false; reason: 'locked' };

// Once a round's applications open, students may have answered: questions can then no longer be
// added, deleted, reordered or change kind, options or whether they are required; only their words.
export function questionsLocked(round: { applicationsOpenAt: Date }, now: Date): boolean {
  return now >= round.applicationsOpenAt;
}

function split(list: RoundQuestion[]): RoundQuestionnaire {
  return { questions: list.filter((q) => q.kind !== 'declaration'), declarations: list.filter((q) => q.kind === 'declaration') };
}

function sameOptions(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((o, i) => o === b[i]);
}

export function createRoundQuestionsService(deps: { db: Db; repo: RoundQuestionsRepo; rounds: RoundsService; clock: Clock; audit: AuditLog }) {
  const { db, repo, rounds, clock, audit } = deps;

  function record(actor: Actor, action: string, roundId: string, meta: RequestMeta, exec: Db, details: Record<string, unknown>) {
    return audit.record({ actorId: actor.id, actorLabel: actor.email, action: `round.${action}`, subjectType: 'round', subjectId: roundId, ip: meta.ip, details }, exec);
  }

  // Keeps 1, 2, 3 … within the group (questions or declarations) after a removal or a move.
  async function renumber(group: RoundQuestion[], exec: Db): Promise<void> {
    for (const [i, q] of group.entries()) {
      if (q.position !== i + 1) await repo.update(q.id, { position: i + 1 }, exec);
    }
  }

  // Every change: staff only, the round row locked, the lock decided inside the transaction.
  async function change<T>(actor: Actor, roundId: string, work: (tx: Db, state: { locked: boolean; list: RoundQuestion[] }) => Promise<T>): Promise<T> {
    if (!isUniversityStaff(actor)) throw new NotFoundError();
    await rounds.get(actor, roundId);
    return db.transaction(async (tx) => {
      const round = await repo.lockRound(roundId, tx);
      if (!round) throw new NotFoundError();
      return work(tx, { locked: questionsLocked(round, clock()), list: await repo.listForRound(roundId, tx) });
    });
  }

  function find(list: RoundQuestion[], questionId: string): RoundQuestion {
    const question = list.find((q) => q.id === questionId);
    if (!question) throw new NotFoundError();
    return question;
  }

  async function add(actor: Actor, roundId: string, values: Pick<RoundQuestion, 'kind' | 'prompt' | 'hint' | 'options' | 'required'>, meta: RequestMeta): Promise<QuestionChange> {
    return change(actor, roundId, async (tx, { locked, list }) => {
      if (locked) return { ok: false, reason: 'locked' };
      const group = values.kind === 'declaration' ? split(list).declarations : split(list).questions;
      const now = clock();
      const question = await repo.insert({ roundId, position: group.length + 1, ...values, createdAt: now, updatedAt: now }, tx);
      await record(actor, values.kind === 'declaration' ? 'declaration_added' : 'question_added', roundId, meta, tx, { questionId: question.id, kind: question.kind, prompt: question.prompt, required: question.required, options: question.options });
      return { ok: true, question };
    });
  }

  return {
    async editor(actor: Actor, roundId: string): Promise<QuestionsEditor> {
      if (!isUniversityStaff(actor)) throw new NotFoundError();
      const round = await rounds.get(actor, roundId);
      return { round, locked: questionsLocked(round, clock()), ...split(await repo.listForRound(roundId)) };
    },

    async question(actor: Actor, roundId: string, questionId: string): Promise<{ round: RoundView; question: RoundQuestion; locked: boolean }> {
      if (!isUniversityStaff(actor)) throw new NotFoundError();
      const round = await rounds.get(actor, roundId);
      const question = await repo.findInRound(roundId, questionId);
      if (!question) throw new NotFoundError();
      return { round, question, locked: questionsLocked(round, clock()) };
    },

    // for the round page's link and for the application form: no access check of its own
    async forRound(roundId: string, exec?: Db): Promise<RoundQuestionnaire> {
      return split(await repo.listForRound(roundId, exec));
    },

    addQuestion(actor: Actor, roundId: string, form: QuestionForm, meta: RequestMeta): Promise<QuestionChange> {
      return add(actor, roundId, { kind: form.kind, prompt: form.prompt, hint: form.hint, options: form.kind === 'single_choice' ? form.options : [], required: form.required }, meta);
    },

    // a declaration is a statement the student ticks: always required, no hint, no options
    addDeclaration(actor: Actor, roundId: string, form: DeclarationForm, meta: RequestMeta): Promise<QuestionChange> {
      return add(actor, roundId, { kind: 'declaration', prompt: form.statement, hint: '', options: [], required: true }, meta);
    },

    // The words can always change; kind, options and required only before applications open.
    async update(actor: Actor, roundId: string, questionId: string, form: WordingForm & Partial<Pick<QuestionForm, 'kind' | 'options' | 'required'>>, meta: RequestMeta): Promise<QuestionChange> {
      return change(actor, roundId, async (tx, { locked, list }) => {
        const existing = find(list, questionId);
        const isDeclaration = existing.kind === 'declaration';
        const next = {
          prompt: form.prompt,
          hint: isDeclaration ? '' : form.hint,
          kind: isDeclaration ? existing.kind : (form.kind ?? existing.kind),
          required: isDeclaration ? true : (form.required ?? existing.required),
          options: isDeclaration ? [] : form.kind === undefined ? existing.options : form.kind === 'single_choice' ? (form.options ?? []) : [],
        };
        const changed: string[] = (['prompt', 'hint', 'kind', 'required'] as const).filter((key) => next[key] !== existing[key]);
        if (!sameOptions(next.options, existing.options)) changed.push('options');
        if (locked && changed.some((key) => key !== 'prompt' && key !== 'hint')) return { ok: false, reason: 'locked' };
        if (changed.length === 0) return { ok: true, question: existing };
        const question = { ...existing, ...next, updatedAt: clock() };
        await repo.update(questionId, { ...next, updatedAt: question.updatedAt }, tx);
        await record(actor, isDeclaration ? 'declaration_updated' : 'question_updated', roundId, meta, tx, { questionId, kind: question.kind, changed, ...(changed.includes('prompt') ? { from: existing.prompt, to: question.prompt } : {}) });
        return { ok: true, question };
      });
    },

    async remove(actor: Actor, roundId: string, questionId: string, meta: RequestMeta): Promise<QuestionChange> {
      return change(actor, roundId, async (tx, { locked, list }) => {
        const question = find(list, questionId);
        if (locked) return { ok: false, reason: 'locked' };
        await repo.delete(question.id, tx);
        const groups = split(list.filter((q) => q.id !== question.id));
        await renumber(question.kind === 'declaration' ? groups.declarations : groups.questions, tx);
        await record(actor, question.kind === 'declaration' ? 'declaration_deleted' : 'question_deleted', roundId, meta, tx, { questionId, kind: question.kind, prompt: question.prompt });
        return { ok: true, question };
      });
    },

    // One place up or down within its group; at either end nothing moves.
    async move(actor: Actor, roundId: string, questionId: string, direction: 'up' | 'down', meta: RequestMeta): Promise<QuestionChange> {
      return change(actor, roundId, async (tx, { locked, list }) => {
        const question = find(list, questionId);
        if (locked) return { ok: false, reason: 'locked' };
        const groups = split(list);
        const group = question.kind === 'declaration' ? groups.declarations : groups.questions;
        const from = group.findIndex((q) => q.id === questionId);
        const to = direction === 'up' ? from - 1 : from + 1;
        const other = group[to];
        if (!other) return { ok: true, question };
        group[to] = question;
        group[from] = other;
        await renumber(group, tx);
        await record(actor, question.kind === 'declaration' ? 'declaration_moved' : 'question_moved', roundId, meta, tx, { questionId, kind: question.kind, direction, position: to + 1 });
        return { ok: true, question: { ...question, position: to + 1 } };
      });
    },
  };
}

export type RoundQuestionsService = ReturnType<typeof createRoundQuestionsService>;
