import type { Principal } from '../../context/context.ts';
import type { Role } from '../../contracts/accounts.contract.ts';
import type { Db } from '../../db/create-db.ts';
import { AppError } from '../../shared/errors.ts';
import {
  accountByEmail,
  anyAccount,
  endLinks,
  endSession,
  endSessions,
  failedLogins,
  firstTeamId,
  insertAudit,
  insertSession,
  insertUser,
  linkIsLive,
  liveSession,
  liveToken,
  lockAccounts,
  lockLogins,
  loggedInFrom,
  ownUnowned,
  type SessionRow,
  settleAudit,
  takeLink,
  touchSession,
  touchToken,
  type UserRow,
  updateUserRow,
  usersWithEmail,
} from './accounts.repository.ts';
import { csrfOf, digestOf, hashPassword, newSecret, passwordFits, sameText } from './secrets.ts';

/** A desk's session ends after this long without a request (ASVS 7.3.1)… */
export const SESSION_IDLE_MS = 12 * 3600_000;
/** …and this long after its login whatever happens (ASVS 7.3.2): a working week. */
export const SESSION_LIFETIME_MS = 7 * 24 * 3600_000;
/** Failed logins are counted over this window… */
export const LOGIN_WINDOW_MS = 15 * 60_000;
/** …and refused beyond this many for one account from one address (someone else's guesses elsewhere never lock a rep out)… */
export const MAX_FAILED_PER_ACCOUNT = 5;
/** …or for one account from anywhere (guesses spread over many addresses)… */
export const MAX_FAILED_PER_ACCOUNT_ANYWHERE = 50;
/** …or from one address (many accounts tried from one place). */
export const MAX_FAILED_PER_ADDRESS = 30;
/** How long an address an account logged in from stays known: the limit from anywhere spares it. */
export const KNOWN_ADDRESS_MS = 30 * 86_400_000;
/** How long a one-time password link stays good. */
export const LINK_LIFETIME_MS = 24 * 3600_000;
/** Last-seen instants are written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

/** The password hash of an account that exists but has no password yet (or was reset): no login fits it. */
export const NO_PASSWORD = '!none';

export const SESSION_PREFIX = 'reach_s_';
export const TOKEN_PREFIX = 'reach_';
export const LINK_PREFIX = 'reach_l_';

/** Whether an account can log in now. */
export const canLogIn = (user: UserRow): boolean =>
  user.passwordHash !== null && user.passwordHash !== NO_PASSWORD && user.disabledAt === null;

const roleOf = (user: UserRow): Role =>
  user.role === 'admin' || user.role === 'manager' ? user.role : 'rep';

async function principalOf(
  db: Db,
  input: { user: UserRow; via: 'session' | 'token'; session?: { id: number; csrf: string } },
): Promise<Principal> {
  const role = roleOf(input.user);
  const first = role === 'admin' ? await firstTeamId(db) : null;
  return {
    kind: 'user',
    id: input.user.id,
    name: input.user.name,
    email: input.user.email ?? '',
    role,
    via: input.via,
    teamId: input.user.teamId,
    owner: role === 'admin' && first === input.user.teamId,
    ...(input.session ? { session: input.session } : {}),
    limits: {
      callingHoursStart: input.user.callingHoursStart,
      callingHoursEnd: input.user.callingHoursEnd,
      maxDialsPerDay: input.user.maxDialsPerDay,
      maxDialsPerWeek: input.user.maxDialsPerWeek,
    },
  };
}

/**
 * Who a request is, from what it carries: the operator's token, a personal API token, or a
 * session cookie; null when it carries none that is good now.
 */
export async function authenticate(
  db: Db,
  input: {
    bearer: string | null;
    cookie: string | null;
    operatorToken?: string | undefined;
    now: Date;
    /** False for a check that is not the person's own doing (an open event stream): it does not count as activity. */
    touch?: boolean;
  },
): Promise<Principal | null> {
  const { bearer, cookie, now } = input;
  if (bearer !== null) {
    if (input.operatorToken && sameText(bearer, input.operatorToken))
      return { kind: 'operator', via: 'operator' };
    if (!bearer.startsWith(TOKEN_PREFIX)) return null;
    const found = await liveToken(db, digestOf(bearer));
    if (!found) return null;
    if (
      input.touch !== false &&
      (!found.token.lastUsedAt || now.getTime() - found.token.lastUsedAt.getTime() > TOUCH_EVERY_MS)
    )
      await touchToken(db, { id: found.token.id, at: now });
    return principalOf(db, { user: found.user, via: 'token' });
  }
  if (cookie === null || !cookie.startsWith(SESSION_PREFIX)) return null;
  const found = await liveSession(db, {
    digest: digestOf(cookie),
    now,
    idleSince: new Date(now.getTime() - SESSION_IDLE_MS),
  });
  if (!found) return null;
  if (input.touch !== false && now.getTime() - found.session.lastSeenAt.getTime() > TOUCH_EVERY_MS)
    await touchSession(db, { id: found.session.id, at: now });
  return principalOf(db, {
    user: found.user,
    via: 'session',
    session: { id: found.session.id, csrf: csrfOf(cookie) },
  });
}

