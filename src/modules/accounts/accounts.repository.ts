import { and, asc, count, desc, eq, gt, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { rowsOf } from '../../db/rows.ts';
import { apiTokens, auditLog, passwordLinks, prospects, sessions, teams, users } from '../../db/schema.ts';
import { forServer } from '../../db/team-scope.ts';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type TokenRow = typeof apiTokens.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
export type UserPatch = Partial<typeof users.$inferInsert>;

/** Holds the accounts' lock to the end of the transaction: two first runs at once make one admin. */
export async function lockAccounts(db: Db): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(4242001)`);
}

/** Takes one email's login attempts in turn, until the transaction ends. */
export async function lockLogins(db: Db, email: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(4242002, hashtext(${email}))`);
}

/** Whether this email logged in from this address since an instant. */
export async function loggedInFrom(
  db: Db,
  input: { email: string; address: string; since: Date },
): Promise<boolean> {
  const [row] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, 'login'),
        eq(auditLog.subject, input.email),
        eq(auditLog.address, input.address),
        gt(auditLog.at, input.since),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Whether any account (a user with a password) exists on the server, in any team. */
export async function anyAccount(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(isNotNull(users.passwordHash)).limit(1);
  return row !== undefined;
}

/** The account that logs in with this email (any team), disabled or not. */
export async function accountByEmail(db: Db, email: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email.toLowerCase()}`, isNotNull(users.passwordHash)))
    .limit(1);
  return row ?? null;
}

/** A user of the team by id. */
export async function userOfTeam(db: Db, input: { teamId: number; id: number }): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.teamId, input.teamId), eq(users.id, input.id)))
    .limit(1);
  return row ?? null;
}

/** Users of the team whose email is this one (any case), accounts first. */
export async function usersWithEmail(db: Db, input: { teamId: number; email: string }): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(and(eq(users.teamId, input.teamId), sql`lower(${users.email}) = ${input.email.toLowerCase()}`))
    .orderBy(sql`${users.passwordHash} is null`, asc(users.id));
}

export async function teamUsers(db: Db, teamId: number): Promise<UserRow[]> {
  return db.select().from(users).where(eq(users.teamId, teamId)).orderBy(asc(users.id));
}

export async function insertUser(
  db: Db,
  values: { teamId: number; name: string; email: string; role: string; passwordHash: string | null },
): Promise<UserRow> {
  const [row] = await db
    .insert(users)
    .values({ ...values, passwordChangedAt: values.passwordHash ? sql`now()` : null })
    .returning();
  return row!;
}

export async function updateUserRow(
  db: Db,
  input: { id: number; set: Partial<typeof users.$inferInsert> },
): Promise<UserRow | null> {
  const [row] = await db.update(users).set(input.set).where(eq(users.id, input.id)).returning();
  return row ?? null;
}

/** Owns every unowned prospect of the team: a single-user book's data, when its first admin is made. */
export async function ownUnowned(db: Db, input: { teamId: number; ownerId: number }): Promise<number> {
  const rows = await db
    .update(prospects)
    .set({ ownerId: input.ownerId })
    .where(and(eq(prospects.teamId, input.teamId), isNull(prospects.ownerId)))
    .returning({ id: prospects.id });
  return rows.length;
}

// Sessions

export async function insertSession(db: Db, values: typeof sessions.$inferInsert): Promise<SessionRow> {
  const [row] = await db.insert(sessions).values(values).returning();
  return row!;
}

/** The live session with this digest, with its account, or null (unknown, ended, expired, idle too long, disabled). */
export async function liveSession(
  db: Db,
  input: { digest: string; now: Date; idleSince: Date },
): Promise<{ session: SessionRow; user: UserRow } | null> {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.digest, input.digest),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, input.now),
        gt(sessions.lastSeenAt, input.idleSince),
        isNull(users.disabledAt),
        isNotNull(users.passwordHash),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function touchSession(db: Db, input: { id: number; at: Date }): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: input.at }).where(eq(sessions.id, input.id));
}

/** Ends every live session of a user but one (when given): how many ended. */
export async function endSessions(
  db: Db,
  input: { userId: number; at: Date; except?: number | undefined },
): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: input.at })
    .where(
      and(
        eq(sessions.userId, input.userId),
        isNull(sessions.revokedAt),
        input.except === undefined ? undefined : sql`${sessions.id} <> ${input.except}`,
      ),
    )
    .returning({ id: sessions.id });
  return rows.length;
}

/** The sessions of these users, newest first, live ones before ended ones. */
export async function sessionsOf(db: Db, input: { userIds: number[] }): Promise<SessionRow[]> {
  if (input.userIds.length === 0) return [];
  return db
    .select()
    .from(sessions)
    .where(sql`${sessions.userId} in ${input.userIds}`)
    .orderBy(sql`${sessions.revokedAt} is not null`, desc(sessions.id))
    .limit(500);
}

export async function sessionById(db: Db, id: number): Promise<SessionRow | null> {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id)).limit(1);
  return row ?? null;
}

export async function endSession(db: Db, input: { id: number; at: Date }): Promise<SessionRow | null> {
  const [row] = await db
    .update(sessions)
    .set({ revokedAt: sql`coalesce(${sessions.revokedAt}, ${input.at.toISOString()}::timestamptz)` })
    .where(eq(sessions.id, input.id))
    .returning();
  return row ?? null;
}

// Personal API tokens

export async function insertToken(db: Db, values: typeof apiTokens.$inferInsert): Promise<TokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

/** The live token with this digest, with its account; null when unknown, revoked or its account disabled. */
export async function liveToken(db: Db, digest: string): Promise<{ token: TokenRow; user: UserRow } | null> {
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.digest, digest),
        isNull(apiTokens.revokedAt),
        isNull(users.disabledAt),
        isNotNull(users.passwordHash),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function touchToken(db: Db, input: { id: number; at: Date }): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: input.at }).where(eq(apiTokens.id, input.id));
}

export async function tokensOf(db: Db, input: { userIds: number[] }): Promise<TokenRow[]> {
  if (input.userIds.length === 0) return [];
  return db
    .select()
    .from(apiTokens)
    .where(sql`${apiTokens.userId} in ${input.userIds}`)
    .orderBy(desc(apiTokens.id))
    .limit(500);
}

export async function tokenById(db: Db, id: number): Promise<TokenRow | null> {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id)).limit(1);
  return row ?? null;
}

export async function revokeTokenRow(db: Db, input: { id: number; at: Date }): Promise<TokenRow | null> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, ${input.at.toISOString()}::timestamptz)` })
    .where(eq(apiTokens.id, input.id))
    .returning();
  return row ?? null;
}

