import type { Ctx, Principal } from '../../context/context.ts';
import type { Account, Role, UpdateUser, WhoAmI } from '../../contracts/accounts.contract.ts';
import { currentTeam, forServer } from '../../db/team-scope.ts';
import { AppError, invalid, notFound } from '../../shared/errors.ts';
import { isIdText, parseId } from '../../shared/ids.ts';
import { normalizePhone, readZone } from '../phones/index.ts';
import { numberOfAnotherTeam, numberTaken } from '../team/index.ts';
import {
  accountByEmail,
  anyAccount,
  auditPage,
  endLinks,
  endSession,
  endSessions,
  insertAudit,
  insertLink,
  insertTeam,
  insertToken,
  insertUser,
  ownUnowned,
  revokeTokenRow,
  revokeTokensOf,
  type SessionRow,
  sessionById,
  sessionsOf,
  type TokenRow,
  teamEntries,
  teamUsers,
  tokenById,
  tokensOf,
  type UserPatch,
  type UserRow,
  updateUserRow,
  userOfTeam,
  usersWithEmail,
} from './accounts.repository.ts';
import { canLogIn, LINK_LIFETIME_MS, LINK_PREFIX, NO_PASSWORD, TOKEN_PREFIX } from './auth.service.ts';
import { digestOf, hashPassword, newSecret, passwordFits } from './secrets.ts';

const RANK: Record<Role, number> = { rep: 0, manager: 1, admin: 2 };

/** Who the request runs as; the operator when the caller is the server itself. */
export const principalOf = (ctx: Ctx): Principal => ctx.user ?? { kind: 'operator', via: 'operator' };

/** Whether a principal may run an operation of this access level. */
export function mayRun(principal: Principal, access: Role | 'owner'): boolean {
  if (principal.kind === 'operator') return true;
  if (access === 'owner') return principal.owner;
  return RANK[principal.role] >= RANK[access];
}

/** The account a request runs as, or null (the operator, a book without accounts). */
export function accountIdOf(ctx: Ctx): number | null {
  const p = principalOf(ctx);
  return p.kind === 'user' ? p.id : null;
}

/**
 * The book a request works in: a rep's own (their prospects and the team's unowned pool), or,
 * for a manager, an admin or the operator, the team's whole book (null).
 */
export function ownBook(ctx: Ctx): number | null {
  const p = principalOf(ctx);
  return p.kind === 'user' && p.role === 'rep' ? p.id : null;
}

/** Whether a prospect of this owner is in the request's book. */
export const inBook = (ctx: Ctx, ownerId: number | null): boolean => {
  const own = ownBook(ctx);
  return own === null || ownerId === null || ownerId === own;
};

const isAdmin = (p: Principal): boolean => p.kind === 'operator' || p.role === 'admin';
const actorOf = (p: Principal): { actorId: number | null; actor: string } =>
  p.kind === 'operator' ? { actorId: null, actor: 'operator' } : { actorId: p.id, actor: p.email };

/** Writes one entry of the audit log, as the request's principal, in the request's team (or the one given). */
export async function audit(
  ctx: Ctx,
  entry: {
    action: string;
    subject?: string | null;
    detail?: Record<string, unknown>;
    teamId?: number;
    at?: Date;
  },
): Promise<void> {
  await insertAudit(ctx.db, {
    teamId: entry.teamId ?? ctx.team.id,
    ...(entry.at ? { at: entry.at } : {}),
    ...actorOf(principalOf(ctx)),
    action: entry.action,
    subject: entry.subject ?? null,
    detail: entry.detail ?? {},
    address: ctx.address ?? null,
  });
}

