import { type Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Principal } from '../context/context.ts';
import { nowOf } from '../context/context.ts';
import { forServer, inTeam } from '../db/team-scope.ts';
import {
  accountRoutes,
  addressOf,
  anyAccountExists,
  authenticate,
  SESSION_COOKIE,
} from '../modules/accounts/index.ts';
import { dncRoutes } from '../modules/dnc/index.ts';
import { emailRoutes } from '../modules/email/index.ts';
import { exportRoutes } from '../modules/exports/index.ts';
import { importRoutes } from '../modules/imports/index.ts';
import { type Ctx, type Team, teamWithId } from '../modules/team/index.ts';
import { teamOfWebhook, twilioRoutes, WEBHOOK_PATH, type WebhookHooks } from '../modules/telephony/index.ts';
import { AppError } from '../shared/errors.ts';
import { requestIdOf } from '../shared/request-trace.ts';
import { version } from '../shared/version.ts';
import { type BookEvents, publishChanges } from './events.ts';
import { problemResponse } from './problem.ts';
import { mount, mountOperations, openApiDocument, type Route } from './routes.ts';
import { mountWebApp } from './web-app.ts';

export const routes: Route[] = [
  ...accountRoutes,
  ...importRoutes,
  ...emailRoutes,
  ...exportRoutes,
  ...dncRoutes,
];

export type AppOptions = {
  /** The book and the server's own team (the first): webhooks and a book without accounts run in it. */
  ctx: Ctx;
  /** REACH_TOKEN: the operator's token, which runs every request as the server's owner. */
  token?: string | undefined;
  /** REACH_TRUST_PROXY: a reverse proxy in front says who the client is (X-Forwarded-For). */
  trustProxy?: boolean | undefined;
  databaseKind: string;
  /** The built web app's folder; `web/dist` of this checkout unless given. */
  webRoot?: string | undefined;
  /** The book's live events (`GET /api/v1/events`), shared with every process on the database. */
  events?: BookEvents | undefined;
  /** What the telephony webhooks tell: something to fold (the call processor), a call to show at once. */
  calls?: WebhookHooks | undefined;
};

/** How long another team's settings are trusted before they are read again (a change made by another process). */
const TEAM_FRESH_MS = 5_000;
/** Requests that change nothing: they need no CSRF token. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The principal and team of a request, once authenticated. */
export const principalOfRequest = (c: Context): Principal | undefined =>
  (c.get as (key: string) => unknown)('principal') as Principal | undefined;
export const teamOfRequest = (c: Context): number | undefined =>
  (c.get as (key: string) => unknown)('teamId') as number | undefined;

/**
 * The HTTP API under /api/v1 (JSON in and out, problem+json errors) and the web app at `/`.
 * Once the server has accounts every request needs a session cookie or a bearer token; a book
 * without them serves loopback as its single user (or, with REACH_TOKEN, whoever sends it).
 */