/** Revokes every token of a user: how many. */
export async function revokeTokensOf(db: Db, input: { userId: number; at: Date }): Promise<number> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: input.at })
    .where(and(eq(apiTokens.userId, input.userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length;
}

// One-time password links

export async function insertLink(db: Db, values: typeof passwordLinks.$inferInsert): Promise<void> {
  await db.insert(passwordLinks).values(values);
}

/** Takes a link once: the user it sets the password of, or null when unknown, used or expired. */
export async function takeLink(db: Db, input: { digest: string; now: Date }): Promise<number | null> {
  const [row] = await db
    .update(passwordLinks)
    .set({ usedAt: input.now })
    .where(
      and(
        eq(passwordLinks.digest, input.digest),
        isNull(passwordLinks.usedAt),
        gt(passwordLinks.expiresAt, input.now),
      ),
    )
    .returning({ userId: passwordLinks.userId });
  return row?.userId ?? null;
}

/** Whether a link is good now, without spending it. */
export async function linkIsLive(db: Db, input: { digest: string; now: Date }): Promise<boolean> {
  const [row] = await db
    .select({ id: passwordLinks.id })
    .from(passwordLinks)
    .where(
      and(
        eq(passwordLinks.digest, input.digest),
        isNull(passwordLinks.usedAt),
        gt(passwordLinks.expiresAt, input.now),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Every unused link of a user ends (a new one, or the password set another way). */
export async function endLinks(db: Db, input: { userId: number; at: Date }): Promise<void> {
  await db
    .update(passwordLinks)
    .set({ usedAt: input.at })
    .where(and(eq(passwordLinks.userId, input.userId), isNull(passwordLinks.usedAt)));
}

// The audit log

export async function insertAudit(db: Db, values: typeof auditLog.$inferInsert): Promise<number> {
  const [row] = await db.insert(auditLog).values(values).returning({ id: auditLog.id });
  return row!.id;
}

/** Rewrites an audit entry: a login attempt once its password has been checked. */
export async function settleAudit(
  db: Db,
  input: { id: number; set: { action: string; detail: Record<string, unknown>; actorId?: number } },
): Promise<void> {
  await db.update(auditLog).set(input.set).where(eq(auditLog.id, input.id));
}

/**
 * Login attempts that count against a limit: failed, or still being checked, since an instant and
 * up to (and including) one attempt, for this email and/or from this address. Attempts refused by
 * the limit itself do not count, so hammering a locked account does not keep it locked.
 */
export async function failedLogins(
  db: Db,
  input: { since: Date; through: number; email?: string; address?: string },
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, 'login_failed'),
        gt(auditLog.at, input.since),
        lte(auditLog.id, input.through),
        sql`coalesce(${auditLog.detail}->>'reason', '') <> 'rate_limited'`,
        input.email === undefined ? undefined : eq(auditLog.subject, input.email),
        input.address === undefined ? undefined : eq(auditLog.address, input.address),
      ),
    );
  return Number(row?.n ?? 0);
}

/** A page of a team's audit log, newest first, before an entry id. */
export async function auditPage(
  db: Db,
  input: { teamId: number; action?: string | undefined; before?: number | undefined; limit: number },
): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.teamId, input.teamId),
        input.action === undefined ? undefined : eq(auditLog.action, input.action),
        input.before === undefined ? undefined : lt(auditLog.id, input.before),
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(input.limit);
}

// Teams

export async function teamEntries(
  db: Db,
): Promise<{ id: number; name: string; accounts: number; prospects: number; createdAt: Date }[]> {
  const rows = await db.execute(sql`
    select t.id, t.name, t.created_at as "createdAt",
      (select count(*) from users u where u.team_id = t.id and u.password_hash is not null)::int as accounts,
      (select count(*) from prospects p where p.team_id = t.id)::int as prospects
    from teams t order by t.id`);
  return rowsOf<Record<string, unknown>>(rows).map((r) => ({
    id: Number(r['id']),
    name: String(r['name']),
    accounts: Number(r['accounts']),
    prospects: Number(r['prospects']),
    createdAt: new Date(r['createdAt'] as string | Date),
  }));
}

export async function insertTeam(db: Db, name: string): Promise<number> {
  const [row] = await db.insert(teams).values({ name }).returning({ id: teams.id });
  return row!.id;
}

/** The first team's id: its admins own the server. */
export async function firstTeamId(db: Db): Promise<number | null> {
  // The server's first team, whichever team the asking work runs for (the teams table is walled too).
  const [row] = await forServer(
    async () => await db.select({ id: teams.id }).from(teams).orderBy(asc(teams.id)).limit(1),
  );
  return row?.id ?? null;
}
