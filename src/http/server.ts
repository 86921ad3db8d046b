import { serve } from '@hono/node-server';
import { count } from 'drizzle-orm';
import { openBook } from '../app/open-book.ts';
import { recordLockPort, resolveDataDir } from '../db/data-dir.ts';
import { prospects } from '../db/schema.ts';
import { anyAccountExists } from '../modules/accounts/index.ts';
import { startWorker } from '../modules/jobs/index.ts';
import { loadTeam } from '../modules/team/index.ts';
import { callProcessor } from '../modules/telephony/index.ts';
import { AppError } from '../shared/errors.ts';
import { httpOrigin } from '../shared/http-origin.ts';
import { isLoopback } from '../shared/loopback.ts';
import { createApp } from './app.ts';
import { bookEvents } from './events.ts';

export type ServerOptions = {
  port: number;
  host: string;
  data?: string | undefined;
  databaseUrl?: string | undefined;
  token?: string | undefined;
  /** A reverse proxy in front says who the client is (X-Forwarded-For): REACH_TRUST_PROXY=1. */
  trustProxy?: boolean | undefined;
  /** The server's clock, for what is decided at the server's now (a call placed); the machine's when left out. */
  clock?: () => Date;
  /** Also runs the cadence worker: automatic email steps go out when due. */
  worker?: boolean;
  log?: (line: string) => void;
};
export type RunningServer = { url: string; where: string; close: () => Promise<void> };

/** How long an idle kept-alive connection stays open. */
export const KEEP_ALIVE_MS = 65_000;
/** The changes that move the team's settings (`PATCH /config`, the demo's territory). */
const TEAM_CHANGES = /^(PATCH \/config|POST \/demo)\b/;

/** Starts the API on the embedded or server database; the embedded directory is locked while it runs. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const book = await openBook({
    data: options.data,
    databaseUrl: options.databaseUrl,
    holder: { kind: 'server', port: options.port, host: options.host },
  });
  // Beyond this machine every request must say who it is: logins, or the operator's token.
  if (!isLoopback(options.host) && !options.token && !(await anyAccountExists(book.database.db))) {
    await book.close();
    throw new AppError(
      'validation',
      `--host ${options.host}: Reach listens beyond loopback only once it has logins (reach users add EMAIL --role admin) or REACH_TOKEN is set`,
    );
  }
  const { database, where } = book;
  if (database.kind === 'postgres') {
    const [role] = (
      await database.executeSql(
        'select rolsuper or rolbypassrls as bypass from pg_roles where rolname = current_user',
      )
    ).rows as { bypass: boolean }[];
    if (role?.bypass)
      log(
        "Reach connects to PostgreSQL as a superuser (or a role with BYPASSRLS): teams are kept apart by Reach's own queries, but row-level security cannot hold as a second wall. Connect as the role that owns the database instead.",
      );
  }
  const ctx = {
    db: database.db,
    team: await loadTeam(database.db),
    ...(options.clock ? { clock: options.clock } : {}),
  };
  const events = await bookEvents(database, log);
  // The team's settings live in the database: a change made through another process is read again here.
  events.hear((event) => {
    if (event.type === 'changed' && TEAM_CHANGES.test(event.change))
      void loadTeam(database.db)
        .then((team) => {
          ctx.team = team;
        })
        .catch((error: unknown) =>
          log(`The team's settings were not read again: ${(error as Error).message}`),
        );
  });
  // Calls through the provider: webhooks folded as they arrive, each move told to every desk.
  const calls = callProcessor({
    ctx: () => ctx,
    publish: (call, team) => void events.announce(call, team),
    log,
  });
  calls.wake();
  const app = createApp({
    ctx,
    token: options.token,
    trustProxy: options.trustProxy,
    databaseKind: database.kind,
    events,
    calls: { received: calls.wake, announce: (call, team) => void events.announce(call, team) },
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s));
    s.once('error', reject);
  }).catch(async (error) => {
    await book.close();
    throw new AppError(
      'unavailable',
      `Cannot listen on ${options.host}:${options.port}: ${(error as Error).message}`,
      { cause: error },
    );
  });
  // Connections kept open longer than the peers that reuse them (a provider's webhooks, a proxy):
  // Node's 5 s would close one just as it is reused.
  if ('keepAliveTimeout' in server) {
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  if (!options.databaseUrl && port !== options.port) recordLockPort(resolveDataDir(options.data), port);
  const url = httpOrigin({ host: options.host, port });
  // The desk serves without the worker rather than not at all; the rep hears why.
  const worker = options.worker
    ? await startWorker({ database, log }).catch((error: unknown) => {
        log(
          `The cadence worker did not start (${(error as Error).message}): automatic email steps wait for the rep.`,
        );
        return null;
      })
    : null;
  if (worker) log('The cadence worker runs here: automatic email steps go out when due.');
  const [row] = await database.db.select({ n: count() }).from(prospects);
  log(
    `Reach is serving ${where}: the desk at ${url}/ and the API at ${url}/api/v1 (OpenAPI: ${url}/api/v1/openapi.json)`,
  );
  if (Number(row?.n ?? 0) === 0)
    log(
      'The book is empty: run `reach demo` (from the repository: `./bin/reach demo`) to load a demo territory, or `reach import FILE.csv`.',
    );
  let closed = false;
  return {
    url,
    where,
    close: async () => {
      if (closed) return;
      closed = true;
      await events.close();
      await new Promise((resolve) => server.close(resolve));
      await calls.stop();
      await worker?.stop();
      await book.close();
    },
  };
}
