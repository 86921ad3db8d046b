import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/http/app.ts';
import { drivers, freshDb, type TestDb } from './support/databases.ts';
import { exampleOf, type Operation } from './support/openapi-examples.ts';

// biome-ignore lint/suspicious/noExplicitAny: answers are read loosely here; REACH_CHECK_ANSWERS holds them to their contracts
type Json = Record<string, any>;
type Desk = { cookie: string; csrf: string } | null;

/** What only team B's book holds: none of it may reach anyone of team A, in any answer. */
const B = {
  first: 'Zebulon',
  last: 'Quartermaine',
  email: 'zq@southwind-secret.example',
  phone: '+16175550199',
  other: '+16175550188',
  company: 'Southwind Secretworks',
  note: 'SOUTHWIND-SECRET-NOTE',
  admin: 'bo@southwind.example',
};
/**
 * What team A cannot know of B's: a request names B's ids, email and number (and may have them
 * said back, or even keep them in A's own book), but never learns B's prospect's name, company,
 * notes, other number or B's people.
 */
const MARKERS = [B.last, B.other.slice(2), B.company, B.note, B.admin];
/** What only Kit, a rep of team A, holds in his own book: Sam, another rep of A, may not learn it. */
const K = {
  first: 'Kalinda',
  last: 'Ostrowski',
  email: 'ko@kits-own.example',
  phone: '+16175550177',
  other: '+16175550166',
  company: 'Kits Own Fabrication',
  note: 'KIT-OWN-NOTE',
};
const KIT_MARKERS = [K.last, K.other.slice(2), K.company, K.note];
/** Ids of team B's rows start here, above every id of team A's, so a refusal is never an id that happens to be A's own. */
const B_IDS_FROM = 100_000;

/**
 * The tenant matrix: every operation of the OpenAPI document, as every role of team A (and as
 * nobody), aimed at team B's objects (their ids, keys, numbers and emails in the path, query and
 * body). No answer may carry anything of B's, and B's book is the same row for row afterwards.
 */
