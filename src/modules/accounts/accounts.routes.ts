import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { Ctx, Principal } from '../../context/context.ts';
import { nowOf } from '../../context/context.ts';
import type { Route } from '../../context/route.ts';
import {
  linkPasswordSchema,
  loginSchema,
  setupSchema,
  whoAmISchema,
} from '../../contracts/accounts.contract.ts';
import { AppError } from '../../shared/errors.ts';
import { parseInput } from '../../shared/validate.ts';
import { teamWithId } from '../team/index.ts';
import { whoAmI } from './accounts.service.ts';
import {
  login,
  logout,
  SESSION_LIFETIME_MS,
  setPasswordByLink,
  setupFirstAdmin,
  type Where,
} from './auth.service.ts';

/** The session cookie's name. */
export const SESSION_COOKIE = 'reach_session';

/**
 * The address a request came from, for the audit log and the login limits: the socket's peer or,
 * behind a proxy Reach was told to trust (REACH_TRUST_PROXY=1), the address the proxy added last
 * to X-Forwarded-For (the ones before it are the client's word, and anyone can write them).
 */
export function addressOf(c: Context, trustProxy = false): string | null {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const peer = env?.incoming?.socket?.remoteAddress ?? null;
  if (!trustProxy) return ((c.get as (key: string) => unknown)('clientAddress') as string | null) ?? peer;
  const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
  return forwarded || peer;
}

/** Whether the request reached Reach over TLS (directly or through a proxy that says so). */
const overTls = (c: Context): boolean =>
  new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

const whereOf = (c: Context, ctx: Ctx): Where => ({
  address: addressOf(c),
  agent: c.req.header('user-agent') ?? null,
  now: nowOf(ctx),
});

/**
 * A JSON body, and only a JSON body: a form posted from another site cannot log a browser in
 * (login CSRF), since it cannot send `application/json` without the browser asking first.
 */
async function jsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type))
    throw new AppError('validation', 'content-type: must be application/json', {
      issues: [{ field: 'content-type', reason: 'must be application/json' }],
    });
  return c.req.json().catch(() => {
    throw new AppError('unreadable_input', 'The body is not JSON');
  });
}

/** Answers with the new session's principal, its cookie set: HttpOnly, SameSite=Strict, Secure over TLS. */
async function signedIn(
  c: Context,
  input: { ctx: Ctx; secret: string; principal: Principal; status?: 200 | 201 },
) {
  setCookie(c, SESSION_COOKIE, input.secret, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: overTls(c),
    path: '/',
    maxAge: SESSION_LIFETIME_MS / 1000,
  });
  c.header('cache-control', 'no-store');
  return c.json(await whoAmI({ ...input.ctx, user: input.principal }), input.status ?? 200);
}

/** The context of a principal just signed in: their own team's. */
async function ctxOf(ctx: Ctx, principal: Principal): Promise<Ctx> {
  if (principal.kind !== 'user' || principal.teamId === ctx.team.id) return { ...ctx, user: principal };
  const team = await teamWithId(ctx.db, principal.teamId);
  return { ...ctx, user: principal, team: team ?? ctx.team };
}

const principalOut = { 'application/json': whoAmISchema };

/** Login, logout, the first run and one-time password links: the routes that set or clear the session cookie. */
export const accountRoutes: Route[] = [
  {
    method: 'post',
    path: '/auth/login',
    tag: 'accounts',
    summary:
      'Log in with email and password: a session cookie (HttpOnly, SameSite=Strict, Secure over TLS) and the CSRF token the desk sends with every change',
    body: loginSchema,
    public: true,
    responses: {
      200: 'Logged in: who, and the CSRF token',
      401: 'Wrong email or password (told alike)',
      429: 'Too many failed logins for the account or from the address',
    },
    content: principalOut,
    handle: async ({ c, ctx }) => {
      const body = parseInput(loginSchema, await jsonBody(c), 'body');
      const done = await login(ctx.db, { ...body, where: whereOf(c, ctx) });
      return signedIn(c, { ctx: await ctxOf(ctx, done.principal), ...done });
    },
  },
  {
    method: 'post',
    path: '/auth/logout',
    tag: 'accounts',
    summary: "End this desk's session and clear its cookie",
    responses: { 204: 'Logged out' },
    content: {},
    handle: async ({ c, ctx }) => {
      if (ctx.user) await logout(ctx.db, { principal: ctx.user, where: whereOf(c, ctx) });
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: overTls(c) });
      return c.body(null, 204);
    },
  },
  {
    method: 'post',
    path: '/auth/setup',
    tag: 'accounts',
    summary:
      "The first run: make the server's first admin, owner of the book's prospects so far (only while no account exists, from this machine or with REACH_TOKEN)",
    body: setupSchema,
    public: true,
    responses: { 201: 'The first admin, logged in', 409: 'The server has accounts already' },
    content: principalOut,
    handle: async ({ c, ctx }) => {
      // On a server without accounts only the operator gets here (loopback, or REACH_TOKEN).
      if (ctx.user?.kind !== 'operator')
        throw new AppError('conflict', 'This server has accounts already: log in, or ask an admin for one');
      const body = parseInput(setupSchema, await jsonBody(c), 'body');
      const done = await setupFirstAdmin(ctx.db, { ...body, teamId: ctx.team.id, where: whereOf(c, ctx) });
      return signedIn(c, { ctx, ...done, status: 201 });
    },
  },
  {
    method: 'post',
    path: '/auth/link',
    tag: 'accounts',
    summary:
      "Set a password through a one-time link (a new account's, or after an admin's reset): the link is spent, the account's other sessions end, this desk is logged in",
    body: linkPasswordSchema,
    public: true,
    responses: {
      200: 'The password is set and the desk logged in',
      401: 'The link is used, expired or unknown',
    },
    content: principalOut,
    handle: async ({ c, ctx }) => {
      const body = parseInput(linkPasswordSchema, await jsonBody(c), 'body');
      const done = await setPasswordByLink(ctx.db, { ...body, where: whereOf(c, ctx) });
      return signedIn(c, { ctx: await ctxOf(ctx, done.principal), ...done });
    },
  },
];
