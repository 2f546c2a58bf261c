// Test data for selection: students with a profile and an application ranking posts, and reviews,
// inserted directly (the application and review workflows have their own tests).
import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/client.ts';
import type { User } from '../../src/modules/accounts/accounts.repo.ts';
import { applicationChoices, applicationFunding, applications, type ApplicationStatus } from '../../src/modules/applications/applications.tables.ts';
import { reviews } from '../../src/modules/selection/selection.tables.ts';
import { studentProfiles } from '../../src/modules/students/students.tables.ts';
import type { Post, Round } from './catalogue-factories.ts';
import { createUser, newStudentNumber } from './factories.ts';

// a funding answer that no partner page may ever show
export const FUNDING_MARKER = 'Funding-marker-never-shown';

export interface Applicant {
  user: User;
  studentNumber: string;
  applicationId: string;
}

export async function createApplicant(
  db: Db,
  options: { round: Round; posts: Post[]; name?: string; status?: ApplicationStatus; course?: string; level?: 'UG' | 'PG'; year?: number; now: Date },
): Promise<Applicant> {
  const name = options.name ?? `Student ${randomBytes(3).toString('hex')}`;
  const user = await createUser(db, { name, now: options.now });
  const studentNumber = newStudentNumber();
  await db.insert(studentProfiles).values({
    userId: user.id,
    studentNumber,
    studyLevel: options.level ?? 'UG',
    course: options.course ?? 'Geography BSc',
    yearOfStudy: options.year ?? 2,
    expectedGraduation: '2028-06-30',
    languages: [{ language: 'fr', level: 'B2' }],
    nationality: 'KE',
    phone: '+44 7700 900123',
    pronouns: 'they/them',
    updatedAt: options.now,
  });
  const status = options.status ?? 'submitted';
  const [row] = await db
    .insert(applications)
    .values({
      roundId: options.round.id,
      studentId: user.id,
      status,
      statement: `${name} wants to work on migration policy.`,
      submittedAt: status === 'draft' ? null : options.now,
      withdrawnAt: status === 'withdrawn' ? options.now : null,
      createdAt: options.now,
      updatedAt: options.now,
    })
    .returning();
  if (!row) throw new Error('application not stored');
  if (options.posts.length > 0) await db.insert(applicationChoices).values(options.posts.map((p, i) => ({ applicationId: row.id, rank: i + 1, postId: p.id, motivation: `Why ${p.title}` })));
  await db.insert(applicationFunding).values({ applicationId: row.id, answers: { incomeBand: FUNDING_MARKER }, updatedAt: options.now });
  return { user, studentNumber, applicationId: row.id };
}

export async function createReview(
  db: Db,
  options: { applicationId: string; post: Post; reviewer: { id: string }; scores: Record<string, number>; submitted?: boolean; now: Date },
): Promise<void> {
  await db.insert(reviews).values({
    applicationId: options.applicationId,
    postId: options.post.id,
    reviewerId: options.reviewer.id,
    scores: options.scores,
    comment: 'Reviewed.',
    recommendation: 'yes',
    submittedAt: options.submitted === false ? null : options.now,
    updatedAt: options.now,
  });
}
