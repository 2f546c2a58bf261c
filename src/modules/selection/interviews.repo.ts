import { and, arrayOverlaps, asc, eq, gt, inArray, isNotNull, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- interviews read model: panel members and candidates (decision 0003)
import { users } from '../accounts/accounts.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- interviews read model: the candidate's application (decision 0003)
import { applications } from '../applications/applications.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- interviews read model: the office's zone (decision 0003)
import { offices, organisations } from '../partners/partners.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- interviews read model: the post (decision 0003)
import { posts } from '../posts/posts.tables.ts';
// eslint-disable-next-line @typescript-eslint/no-restricted-imports -- interviews read model: the round's name (decision 0003)
import { rounds } from '../rounds/rounds.tables.ts';
import { interviewPanel, interviewScores, interviewSlots, rubricCriteria, selectionSettings, shortlistDecisions, shortlistEntries, type InterviewKind } from './selection.tables.ts';

// Interviews: the slots a partner publishes for a post, the booking that lives on a slot, the panel and
// the panel's scores. Reads join other modules' tables (decision 0003).

export const PANEL_ROLES = ['partner_admin', 'partner_reviewer'] as const;

export interface InterviewPost {
  id: string;
  title: string;
  organisationId: string;
  organisationName: string;
  roundId: string;
  roundName: string;
  officeCity: string;
  officeTimeZone: string;
}

export interface PanelMember {
  id: string;
  name: string;
}

export interface SlotRow {
  id: string;
  postId: string;
  startsAt: Date;
  minutes: number;
  kind: InterviewKind;
  location: string;
  applicationId: string | null;
  bookedAt: Date | null;
  sequence: number;
}

// a panel member's other interview at an overlapping time
export interface PanelClash {
  memberName: string;
  postTitle: string;
  startsAt: Date;
  minutes: number;
}

export interface SlotWithPanel extends SlotRow {
  panel: PanelMember[];
}

export interface StudentContact {
  id: string;
  name: string;
  email: string;
  timeZone: string | null;
}

export interface CriterionRow {
  id: string;
  position: number;
  name: string;
  description: string;
  weight: number;
  descriptors: string[];
}

export interface InterviewScoreRow {
  applicationId: string;
  memberId: string;
  memberName: string;
  scores: Record<string, number>;
  comment: string;
  submittedAt: Date | null;
  updatedAt: Date;
}

const slotColumns = {
  id: interviewSlots.id,
  postId: interviewSlots.postId,
  startsAt: interviewSlots.startsAt,
  minutes: interviewSlots.minutes,
  kind: interviewSlots.kind,
  location: interviewSlots.location,
  applicationId: interviewSlots.applicationId,
  bookedAt: interviewSlots.bookedAt,
  sequence: interviewSlots.sequence,
};

export function createInterviewsRepo(db: Db) {
  async function panelsOf(slotIds: string[], exec: Db): Promise<Map<string, PanelMember[]>> {
    const panels = new Map<string, PanelMember[]>();
    if (slotIds.length === 0) return panels;
    const rows = await exec
      .select({ slotId: interviewPanel.slotId, id: users.id, name: users.name })
      .from(interviewPanel)
      .innerJoin(users, eq(users.id, interviewPanel.memberId))
      .where(inArray(interviewPanel.slotId, slotIds))
      .orderBy(asc(users.name));
    for (const row of rows) panels.set(row.slotId, [...(panels.get(row.slotId) ?? []), { id: row.id, name: row.name }]);
    return panels;
  }

  return {
    async findPost(postId: string, exec: Db = db): Promise<InterviewPost | undefined> {
      const [row] = await exec
        .select({
          id: posts.id,
          title: posts.title,
          organisationId: posts.organisationId,
          organisationName: organisations.name,
          roundId: posts.roundId,
          roundName: rounds.name,
          officeCity: offices.city,
          officeTimeZone: offices.timeZone,
        })
        .from(posts)
        .innerJoin(rounds, eq(rounds.id, posts.roundId))
        .innerJoin(offices, eq(offices.id, posts.officeId))
        .innerJoin(organisations, eq(organisations.id, posts.organisationId))
        .where(eq(posts.id, postId));
      return row;
    },

    async isShortlistFixed(postId: string, exec: Db = db): Promise<boolean> {
      const [row] = await exec.select({ postId: shortlistDecisions.postId }).from(shortlistDecisions).where(eq(shortlistDecisions.postId, postId));
      return row !== undefined;
    },

    async anonymised(roundId: string): Promise<boolean> {
      const [row] = await db.select({ anonymised: selectionSettings.anonymised }).from(selectionSettings).where(eq(selectionSettings.roundId, roundId));
      return row?.anonymised ?? true;
    },

    // the applications on the post's shortlist (fixed or not: the caller checks)
    async shortlisted(postId: string): Promise<string[]> {
      const rows = await db.select({ applicationId: shortlistEntries.applicationId }).from(shortlistEntries).where(eq(shortlistEntries.postId, postId));
      return rows.map((r) => r.applicationId);
    },

    // the student's own submitted application, if it is theirs
    async ownApplication(studentId: string, applicationId: string): Promise<{ id: string; roundId: string } | undefined> {
      const [row] = await db
        .select({ id: applications.id, roundId: applications.roundId })
        .from(applications)
        .where(and(eq(applications.id, applicationId), eq(applications.studentId, studentId), eq(applications.status, 'submitted')));
      return row;
    },

    // the posts whose fixed shortlist names this application
    async fixedShortlistPosts(applicationId: string): Promise<string[]> {
      const rows = await db
        .select({ postId: shortlistEntries.postId })
        .from(shortlistEntries)
        .innerJoin(shortlistDecisions, eq(shortlistDecisions.postId, shortlistEntries.postId))
        .where(eq(shortlistEntries.applicationId, applicationId));
      return rows.map((r) => r.postId);
    },

    async isOnFixedShortlist(postId: string, applicationId: string, exec: Db = db): Promise<boolean> {
      const [row] = await exec
        .select({ postId: shortlistEntries.postId })
        .from(shortlistEntries)
        .innerJoin(shortlistDecisions, eq(shortlistDecisions.postId, shortlistEntries.postId))
        .where(and(eq(shortlistEntries.postId, postId), eq(shortlistEntries.applicationId, applicationId)));
      return row !== undefined;
    },

    async studentOf(applicationId: string): Promise<StudentContact | undefined> {
      const [row] = await db
        .select({ id: users.id, name: users.name, email: users.email, timeZone: users.timeZone })
        .from(applications)
        .innerJoin(users, eq(users.id, applications.studentId))
        .where(eq(applications.id, applicationId));
      return row;
    },

    async candidateNames(applicationIds: string[]): Promise<Map<string, { name: string; email: string }>> {
      if (applicationIds.length === 0) return new Map();
      const rows = await db
        .select({ applicationId: applications.id, name: users.name, email: users.email })
        .from(applications)
        .innerJoin(users, eq(users.id, applications.studentId))
        .where(inArray(applications.id, applicationIds));
      return new Map(rows.map((r) => [r.applicationId, { name: r.name, email: r.email }]));
    },

    async userTimeZone(userId: string): Promise<string | null> {
      const [row] = await db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, userId));
      return row?.timeZone ?? null;
    },

    // who may sit on a panel: active partner admins and reviewers of the organisation
    async panelCandidates(organisationId: string): Promise<PanelMember[]> {
      return db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(eq(users.organisationId, organisationId), isNull(users.disabledAt), arrayOverlaps(users.roles, [...PANEL_ROLES])))
        .orderBy(asc(users.name));
    },

    async slots(postId: string, exec: Db = db): Promise<SlotWithPanel[]> {
      const rows = await exec.select(slotColumns).from(interviewSlots).where(eq(interviewSlots.postId, postId)).orderBy(asc(interviewSlots.startsAt), asc(interviewSlots.id));
      const panels = await panelsOf(
        rows.map((r) => r.id),
        exec,
      );
      return rows.map((r) => ({ ...r, panel: panels.get(r.id) ?? [] }));
    },

    async freeSlotsAfter(postId: string, after: Date): Promise<SlotWithPanel[]> {
      const rows = await db
        .select(slotColumns)
        .from(interviewSlots)
        .where(and(eq(interviewSlots.postId, postId), isNull(interviewSlots.applicationId), gt(interviewSlots.startsAt, after)))
        .orderBy(asc(interviewSlots.startsAt), asc(interviewSlots.id));
      const panels = await panelsOf(
        rows.map((r) => r.id),
        db,
      );
      return rows.map((r) => ({ ...r, panel: panels.get(r.id) ?? [] }));
    },

    async findSlot(slotId: string, exec: Db = db): Promise<SlotWithPanel | undefined> {
      const [row] = await exec.select(slotColumns).from(interviewSlots).where(eq(interviewSlots.id, slotId));
      if (!row) return undefined;
      const panels = await panelsOf([row.id], exec);
      return { ...row, panel: panels.get(row.id) ?? [] };
    },

    async bookedSlotOf(postId: string, applicationId: string, exec: Db = db): Promise<SlotRow | undefined> {
      const [row] = await exec
        .select(slotColumns)
        .from(interviewSlots)
        .where(and(eq(interviewSlots.postId, postId), eq(interviewSlots.applicationId, applicationId)));
      return row;
    },

    // the booked slots on whose panel a member sits, in their organisation
    async panelSlotsOf(memberId: string, organisationId: string): Promise<(SlotRow & { postTitle: string; officeTimeZone: string })[]> {
      return db
        .select({ ...slotColumns, postTitle: posts.title, officeTimeZone: offices.timeZone })
        .from(interviewPanel)
        .innerJoin(interviewSlots, eq(interviewSlots.id, interviewPanel.slotId))
        .innerJoin(posts, eq(posts.id, interviewSlots.postId))
        .innerJoin(offices, eq(offices.id, posts.officeId))
        .where(and(eq(interviewPanel.memberId, memberId), eq(posts.organisationId, organisationId), isNotNull(interviewSlots.applicationId)))
        .orderBy(asc(interviewSlots.startsAt));
    },

    // the organisation's posts with a shortlist (fixed or in the making), for the partner admin's list
    async organisationPosts(organisationId: string): Promise<{ id: string; title: string; roundName: string; fixed: boolean; slots: number; booked: number }[]> {
      return db
        .select({
          id: posts.id,
          title: posts.title,
          roundName: rounds.name,
          fixed: sql<boolean>`exists (select 1 from ${shortlistDecisions} where ${shortlistDecisions.postId} = ${posts.id})`,
          slots: sql<number>`(select count(*)::int from ${interviewSlots} where ${interviewSlots.postId} = ${posts.id})`,
          booked: sql<number>`(select count(*)::int from ${interviewSlots} where ${interviewSlots.postId} = ${posts.id} and ${interviewSlots.applicationId} is not null)`,
        })
        .from(posts)
        .innerJoin(rounds, eq(rounds.id, posts.roundId))
        .where(and(eq(posts.organisationId, organisationId), sql`exists (select 1 from ${shortlistEntries} where ${shortlistEntries.postId} = ${posts.id})`))
        .orderBy(asc(rounds.name), asc(posts.title));
    },

    // Two slots saved at once for one member take turns on the member's user row (decision 0007),
    // so the second sees the first when it looks for clashes.
    async lockPanelMembers(panel: readonly string[], exec: Db): Promise<void> {
      if (panel.length === 0) return;
      await exec.select({ id: users.id }).from(users).where(inArray(users.id, [...panel])).orderBy(asc(users.id)).for('update');
    },

    // the other slots, of any post, on whose panel one of these members sits at an overlapping time
    // (a slot ending as another starts does not clash)
    async panelClashes(panel: readonly string[], startsAt: Date, minutes: number, exceptSlotId: string | undefined, exec: Db): Promise<PanelClash[]> {
      if (panel.length === 0) return [];
      const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
      return exec
        .select({ memberName: users.name, postTitle: posts.title, startsAt: interviewSlots.startsAt, minutes: interviewSlots.minutes })
        .from(interviewPanel)
        .innerJoin(interviewSlots, eq(interviewSlots.id, interviewPanel.slotId))
        .innerJoin(posts, eq(posts.id, interviewSlots.postId))
        .innerJoin(users, eq(users.id, interviewPanel.memberId))
        .where(
          and(
            inArray(interviewPanel.memberId, [...panel]),
            exceptSlotId ? ne(interviewSlots.id, exceptSlotId) : undefined,
            lt(interviewSlots.startsAt, endsAt),
            gt(sql`${interviewSlots.startsAt} + make_interval(mins => ${interviewSlots.minutes})`, startsAt),
          ),
        )
        .orderBy(asc(interviewSlots.startsAt), asc(users.name));
    },

    async insertSlot(values: typeof interviewSlots.$inferInsert, panel: readonly string[], exec: Db): Promise<string> {
      const [row] = await exec.insert(interviewSlots).values(values).returning({ id: interviewSlots.id });
      if (!row) throw new Error('Slot not stored');
      await exec.insert(interviewPanel).values(panel.map((memberId) => ({ slotId: row.id, memberId })));
      return row.id;
    },

    // changes a slot only while it is free (one statement decides)
    async updateFreeSlot(slotId: string, changes: { startsAt: Date; minutes: number; kind: InterviewKind; location: string; updatedAt: Date }, panel: readonly string[], exec: Db): Promise<boolean> {
      const rows = await exec
        .update(interviewSlots)
        .set({ ...changes, sequence: sql`${interviewSlots.sequence} + 1` })
        .where(and(eq(interviewSlots.id, slotId), isNull(interviewSlots.applicationId)))
        .returning({ id: interviewSlots.id });
      if (rows.length === 0) return false;
      await exec.delete(interviewPanel).where(eq(interviewPanel.slotId, slotId));
      await exec.insert(interviewPanel).values(panel.map((memberId) => ({ slotId, memberId })));
      return true;
    },

    async deleteFreeSlot(slotId: string, exec: Db): Promise<boolean> {
      const rows = await exec
        .delete(interviewSlots)
        .where(and(eq(interviewSlots.id, slotId), isNull(interviewSlots.applicationId)))
        .returning({ id: interviewSlots.id });
      return rows.length > 0;
    },

    // The booking: one conditional update. Of two students after the last free slot, the second finds
    // application_id no longer null and updates nothing. A second slot of the same post for the same
    // application breaks interview_slots_one_per_candidate (the caller maps the error).
    async book(slotId: string, postId: string, applicationId: string, now: Date, exec: Db): Promise<SlotRow | undefined> {
      const [row] = await exec
        .update(interviewSlots)
        .set({ applicationId, bookedAt: now, updatedAt: now, sequence: sql`${interviewSlots.sequence} + 1` })
        .where(and(eq(interviewSlots.id, slotId), eq(interviewSlots.postId, postId), isNull(interviewSlots.applicationId), gt(interviewSlots.startsAt, now)))
        .returning(slotColumns);
      return row;
    },

    // frees a slot held by this application; the new sequence tells calendars the event is cancelled
    async release(slotId: string, applicationId: string, now: Date, exec: Db): Promise<SlotRow | undefined> {
      const [row] = await exec
        .update(interviewSlots)
        .set({ applicationId: null, bookedAt: null, updatedAt: now, sequence: sql`${interviewSlots.sequence} + 1` })
        .where(and(eq(interviewSlots.id, slotId), eq(interviewSlots.applicationId, applicationId)))
        .returning(slotColumns);
      return row;
    },

    async rubric(roundId: string): Promise<CriterionRow[]> {
      return db
        .select({ id: rubricCriteria.id, position: rubricCriteria.position, name: rubricCriteria.name, description: rubricCriteria.description, weight: rubricCriteria.weight, descriptors: rubricCriteria.descriptors })
        .from(rubricCriteria)
        .where(eq(rubricCriteria.roundId, roundId))
        .orderBy(asc(rubricCriteria.position), asc(rubricCriteria.createdAt));
    },

    async scoresOf(postId: string, applicationIds: string[]): Promise<InterviewScoreRow[]> {
      if (applicationIds.length === 0) return [];
      return db
        .select({
          applicationId: interviewScores.applicationId,
          memberId: interviewScores.memberId,
          memberName: users.name,
          scores: interviewScores.scores,
          comment: interviewScores.comment,
          submittedAt: interviewScores.submittedAt,
          updatedAt: interviewScores.updatedAt,
        })
        .from(interviewScores)
        .innerJoin(users, eq(users.id, interviewScores.memberId))
        .where(and(eq(interviewScores.postId, postId), inArray(interviewScores.applicationId, applicationIds)))
        .orderBy(asc(users.name));
    },

    // a draft is replaced; a submitted score sheet is final (the update does nothing)
    async saveScoresUnlessSubmitted(values: typeof interviewScores.$inferInsert & { updatedAt: Date }, exec: Db): Promise<boolean> {
      const { postId: _p, applicationId: _a, memberId: _m, ...changes } = values;
      const rows = await exec
        .insert(interviewScores)
        .values(values)
        .onConflictDoUpdate({ target: [interviewScores.postId, interviewScores.applicationId, interviewScores.memberId], set: changes, setWhere: isNull(interviewScores.submittedAt) })
        .returning({ id: interviewScores.id });
      return rows.length > 0;
    },
  };
}

export type InterviewsRepo = ReturnType<typeof createInterviewsRepo>;
