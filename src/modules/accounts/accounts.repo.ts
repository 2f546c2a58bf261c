import { and, asc, count, desc, eq, gt, ilike, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { accountTokens, sessions, signInFailures, users, type Role, type TokenPurpose } from './accounts.tables.ts';

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export interface UserFilter {
  search?: string | undefined;
  role?: Role | undefined;
  status?: 'active' | 'disabled' | 'invited' | undefined;
  sort: 'name' | 'email' | 'created';
  direction: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function createAccountsRepo(db: Db) {
  return {
    async findUserByEmail(email: string, exec: Db = db): Promise<User | undefined> {
      const [row] = await exec.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
      return row;
    },
    async findUserById(id: string, exec: Db = db): Promise<User | undefined> {
      const [row] = await exec.select().from(users).where(eq(users.id, id));
      return row;
    },
    async insertUser(values: NewUser, exec: Db = db): Promise<User> {
      const [row] = await exec.insert(users).values(values).returning();
      if (!row) throw new Error('User not stored');
      return row;
    },
    async updateUser(id: string, values: Partial<NewUser>, exec: Db = db): Promise<void> {
      await exec.update(users).set(values).where(eq(users.id, id));
    },
    async listActiveWithRole(role: Role): Promise<User[]> {
      return db
        .select()
        .from(users)
        .where(and(sql`${role} = any(${users.roles})`, isNull(users.disabledAt), sql`${users.passwordHash} is not null`))
        .orderBy(asc(users.name));
    },
    async listActiveOfOrganisation(organisationId: string, role: Role): Promise<User[]> {
      return db
        .select()
        .from(users)
        .where(and(eq(users.organisationId, organisationId), sql`${role} = any(${users.roles})`, isNull(users.disabledAt)))
        .orderBy(asc(users.name));
    },
    async countUsers(exec: Db = db): Promise<number> {
      const [row] = await exec.select({ n: count() }).from(users);
      return row?.n ?? 0;
    },
    async countRealUsers(exec: Db = db): Promise<number> {
      const [row] = await exec.select({ n: count() }).from(users).where(eq(users.isDemo, false));
      return row?.n ?? 0;
    },
    async listUsers(filter: UserFilter): Promise<{ users: User[]; total: number }> {
      const conditions: SQL[] = [];
      if (filter.search) {
        const pattern = `%${escapeLike(filter.search)}%`;
        const match = or(ilike(users.name, pattern), ilike(users.email, pattern));
        if (match) conditions.push(match);
      }
      if (filter.role) conditions.push(sql`${filter.role} = any(${users.roles})`);
      if (filter.status === 'disabled') conditions.push(sql`${users.disabledAt} is not null`);
      if (filter.status === 'active') conditions.push(sql`${users.disabledAt} is null and ${users.passwordHash} is not null`);
      if (filter.status === 'invited') conditions.push(sql`${users.disabledAt} is null and ${users.passwordHash} is null`);
      const where = conditions.length > 0 ? and(...conditions) : undefined;
      const column = filter.sort === 'email' ? users.email : filter.sort === 'created' ? users.createdAt : users.name;
      const rows = await db
        .select()
        .from(users)
        .where(where)
        .orderBy(filter.direction === 'asc' ? asc(column) : desc(column), asc(users.id))
        .limit(filter.pageSize)
        .offset((filter.page - 1) * filter.pageSize);
      const [total] = await db.select({ n: count() }).from(users).where(where);
      return { users: rows, total: total?.n ?? 0 };
    },

    async insertSession(values: typeof sessions.$inferInsert, exec: Db = db): Promise<Session> {
      const [row] = await exec.insert(sessions).values(values).returning();
      if (!row) throw new Error('Session not stored');
      return row;
    },
    async findLiveSessionWithUser(idHash: string): Promise<{ session: Session; user: User } | undefined> {
      const [row] = await db
        .select({ session: sessions, user: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.idHash, idHash), isNull(sessions.endedAt)));
      return row;
    },
    async touchSession(id: string, at: Date): Promise<void> {
      await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
    },
    async endSession(id: string, at: Date, reason: string, exec: Db = db): Promise<void> {
      await exec
        .update(sessions)
        .set({ endedAt: at, endReason: reason })
        .where(and(eq(sessions.id, id), isNull(sessions.endedAt)));
    },
    async endSessionOfUser(userId: string, sessionId: string, at: Date, reason: string): Promise<boolean> {
      const rows = await db
        .update(sessions)
        .set({ endedAt: at, endReason: reason })
        .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.endedAt)))
        .returning({ id: sessions.id });
      return rows.length > 0;
    },
    async endSessionsOfUser(userId: string, at: Date, reason: string, exceptId?: string, exec: Db = db): Promise<number> {
      const conditions = [eq(sessions.userId, userId), isNull(sessions.endedAt)];
      if (exceptId) conditions.push(ne(sessions.id, exceptId));
      const rows = await exec
        .update(sessions)
        .set({ endedAt: at, endReason: reason })
        .where(and(...conditions))
        .returning({ id: sessions.id });
      return rows.length;
    },
    async listLiveSessions(userId: string, now: Date): Promise<Session[]> {
      return db
        .select()
        .from(sessions)
        .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt), gt(sessions.expiresAt, now)))
        .orderBy(desc(sessions.lastSeenAt));
    },

    async insertToken(values: typeof accountTokens.$inferInsert, exec: Db = db): Promise<void> {
      await exec.insert(accountTokens).values(values);
    },
    async findUsableToken(tokenHash: string, purpose: TokenPurpose, now: Date, exec: Db = db) {
      const [row] = await exec
        .select()
        .from(accountTokens)
        .where(
          and(
            eq(accountTokens.tokenHash, tokenHash),
            eq(accountTokens.purpose, purpose),
            isNull(accountTokens.usedAt),
            gt(accountTokens.expiresAt, now),
          ),
        );
      return row;
    },
    // single use: only the first caller gets the row back
    async consumeToken(tokenHash: string, purpose: TokenPurpose, now: Date, exec: Db = db) {
      const [row] = await exec
        .update(accountTokens)
        .set({ usedAt: now })
        .where(
          and(
            eq(accountTokens.tokenHash, tokenHash),
            eq(accountTokens.purpose, purpose),
            isNull(accountTokens.usedAt),
            gt(accountTokens.expiresAt, now),
          ),
        )
        .returning();
      return row;
    },
    async revokeTokens(userId: string, purpose: TokenPurpose, now: Date, exec: Db = db): Promise<void> {
      await exec
        .update(accountTokens)
        .set({ usedAt: now })
        .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)));
    },

    async countFailuresSince(keys: string[], since: Date): Promise<Map<string, number>> {
      const rows = await db
        .select({ key: signInFailures.key, n: count() })
        .from(signInFailures)
        .where(and(sql`${signInFailures.key} in ${keys}`, gt(signInFailures.at, since)))
        .groupBy(signInFailures.key);
      return new Map(rows.map((r) => [r.key, r.n]));
    },
    async recordFailures(keys: string[], at: Date): Promise<void> {
      await db.insert(signInFailures).values(keys.map((key) => ({ key, at })));
    },
    async clearFailures(key: string): Promise<void> {
      await db.delete(signInFailures).where(eq(signInFailures.key, key));
    },
    async pruneFailures(before: Date): Promise<void> {
      await db.delete(signInFailures).where(sql`${signInFailures.at} < ${before}`);
    },
  };
}

export type AccountsRepo = ReturnType<typeof createAccountsRepo>;
