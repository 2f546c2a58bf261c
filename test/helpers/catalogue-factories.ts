// Test data for the catalogue: organisations, offices, units, an agreement, rounds and posts,
// inserted directly (the staff workflows have their own tests).
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import type { User } from '../../src/modules/accounts/accounts.repo.ts';
import { users } from '../../src/modules/accounts/accounts.tables.ts';
import type { Role } from '../../src/modules/accounts/roles.ts';
import { agreements } from '../../src/modules/agreements/agreements.tables.ts';
import { offices, organisations, units } from '../../src/modules/partners/partners.tables.ts';
import { posts } from '../../src/modules/posts/posts.tables.ts';
import { rounds } from '../../src/modules/rounds/rounds.tables.ts';
import { TestAgent } from './agent.ts';
import { createUser, TEST_PASSWORD } from './factories.ts';
import type { TestApp } from './test-app.ts';

const DAY = 24 * 60 * 60 * 1000;
const suffix = () => randomBytes(3).toString('hex');

export type Organisation = typeof organisations.$inferSelect;
export type Office = typeof offices.$inferSelect;
export type Unit = typeof units.$inferSelect;
export type Round = typeof rounds.$inferSelect;
export type Post = typeof posts.$inferSelect;

export async function createOrganisation(db: Db, options: { name?: string; shortName?: string; kind?: Organisation['kind']; now?: Date } = {}): Promise<Organisation> {
  const now = options.now ?? new Date();
  const name = options.name ?? `Partner ${suffix()}`;
  const [row] = await db
    .insert(organisations)
    .values({ kind: options.kind ?? 'partner', name, shortName: options.shortName ?? name, createdAt: now, updatedAt: now })
    .returning();
  if (!row) throw new Error('organisation not stored');
  return row;
}

export async function createOffice(
  db: Db,
  organisation: Organisation,
  options: { name?: string; city: string; country: string; servesCountry?: string; latitude: number; longitude: number; timeZone: string; now?: Date },
): Promise<Office> {
  const now = options.now ?? new Date();
  const [row] = await db
    .insert(offices)
    .values({
      organisationId: organisation.id,
      name: options.name ?? `${organisation.shortName} ${options.city}`,
      servesCountry: options.servesCountry ?? options.country,
      city: options.city,
      country: options.country,
      latitude: options.latitude,
      longitude: options.longitude,
      timeZone: options.timeZone,
      privateNotes: 'Private: the door code is 1234',
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('office not stored');
  return row;
}

export async function createUnit(db: Db, organisation: Organisation, name: string, now = new Date()): Promise<Unit> {
  const [row] = await db.insert(units).values({ organisationId: organisation.id, name, createdAt: now }).returning();
  if (!row) throw new Error('unit not stored');
  return row;
}

// An agreement between a new university and the partner, and a round whose applications open
// and close the given number of days from now (negative: in the past).
export async function createRound(
  db: Db,
  partner: Organisation,
  now: Date,
  options: { opensInDays?: number; closesInDays?: number; name?: string; timeZone?: string } = {},
): Promise<Round> {
  const university = await createOrganisation(db, { kind: 'university', name: `University ${suffix()}`, now });
  const [agreement] = await db
    .insert(agreements)
    .values({ institutionId: university.id, partnerId: partner.id, title: 'Internship agreement', validFrom: '2022-01-01', validTo: '2030-12-31', quotaPerRound: 100, createdAt: now, updatedAt: now })
    .returning();
  if (!agreement) throw new Error('agreement not stored');
  const opens = new Date(now.getTime() + (options.opensInDays ?? -10) * DAY);
  const closes = new Date(now.getTime() + (options.closesInDays ?? 20) * DAY);
  const day = (offsetDays: number) => new Date(closes.getTime() + offsetDays * DAY).toISOString().slice(0, 10);
  const [round] = await db
    .insert(rounds)
    .values({
      agreementId: agreement.id,
      name: options.name ?? `Round ${suffix()}`,
      timeZone: options.timeZone ?? 'Europe/London',
      postsDueAt: new Date(opens.getTime() - 10 * DAY),
      applicationsOpenAt: opens,
      applicationsCloseAt: closes,
      reviewUntil: day(14),
      interviewsUntil: day(28),
      offersBy: day(42),
      preDepartureFrom: day(60),
      placementsFrom: day(120),
      placementsTo: day(400),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!round) throw new Error('round not stored');
  return round;
}

export async function createPost(
  db: Db,
  where: { round: Round; office: Office; unit?: Unit | null },
  values: Partial<typeof posts.$inferInsert> = {},
): Promise<Post> {
  const now = values.createdAt ?? new Date();
  const [row] = await db
    .insert(posts)
    .values({
      roundId: where.round.id,
      organisationId: where.office.organisationId,
      officeId: where.office.id,
      unitId: where.unit?.id ?? null,
      title: `Post ${suffix()}`,
      description: 'A long-term internship.',
      durationMonths: 6,
      earliestStart: '2026-09-01',
      latestStart: '2026-10-01',
      places: 1,
      levels: ['UG', 'PG'],
      courses: [],
      sdgs: [],
      workingPattern: 'on_site',
      status: 'published',
      createdAt: now,
      updatedAt: now,
      publishedAt: values.status && values.status !== 'published' ? null : now,
      ...values,
    })
    .returning();
  if (!row) throw new Error('post not stored');
  return row;
}

// A signed-in agent for a new user of a partner (or any) organisation.
export async function signInWithOrganisation(testApp: TestApp, role: Role, organisation: Organisation): Promise<{ agent: TestAgent; user: User }> {
  const user = await createUser(testApp.database.db, { role, now: testApp.clock.now() });
  await testApp.database.db.update(users).set({ organisationId: organisation.id }).where(eq(users.id, user.id));
  const agent = new TestAgent(testApp.app);
  const response = await agent.post('/sign-in', { email: user.email, password: TEST_PASSWORD });
  if (response.statusCode !== 303) throw new Error(`Sign-in failed for ${user.email}: ${response.statusCode}`);
  return { agent, user: { ...user, organisationId: organisation.id } };
}
