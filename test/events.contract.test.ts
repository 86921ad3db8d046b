import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/http/server.ts';
import { freshDb, type TestDb } from './support/databases.ts';

type Heard = { event: string; data: Record<string, unknown> };

/** Opens `GET /api/v1/events` and collects what it sends, until `stop`. */
async function listen(
  base: string,
  headers: Record<string, string> = {},
): Promise<{
  heard: Heard[];
  next: (event: string) => Promise<Heard>;
  stop: () => void;
  /** Settles when the server ends the stream. */
  ended: Promise<void>;
}> {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/v1/events`, { signal: controller.signal, headers });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const heard: Heard[] = [];
  const waiting: { event: string; n: number; resolve: (h: Heard) => void }[] = [];
  const taken = new Map<string, number>();
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += value;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!event || data === undefined) continue;
        const h = { event, data: JSON.parse(data) as Record<string, unknown> };
        heard.push(h);
        const index = heard.filter((x) => x.event === event).length - 1;
        for (const w of waiting.filter((x) => x.event === event && x.n === index)) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve(h);
        }
      }
    }
  })();
  /** The next `event` not yet taken. */
  const next = (event: string) =>
    new Promise<Heard>((resolve) => {
      const n = taken.get(event) ?? 0;
      taken.set(event, n + 1);
      const seen = heard.filter((h) => h.event === event)[n];
      if (seen) resolve(seen);
      else waiting.push({ event, n, resolve });
    });
  await next('ready');
  return { heard, next, stop: () => controller.abort(), ended };
}

/** Posts JSON to the API of the server at `base`. */
const poster =
  (base: string) =>
  (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${base}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

/** The session a login (or the first run) answered with, as the headers a desk sends. */
async function signedIn(response: Response) {
  const who = (await response.json()) as { csrf: string };
  return { cookie: response.headers.get('set-cookie')!.split(';')[0]!, 'x-reach-csrf': who.csrf };
}

const addProspect = (base: string, desk: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/v1/prospects`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-reach-desk': desk, ...headers },
    body: JSON.stringify({
      firstName: 'Ann',
      lastName: 'Lee',
      timezone: 'America/New_York',
      phones: [{ number: '212-555-0142', kind: 'direct' }],
    }),
  });

