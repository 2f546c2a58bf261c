import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { ForbiddenError } from '../../platform/auth/access.ts';
import { hasAnyRole, type Actor } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import { NotFoundError } from '../../platform/http/not-found.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import type { CourseForm } from './courses.input.ts';
import type { Course, CoursesRepo } from './courses.repo.ts';

export type { Course } from './courses.repo.ts';

export type Result<T = undefined> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const DUPLICATE = { name: 'A course with this name and level already exists' };


// what another module keeps of a course follows a change of its name or level (the students' profiles)
export type CourseFollower = (course: Course, tx: Db) => Promise<number>;

export function createCoursesService(deps: { db: Db; repo: CoursesRepo; clock: Clock; audit: AuditLog; followers?: CourseFollower[] }) {
  const { db, repo, clock, audit } = deps;

  // the list is kept by the university's staff
  function requireStaff(actor: Actor): void {
    if (!hasAnyRole(actor, ['staff', 'admin'])) throw new ForbiddenError();
  }

  return {
    async listCourses(actor: Actor): Promise<Course[]> {
      requireStaff(actor);
      return repo.list();
    },

    // the courses a student can choose from (reference data, no actor needed)
    async activeCourses(): Promise<Course[]> {
      return repo.list({ activeOnly: true });
    },

    // any course by id, active or not, for another module's checks
    async findCourse(id: string): Promise<Course | undefined> {
      return repo.findById(id);
    },

    async editableCourse(actor: Actor, id: string): Promise<Course> {
      requireStaff(actor);
      const course = await repo.findById(id);
      if (!course) throw new NotFoundError();
      return course;
    },

    async createCourse(actor: Actor, form: CourseForm, ip: string): Promise<Result<Course>> {
      requireStaff(actor);
      const now = clock();
      try {
        const course = await db.transaction(async (tx) => {
          const row = await repo.insert({ ...form, createdAt: now, updatedAt: now }, tx);
          await audit.record({ actorId: actor.id, actorLabel: actor.email, action: 'course.created', subjectType: 'course', subjectId: row.id, ip, details: { name: form.name, level: form.level, faculty: form.faculty, active: form.active } }, tx);
          return row;
        });
        return { ok: true, value: course };
      } catch (error) {
        if (isUniqueViolation(error)) return { ok: false, errors: DUPLICATE };
        throw error;
      }
    },

    async updateCourse(actor: Actor, id: string, form: CourseForm, ip: string): Promise<Result<Course>> {
      requireStaff(actor);
      try {
        const course = await db.transaction(async (tx) => {
          const before = await repo.findById(id, tx);
          if (!before) throw new NotFoundError();
          const changed = (['name', 'level', 'faculty', 'active'] as const).filter((key) => before[key] !== form[key]);
          await repo.update(id, { ...form, updatedAt: clock() }, tx);
          const after = { ...before, ...form };
          let profilesUpdated = 0;
          if (changed.includes('name') || changed.includes('level')) for (const follow of deps.followers ?? []) profilesUpdated += await follow(after, tx);
          // deactivating is its own event: the course leaves the students' list
          const action = before.active && !form.active ? 'course.deactivated' : !before.active && form.active ? 'course.reactivated' : 'course.updated';
          await audit.record({ actorId: actor.id, actorLabel: actor.email, action, subjectType: 'course', subjectId: id, ip, details: { name: form.name, changed, ...(profilesUpdated > 0 ? { profilesUpdated } : {}) } }, tx);
          return after;
        });
        return { ok: true, value: course };
      } catch (error) {
        if (isUniqueViolation(error)) return { ok: false, errors: DUPLICATE };
        throw error;
      }
    },
  };
}

export type CoursesService = ReturnType<typeof createCoursesService>;
