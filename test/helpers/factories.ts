import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/client.ts';
import { createAccountsRepo, type User } from '../../src/modules/accounts/accounts.repo.ts';
import type { Role } from '../../src/modules/accounts/accounts.tables.ts';
import { hashPassword } from '../../src/modules/accounts/passwords.ts';
import { createCoursesRepo, type Course } from '../../src/modules/courses/courses.repo.ts';
import { createPartnersRepo } from '../../src/modules/partners/partners.repo.ts';
import type { TestApp } from './test-app.ts';
import { TestAgent } from './agent.ts';

export const TEST_PASSWORD = 'correct horse battery staple';
let hashed: Promise<string> | undefined;

export async function createUser(db: Db, options: { role?: Role; roles?: Role[]; email?: string; name?: string; verified?: boolean; now?: Date } = {}): Promise<User> {
  hashed ??= hashPassword(TEST_PASSWORD);
  const roles = options.roles ?? [options.role ?? 'student'];
  const now = options.now ?? new Date('2026-03-02T09:00:00Z');
  const email = options.email ?? `${roles[0]}.${randomBytes(4).toString('hex')}@${roles.includes('student') ? 'students.' : ''}example.ac.uk`;
  return createAccountsRepo(db).insertUser({
    email,
    name: options.name ?? 'Test Person',
    passwordHash: await hashed,
    roles,
    emailVerifiedAt: options.verified === false ? null : now,
    createdAt: now,
    updatedAt: now,
  });
}

// A signed-in agent for a new user of the given role(s), through the real sign-in form.
export async function signInAs(testApp: TestApp, role: Role | Role[], options: { ip?: string } = {}): Promise<{ agent: TestAgent; user: User }> {
  const user = await createUser(testApp.database.db, { roles: Array.isArray(role) ? role : [role], now: testApp.clock.now() });
  const agent = new TestAgent(testApp.app, options.ip);
  const response = await agent.post('/sign-in', { email: user.email, password: TEST_PASSWORD });
  if (response.statusCode !== 303) throw new Error(`Sign-in failed for ${user.email}: ${response.statusCode}`);
  return { agent, user };
}

export async function createOrganisation(db: Db, options: { kind?: 'university' | 'partner' | 'funder'; name?: string; now?: Date } = {}): Promise<{ id: string; name: string }> {
  const now = options.now ?? new Date('2026-03-02T09:00:00Z');
  const name = options.name ?? `Partner organisation ${randomBytes(3).toString('hex')}`;
  return createPartnersRepo(db).insertOrganisation({ kind: options.kind ?? 'partner', name, shortName: name.slice(0, 30), createdAt: now, updatedAt: now });
}

export async function createCourse(db: Db, options: { name?: string; level?: 'UG' | 'PG'; faculty?: string; active?: boolean; now?: Date } = {}): Promise<Course> {
  const now = options.now ?? new Date('2026-03-02T09:00:00Z');
  return createCoursesRepo(db).insert({
    name: options.name ?? `Course ${randomBytes(3).toString('hex')}`,
    level: options.level ?? 'UG',
    faculty: options.faculty ?? 'Faculty of Social Sciences',
    active: options.active ?? true,
    createdAt: now,
    updatedAt: now,
  });
}

// A student number no other test has used.
export function newStudentNumber(): string {
  return `S${randomBytes(4).toString('hex').toUpperCase()}`;
}