export type Where = { address: string | null; agent: string | null; now: Date };

/** Opens a session for an account: the cookie's secret, the row, and the CSRF token its desk sends. */
async function openSession(
  db: Db,
  input: { user: UserRow; where: Where },
): Promise<{ secret: string; session: SessionRow; principal: Principal }> {
  const secret = newSecret(SESSION_PREFIX);
  const { now } = input.where;
  const session = await insertSession(db, {
    userId: input.user.id,
    digest: digestOf(secret),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
    address: input.where.address,
    agent: input.where.agent?.slice(0, 300) ?? null,
  });
  const principal = await principalOf(db, {
    user: input.user,
    via: 'session',
    session: { id: session.id, csrf: csrfOf(secret) },
  });
  return { secret, session, principal };
}

/** Which limit, if any, an attempt is over: the attempts before it (and in flight with it) are counted, never the refused ones. */
async function limitReached(
  db: Db,
  input: { email: string; where: Where; attempt: number },
): Promise<string | null> {
  const { email, where, attempt } = input;
  const since = new Date(where.now.getTime() - LOGIN_WINDOW_MS);
  const address = where.address ?? undefined;
  const [here, anywhere, fromAddress] = await Promise.all([
    failedLogins(db, { since, through: attempt, email, ...(address ? { address } : {}) }),
    failedLogins(db, { since, through: attempt, email }),
    address ? failedLogins(db, { since, through: attempt, address }) : Promise.resolve(0),
  ]);
  // Each count includes the attempt itself. Guesses from everywhere do not shut the account's
  // owner out of an address they have logged in from lately.
  if (here > MAX_FAILED_PER_ACCOUNT) return 'for this account';
  if (
    anywhere > MAX_FAILED_PER_ACCOUNT_ANYWHERE &&
    !(
      address &&
      (await loggedInFrom(db, { email, address, since: new Date(where.now.getTime() - KNOWN_ADDRESS_MS) }))
    )
  )
    return 'for this account';
  if (fromAddress > MAX_FAILED_PER_ADDRESS) return 'from this address';
  return null;
}

/** Each email's login attempts in this process, one after another. */
const turns = new Map<string, Promise<unknown>>();

function inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
  const mine = (turns.get(key) ?? Promise.resolve()).then(work);
  const settled = mine.catch(() => undefined);
  turns.set(key, settled);
  void settled.then(() => {
    if (turns.get(key) === settled) turns.delete(key);
  });
  return mine;
}

/**
 * Logs in by email and password. A wrong password and an unknown email are told alike and take
 * as long. The attempt is written down before its password is checked, so guesses sent at once
 * are limited like guesses sent in turn: beyond MAX_FAILED_PER_ACCOUNT failures for an account
 * from one address (MAX_FAILED_PER_ACCOUNT_ANYWHERE from anywhere, MAX_FAILED_PER_ADDRESS for any
 * account from one address) in LOGIN_WINDOW_MS, attempts are refused until the window has passed.
 */
export async function login(
  db: Db,
  input: { email: string; password: string; where: Where },
): Promise<{ secret: string; principal: Principal }> {
  const { email, where } = input;
  const account = await accountByEmail(db, email);
  // One email's attempts are written and counted in turn: each sees every one before it. In this
  // process they queue here, so a flood for one email holds one connection, not the pool; across
  // processes the lock in the transaction orders them.
  const { attempt, over } = await inTurn(email, () =>
    db.transaction(async (tx) => {
      await lockLogins(tx, email);
      const id = await insertAudit(tx, {
        teamId: account?.teamId ?? null,
        at: where.now,
        actorId: null,
        actor: email,
        action: 'login_failed',
        subject: email,
        detail: { reason: 'checking' },
        address: where.address,
      });
      return { attempt: id, over: await limitReached(tx, { email, where, attempt: id }) };
    }),
  );
  // The attempt is settled whatever happens next; one cut short stays a failure, saying so.
  let settled: { action: string; detail: Record<string, unknown>; actorId?: number } = {
    action: 'login_failed',
    detail: { reason: 'interrupted' },
  };
  try {
    if (over) {
      settled = { action: 'login_failed', detail: { reason: 'rate_limited' } };
      throw new AppError(
        'rate_limited',
        `Too many failed logins ${over}: try again in ${LOGIN_WINDOW_MS / 60_000} minutes`,
      );
    }
    const fits = await passwordFits(
      account && canLogIn(account) ? account.passwordHash : null,
      input.password,
    );
    if (!account || !fits || !canLogIn(account)) {
      settled = { action: 'login_failed', detail: { reason: account?.disabledAt ? 'disabled' : 'password' } };
      throw new AppError('unauthorized', 'Wrong email or password');
    }
    const opened = await openSession(db, { user: account, where });
    settled = { action: 'login', detail: { session: opened.session.id }, actorId: account.id };
    return { secret: opened.secret, principal: opened.principal };
  } finally {
    // A failure to settle leaves the attempt counted as failed; it never hides the answer.
    await settleAudit(db, { id: attempt, set: settled }).catch(() => undefined);
  }
}