export function accountOf(row: UserRow): Account {
  return {
    id: row.id,
    teamId: row.teamId,
    name: row.name,
    email: row.email,
    role: row.role === 'admin' || row.role === 'manager' ? row.role : 'rep',
    active: canLogIn(row),
    disabledAt: row.disabledAt?.toISOString() ?? null,
    phone: row.phone,
    callerId: row.callerId,
    timezone: row.timezone,
    reachBy: row.reachBy === 'browser' ? 'browser' : 'phone',
    callingHoursStart: row.callingHoursStart,
    callingHoursEnd: row.callingHoursEnd,
    maxDialsPerDay: row.maxDialsPerDay,
    maxDialsPerWeek: row.maxDialsPerWeek,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function whoAmI(ctx: Ctx): Promise<WhoAmI> {
  const p = principalOf(ctx);
  const user = p.kind === 'user' ? await userOfTeam(ctx.db, { teamId: p.teamId, id: p.id }) : null;
  return {
    accounts: await anyAccount(ctx.db),
    via: p.via,
    user: user ? accountOf(user) : null,
    team: { id: ctx.team.id, name: ctx.team.name },
    csrf: p.kind === 'user' ? (p.session?.csrf ?? null) : null,
    owner: p.kind === 'operator' || p.owner,
  };
}

/** A user of the request's team by id or email; 404 for anyone else, whatever team they are in. */
async function teamUser(ctx: Ctx, key: string): Promise<UserRow> {
  const text = key.trim();
  const row = isIdText(text)
    ? await userOfTeam(ctx.db, { teamId: ctx.team.id, id: parseId(text) })
    : ((await usersWithEmail(ctx.db, { teamId: ctx.team.id, email: text }))[0] ?? null);
  if (!row) throw notFound('user', key);
  return row;
}

export async function listUsers(ctx: Ctx): Promise<{ users: Account[] }> {
  return { users: (await teamUsers(ctx.db, ctx.team.id)).map(accountOf) };
}

/** A one-time link that sets a user's password; earlier links of the user end. */
async function passwordLink(
  ctx: Ctx,
  input: { user: UserRow; now: Date },
): Promise<{ user: Account; link: string; expiresAt: string }> {
  const secret = newSecret(LINK_PREFIX);
  const expiresAt = new Date(input.now.getTime() + LINK_LIFETIME_MS);
  await endLinks(ctx.db, { userId: input.user.id, at: input.now });
  await insertLink(ctx.db, {
    userId: input.user.id,
    digest: digestOf(secret),
    expiresAt,
    createdAt: input.now,
  });
  return {
    user: accountOf(input.user),
    link: `/#/password?token=${secret}`,
    expiresAt: expiresAt.toISOString(),
  };
}

export async function addAccount(
  ctx: Ctx,
  input: {
    email: string;
    name: string;
    role: Role;
    password?: string | undefined;
    team?: number | undefined;
  },
  now: Date,
): Promise<{ user: Account; setup: { user: Account; link: string; expiresAt: string } | null }> {
  const p = principalOf(ctx);
  let teamId = ctx.team.id;
  if (input.team !== undefined && input.team !== ctx.team.id) {
    // Only the server's owner adds to another team; to anyone else the team does not exist.
    if (!mayRun(p, 'owner')) throw notFound('team', input.team);
    const known = (await teamEntries(ctx.db)).some((t) => t.id === input.team);
    if (!known) throw notFound('team', input.team);
    teamId = input.team;
    // Another team's rows: written for the whole server, not through this team's wall.
    if (currentTeam() !== null) return forServer(() => addAccount(ctx, input, now));
  }
  // An email logs in to one account on the whole server, whichever team has it.
  const elsewhere = await forServer(() => accountByEmail(ctx.db, input.email));
  if (elsewhere) throw new AppError('conflict', `An account already logs in as ${input.email}`);
  const passwordHash = input.password ? await hashPassword(input.password) : NO_PASSWORD;
  const firstOfTeam = !(await teamUsers(ctx.db, teamId)).some((u) => u.passwordHash !== null);
  const [named] = await usersWithEmail(ctx.db, { teamId, email: input.email });
  const row = named
    ? await updateUserRow(ctx.db, {
        id: named.id,
        set: { name: input.name, role: input.role, passwordHash, passwordChangedAt: now, disabledAt: null },
      })
    : await insertUser(ctx.db, {
        teamId,
        name: input.name,
        email: input.email,
        role: input.role,
        passwordHash,
      });
  // A single-user book's data belongs to its first admin.
  const owned =
    firstOfTeam && input.role === 'admin' ? await ownUnowned(ctx.db, { teamId, ownerId: row!.id }) : 0;
  await audit(ctx, {
    teamId,
    at: now,
    action: 'user_added',
    subject: input.email,
    detail: { role: input.role, password: input.password ? 'given' : 'link', prospectsOwned: owned },
  });
  const setup = input.password ? null : await passwordLink(ctx, { user: row!, now });
  return { user: accountOf(row!), setup };
}

/** How many active admins a team has besides this user. */
async function otherAdmins(ctx: Ctx, userId: number): Promise<number> {
  return (await teamUsers(ctx.db, ctx.team.id)).filter(
    (u) => u.id !== userId && u.role === 'admin' && canLogIn(u),
  ).length;
}

export async function updateAccount(
  ctx: Ctx,
  input: { key: string; patch: UpdateUser; now: Date },
): Promise<Account> {
  const p = principalOf(ctx);
  const target = await teamUser(ctx, input.key);
  const self = p.kind === 'user' && p.id === target.id;
  const { patch, now } = input;
  if (!self && !isAdmin(p)) throw new AppError('forbidden', "Only an admin changes another person's account");
  if ((patch.role !== undefined || patch.disabled !== undefined) && !isAdmin(p))
    throw new AppError('forbidden', 'Only an admin changes roles or disables accounts');
  const demoted = patch.role !== undefined && patch.role !== 'admin' && target.role === 'admin';
  if (
    (demoted || patch.disabled === true) &&
    target.role === 'admin' &&
    (await otherAdmins(ctx, target.id)) === 0
  )
    throw invalid(
      demoted ? 'role' : 'disabled',
      'the team would have no admin left: make another admin first',
    );
  const set: UserPatch = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.role !== undefined) set.role = patch.role;
  if (patch.reachBy !== undefined) set.reachBy = patch.reachBy;
  if (patch.disabled !== undefined) set.disabledAt = patch.disabled ? (target.disabledAt ?? now) : null;
  // Enabled again, a rep's caller ID must still be their team's alone.
  if (
    patch.disabled === false &&
    target.disabledAt !== null &&
    target.callerId &&
    patch.callerId === undefined &&
    (await numberOfAnotherTeam(ctx.db, { e164: target.callerId, teamId: target.teamId }))
  )
    throw numberTaken('callerId', target.callerId);
  for (const field of ['phone', 'callerId'] as const) {
    const value = patch[field];
    if (value === undefined) continue;
    if (value === null) set[field] = null;
    else {
      const phone = normalizePhone(value, ctx.team.defaultCountry);
      if (!phone.ok) throw invalid(field, `invalid phone "${value}": ${phone.reason}`);
      if (
        field === 'callerId' &&
        (await numberOfAnotherTeam(ctx.db, { e164: phone.e164, teamId: target.teamId }))
      )
        throw numberTaken(field, phone.e164);
      set[field] = phone.e164;
    }
  }
  ownLimits(ctx, { target, patch, set });
  if (patch.timezone !== undefined) {
    if (patch.timezone === null) set.timezone = null;
    else {
      const zone = readZone(patch.timezone);
      if (!zone.ok) throw invalid('timezone', zone.reason);
      set.timezone = zone.zone;
    }
  }
  if (Object.keys(set).length === 0) return accountOf(target);
  const row = (await updateUserRow(ctx.db, { id: target.id, set }))!;
  const subject = target.email ?? target.name;
  if (patch.role !== undefined && patch.role !== target.role)
    await audit(ctx, {
      at: now,
      action: 'role_changed',
      subject,
      detail: { from: target.role, to: patch.role },
    });
  if (patch.disabled === true && target.disabledAt === null) {
    const ended = await endSessions(ctx.db, { userId: target.id, at: now });
    const revoked = await revokeTokensOf(ctx.db, { userId: target.id, at: now });
    await audit(ctx, {
      at: now,
      action: 'user_disabled',
      subject,
      detail: { sessionsEnded: ended, tokensRevoked: revoked },
    });
  }
  if (patch.disabled === false && target.disabledAt !== null)
    await audit(ctx, { at: now, action: 'user_enabled', subject });
  return accountOf(row);
}

/**
 * One's own calling hours and dial limits: only within the team's (the team's may narrow later,
 * and then the stricter of the two holds). Null goes back to the team's.
 */
function ownLimits(ctx: Ctx, input: { target: UserRow; patch: UpdateUser; set: UserPatch }): void {
  const { target, patch, set } = input;
  const team = ctx.team;
  for (const field of ['callingHoursStart', 'callingHoursEnd', 'maxDialsPerDay', 'maxDialsPerWeek'] as const)
    if (patch[field] !== undefined) (set as Record<string, unknown>)[field] = patch[field];
  const start = set.callingHoursStart !== undefined ? set.callingHoursStart : target.callingHoursStart;
  const end = set.callingHoursEnd !== undefined ? set.callingHoursEnd : target.callingHoursEnd;
  if (patch.callingHoursStart && patch.callingHoursStart < team.callingHoursStart)
    throw invalid('callingHoursStart', `cannot be before the team's ${team.callingHoursStart}`);
  if (patch.callingHoursEnd && patch.callingHoursEnd > team.callingHoursEnd)
    throw invalid('callingHoursEnd', `cannot be after the team's ${team.callingHoursEnd}`);
  if (
    (patch.callingHoursStart || patch.callingHoursEnd) &&
    (start ?? team.callingHoursStart) >= (end ?? team.callingHoursEnd)
  )
    throw invalid('callingHoursEnd', `must be after the start (${start ?? team.callingHoursStart})`);
  if (patch.maxDialsPerDay && patch.maxDialsPerDay > team.maxDialsPerDay)
    throw invalid('maxDialsPerDay', `cannot be more than the team's ${team.maxDialsPerDay}`);
  if (patch.maxDialsPerWeek && patch.maxDialsPerWeek > team.maxDialsPerWeek)
    throw invalid('maxDialsPerWeek', `cannot be more than the team's ${team.maxDialsPerWeek}`);
}

export async function resetPassword(ctx: Ctx, input: { key: string; now: Date }) {
  const target = await teamUser(ctx, input.key);
  if (target.passwordHash === null)
    throw invalid('id', `${target.name} has no account: add one with their email (reach users add)`);
  const row = (await updateUserRow(ctx.db, {
    id: target.id,
    set: { passwordHash: NO_PASSWORD, passwordChangedAt: input.now },
  }))!;
  // A reset is for a password that may be known to someone else: whatever they could have made with it ends too.
  const ended = await endSessions(ctx.db, { userId: target.id, at: input.now });
  const revoked = await revokeTokensOf(ctx.db, { userId: target.id, at: input.now });
  await audit(ctx, {
    at: input.now,
    action: 'password_reset',
    subject: target.email ?? target.name,
    detail: { sessionsEnded: ended, tokensRevoked: revoked },
  });
  return passwordLink(ctx, { user: row, now: input.now });
}

export async function changePassword(
  ctx: Ctx,
  input: { current: string; password: string; now: Date },
): Promise<{ changed: true; sessionsEnded: number }> {
  const p = principalOf(ctx);
  if (p.kind !== 'user') throw new AppError('forbidden', 'Log in as an account to change its password');
  const row = await userOfTeam(ctx.db, { teamId: p.teamId, id: p.id });
  if (!row || !(await passwordFits(row.passwordHash, input.current)))
    throw invalid('current', 'is not the current password');
  if (input.current === input.password) throw invalid('password', 'must differ from the current password');
  await updateUserRow(ctx.db, {
    id: row.id,
    set: { passwordHash: await hashPassword(input.password), passwordChangedAt: input.now },
  });
  const ended = await endSessions(ctx.db, { userId: row.id, at: input.now, except: p.session?.id });
  await endLinks(ctx.db, { userId: row.id, at: input.now });
  await audit(ctx, {
    at: input.now,
    action: 'password_changed',
    subject: p.email,
    detail: { sessionsEnded: ended },
  });
  return { changed: true, sessionsEnded: ended };
}

/** The users whose tokens and sessions a principal sees: their own, or an admin's whole team. */
async function visibleUsers(ctx: Ctx): Promise<number[]> {
  const p = principalOf(ctx);
  if (p.kind === 'user' && p.role !== 'admin') return [p.id];
  return (await teamUsers(ctx.db, ctx.team.id)).map((u) => u.id);
}

const tokenView = (t: TokenRow) => ({
  id: t.id,
  userId: t.userId,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

export async function listTokens(ctx: Ctx) {
  return { tokens: (await tokensOf(ctx.db, { userIds: await visibleUsers(ctx) })).map(tokenView) };
}

export async function createToken(ctx: Ctx, input: { name: string; user?: string | undefined; now: Date }) {
  const p = principalOf(ctx);
  let owner: { id: number; email: string };
  if (input.user !== undefined) {
    // Only the operator (the CLI on the database, REACH_TOKEN) makes a token for an account: nobody else acts as another.
    if (p.kind !== 'operator')
      throw new AppError('forbidden', 'A token is made by its own account: log in as it');
    const row = await teamUser(ctx, input.user);
    if (!canLogIn(row))
      throw invalid('user', `${row.email ?? row.name} cannot log in (no password yet, or disabled)`);
    owner = { id: row.id, email: row.email ?? row.name };
  } else if (p.kind === 'user') owner = { id: p.id, email: p.email };
  else throw invalid('user', 'a token belongs to an account: name it (--for EMAIL)');
  const secret = newSecret(TOKEN_PREFIX);
  const row = await insertToken(ctx.db, {
    userId: owner.id,
    name: input.name,
    digest: digestOf(secret),
    prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
    createdAt: input.now,
  });
  await audit(ctx, {
    at: input.now,
    action: 'token_created',
    subject: owner.email,
    detail: { token: row.id, name: input.name },
  });
  return { ...tokenView(row), token: secret };
}

/** A token or session of a visible user, by id; 404 for anyone else's. */
async function visible<T extends { userId: number }>(
  ctx: Ctx,
  input: { what: string; id: string; find: (id: number) => Promise<T | null> },
): Promise<T> {
  const id = parseId(input.id);
  const row = await input.find(id);
  if (!row || !(await visibleUsers(ctx)).includes(row.userId)) throw notFound(input.what, input.id);
  return row;
}

export async function revokeToken(ctx: Ctx, input: { id: string; now: Date }) {
  const row = await visible(ctx, { what: 'token', id: input.id, find: (id) => tokenById(ctx.db, id) });
  const revoked = (await revokeTokenRow(ctx.db, { id: row.id, at: input.now }))!;
  if (row.revokedAt === null)
    await audit(ctx, {
      at: input.now,
      action: 'token_revoked',
      subject: String(row.userId),
      detail: { token: row.id, name: row.name },
    });
  return tokenView(revoked);
}

const sessionView = (s: SessionRow, current: number | undefined) => ({
  id: s.id,
  userId: s.userId,
  createdAt: s.createdAt.toISOString(),
  lastSeenAt: s.lastSeenAt.toISOString(),
  expiresAt: s.expiresAt.toISOString(),
  revokedAt: s.revokedAt?.toISOString() ?? null,
  address: s.address,
  agent: s.agent,
  current: s.id === current,
});

const currentSession = (ctx: Ctx): number | undefined => {
  const p = principalOf(ctx);
  return p.kind === 'user' ? p.session?.id : undefined;
};

export async function listSessions(ctx: Ctx) {
  const rows = await sessionsOf(ctx.db, { userIds: await visibleUsers(ctx) });
  return { sessions: rows.map((s) => sessionView(s, currentSession(ctx))) };
}

export async function revokeSession(ctx: Ctx, input: { id: string; now: Date }) {
  const row = await visible(ctx, { what: 'session', id: input.id, find: (id) => sessionById(ctx.db, id) });
  const ended = (await endSession(ctx.db, { id: row.id, at: input.now }))!;
  if (row.revokedAt === null)
    await audit(ctx, {
      at: input.now,
      action: 'session_revoked',
      subject: String(row.userId),
      detail: { session: row.id },
    });
  return sessionView(ended, currentSession(ctx));
}

export async function auditEntries(
  ctx: Ctx,
  input: { action?: string | undefined; before?: number | undefined; limit: number },
) {
  const rows = await auditPage(ctx.db, { teamId: ctx.team.id, ...input, limit: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      teamId: r.teamId,
      actor: r.actor,
      action: r.action,
      subject: r.subject,
      detail: r.detail,
      address: r.address,
    })),
    next: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

const teamView = (t: Awaited<ReturnType<typeof teamEntries>>[number]) => ({
  ...t,
  createdAt: t.createdAt.toISOString(),
});

export async function listTeams(ctx: Ctx) {
  return { teams: (await teamEntries(ctx.db)).map(teamView) };
}

export async function addTeam(
  ctx: Ctx,
  input: {
    name: string;
    admin: { email: string; name: string; role: Role; password?: string | undefined };
    now: Date;
  },
) {
  return ctx.db.transaction(async (db) => {
    const tx = { ...ctx, db };
    const elsewhere = await accountByEmail(db, input.admin.email);
    if (elsewhere) throw new AppError('conflict', `An account already logs in as ${input.admin.email}`);
    const teamId = await insertTeam(db, input.name);
    await audit(tx, { at: input.now, action: 'team_added', subject: input.name, detail: { team: teamId } });
    const admin = await addAccount(tx, { ...input.admin, role: 'admin', team: teamId }, input.now);
    const team = (await teamEntries(db)).find((t) => t.id === teamId)!;
    return { team: teamView(team), admin };
  });
}