describe('live events of the book', () => {
  const servers: RunningServer[] = [];
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
    for (const c of cleanup.splice(0)) await c();
  });

  it('a desk hears a change the moment the API accepts it, with the desk that made it; reads and refusals say nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reach-events-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const server = await startServer({ port: 0, host: '127.0.0.1', data: dir, log: () => undefined });
    servers.push(server);
    const stream = await listen(server.url);
    const refused = await fetch(`${server.url}/api/v1/prospects`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ timezone: 'Mars/Olympus' }),
    });
    expect(refused.ok).toBe(false);
    await fetch(`${server.url}/api/v1/queue`);
    expect((await addProspect(server.url, 'desk-1')).status).toBe(201);
    const changed = await stream.next('changed');
    expect(changed.data).toMatchObject({ type: 'changed', change: 'POST /prospects', desk: 'desk-1' });
    // Only the accepted change was told.
    expect(stream.heard.filter((h) => h.event === 'changed')).toHaveLength(1);
    stream.stop();
  });

  it("a change to one team's book is heard by that team's desks only", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reach-events-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const server = await startServer({ port: 0, host: '127.0.0.1', data: dir, log: () => undefined });
    servers.push(server);
    const post = poster(server.url);
    const one = await signedIn(
      await post('/auth/setup', { email: 'ana@one.example', name: 'Ana', password: 'ana passphrase 1' }),
    );
    const made = await post(
      '/teams',
      { name: 'Two', admin: { email: 'bo@two.example', name: 'Bo', password: 'bo passphrase 22' } },
      one,
    );
    expect(made.status).toBe(201);
    const two = await signedIn(
      await post('/auth/login', { email: 'bo@two.example', password: 'bo passphrase 22' }),
    );
    const hearsOne = await listen(server.url, { cookie: one.cookie });
    const hearsTwo = await listen(server.url, { cookie: two.cookie });
    expect((await addProspect(server.url, 'desk-two', two)).status).toBe(201);
    expect((await hearsTwo.next('changed')).data).toMatchObject({ desk: 'desk-two' });
    expect((await addProspect(server.url, 'desk-one', one)).status).toBe(201);
    // Team one's first change heard is its own: team two's never reached it.
    expect((await hearsOne.next('changed')).data).toMatchObject({ desk: 'desk-one' });
    expect(hearsOne.heard.filter((h) => h.event === 'changed').map((h) => h.data['desk'])).toEqual([
      'desk-one',
    ]);
    hearsOne.stop();
    hearsTwo.stop();
  });

  it("a desk's event stream outlived its logout and kept telling the book's changes: it ends at the next one", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reach-events-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const server = await startServer({ port: 0, host: '127.0.0.1', data: dir, log: () => undefined });
    servers.push(server);
    const post = poster(server.url);
    const credentials = { email: 'ana@one.example', password: 'ana passphrase 1' };
    const first = await signedIn(await post('/auth/setup', { ...credentials, name: 'Ana' }));
    const stream = await listen(server.url, { cookie: first.cookie });
    expect((await addProspect(server.url, 'desk-1', first)).status).toBe(201);
    await stream.next('changed');
    expect((await post('/auth/logout', {}, first)).status).toBe(204);
    const other = await signedIn(await post('/auth/login', credentials));
    expect((await addProspect(server.url, 'desk-2', other)).status).toBe(201);
    await stream.ended;
    expect(stream.heard.filter((h) => h.event === 'changed').map((h) => h.data['desk'])).toEqual(['desk-1']);
  });

  it.runIf(process.env['TEST_DATABASE_URL'])(
    "a call to one rep's prospect was shown live on every rep's desk: a rep hears the calls to their book and their own, a manager all",
    async () => {
      const t: TestDb = await freshDb('postgres');
      cleanup.push(t.drop);
      const server = await startServer({
        port: 0,
        host: '127.0.0.1',
        databaseUrl: t.url!,
        log: () => undefined,
      });
      servers.push(server);
      const post = poster(server.url);
      const ana = await signedIn(
        await post('/auth/setup', { email: 'ana@one.example', name: 'Ana', password: 'ana passphrase 1' }),
      );
      const rep = async (email: string, role = 'rep') => {
        const made = await post('/users', { email, name: email, role, password: `${email} passphrase` }, ana);
        expect(made.status).toBe(201);
        const id = ((await made.json()) as { user: { id: number } }).user.id;
        return {
          id,
          headers: await signedIn(await post('/auth/login', { email, password: `${email} passphrase` })),
        };
      };
      const sam = await rep('sam@one.example');
      const kit = await rep('kit@one.example');
      const max = await rep('max@one.example', 'manager');
      const hears = {
        ana: await listen(server.url, { cookie: ana.cookie }),
        sam: await listen(server.url, { cookie: sam.headers.cookie }),
        kit: await listen(server.url, { cookie: kit.headers.cookie }),
        max: await listen(server.url, { cookie: max.headers.cookie }),
      };
      // Another process of the book folds calls and tells every process, as its processor does.
      const other = new pg.Client({ connectionString: t.url! });
      await other.connect();
      cleanup.unshift(() => other.end());
      const team = t.ctx.team.id;
      const announce = (id: number, owner: number | null, user: number | null) =>
        other.query('select pg_notify($1, $2)', [
          'reach_book',
          JSON.stringify({ type: 'call', team, call: { id }, owner, user, at: new Date().toISOString() }),
        ]);
      await announce(1, kit.id, kit.id); // Kit's call to their own prospect
      await announce(2, sam.id, kit.id); // Kit covering a call to Sam's prospect
      await announce(3, null, null); // a call in from a number not in the book
      await announce(4, kit.id, null); // a call in from Kit's prospect
      await announce(5, null, null); // and another stranger's, after which nothing more comes
      const ids = async (who: Awaited<ReturnType<typeof listen>>, n: number) => {
        for (let i = 0; i < n; i++) await who.next('call');
        return who.heard.filter((h) => h.event === 'call').map((h) => (h.data['call'] as { id: number }).id);
      };
      expect(await ids(hears.ana, 5)).toEqual([1, 2, 3, 4, 5]);
      expect(await ids(hears.kit, 5)).toEqual([1, 2, 3, 4, 5]);
      // Sam hears the one to their book and the stranger's; the calls to Kit's book never reached them.
      expect(await ids(hears.sam, 3)).toEqual([2, 3, 5]);
      // A manager made a rep kept hearing every call: the stream ends at the next one, and the
      // desk's reconnection hears as a rep.
      expect(await ids(hears.max, 5)).toEqual([1, 2, 3, 4, 5]);
      const demoted = await fetch(`${server.url}/api/v1/users/max@one.example`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', ...ana },
        body: JSON.stringify({ role: 'rep' }),
      });
      expect(demoted.status).toBe(200);
      await announce(6, kit.id, kit.id);
      await hears.max.ended;
      expect(await ids(hears.kit, 1)).toContain(6);
      expect(hears.max.heard.filter((h) => h.event === 'call')).toHaveLength(5);
      for (const h of Object.values(hears)) h.stop();
    },
  );

  it.runIf(process.env['TEST_DATABASE_URL'])(
    'two reach serve processes on one PostgreSQL: a call logged through one is heard through the other',
    async () => {
      const t: TestDb = await freshDb('postgres');
      cleanup.push(t.drop);
      const a = await startServer({ port: 0, host: '127.0.0.1', databaseUrl: t.url!, log: () => undefined });
      servers.push(a);
      const b = await startServer({ port: 0, host: '127.0.0.1', databaseUrl: t.url!, log: () => undefined });
      servers.push(b);
      const onB = await listen(b.url);
      const created = (await (await addProspect(a.url, 'desk-a')).json()) as { id: number };
      expect((await onB.next('changed')).data).toMatchObject({ change: 'POST /prospects', desk: 'desk-a' });
      const logged = await fetch(`${a.url}/api/v1/calls`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-reach-desk': 'desk-a' },
        body: JSON.stringify({
          prospect: String(created.id),
          outcome: 'no-answer',
          at: '2026-03-03T15:00:00Z',
        }),
      });
      expect(logged.status).toBe(201);
      expect((await onB.next('changed')).data).toMatchObject({ change: 'POST /calls', desk: 'desk-a' });
      // A setting changed through one process is what the other reads next.
      const patched = await fetch(`${a.url}/api/v1/config`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ maxDialsPerDay: 1 }),
      });
      expect(patched.status).toBe(200);
      await onB.next('changed');
      await expect
        .poll(
          async () =>
            ((await (await fetch(`${b.url}/api/v1/config`)).json()) as { maxDialsPerDay: number })
              .maxDialsPerDay,
        )
        .toBe(1);
      onB.stop();
    },
  );
});