/** Ends the session a request came with. */
export async function logout(db: Db, input: { principal: Principal; where: Where }): Promise<void> {
  const { principal } = input;
  if (principal.kind !== 'user' || !principal.session) return;
  await endSession(db, { id: principal.session.id, at: input.where.now });
  await insertAudit(db, {
    teamId: principal.teamId,
    at: input.where.now,
    actorId: principal.id,
    actor: principal.email,
    action: 'logout',
    subject: principal.email,
    detail: { session: principal.session.id },
    address: input.where.address,
  });
}

/**
 * The first admin of a server without accounts, made from the desk's first-run screen or the
 * CLI: owner of the team's prospects that have no owner (a single-user book's data). Refused once
 * any account exists; two at once make one.
 */
export async function setupFirstAdmin(
  db: Db,
  input: { teamId: number; email: string; name: string; password: string; where: Where },
): Promise<{ secret: string; principal: Principal; owned: number }> {
  const passwordHash = await hashPassword(input.password);
  const made = await db.transaction(async (tx) => {
    await lockAccounts(tx);
    if (await anyAccount(tx))
      throw new AppError('conflict', 'This server has accounts already: log in, or ask an admin for one');
    const [existing] = await usersWithEmail(tx, { teamId: input.teamId, email: input.email });
    const user = existing
      ? await updateUserRow(tx, {
          id: existing.id,
          set: { name: input.name, role: 'admin', passwordHash, passwordChangedAt: input.where.now },
        })
      : await insertUser(tx, {
          teamId: input.teamId,
          name: input.name,
          email: input.email,
          role: 'admin',
          passwordHash,
        });
    const owned = await ownUnowned(tx, { teamId: input.teamId, ownerId: user!.id });
    await insertAudit(tx, {
      teamId: input.teamId,
      at: input.where.now,
      actorId: user!.id,
      actor: input.email,
      action: 'user_added',
      subject: input.email,
      detail: { role: 'admin', firstRun: true, prospectsOwned: owned },
      address: input.where.address,
    });
    return { user: user!, owned };
  });
  const opened = await openSession(db, { user: made.user, where: input.where });
  return { secret: opened.secret, principal: opened.principal, owned: made.owned };
}

/** Sets a password through a one-time link: the link is spent, every session of the account ends, a session opens. */
export async function setPasswordByLink(
  db: Db,
  input: { token: string; password: string; where: Where },
): Promise<{ secret: string; principal: Principal }> {
  const { now } = input.where;
  const refused = () =>
    new AppError('unauthorized', 'This link is not good: it was used, it expired, or it was never made');
  // A link that is no good is told before the password is hashed: guessing links costs the server nothing.
  if (!input.token.startsWith(LINK_PREFIX) || !(await linkIsLive(db, { digest: digestOf(input.token), now })))
    throw refused();
  const passwordHash = await hashPassword(input.password);
  const user = await db.transaction(async (tx) => {
    const userId = input.token.startsWith(LINK_PREFIX)
      ? await takeLink(tx, { digest: digestOf(input.token), now })
      : null;
    if (userId === null) throw refused();
    const row = await updateUserRow(tx, { id: userId, set: { passwordHash, passwordChangedAt: now } });
    await endLinks(tx, { userId, at: now });
    await endSessions(tx, { userId, at: now });
    await insertAudit(tx, {
      teamId: row!.teamId,
      at: now,
      actorId: userId,
      actor: row!.email ?? row!.name,
      action: 'password_set',
      subject: row!.email ?? row!.name,
      detail: { by: 'link' },
      address: input.where.address,
    });
    return row!;
  });
  if (user.disabledAt !== null)
    throw new AppError(
      'forbidden',
      'This account is disabled: the password is set, but an admin must enable it',
    );
  const opened = await openSession(db, { user, where: input.where });
  return { secret: opened.secret, principal: opened.principal };
}

/** Whether the server has any account; once it has, it keeps them (accounts are disabled, never deleted). */
export const anyAccountExists = (db: Db): Promise<boolean> => anyAccount(db);