export function createApp(options: AppOptions): Hono {
  const app = new Hono();
  const base = options.ctx;
  app.onError((error, c) => problemResponse(c, error));
  app.use('*', async (c, next) => {
    c.header('x-request-id', requestIdOf(c));
    await next();
  });
  app.notFound((c) =>
    problemResponse(c, new AppError('not_found', `No such endpoint: ${c.req.method} ${c.req.path}`)),
  );
  const hooks: WebhookHooks = options.calls ?? { received: () => undefined, announce: () => undefined };
  const all = [...routes, ...twilioRoutes(hooks)];
  const open = new Set([
    'GET /api/v1/health',
    'GET /api/v1/openapi.json',
    ...all.filter((r) => r.public).map((r) => `${r.method.toUpperCase()} /api/v1${r.path}`),
  ]);
  const callTeams = new Map<number, number>();
  // Accounts are disabled, never deleted: once the server has one, it has them.
  let accounts = false;
  const accountsExist = async (): Promise<boolean> => {
    accounts ||= await anyAccountExists(base.db);
    return accounts;
  };
  app.use('/api/*', async (c, next) => {
    c.set('clientAddress' as never, addressOf(c, options.trustProxy === true) as never);
    // A provider's webhooks carry its signature (or a keyed address), checked by each, never a session or token.
    if (c.req.path.startsWith(`${WEBHOOK_PATH}/`)) {
      // …and run in the team of the call they name (or of the number dialled), whose auth token signs them.
      const team = await webhookTeamOf(c, { db: base.db, callTeams });
      if (team !== null) c.set('teamId' as never, team as never);
      return inTeam(team ?? base.team.id, next);
    }
    const principal = await principalFor(c, { options, accountsExist });
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    const isOpen = open.has(`${method} ${c.req.path}`);
    if (!principal && !isOpen)
      throw new AppError(
        'unauthorized',
        (await accountsExist())
          ? 'Log in (POST /api/v1/auth/login) or send Authorization: Bearer <personal token>'
          : 'Send Authorization: Bearer <REACH_TOKEN>',
      );
    // A desk authenticated by its cookie proves each change is its own: the CSRF token it was given.
    if (principal?.kind === 'user' && principal.session && !SAFE_METHODS.has(c.req.method) && !isOpen) {
      const sent = c.req.header('x-reach-csrf') ?? '';
      if (sent !== principal.session.csrf)
        throw new AppError('forbidden', 'A change from a logged-in desk carries its x-reach-csrf token');
    }
    c.set('principal' as never, principal as never);
    const team = principal?.kind === 'user' ? principal.teamId : base.team.id;
    c.set('teamId' as never, team as never);
    // The request's queries see its team's rows alone (on PostgreSQL, enforced by row-level
    // security too); a login, the first run and a password link are not yet anyone's.
    await (principal && !isOpen ? inTeam(team, next) : forServer(next));
  });
  app.get('/api/v1/health', (c) => c.json({ status: 'ok', version, database: options.databaseKind }));
  const { events } = options;
  if (events) {
    app.use('/api/v1/*', publishChanges(events, teamOfRequest));
    app.get('/api/v1/events', (c) => {
      const who = principalOfRequest(c);
      // Streams of a signed-in desk end once the session or token behind them no longer is, or
      // its role changed (a manager made a rep hears only their own book once the desk reconnects).
      const alive =
        who?.kind === 'user'
          ? async () => {
              const now = await principalFor(c, { options, accountsExist, touch: false });
              return now?.kind === 'user' && now.role === who.role;
            }
          : undefined;
      return events.stream(c, {
        team: teamOfRequest(c) ?? base.team.id,
        own: who?.kind === 'user' && who.role === 'rep' ? who.id : null,
        ...(alive ? { alive } : {}),
      });
    });
  }
  const document = openApiDocument(all, version);
  app.get('/api/v1/openapi.json', (c) => c.json(document));
  const teams = new Map<number, { team: Team; at: number }>();
  const ctxOf = async (c: Context): Promise<Ctx> => {
    const user = principalOfRequest(c);
    const teamId = teamOfRequest(c) ?? base.team.id;
    let team = base.team;
    if (teamId !== base.team.id) {
      const kept = teams.get(teamId);
      if (kept && Date.now() - kept.at < TEAM_FRESH_MS) team = kept.team;
      else {
        const read = await teamWithId(base.db, teamId);
        if (!read) throw new AppError('unauthorized', 'This account’s team is gone');
        teams.set(teamId, { team: read, at: Date.now() });
        team = read;
      }
    }
    return { ...base, team, ...(user ? { user } : {}), address: addressOf(c) };
  };
  // A change of settings is kept for the requests after it.
  const settle = (ctx: Ctx, started: Team): void => {
    // Only an operation that changed the settings writes them back: a slow request's copy never undoes a newer change.
    if (ctx.team === started) return;
    if (ctx.team.id === base.team.id) base.team = ctx.team;
    else teams.set(ctx.team.id, { team: ctx.team, at: Date.now() });
  };
  mountOperations(app, { ctx: ctxOf, settle });
  mount(app, { routes: all, ctx: ctxOf, settle });
  mountWebApp(app, options.webRoot);
  return app;
}

/** The largest call-in body read to find its team before its signature is checked. */
const WEBHOOK_PEEK_BYTES = 16_384;
/** How many calls' teams a server keeps at hand: a call never changes team, and sends a dozen webhooks. */
const CALL_TEAMS_KEPT = 10_000;

/** The team a provider's webhook is for, from its `call` (a call Reach placed) or its `To` (a call in). */
async function webhookTeamOf(
  c: Context,
  input: { db: Ctx['db']; callTeams: Map<number, number> },
): Promise<number | null> {
  const { db, callTeams } = input;
  const call = c.req.query('call');
  if (call !== undefined) {
    if (!/^[1-9]\d{0,9}$/.test(call) || Number(call) > 2_147_483_647) return null;
    const id = Number(call);
    const kept = callTeams.get(id);
    if (kept !== undefined) return kept;
    const team = await teamOfWebhook(db, { call: id });
    if (team !== null) {
      if (callTeams.size >= CALL_TEAMS_KEPT) callTeams.delete(callTeams.keys().next().value!);
      callTeams.set(id, team);
    }
    return team;
  }
  // Only a call in names its team by the number dialled; and its body is read here, before its
  // signature is checked, only when it says it is small (a webhook is a few hundred bytes).
  const length = Number(c.req.header('content-length') ?? Number.NaN);
  if (
    c.req.method !== 'POST' ||
    !c.req.path.endsWith('/inbound') ||
    !(length > 0 && length <= WEBHOOK_PEEK_BYTES) ||
    !(c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded')
  )
    return null;
  // The body is read once and kept by the request: the route reads it again to check its signature.
  const form = new URLSearchParams(await c.req.text());
  const to = form.get('To');
  const account = form.get('AccountSid');
  return to && account ? teamOfWebhook(db, { to, account }) : null;
}

/** Who a request is: a session, a personal token or the operator's token; on a book without accounts and without REACH_TOKEN, the open single user. */
async function principalFor(
  c: Context,
  input: { options: AppOptions; accountsExist: () => Promise<boolean>; touch?: boolean },
): Promise<Principal | null> {
  const { options } = input;
  // Only a bearer credential is Reach's: a browser's Basic credentials for a proxy in front leave the session in charge.
  const header = c.req.header('authorization');
  const bearer =
    header === undefined || !/^Bearer\s/i.test(header) ? null : (/^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? '');
  const cookie = getCookie(c, SESSION_COOKIE) ?? null;
  const principal = await authenticate(options.ctx.db, {
    bearer,
    cookie,
    operatorToken: options.token,
    now: nowOf(options.ctx),
    ...(input.touch === false ? { touch: false } : {}),
  });
  if (principal) return principal;
  if (!options.token && !(await input.accountsExist())) return { kind: 'operator', via: 'open' };
  return null;
}
