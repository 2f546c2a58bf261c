import type { Db } from '../../db/client.ts';
import { ForbiddenError } from '../../platform/auth/access.ts';
import { hasAnyRole, type Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { StudentFacts } from '../posts/eligibility.ts';
import type { ProfileForm } from './students.input.ts';
import type { StudentProfile, StudentsRepo } from './students.repo.ts';

export type { StudentProfile } from './students.repo.ts';

export interface RequestMeta {
  ip: string;
}

// The facts eligibility needs; an expected graduation day already past makes the student a graduate.
export function factsOf(profile: StudentProfile, today: string): StudentFacts {
  return {
    studyLevel: profile.studyLevel,
    course: profile.course,
    yearOfStudy: profile.yearOfStudy,
    graduatedOn: profile.expectedGraduation < today ? profile.expectedGraduation : null,
    languages: profile.languages,
  };
}

export function createStudentsService(deps: { db: Db; repo: StudentsRepo; clock: Clock; audit: AuditLog }) {
  const { db, repo, clock, audit } = deps;

  function requireStudent(actor: Actor): void {
    if (!hasAnyRole(actor, ['student'])) throw new ForbiddenError();
  }

  return {
    // a student's own profile; nobody reads another's through this
    async getProfile(actor: Actor): Promise<StudentProfile | undefined> {
      requireStudent(actor);
      return repo.findProfile(actor.id);
    },

    async saveProfile(actor: Actor, form: ProfileForm, meta: RequestMeta): Promise<void> {
      requireStudent(actor);
      await db.transaction(async (tx) => {
        const before = await repo.findProfile(actor.id, tx);
        await repo.upsertProfile(
          {
            userId: actor.id,
            studyLevel: form.studyLevel,
            course: form.course,
            yearOfStudy: form.yearOfStudy,
            expectedGraduation: form.expectedGraduation,
            languages: form.languages,
            updatedAt: clock(),
          },
          tx,
        );
        const changed = before
          ? (['studyLevel', 'course', 'yearOfStudy', 'expectedGraduation', 'languages'] as const).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(form[key]))
          : ['created'];
        await audit.record({ actorId: actor.id, actorLabel: actor.email, action: 'profile.updated', subjectType: 'user', subjectId: actor.id, ip: meta.ip, details: { changed } }, tx);
      });
    },

    // null for anyone who is not a student, or a student without study details yet
    async eligibilityFacts(actor: Actor | null): Promise<StudentFacts | null> {
      if (!actor || !hasAnyRole(actor, ['student'])) return null;
      const profile = await repo.findProfile(actor.id);
      return profile ? factsOf(profile, clock().toISOString().slice(0, 10)) : null;
    },
  };
}

export type StudentsService = ReturnType<typeof createStudentsService>;