describe.each(drivers)('two teams on one server (%s): the tenant matrix', (driver) => {
  let t: TestDb;
  let app: ReturnType<typeof createApp>;
  const ids = new Set<number>();
  let teamB = 0;
  const desks: Record<string, Desk> = {};
  let kit: Desk = null;
  const kitIds: number[] = [];

  const call = async (
    path: string,
    init: { method?: string; body?: unknown; desk?: Desk; csv?: string } = {},
  ) => {
    const headers: Record<string, string> = {};
    if (init.desk) Object.assign(headers, { cookie: init.desk.cookie, 'x-reach-csrf': init.desk.csrf });
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.csv !== undefined) headers['content-type'] = 'text/csv';
    const response = await app.request(`/api/v1${path}`, {
      method: init.method ?? (init.body === undefined && init.csv === undefined ? 'GET' : 'POST'),
      headers,
      ...(init.body !== undefined
        ? { body: JSON.stringify(init.body) }
        : init.csv !== undefined
          ? { body: init.csv }
          : {}),
    });
    const text = await response.text();
    return { status: response.status, text, body: (text.startsWith('{') ? JSON.parse(text) : {}) as Json };
  };
  const signIn = async (email: string, password: string): Promise<Desk> => {
    const response = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(response.status).toBe(200);
    const who = (await response.json()) as Json;
    return { cookie: response.headers.get('set-cookie')!.split(';')[0]!, csrf: who['csrf'] };
  };
  const ok = <A extends { status: number; text: string }>(answer: A, what: string): A => {
    expect(answer.status, `${what}: ${answer.text.slice(0, 300)}`).toBeLessThan(300);
    return answer;
  };

  /** What a rep's own book holds: a prospect, a call with a message, a fact. */
  const seedBook = async (desk: Desk, who: typeof K) => {
    const prospect = ok(
      await call('/prospects', {
        desk,
        body: {
          firstName: who.first,
          lastName: who.last,
          email: who.email,
          company: who.company,
          title: 'VP Operations',
          timezone: 'America/New_York',
          notes: who.note,
          phones: [
            { number: who.phone, kind: 'direct' },
            { number: who.other, kind: 'mobile' },
          ],
        },
      }),
      'prospect',
    ).body;
    const logged = ok(
      await call('/calls', {
        desk,
        body: {
          prospect: String(prospect['id']),
          outcome: 'voicemail-left',
          number: who.phone,
          at: '2026-12-01T15:00:00Z',
          note: who.note,
          message: { kind: 'curiosity', text: `${who.first}, one question about your plant. ${who.note}` },
        },
      }),
      'call',
    ).body;
    ok(
      await call('/intel', {
        desk,
        body: {
          prospect: String(prospect['id']),
          type: 'gatekeeper-name',
          value: who.note,
          at: '2026-12-01T16:05:00Z',
        },
      }),
      'intel',
    );
    return { prospect, logged };
  };

  /** A book with a prospect, a call with a message, a callback, a fact, a point, a Do-Not-Call entry and a token. */
  const seed = async (
    desk: Desk,
    who: {
      first: string;
      last: string;
      email: string;
      phone: string;
      other: string;
      company: string;
      note: string;
    },
  ) => {
    const { prospect, logged } = await seedBook(desk, who);
    const callback = ok(
      await call('/callbacks', { desk, body: { from: who.phone, at: '2026-12-01T16:00:00Z' } }),
      'callback',
    ).body;
    ok(await call('/dnc', { desk, body: { number: who.other, reason: who.note } }), 'dnc');
    const token = ok(await call('/tokens', { desk, body: { name: who.note } }), 'token').body;
    return { prospect, logged, callback, token };
  };

  beforeAll(async () => {
    t = await freshDb(driver);
    app = createApp({ ctx: t.ctx, databaseKind: t.kind });
    const setup = await app.request('/api/v1/auth/setup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ana@northwind.example', name: 'Ana', password: 'ana passphrase 1' }),
    });
    expect(setup.status).toBe(201);
    const ana = await signIn('ana@northwind.example', 'ana passphrase 1');
    for (const [email, role] of [
      ['max@northwind.example', 'manager'],
      ['sam@northwind.example', 'rep'],
    ] as const)
      ok(
        await call('/users', {
          desk: ana,
          body: { email, name: role, role, password: `${role} passphrase 1` },
        }),
        role,
      );
    ok(
      await call('/users', {
        desk: ana,
        body: { email: 'kit@northwind.example', name: 'Kit', role: 'rep', password: 'kit passphrase 12' },
      }),
      'kit',
    );
    kit = await signIn('kit@northwind.example', 'kit passphrase 12');
    const kits = await seedBook(kit, K);
    kitIds.push(kits.prospect['id'], kits.logged['attempt']['id']);
    // A call to Kit's prospect placed through the provider, as the telephony tables keep it.
    const placed = (
      await t.executeSql(
        `insert into telephony_calls (team_id, provider, direction, prospect_id, user_id, e164, state, at)
         select team_id, 'twilio', 'outbound', id, owner_id, $2, 'ended', now() from prospects where id = $1
         returning id`,
        [kits.prospect['id'], K.phone],
      )
    ).rows as { id: number }[];
    kitIds.push(Number(placed[0]!.id));
    // Kit's prospect called back, recorded by Kit.
    const heard = ok(
      await call('/callbacks', { desk: kit, body: { from: K.phone, at: '2026-12-01T16:00:00Z' } }),
      'callback',
    ).body;
    kitIds.push(Number(heard['callbackId']));
    await seed(ana, {
      first: 'Dana',
      last: 'Reyes',
      email: 'dana@acme.example',
      phone: '+12125550142',
      other: '+12125550143',
      company: 'Acme',
      note: 'acme note',
    });
    // Team B's rows take ids far above A's.
    const tables = (
      await t.executeSql(
        "select table_name from information_schema.columns where column_name = 'id' and is_identity = 'YES' and table_schema = 'public'",
      )
    ).rows as { table_name: string }[];
    for (const { table_name } of tables)
      await t.executeSql(`select setval(pg_get_serial_sequence('"${table_name}"', 'id'), ${B_IDS_FROM})`);
    const made = ok(
      await call('/teams', {
        desk: ana,
        body: { name: 'Southwind', admin: { email: B.admin, name: 'Bo', password: 'bo passphrase 12' } },
      }),
      'team',
    ).body;
    teamB = made['team']['id'];
    const bo = await signIn(B.admin, 'bo passphrase 12');
    const b = await seed(bo, B);
    for (const id of [
      b.prospect['id'],
      b.logged['attempt']['id'],
      b.callback['callbackId'],
      b.token['id'],
      made['admin']['user']['id'],
    ])
      ids.add(Number(id));
    const sessions = ok(await call('/sessions', { desk: bo }), 'sessions').body['sessions'] as Json[];
    for (const s of sessions) ids.add(Number(s['id']));
    desks['admin'] = ana;
    desks['manager'] = await signIn('max@northwind.example', 'manager passphrase 1');
    desks['rep'] = await signIn('sam@northwind.example', 'rep passphrase 1');
    desks['nobody'] = null;
  }, 120_000);
  afterAll(async () => {
    await t.drop();
  });

  /** Every row of team B's, table by table. */
  const bookOfB = async (): Promise<string> => {
    const tables = (
      await t.executeSql(
        "select table_name from information_schema.columns where column_name = 'team_id' and table_schema = 'public' and table_name <> 'audit_log' order by table_name",
      )
    ).rows as { table_name: string }[];
    const out: Record<string, unknown> = {};
    for (const { table_name } of tables)
      out[table_name] = (
        await t.executeSql(`select * from "${table_name}" where team_id = $1 order by 1`, [teamB])
      ).rows;
    return JSON.stringify(out);
  };

  /**
   * Every operation of the OpenAPI document, as each of `roles`, aimed at another's objects (their
   * ids and email in the path, their first id, number and ids in the query and body): the requests
   * sent, and every answer that was a 5xx or carried one of `markers` the request did not carry.
   */
  const sweep = async (input: {
    roles: string[];
    ids: number[];
    email: string;
    phone: string;
    markers: string[];
  }): Promise<{ sent: number; leaks: string[] }> => {
    const doc = JSON.parse((await call('/openapi.json')).text) as {
      paths: Record<string, Record<string, Operation>>;
    };
    const leaks: string[] = [];
    let sent = 0;
    const keys = input.ids.map(String).concat([input.email]);
    for (const [fullPath, methods] of Object.entries(doc.paths)) {
      const path = fullPath.replace(/^\/api\/v1/, '');
      // Signed by the provider (and checked elsewhere), a stream, or the session's own door.
      if (path.startsWith('/telephony/twilio/') || path === '/events' || path.startsWith('/auth/')) continue;
      if (path === '/demo') continue;
      for (const [method, operation] of Object.entries(methods)) {
        const params = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        const query = new URLSearchParams();
        for (const p of (operation.parameters ?? []).filter((x) => x.in === 'query')) {
          if (p.name === 'prospect') query.set(p.name, String(input.ids[0]));
          else if (p.name === 'number') query.set(p.name, input.phone);
          else if (p.name === 'rep') query.set(p.name, B.admin);
        }
        const json = operation.requestBody?.content['application/json']?.schema;
        const csv = operation.requestBody?.content['text/csv'];
        let body: Json | undefined = json ? (exampleOf(json) as Json) : undefined;
        if (body && typeof body === 'object' && !Array.isArray(body)) {
          const fields = Object.keys(json?.properties ?? {});
          body = { ...body };
          if (fields.includes('prospect')) body['prospect'] = String(input.ids[0]);
          if (fields.includes('number')) body['number'] = input.phone;
          if (fields.includes('from')) body['from'] = input.phone;
          if (fields.includes('ids')) body['ids'] = input.ids;
        }
        const csvBody = csv
          ? `first_name,email,phone_direct\nImpostor,${input.email},${input.phone}\n`
          : undefined;
        const fills = params.length === 0 ? [''] : keys;
        for (const role of input.roles)
          for (const key of fills) {
            let url = path;
            for (const p of params)
              url = url.replace(`{${p}}`, encodeURIComponent(p === 'kind' ? 'prospects' : key));
            const q = query.toString();
            const answer = await call(`${url}${q ? `?${q}` : ''}`, {
              method: method.toUpperCase(),
              desk: desks[role]!,
              ...(method === 'get' || method === 'delete'
                ? {}
                : csvBody
                  ? { csv: csvBody }
                  : { body: body ?? {} }),
            });
            sent++;
            const where = `${method.toUpperCase()} ${url} as ${role} → ${answer.status}`;
            if (answer.status >= 500) leaks.push(`${where}: a 5xx ${answer.text.slice(0, 200)}`);
            // What the request itself carried may be said back (a refusal names it); anything else is a leak.
            const asked = `${decodeURIComponent(url)}?${decodeURIComponent(q)} ${JSON.stringify(body ?? {})} ${csvBody ?? ''}`;
            const found = input.markers.find((m) => !asked.includes(m) && answer.text.includes(m));
            if (found) leaks.push(`${where}: carries "${found}": ${answer.text.slice(0, 200)}`);
            if (role === 'nobody' && answer.status !== 401) leaks.push(`${where}: served without logging in`);
          }
      }
    }
    return { sent, leaks };
  };

  it("no operation, as any role of team A or as nobody, answers with team B's data or changes team B's book", async () => {
    const before = await bookOfB();
    expect(before).toContain(B.email);
    const { sent, leaks } = await sweep({
      roles: Object.keys(desks),
      ids: [...ids],
      email: B.email,
      phone: B.phone,
      markers: MARKERS,
    });
    expect(sent).toBeGreaterThan(400);
    expect(leaks).toEqual([]);
    expect(await bookOfB()).toBe(before);
  }, 600_000);

  it("no operation, as another rep of the same team, answers with a rep's own book or changes it", async () => {
    /** Kit's prospect, calls and facts, row for row. */
    const kitsBook = async () =>
      JSON.stringify(
        await Promise.all(
          [
            'select * from prospects where id = $1',
            'select * from phone_numbers where prospect_id = $1 order by id',
            'select * from call_attempts where prospect_id = $1 order by id',
            'select * from intel_facts where prospect_id = $1 order by id',
            'select * from voicemails where prospect_id = $1 order by id',
          ].map(async (q) => (await t.executeSql(q, [kitIds[0]])).rows),
        ),
      );
    const before = await kitsBook();
    expect(before).toContain(K.email);
    const { sent, leaks } = await sweep({
      roles: ['rep'],
      ids: kitIds,
      email: K.email,
      phone: K.phone,
      markers: KIT_MARKERS,
    });
    expect(sent).toBeGreaterThan(100);
    expect(leaks).toEqual([]);
    expect(await kitsBook()).toBe(before);
  }, 600_000);
});
