import type { Context, MiddlewareHandler } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { LiveCall } from '../contracts/telephony.contract.ts';
import type { Database } from '../db/create-db.ts';
import type { HeardCall } from '../modules/telephony/index.ts';
import { WEBHOOK_PATH } from '../modules/telephony/index.ts';

/** The channel every Reach process sends and hears the book's changes on. */
export const CHANNEL = 'reach_book';
/** How often an open event stream says it is alive, so proxies keep it open (seconds). */
const HEARTBEAT_SECONDS = 25;

/**
 * A change to the book made through the API: the request that made it (`POST /calls`), from
 * which desk (the `x-reach-desk` header its requests carry), when.
 */
export type ChangeEvent = {
  type: 'changed';
  /** The team whose book changed: only its desks hear it. */
  team: number;
  change: string;
  desk: string | null;
  at: string;
};

/** A call through the provider moved (ringing, a person, a machine, the beep, ended, logged), or a call came in. */
export type CallEvent = {
  type: 'call';
  team: number;
  call: LiveCall;
  /** The owner of the prospect called (null: the pool, or nobody in the book) and the rep who placed it: a rep's desk hears only calls to their book and their own. */
  owner: number | null;
  user: number | null;
  at: string;
};

export type BookEvent = ChangeEvent | CallEvent;

export type BookEvents = {
  /** Tells every process on the book, this one included; never fails the change it reports. */
  publish: (event: Omit<ChangeEvent, 'type' | 'at'>) => Promise<void>;
  /** Tells every desk where a call stands. */
  announce: (call: HeardCall, team: number) => Promise<void>;
  /** Calls `hear` for every change any process reports; returns how to stop. */
  hear: (hear: (event: BookEvent) => void) => () => void;
  /**
   * The event stream of `GET /api/v1/events`: one team's events, for as long as whoever opened it
   * is still signed in (asked at every heartbeat: a logout, a reset or a disabled account ends it);
   * for a rep (`own`), only the calls to their book and their own.
   */
  stream: (
    c: Context,
    input: { team: number; own: number | null; alive?: () => Promise<boolean> },
  ) => Response;
  close: () => Promise<void>;
};

/**
 * The book's live events, shared by every `reach serve` on one database through PostgreSQL's
 * LISTEN/NOTIFY (PGlite's own, for the embedded book): a desk hears a teammate's log at once,
 * whichever process took it.
 */
export async function bookEvents(database: Database, log: (line: string) => void): Promise<BookEvents> {
  const listeners = new Set<(event: BookEvent) => void>();
  const send = (event: BookEvent): Promise<void> =>
    database
      .executeSql('select pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)])
      .then(() => undefined)
      .catch((error: unknown) => log(`A live event was not sent: ${(error as Error).message}`));
  const open = new Set<{ close: () => Promise<void> }>();
  const stop = await database.listen(CHANNEL, (payload) => {
    let event: BookEvent;
    try {
      event = JSON.parse(payload) as BookEvent;
    } catch {
      return;
    }
    for (const hear of listeners) hear(event);
  });
  return {
    hear: (hear) => {
      listeners.add(hear);
      return () => listeners.delete(hear);
    },
    publish: async (change) => {
      await send({ type: 'changed', ...change, at: new Date().toISOString() });
    },
    announce: async ({ call, owner, user }, team) => {
      await send({ type: 'call', team, call, owner, user, at: new Date().toISOString() });
    },
    stream: (c, { team, own, alive }) =>
      streamSSE(c, async (sse) => {
        let id = 0;
        // Events go out in order, each only while whoever opened the stream is still signed in.
        let chain = Promise.resolve();
        let end = () => {};
        const entry = {
          close: async () => {
            end();
            await sse.close();
          },
        };
        const stillAlive = async (): Promise<boolean> => {
          if (!alive || (await alive().catch(() => false))) return true;
          await entry.close().catch(() => undefined);
          return false;
        };
        const hear = (event: BookEvent) => {
          if (event.team !== team) return;
          if (
            event.type === 'call' &&
            own !== null &&
            event.owner !== null &&
            event.owner !== own &&
            event.user !== own
          )
            return;
          chain = chain.then(async () => {
            if (await stillAlive())
              await sse
                .writeSSE({ event: event.type, data: JSON.stringify(event), id: String(++id) })
                .catch(() => undefined);
          });
        };
        await sse.writeSSE({ event: 'ready', data: '{}' });
        // The stream stays open until the desk goes away or the server closes.
        await new Promise<void>((resolve) => {
          const beat = setInterval(async () => {
            if (await stillAlive()) await sse.write(': alive\n\n').catch(() => undefined);
          }, HEARTBEAT_SECONDS * 1000);
          end = () => {
            clearInterval(beat);
            listeners.delete(hear);
            open.delete(entry);
            resolve();
          };
          listeners.add(hear);
          open.add(entry);
          sse.onAbort(end);
        });
      }),
    // Open streams end first, or the server would wait for them to close.
    close: async () => {
      await Promise.all([...open].map((sse) => sse.close().catch(() => undefined)));
      open.clear();
      await stop();
    },
  };
}

/** Tells every process of each change the API accepts: any request but a read that succeeded. */
export function publishChanges(
  events: BookEvents,
  teamOf: (c: Context) => number | undefined,
): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.res.status >= 300) return;
    // A provider's webhooks are announced as calls by the processor that folds them, not one by one.
    if (c.req.path.startsWith(WEBHOOK_PATH)) return;
    // Logging in and out changes no book.
    if (c.req.path.startsWith('/api/v1/auth/')) return;
    const team = teamOf(c);
    if (team === undefined) return;
    void events.publish({
      team,
      change: `${c.req.method} ${c.req.path.replace(/^\/api\/v1/, '')}`,
      desk: c.req.header('x-reach-desk') ?? null,
    });
  };
}
