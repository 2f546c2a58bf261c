import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { ForbiddenError } from '../../platform/auth/access.ts';
import { hasAnyRole, type Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import type { Course, CoursesService } from '../courses/courses.service.ts';
import type { StudentFacts } from '../posts/eligibility.ts';
import type { ProfileForm } from './students.input.ts';
import type { StudentProfile, StudentsRepo } from './students.repo.ts';

export type { StudentProfile } from './students.repo.ts';

export interface RequestMeta {
  ip: string;
}

// The facts eligibility needs; an expected graduation day already past makes the student a graduate.
export function factsOf<P extends Pick<StudentProfile, 'studyLevel' | 'course' | 'yearOfStudy' | 'expectedGraduation' | 'languages'>>(profile: P, today: string): StudentFacts {
  return {
    studyLevel: profile.studyLevel,
    course: profile.course,
    yearOfStudy: profile.yearOfStudy,
    graduatedOn: profile.expectedGraduation < today ? profile.expectedGraduation : null,
    languages: profile.languages,
  };
}

export type SaveResult = { ok: true } | { ok: false; errors: FieldErrors };

const DUPLICATE_NUMBER = 'This student number is already on another student’s profile. Check it, or contact the programme team';


const auditedFields = ['studentNumber', 'courseId', 'studyLevel', 'course', 'yearOfStudy', 'expectedGraduation', 'nationality', 'phone', 'pronouns', 'languages'] as const;

export function createStudentsService(deps: { db: Db; repo: StudentsRepo; clock: Clock; audit: AuditLog; courses: CoursesService }) {
  const { db, repo, clock, audit, courses } = deps;

  function requireStudent(actor: Actor): void {
    if (!hasAnyRole(actor, ['student'])) throw new ForbiddenError();
  }

  return {
    // A course renamed or moved to another level by staff: the profiles on it follow, in the same
    // transaction, so eligibility and the selection pages compare the course as it is now.
    async followCourse(course: Course, tx: Db): Promise<number> {
      return repo.followCourse(course.id, { name: course.name, level: course.level }, clock(), tx);
    },

    // a student's own profile; nobody reads another's through this
    async getProfile(actor: Actor): Promise<StudentProfile | undefined> {
      requireStudent(actor);
      return repo.findProfile(actor.id);
    },

    // the courses a student can choose: the active ones, and the one already on the profile
    async courseChoices(actor: Actor): Promise<Course[]> {
      requireStudent(actor);
      const [active, profile] = await Promise.all([courses.activeCourses(), repo.findProfile(actor.id)]);
      const current = profile?.courseId && !active.some((c) => c.id === profile.courseId) ? await courses.findCourse(profile.courseId) : undefined;
      return current ? [...active, current] : active;
    },

    async saveProfile(actor: Actor, form: ProfileForm, meta: RequestMeta): Promise<SaveResult> {
      requireStudent(actor);
      const course = await courses.findCourse(form.courseId);
      const before = await repo.findProfile(actor.id);
      // an inactive course stays only for a student who already has it
      if (!course || (!course.active && before?.courseId !== course.id)) return { ok: false, errors: { courseId: 'Choose your course from the list' } };
      const owner = await repo.findByStudentNumber(form.studentNumber);
      if (owner && owner.userId !== actor.id) return { ok: false, errors: { studentNumber: DUPLICATE_NUMBER } };
      const values = {
        studentNumber: form.studentNumber,
        courseId: course.id,
        // the level of study is the course's level; the name is what posts' course rules match
        studyLevel: course.level,
        course: course.name,
        yearOfStudy: form.yearOfStudy,
        expectedGraduation: form.expectedGraduation,
        nationality: form.nationality,
        phone: form.phone,
        pronouns: form.pronouns,
        languages: form.languages,
      };
      try {
        await db.transaction(async (tx) => {
          const previous = await repo.findProfile(actor.id, tx);
          await repo.upsertProfile({ userId: actor.id, ...values, updatedAt: clock() }, tx);
          const changed = previous ? auditedFields.filter((key) => JSON.stringify(previous[key]) !== JSON.stringify(values[key])) : ['created'];
          // which fields changed, never their values (the profile holds personal data)
          await audit.record({ actorId: actor.id, actorLabel: actor.email, action: 'profile.updated', subjectType: 'user', subjectId: actor.id, ip: meta.ip, details: { changed } }, tx);
        });
      } catch (error) {
        // two students saving one number at once: the unique index decides
        if (isUniqueViolation(error)) return { ok: false, errors: { studentNumber: DUPLICATE_NUMBER } };
        throw error;
      }
      return { ok: true };
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
