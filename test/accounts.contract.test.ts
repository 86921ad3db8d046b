import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/http/app.ts';
import { drivers, freshDb, type TestDb } from './support/databases.ts';

// biome-ignore lint/suspicious/noExplicitAny: answers are read loosely here; REACH_CHECK_ANSWERS holds them to their contracts
type Json = Record<string, any>;

const ADMIN = { email: 'ana@northwind.example', name: 'Ana Admin', password: 'correct horse battery' };

describe.each(drivers)('accounts, sessions and tokens on %s', (driver) => {
  let t: TestDb;
  let app: ReturnType<typeof createApp>;
  let now: Date;

  /** A request as a browser or script sends it: JSON, an optional cookie, CSRF token or bearer token. */
  const call = async (
    path: string,
    init: {
      method?: string;
      body?: unknown;
      cookie?: string;
      csrf?: string;
      bearer?: string;
      https?: boolean;
      headers?: Record<string, string>;
    } = {},
  ) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.cookie) headers['cookie'] = init.cookie;
    if (init.csrf) headers['x-reach-csrf'] = init.csrf;
    if (init.bearer) headers['authorization'] = `Bearer ${init.bearer}`;
    if (init.https) headers['x-forwarded-proto'] = 'https';
    const response = await app.request(`/api/v1${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      setCookie: response.headers.get('set-cookie') ?? '',
      body: (text ? JSON.parse(text) : null) as Json,
    };
  };
  /** A logged-in desk: its cookie and CSRF token. */
  type Desk = { cookie: string; csrf: string };
  const deskOf = (answer: { setCookie: string; body: Json }): Desk => ({
    cookie: answer.setCookie.split(';')[0]!,
    csrf: answer.body['csrf'] as string,
  });
  const login = async (email: string, password: string): Promise<Desk> => {
    const answer = await call('/auth/login', { body: { email, password } });
    expect(answer.status).toBe(200);
    return deskOf(answer);
  };
  const setup = async (): Promise<Desk> => {
    const answer = await call('/auth/setup', { body: ADMIN });
    expect(answer.status).toBe(201);
    return deskOf(answer);
  };
  const as = (desk: Desk) => ({ cookie: desk.cookie, csrf: desk.csrf });
  /** Reps the admin adds (`name@northwind.example`, password `Name passphrase 123`), logged in. */
  const addReps = async <N extends string[]>(admin: Desk, ...names: N): Promise<{ [K in keyof N]: Desk }> => {
    const desks: Desk[] = [];
    for (const name of names) {
      const email = `${name.toLowerCase()}@northwind.example`;
      const made = await call('/users', {
        ...as(admin),
        body: { email, name, role: 'rep', password: `${name} passphrase 123` },
      });
      expect(made.status).toBe(201);
      desks.push(await login(email, `${name} passphrase 123`));
    }
    return desks as { [K in keyof N]: Desk };
  };

  beforeEach(async () => {
    t = await freshDb(driver);
    now = new Date('2026-12-07T15:00:00Z');
    t.ctx.clock = () => now;
    app = createApp({ ctx: t.ctx, databaseKind: t.kind, token: undefined });
  });
  afterEach(async () => {
    await t.drop();
  });

  it('a book without accounts serves loopback as its single user; the first run makes an admin who owns the book so far, and from then on nothing is served without logging in', async () => {
    await call('/prospects', {
      body: { firstName: 'Dana', lastName: 'Reyes', phones: [{ number: '+14155550101', kind: 'direct' }] },
    });
    const open = await call('/auth/session');
    expect(open.body).toMatchObject({ accounts: false, via: 'open', user: null, owner: true });

    const first = await call('/auth/setup', { body: ADMIN });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      accounts: true,
      via: 'session',
      user: { email: ADMIN.email, role: 'admin' },
    });
    expect(first.setCookie).toMatch(/^reach_session=reach_s_[\w-]+;/);
    expect(first.setCookie).toMatch(/HttpOnly/);
    expect(first.setCookie).toMatch(/SameSite=Strict/);
    expect(first.setCookie).not.toMatch(/Secure/);

    const anonymous = await call('/prospects');
    expect(anonymous.status).toBe(401);
    expect(anonymous.type).toMatch(/application\/problem\+json/);
    expect(anonymous.body['detail']).toMatch(/Log in/);
    const again = await call('/auth/setup', { body: { ...ADMIN, email: 'mallory@example.com' } });
    expect(again.status).toBe(409);

    const desk = deskOf(first);
    const book = await call('/prospects', { cookie: desk.cookie });
    expect(book.status).toBe(200);
    expect(book.body['total']).toBe(1);
    const users = await call('/users', { cookie: desk.cookie });
    const ana = (users.body['users'] as Json[]).find((u) => u['email'] === ADMIN.email)!;
    const owners = (await t.executeSql('select owner_id from prospects')).rows as Json[];
    expect(owners).toEqual([{ owner_id: ana['id'] }]);
    const stored = (await t.executeSql('select password_hash from users where id = $1', [ana['id']]))
      .rows as Json[];
    expect(stored[0]!['password_hash']).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('the session cookie is Secure behind TLS', async () => {
    const first = await call('/auth/setup', { body: ADMIN, https: true });
    expect(first.setCookie).toMatch(/Secure/);
  });

  it('a wrong password and an unknown email are refused alike, and an account is locked out after five failures even with the right password', async () => {
    await setup();
    const wrong = await call('/auth/login', { body: { email: ADMIN.email, password: 'not the password' } });
    const unknown = await call('/auth/login', { body: { email: 'nobody@northwind.example', password: 'x' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body['detail']).toBe(unknown.body['detail']);
    for (let i = 0; i < 4; i++)
      await call('/auth/login', { body: { email: ADMIN.email.toUpperCase(), password: `guess ${i}` } });
    const locked = await call('/auth/login', { body: ADMIN });
    expect(locked.status).toBe(429);
    expect(locked.body['code']).toBe('rate_limited');
    now = new Date(now.getTime() + 16 * 60_000);
    await login(ADMIN.email, ADMIN.password);
  });

  it('ten guesses sent at once got past a limit of five: only five passwords are checked, the rest refused', async () => {
    await setup();
    const guesses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call('/auth/login', { body: { email: ADMIN.email, password: `guess number ${i}` } }),
      ),
    );
    expect(guesses.filter((g) => g.status === 401)).toHaveLength(5);
    expect(guesses.filter((g) => g.status === 429)).toHaveLength(5);
    expect((await call('/auth/login', { body: ADMIN })).status).toBe(429);
    const checked = (
      await t.executeSql(
        "select detail->>'reason' as reason, count(*)::int as n from audit_log where action = 'login_failed' group by 1 order by 1",
      )
    ).rows as Json[];
    expect(checked).toEqual([
      { reason: 'password', n: 5 },
      { reason: 'rate_limited', n: 6 },
    ]);
  });

  it("guesses from another address locked a rep out, and guessing on kept them locked: the limit is per address, and refusals don't extend it", async () => {
    app = createApp({ ctx: t.ctx, databaseKind: t.kind, token: undefined, trustProxy: true });
    await setup();
    const from = (address: string) => ({ 'x-forwarded-for': `203.0.113.250, ${address}` });
    for (let i = 0; i < 5; i++)
      await call('/auth/login', {
        body: { email: ADMIN.email, password: `guess number ${i}` },
        headers: from('198.51.100.7'),
      });
    expect((await call('/auth/login', { body: ADMIN, headers: from('198.51.100.7') })).status).toBe(429);
    // The rep's own desk, elsewhere, still logs in.
    expect((await call('/auth/login', { body: ADMIN, headers: from('192.0.2.10') })).status).toBe(200);
    // Ten minutes of refused guesses later, the window of the five that counted runs out all the same.
    now = new Date(now.getTime() + 10 * 60_000);
    for (let i = 0; i < 5; i++)
      await call('/auth/login', {
        body: { email: ADMIN.email, password: 'more' },
        headers: from('198.51.100.7'),
      });
    now = new Date(now.getTime() + 6 * 60_000);
    expect((await call('/auth/login', { body: ADMIN, headers: from('198.51.100.7') })).status).toBe(200);
    // The address the proxy added is the one recorded, not what the client wrote before it.
    const addresses = (await t.executeSql("select distinct address from audit_log where action = 'login'"))
      .rows as Json[];
    expect(addresses.map((r) => r['address']).sort()).toEqual(['192.0.2.10', '198.51.100.7']);
  });

  it('guesses from fifty addresses shut a rep out of their own desk: the limit from anywhere spares an address they logged in from', async () => {
    app = createApp({ ctx: t.ctx, databaseKind: t.kind, token: undefined, trustProxy: true });
    await setup();
    const from = (address: string) => ({ 'x-forwarded-for': address });
    expect((await call('/auth/login', { body: ADMIN, headers: from('192.0.2.10') })).status).toBe(200);
    now = new Date(now.getTime() + 60_000);
    for (let i = 1; i <= 51; i++)
      await call('/auth/login', {
        body: { email: ADMIN.email, password: `guess number ${i}` },
        headers: from(`198.51.${Math.floor(i / 4)}.${i}`),
      });
    // A new address is refused: the account is under attack from everywhere.
    const elsewhere = await call('/auth/login', { body: ADMIN, headers: from('203.0.113.9') });
    expect(elsewhere.status).toBe(429);
    // The rep's own desk is not.
    expect((await call('/auth/login', { body: ADMIN, headers: from('192.0.2.10') })).status).toBe(200);
    // Nor does a guess from the known address get more than its own five.
    for (let i = 0; i < 5; i++)
      await call('/auth/login', {
        body: { email: ADMIN.email, password: 'wrong' },
        headers: from('192.0.2.10'),
      });
    expect((await call('/auth/login', { body: ADMIN, headers: from('192.0.2.10') })).status).toBe(429);
  });

  it("a proxy's Basic credentials turned a logged-in desk away, and HEAD /health was refused once logins existed", async () => {
    const desk = await setup();
    const basic = { authorization: `Basic ${Buffer.from('proxy:secret').toString('base64')}` };
    expect((await call('/prospects', { cookie: desk.cookie, headers: basic })).status).toBe(200);
    expect((await call('/prospects', { headers: basic })).status).toBe(401);
    const head = await app.request('/api/v1/health', { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('a change from a cookie-authenticated desk without its CSRF token is refused and writes nothing', async () => {
    const desk = await setup();
    const forged = await call('/prospects', {
      cookie: desk.cookie,
      body: { firstName: 'Eve', lastName: 'Forged', phones: [{ number: '+14155550102', kind: 'direct' }] },
    });
    expect(forged.status).toBe(403);
    const wrongToken = await call('/prospects', {
      cookie: desk.cookie,
      csrf: 'x'.repeat(43),
      body: { firstName: 'Eve', lastName: 'Forged', phones: [{ number: '+14155550102', kind: 'direct' }] },
    });
    expect(wrongToken.status).toBe(403);
    expect((await call('/prospects', { cookie: desk.cookie })).body['total']).toBe(0);
    const made = await call('/prospects', {
      ...as(desk),
      body: { firstName: 'Dana', lastName: 'Reyes', phones: [{ number: '+14155550101', kind: 'direct' }] },
    });
    expect(made.status).toBe(201);
  });

  it('a login form posted from another site (not JSON) logs nobody in', async () => {
    await setup();
    const response = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('logout ends the session; a session idle for twelve hours or older than seven days is ended', async () => {
    const desk = await setup();
    expect((await call('/auth/logout', { ...as(desk), method: 'POST' })).status).toBe(204);
    expect((await call('/prospects', { cookie: desk.cookie })).status).toBe(401);

    const idle = await login(ADMIN.email, ADMIN.password);
    now = new Date(now.getTime() + 11 * 3600_000);
    expect((await call('/prospects', { cookie: idle.cookie })).status).toBe(200);
    now = new Date(now.getTime() + 11 * 3600_000);
    expect((await call('/prospects', { cookie: idle.cookie })).status).toBe(200);
    now = new Date(now.getTime() + 12 * 3600_000 + 120_000);
    expect((await call('/prospects', { cookie: idle.cookie })).status).toBe(401);

    const busy = await login(ADMIN.email, ADMIN.password);
    for (let hour = 0; hour < 7 * 24; hour += 6) {
      now = new Date(now.getTime() + 6 * 3600_000);
      const status = (await call('/prospects', { cookie: busy.cookie })).status;
      if (hour + 6 >= 7 * 24) expect(status).toBe(401);
    }
  });

  it('a personal token is shown once, stored as its hash, works as a bearer token, and stops when revoked', async () => {
    const desk = await setup();
    const made = await call('/tokens', { ...as(desk), body: { name: 'nightly export' } });
    expect(made.status).toBe(201);
    const token = made.body['token'] as string;
    expect(token).toMatch(/^reach_[\w-]{43}$/);
    const rows = (await t.executeSql('select digest from api_tokens')).rows as Json[];
    expect(rows[0]!['digest']).not.toContain(token);
    expect(rows[0]!['digest']).toMatch(/^[0-9a-f]{64}$/);
    const listed = await call('/tokens', { bearer: token });
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    // A bearer token needs no CSRF token: no browser sends it by itself.
    expect(
      (
        await call('/prospects', {
          bearer: token,
          body: { firstName: 'Dana', phones: [{ number: '+14155550101', kind: 'direct' }] },
        })
      ).status,
    ).toBe(201);
    await call(`/tokens/${made.body['id']}`, { ...as(desk), method: 'DELETE' });
    expect((await call('/prospects', { bearer: token })).status).toBe(401);
    expect((await call('/prospects', { bearer: 'reach_made-up' })).status).toBe(401);
  });

  it('a rep cannot manage accounts, change team settings or another person; an admin can, and a disabled account stops at once', async () => {
    const admin = await setup();
    const added = await call('/users', {
      ...as(admin),
      body: { email: 'Sam@Northwind.example', name: 'Sam Rep', role: 'rep', password: 'sams own passphrase' },
    });
    expect(added.status).toBe(201);
    expect(added.body['user']).toMatchObject({ email: 'sam@northwind.example', role: 'rep', active: true });
    const duplicate = await call('/users', {
      ...as(admin),
      body: { email: 'sam@northwind.example', name: 'Sam Again', password: 'another passphrase' },
    });
    expect(duplicate.status).toBe(409);
    const sam = await login('sam@northwind.example', 'sams own passphrase');
    const samToken = (await call('/tokens', { ...as(sam), body: { name: 'cli' } })).body['token'] as string;

    const forbidden = [
      await call('/users', { ...as(sam), body: { email: 'x@northwind.example', name: 'X' } }),
      await call('/config', { ...as(sam), method: 'PATCH', body: { name: 'Hijacked' } }),
      await call('/users/1', { ...as(sam), method: 'PATCH', body: { phone: '+14155550199' } }),
      await call(`/users/${added.body['user']['id']}`, {
        ...as(sam),
        method: 'PATCH',
        body: { role: 'admin' },
      }),
      await call('/audit', { cookie: sam.cookie }),
      await call('/teams', { cookie: sam.cookie }),
    ];
    expect(forbidden.map((f) => f.status)).toEqual([403, 403, 403, 403, 403, 403]);
    for (const f of forbidden) expect(f.type).toMatch(/problem\+json/);

    const own = await call(`/users/${added.body['user']['id']}`, {
      ...as(sam),
      method: 'PATCH',
      body: { phone: '(415) 555-0142', callerId: '+1 415 555 0143', timezone: 'Pacific' },
    });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      phone: '+14155550142',
      callerId: '+14155550143',
      timezone: 'America/Los_Angeles',
    });

    const disabled = await call('/users/sam@northwind.example', {
      ...as(admin),
      method: 'PATCH',
      body: { disabled: true },
    });
    expect(disabled.body).toMatchObject({ active: false });
    expect((await call('/prospects', { cookie: sam.cookie })).status).toBe(401);
    expect((await call('/prospects', { bearer: samToken })).status).toBe(401);
    expect(
      (
        await call('/auth/login', {
          body: { email: 'sam@northwind.example', password: 'sams own passphrase' },
        })
      ).status,
    ).toBe(401);

    const audit = await call('/audit', { cookie: admin.cookie });
    const actions = (audit.body['entries'] as Json[]).map((e) => e['action']);
    expect(actions).toEqual(
      expect.arrayContaining(['user_added', 'login', 'token_created', 'user_disabled', 'login_failed']),
    );
  });

  it('the last admin cannot demote or disable themselves out of the team', async () => {
    const admin = await setup();
    const users = (await call('/users', { cookie: admin.cookie })).body['users'] as Json[];
    const ana = users.find((u) => u['email'] === ADMIN.email)!;
    const self = await call(`/users/${ana['id']}`, { ...as(admin), method: 'PATCH', body: { role: 'rep' } });
    expect(self.status).toBe(400);
    expect(self.body['errors'][0]['field']).toBe('role');
    const off = await call(`/users/${ana['id']}`, {
      ...as(admin),
      method: 'PATCH',
      body: { disabled: true },
    });
    expect(off.status).toBe(400);
  });

  it("an admin's reset ends the old password and its sessions; the one-time link sets a new one once", async () => {
    const admin = await setup();
    await call('/users', {
      ...as(admin),
      body: { email: 'kim@northwind.example', name: 'Kim', role: 'manager' },
    });
    const link1 = await call('/users/kim@northwind.example/password-link', { ...as(admin), method: 'POST' });
    const token1 = /token=(\S+)$/.exec(link1.body['link'] as string)![1]!;
    const set = await call('/auth/link', { body: { token: token1, password: 'kims first passphrase' } });
    expect(set.status).toBe(200);
    expect(set.body['user']).toMatchObject({ role: 'manager' });
    const kim = deskOf(set);
    expect(
      (await call('/auth/link', { body: { token: token1, password: 'someone elses phrase' } })).status,
    ).toBe(401);

    const reset = await call('/users/kim@northwind.example/password-link', { ...as(admin), method: 'POST' });
    expect(reset.status).toBe(201);
    expect((await call('/prospects', { cookie: kim.cookie })).status).toBe(401);
    expect(
      (
        await call('/auth/login', {
          body: { email: 'kim@northwind.example', password: 'kims first passphrase' },
        })
      ).status,
    ).toBe(401);
    now = new Date(now.getTime() + 25 * 3600_000);
    const token2 = /token=(\S+)$/.exec(reset.body['link'] as string)![1]!;
    expect(
      (await call('/auth/link', { body: { token: token2, password: 'too late for this one' } })).status,
    ).toBe(401);
  });

  it('a reset left the personal tokens of the account working: a reset revokes them, audited', async () => {
    const admin = await setup();
    await call('/users', {
      ...as(admin),
      body: { email: 'kim@northwind.example', name: 'Kim', role: 'rep', password: 'kims first passphrase' },
    });
    const kim = await login('kim@northwind.example', 'kims first passphrase');
    const made = await call('/tokens', { ...as(kim), body: { name: 'laptop script' } });
    const token = made.body['token'] as string;
    expect((await call('/prospects', { bearer: token })).status).toBe(200);
    await call('/users/kim@northwind.example/password-link', { ...as(admin), method: 'POST' });
    expect((await call('/prospects', { bearer: token })).status).toBe(401);
    const entry = (await call('/audit', as(admin))).body['entries'].find(
      (e: Json) => e['action'] === 'password_reset',
    );
    expect(entry['detail']).toMatchObject({ sessionsEnded: 1, tokensRevoked: 1 });
  });

  it("changing one's password ends every other session of the account, not this onne", async () => {
    await setup();
    const a = await login(ADMIN.email, ADMIN.password);
    const b = await login(ADMIN.email, ADMIN.password);
    const wrong = await call('/auth/password', {
      ...as(a),
      body: { current: 'nope', password: 'a brand new passphrase' },
    });
    expect(wrong.status).toBe(400);
    const changed = await call('/auth/password', {
      ...as(a),
      body: { current: ADMIN.password, password: 'a brand new passphrase' },
    });
    expect(changed.body).toMatchObject({ changed: true });
    expect(changed.body['sessionsEnded']).toBeGreaterThanOrEqual(2);
    expect((await call('/prospects', { cookie: a.cookie })).status).toBe(200);
    expect((await call('/prospects', { cookie: b.cookie })).status).toBe(401);
    await login(ADMIN.email, 'a brand new passphrase');
  });

  it('REACH_TOKEN keeps working as the operator after accounts exist', async () => {
    app = createApp({ ctx: t.ctx, databaseKind: t.kind, token: 'operator-secret-1234' });
    expect((await call('/prospects')).status).toBe(401);
    const operator = await call('/auth/setup', { bearer: 'operator-secret-1234', body: ADMIN });
    expect(operator.status).toBe(201);
    expect((await call('/prospects', { bearer: 'operator-secret-1234' })).status).toBe(200);
    expect((await call('/teams', { bearer: 'operator-secret-1234' })).status).toBe(200);
  });

  it("a second team's admin sees only their own team: its people, audit and settings; another team's objects are not found", async () => {
    const owner = await setup();
    const made = await call('/teams', {
      ...as(owner),
      body: {
        name: 'Southwind',
        admin: { email: 'bo@southwind.example', name: 'Bo', password: 'bos own passphrase' },
      },
    });
    expect(made.status).toBe(201);
    const bo = await login('bo@southwind.example', 'bos own passphrase');
    const who = await call('/auth/session', { cookie: bo.cookie });
    expect(who.body).toMatchObject({ team: { name: 'Southwind' }, owner: false, user: { role: 'admin' } });
    const theirs = (await call('/users', { cookie: bo.cookie })).body['users'] as Json[];
    expect(theirs.map((u) => u['email'])).toEqual(['bo@southwind.example']);
    const ana = ((await call('/users', { cookie: owner.cookie })).body['users'] as Json[]).find(
      (u) => u['email'] === ADMIN.email,
    )!;
    expect(
      (await call(`/users/${ana['id']}`, { ...as(bo), method: 'PATCH', body: { disabled: true } })).status,
    ).toBe(404);
    expect((await call(`/users/${ana['id']}/password-link`, { ...as(bo), method: 'POST' })).status).toBe(404);
    expect((await call('/teams', { cookie: bo.cookie })).status).toBe(403);
    expect(
      (await call('/users', { ...as(bo), body: { email: 'x@southwind.example', name: 'X', team: 1 } }))
        .status,
    ).toBe(404);
    await call('/config', { ...as(bo), method: 'PATCH', body: { name: 'Southwind Sales' } });
    expect((await call('/config', { cookie: owner.cookie })).body['name']).not.toBe('Southwind Sales');
    expect((await call('/config', { cookie: bo.cookie })).body['name']).toBe('Southwind Sales');
    const audit = (await call('/audit', { cookie: bo.cookie })).body['entries'] as Json[];
    expect(audit.every((e) => e['teamId'] === who.body['team']['id'])).toBe(true);
    const ownerSessions = (await call('/sessions', { cookie: owner.cookie })).body['sessions'] as Json[];
    expect((await call(`/sessions/${ownerSessions[0]!['id']}`, { ...as(bo), method: 'DELETE' })).status).toBe(
      404,
    );
  });

  it("a rep's queue is their own book by default and never another rep's; a manager's is the team's", async () => {
    const admin = await setup();
    await call('/users', {
      ...as(admin),
      body: { email: 'sam@northwind.example', name: 'Sam Rep', role: 'rep', password: 'sams own passphrase' },
    });
    const prospect = (firstName: string, owner: string, number: string) =>
      call('/prospects', {
        ...as(admin),
        body: {
          firstName,
          lastName: 'Reyes',
          title: 'VP Operations',
          timezone: 'America/Chicago',
          owner,
          phones: [{ number, kind: 'direct' }],
        },
      });
    expect((await prospect('Dana', 'sam@northwind.example', '+13125550101')).status).toBe(201);
    expect((await prospect('Lee', ADMIN.email, '+13125550102')).status).toBe(201);
    const at = '2026-12-08T16:00:00Z';
    const sam = await login('sam@northwind.example', 'sams own passphrase');
    const samQueue = await call(`/queue?at=${at}`, { cookie: sam.cookie });
    expect(samQueue.status).toBe(200);
    expect(samQueue.body['entries']).toHaveLength(1);
    expect(JSON.stringify(samQueue.body)).toContain('Dana');
    expect(JSON.stringify(samQueue.body)).not.toContain('Lee');
    expect((await call(`/queue?at=${at}&rep=${ADMIN.email}`, { cookie: sam.cookie })).status).toBe(403);
    const team = await call(`/queue?at=${at}`, { cookie: admin.cookie });
    expect(team.body['entries']).toHaveLength(2);
  });

  it("another rep's prospect is not in a rep's book: not listed, not found, not given away; a manager reassigns, audited", async () => {
    const admin = await setup();
    const [sam, kit] = await addReps(admin, 'Sam', 'Kit');
    const made = await call('/prospects', {
      ...as(sam),
      body: {
        firstName: 'Dana',
        lastName: 'Reyes',
        email: 'dana@acme.example',
        phones: [{ number: '+13125550101', kind: 'direct' }],
      },
    });
    expect(made.status).toBe(201);
    const samId = made.body['ownerId'];
    expect(samId).not.toBeNull();

    const dana = made.body['id'];
    expect((await call(`/prospects/${dana}`, { cookie: kit.cookie })).status).toBe(404);
    expect((await call('/prospects/dana@acme.example', { cookie: kit.cookie })).status).toBe(404);
    expect(
      (await call(`/prospects/${dana}`, { ...as(kit), method: 'PATCH', body: { title: 'CEO' } })).status,
    ).toBe(404);
    expect((await call(`/prospects/${dana}/timeline`, { cookie: kit.cookie })).status).toBe(404);
    const kitsList = await call('/prospects', { cookie: kit.cookie });
    expect(JSON.stringify(kitsList.body)).not.toContain('Dana');
    const clash = await call('/prospects', {
      ...as(kit),
      body: {
        firstName: 'Dana',
        email: 'dana@acme.example',
        phones: [{ number: '+13125550103', kind: 'direct' }],
      },
    });
    expect(clash.status).toBe(409);
    expect(clash.body['detail']).not.toContain('Dana');

    const giveAway = await call(`/prospects/${dana}`, {
      ...as(sam),
      method: 'PATCH',
      body: { owner: 'kit@northwind.example' },
    });
    expect(giveAway.status).toBe(403);
    const reassigned = await call(`/prospects/${dana}`, {
      ...as(admin),
      method: 'PATCH',
      body: { owner: 'kit@northwind.example' },
    });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body['ownerId']).not.toBe(samId);
    expect((await call(`/prospects/${dana}`, { cookie: kit.cookie })).status).toBe(200);
    expect((await call(`/prospects/${dana}`, { cookie: sam.cookie })).status).toBe(404);
    const audit = (await call('/audit?action=owner_changed', { cookie: admin.cookie })).body[
      'entries'
    ] as Json[];
    expect(audit[0]).toMatchObject({ actor: ADMIN.email, subject: `prospect ${dana}` });
    // A manager's move in bulk: everything in Kit's book back to Sam; a rep may not.
    const byKit = await call('/prospects/reassign', {
      ...as(kit),
      body: { to: 'sam@northwind.example', all: true },
    });
    expect(byKit.status).toBe(403);
    const unnamed = await call('/prospects/reassign', {
      ...as(admin),
      body: { to: 'sam@northwind.example' },
    });
    expect(unnamed.status).toBe(400);
    const bulk = await call('/prospects/reassign', {
      ...as(admin),
      body: { to: 'sam@northwind.example', from: 'kit@northwind.example' },
    });
    expect(bulk.body).toMatchObject({ reassigned: 1, to: samId });
    expect((await call(`/prospects/${dana}`, { cookie: sam.cookie })).status).toBe(200);
    const toPool = await call('/prospects/reassign', { ...as(admin), body: { to: 'pool', ids: [dana] } });
    expect(toPool.body).toMatchObject({ reassigned: 1, to: null });
    expect((await call(`/prospects/${dana}`, { cookie: kit.cookie })).body['ownerId']).toBeNull();
  });

  it("a rep's call list and task list showed the calls and callbacks of other reps' prospects", async () => {
    const admin = await setup();
    for (const name of ['Sam', 'Kit'])
      await call('/users', {
        ...as(admin),
        body: {
          email: `${name.toLowerCase()}@northwind.example`,
          name,
          role: 'rep',
          password: `${name} passphrase 123`,
        },
      });
    const sam = await login('sam@northwind.example', 'Sam passphrase 123');
    const kit = await login('kit@northwind.example', 'Kit passphrase 123');
    const add = async (desk: Desk, firstName: string, number: string) =>
      (
        await call('/prospects', {
          ...as(desk),
          body: {
            firstName,
            lastName: 'Reyes',
            timezone: 'America/Chicago',
            phones: [{ number, kind: 'direct' }],
          },
        })
      ).body['id'] as number;
    const dana = await add(sam, 'Dana', '+13125550101');
    const lee = await add(kit, 'Lee', '+13125550102');
    for (const [desk, prospect] of [
      [sam, dana],
      [kit, lee],
    ] as const) {
      const logged = await call('/calls', {
        ...as(desk),
        body: {
          prospect,
          outcome: 'reached',
          result: 'callback-scheduled',
          resultAt: '2026-12-08T16:00:00Z',
          at: '2026-12-04T16:00:00Z',
        },
      });
      expect(logged.status).toBe(201);
    }
    const names = async (desk: Desk, path: string) => {
      const answer = await call(path, { cookie: desk.cookie });
      expect(answer.status).toBe(200);
      return JSON.stringify(answer.body);
    };
    const tasksPath = '/tasks?dueBefore=2026-12-09T00:00:00Z&at=2026-12-07T15:00:00Z';
    for (const path of ['/calls', tasksPath]) {
      const kits = await names(kit, path);
      expect(kits).toContain('Lee');
      expect(kits).not.toContain('Dana');
      const sams = await names(sam, path);
      expect(sams).toContain('Dana');
      expect(sams).not.toContain('Lee');
      const all = await names(admin, path);
      expect(all).toContain('Dana');
      expect(all).toContain('Lee');
    }
  });

  it("a rep keeps to their own calling hours and dial limits inside the team's: their queue takes the stricter, and theirs cannot be wider", async () => {
    const admin = await setup();
    await call('/users', {
      ...as(admin),
      body: { email: 'sam@northwind.example', name: 'Sam', role: 'rep', password: 'Sam passphrase 123' },
    });
    let sam = await login('sam@northwind.example', 'Sam passphrase 123');
    const made = await call('/prospects', {
      ...as(sam),
      body: {
        firstName: 'Dana',
        lastName: 'Reyes',
        timezone: 'America/Chicago',
        phones: [{ number: '+13125550101', kind: 'direct' }],
      },
    });
    const dana = made.body['id'];
    const queued = async (desk: Desk, at: string) =>
      ((await call(`/queue?at=${at}`, { cookie: desk.cookie })).body['entries'] as Json[]).map(
        (e) => e['prospect']['id'],
      );
    // 09:00 in Chicago on a Friday: inside the team's hours.
    const nine = '2026-12-04T15:00:00Z';
    expect(await queued(sam, nine)).toContain(dana);
    const wider = await call('/users/sam@northwind.example', {
      ...as(sam),
      method: 'PATCH',
      body: { callingHoursStart: '07:00' },
    });
    expect(wider.status).toBe(400);
    expect(wider.body['errors'][0]).toMatchObject({ field: 'callingHoursStart' });
    const more = await call('/users/sam@northwind.example', {
      ...as(sam),
      method: 'PATCH',
      body: { maxDialsPerDay: 40 },
    });
    expect(more.status).toBe(400);
    const own = await call('/users/sam@northwind.example', {
      ...as(sam),
      method: 'PATCH',
      body: { callingHoursStart: '10:00', callingHoursEnd: '17:00', maxDialsPerDay: 1 },
    });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      callingHoursStart: '10:00',
      callingHoursEnd: '17:00',
      maxDialsPerDay: 1,
    });
    sam = await login('sam@northwind.example', 'Sam passphrase 123');
    // Before Sam's own first call: not proposed to Sam; the admin's queue (the team's hours) still has Dana.
    expect(await queued(sam, nine)).not.toContain(dana);
    expect(await queued(admin, nine)).toContain(dana);
    // A manager looking at Sam's queue saw it under the manager's hours: it is Sam's queue, as Sam sees it.
    const samsQueue = await call(`/queue?at=${nine}&rep=sam@northwind.example`, { cookie: admin.cookie });
    expect(samsQueue.status).toBe(200);
    expect((samsQueue.body['entries'] as Json[]).map((e) => e['prospect']['id'])).not.toContain(dana);
    expect(await queued(sam, '2026-12-04T16:30:00Z')).toContain(dana);
    // One dial today is Sam's own limit: after it, Dana waits for tomorrow in Sam's queue.
    const logged = await call('/calls', {
      ...as(sam),
      body: { prospect: dana, outcome: 'no-answer', at: '2026-12-04T16:30:00Z' },
    });
    expect(logged.status, JSON.stringify(logged.body)).toBe(201);
    expect(await queued(sam, '2026-12-04T19:30:00Z')).not.toContain(dana);
    expect(await queued(admin, '2026-12-04T19:30:00Z')).toContain(dana);
    // Back to the team's.
    await call('/users/sam@northwind.example', {
      ...as(sam),
      method: 'PATCH',
      body: { callingHoursStart: null, callingHoursEnd: null, maxDialsPerDay: null },
    });
    sam = await login('sam@northwind.example', 'Sam passphrase 123');
    expect(await queued(sam, nine)).toContain(dana);
  });

  it("an import's owner column (HubSpot's Contact owner) fills each rep's book; a rep's import fills their own", async () => {
    const admin = await setup();
    await call('/users', {
      ...as(admin),
      body: {
        email: 'sam@northwind.example',
        name: 'Sam Ortiz',
        role: 'rep',
        password: 'sams own passphrase',
      },
    });
    const csv = (text: string, desk: Desk) =>
      app.request('/api/v1/imports', {
        method: 'POST',
        headers: { 'content-type': 'text/csv', cookie: desk.cookie, 'x-reach-csrf': desk.csrf },
        body: text,
      });
    const hubspot = [
      'Record ID,First Name,Last Name,Email,Phone Number,Company Name,Contact owner',
      '101,Dana,Reyes,dana@acme.example,+13125550101,Acme,Sam Ortiz',
      '102,Lee,Park,lee@acme.example,+13125550102,Acme,ana@northwind.example',
      '103,Kim,Ro,kim@acme.example,+13125550103,Acme,Jo Newhire',
      '104,Max,Ng,max@acme.example,+13125550104,Acme,',
    ].join('\n');
    expect((await csv(hubspot, admin)).status).toBe(200);
    const owners = (
      await t.executeSql(
        'select p.external_id, u.name from prospects p left join users u on u.id = p.owner_id order by p.external_id',
      )
    ).rows;
    expect(owners).toEqual([
      { external_id: '101', name: 'Sam Ortiz' },
      { external_id: '102', name: 'Ana Admin' },
      { external_id: '103', name: 'Jo Newhire' },
      { external_id: '104', name: null },
    ]);
    const sam = await login('sam@northwind.example', 'sams own passphrase');
    const own = [
      'first_name,last_name,phone_direct,owner',
      'Ola,Berg,+13125550105,ana@northwind.example',
    ].join('\n');
    expect((await csv(own, sam)).status).toBe(200);
    const ola = (
      await t.executeSql(
        "select u.email from prospects p join users u on u.id = p.owner_id where p.first_name = 'Ola'",
      )
    ).rows;
    expect(ola).toEqual([{ email: 'sam@northwind.example' }]);
  });

  it("a call back from another rep's prospect showed a rep that prospect's card: a rep's lookup and callbacks match their own book", async () => {
    const admin = await setup();
    const [sam, kit] = await addReps(admin, 'Sam', 'Kit');
    const made = await call('/prospects', {
      ...as(kit),
      body: {
        firstName: 'Ola',
        lastName: 'Ng',
        timezone: 'America/Chicago',
        phones: [{ number: '+13125550177', kind: 'direct' }],
      },
    });
    expect(made.status).toBe(201);
    const ola = made.body['id'];
    const at = '2026-12-07T14:00:00Z';
    expect((await call(`/lookup?number=%2B13125550177&at=${at}`, { cookie: kit.cookie })).body).toMatchObject(
      {
        known: true,
        prospect: { id: ola },
      },
    );
    expect(
      (await call(`/lookup?number=%2B13125550177&at=${at}`, { cookie: admin.cookie })).body,
    ).toMatchObject({
      known: true,
    });
    const samLooks = await call(`/lookup?number=%2B13125550177&at=${at}`, { cookie: sam.cookie });
    expect(samLooks.body).toMatchObject({ known: false });
    expect(JSON.stringify(samLooks.body)).not.toContain('Ola');
    // Recorded by Sam, the callback is Ola's all the same (her cadence paused, Kit's message
    // credited), and it names nobody to Sam, who may neither set nor settle what it came to.
    const refused = await call('/callbacks', {
      ...as(sam),
      body: { from: '+13125550177', at, result: 'meeting', resultAt: '2026-12-09T16:00:00Z' },
    });
    expect(refused.status).toBe(400);
    const back = await call('/callbacks', { ...as(sam), body: { from: '+13125550177', at } });
    expect(back.status).toBe(201);
    expect(back.body['card']).toMatchObject({ known: false });
    expect(JSON.stringify(back.body)).not.toContain('Ola');
    const stored = (
      await t.executeSql('select prospect_id from callbacks where id = $1', [back.body['callbackId']])
    ).rows as Json[];
    expect(stored).toEqual([{ prospect_id: ola }]);
    const settle = (desk: Desk) =>
      call(`/callbacks/${back.body['callbackId']}/result`, {
        ...as(desk),
        body: { result: 'callback-scheduled', resultAt: '2026-12-09T16:00:00Z' },
      });
    expect((await settle(sam)).status).toBe(404);
    expect((await settle(kit)).status).toBe(200);
    // Someone asking to stop is heard, whoever takes the call.
    const stop = await call('/callbacks', {
      ...as(sam),
      body: { from: '+13125550177', at: '2026-12-07T14:30:00Z', result: 'do-not-call' },
    });
    expect(stop.status).toBe(201);
    expect((await call(`/prospects/${ola}`, { cookie: kit.cookie })).body['phones'][0]).toMatchObject({
      doNotCall: true,
    });
  });

  it("a rep could hang up or log a teammate's call to a prospect of the pool: they may watch it, only its rep or a manager ends or logs it", async () => {
    const admin = await setup();
    const [sam, kit] = await addReps(admin, 'Sam', 'Kit');
    const pooled = await call('/prospects', {
      ...as(admin),
      body: {
        firstName: 'Pat',
        lastName: 'Poole',
        timezone: 'America/Chicago',
        phones: [{ number: '+13125550188', kind: 'direct' }],
      },
    });
    await call('/prospects/reassign', { ...as(admin), body: { to: 'pool', ids: [pooled.body['id']] } });
    const kitId = (await call('/auth/session', { cookie: kit.cookie })).body['user']['id'];
    const placed = (
      await t.executeSql(
        `insert into telephony_calls (team_id, provider, direction, prospect_id, user_id, e164, state, at)
         values ($1, 'twilio', 'outbound', $2, $3, '+13125550188', 'ended', now()) returning id`,
        [t.ctx.team.id, pooled.body['id'], kitId],
      )
    ).rows as Json[];
    const id = placed[0]!['id'];
    expect((await call(`/telephony/calls/${id}`, { cookie: sam.cookie })).status).toBe(200);
    expect((await call(`/telephony/calls/${id}/hangup`, { ...as(sam), method: 'POST' })).status).toBe(403);
    const log = (desk: Desk) =>
      call(`/telephony/calls/${id}/log`, { ...as(desk), body: { outcome: 'no-answer' } });
    expect((await log(sam)).status).toBe(403);
    expect((await call(`/telephony/calls/${id}/hangup`, { ...as(kit), method: 'POST' })).status).toBe(200);
    expect((await log(kit)).status).not.toBe(403);
  });

  it('two reps never get the same prospect at once: a hold refuses the other, keeps them off every other queue, covers a main-line company, and lapses', async () => {
    const admin = await setup();
    const [sam, kit] = await addReps(admin, 'Sam', 'Kit');
    const add = (firstName: string, phones: { number: string; kind: string }[]) =>
      call('/prospects', {
        ...as(admin),
        body: {
          firstName,
          lastName: 'Acme',
          title: 'COO',
          company: 'Acme',
          timezone: 'America/Chicago',
          phones,
        },
      });
    const dana = (await add('Dana', [{ number: '+13125550100', kind: 'main' }])).body['id'];
    const lee = (await add('Lee', [{ number: '+13125550100', kind: 'main' }])).body['id'];
    const ola = (await add('Ola', [{ number: '+13125550177', kind: 'direct' }])).body['id'];

    const held = await call(`/prospects/${dana}/hold`, { ...as(sam), method: 'POST' });
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ held: true, by: { name: 'Sam' } });
    const refused = await call(`/prospects/${dana}/hold`, { ...as(kit), method: 'POST' });
    expect(refused.status).toBe(409);
    expect(refused.body['detail']).toMatch(/Sam has Dana Acme open/);
    // The gatekeeper at Acme's main line hears one rep at a time.
    const sameLine = await call(`/prospects/${lee}/hold`, { ...as(kit), method: 'POST' });
    expect(sameLine.status).toBe(409);
    expect(sameLine.body['detail']).toMatch(/main line/);
    expect((await call(`/prospects/${ola}/hold`, { ...as(kit), method: 'POST' })).status).toBe(200);
    // Renewing one's own hold is no conflict.
    expect((await call(`/prospects/${dana}/hold`, { ...as(sam), method: 'POST' })).status).toBe(200);

    // The queue at the moment of the holds (09:00 in Chicago).
    const queued = async (desk: Desk) =>
      ((await call(`/queue?at=${now.toISOString()}`, { cookie: desk.cookie })).body['entries'] as Json[]).map(
        (e) => e['prospect']['id'],
      );
    // The admin's queue (the team's) leaves out what Sam and Kit hold.
    expect(await queued(admin)).toEqual([]);
    await call(`/prospects/${ola}/hold`, { ...as(kit), method: 'DELETE' });
    expect(await queued(admin)).toEqual([ola]);

    now = new Date(now.getTime() + 6 * 60_000);
    expect((await call(`/prospects/${lee}/hold`, { ...as(kit), method: 'POST' })).status).toBe(200);
    expect((await call(`/prospects/${dana}/hold`, { ...as(sam), method: 'POST' })).status).toBe(409);
  });

  it('the script speaks in the voice of the rep who calls: their name and their number, not the team’s', async () => {
    const admin = await setup();
    await call('/config', {
      ...as(admin),
      method: 'PATCH',
      body: { repName: 'Team Voice', repPhone: '+13125550199', sellerName: 'Northwind' },
    });
    await call('/users', {
      ...as(admin),
      body: {
        email: 'sam@northwind.example',
        name: 'Sam Ortiz',
        role: 'rep',
        password: 'sams own passphrase',
      },
    });
    const sam = await login('sam@northwind.example', 'sams own passphrase');
    const me = (await call('/auth/session', { cookie: sam.cookie })).body['user'];
    await call(`/users/${me['id']}`, { ...as(sam), method: 'PATCH', body: { phone: '+13125550142' } });
    const made = await call('/prospects', {
      ...as(sam),
      body: {
        firstName: 'Dana',
        lastName: 'Reyes',
        title: 'COO',
        company: 'Acme',
        timezone: 'America/Chicago',
        phones: [{ number: '+13125550101', kind: 'direct' }],
        research: {
          priorityObjective: 'cut the time new hires take to ship',
          benefits: ['new hires ship in their first week', 'fewer support tickets'],
          referenceClients: 'Granite State Carriers: cut onboarding time by 14% in one quarter',
        },
      },
    });
    const advice = await call(
      `/prospects/${made.body['id']}/voicemail?strategy=persistent&at=${now.toISOString()}`,
      { cookie: sam.cookie },
    );
    expect(advice.status).toBe(200);
    const text = advice.body['script']?.['text'] as string;
    expect(text).toContain('Sam');
    expect(text).toMatch(/312[-. )]*555[-. ]*0142|3125550142/);
    expect(text).not.toContain('Team Voice');
  });

  it("a manager reads each rep's dials, connects, conversations, meetings, callbacks per message kind and keep-or-drop decisions, a rep who has not dialled too; a rep may not", async () => {
    const admin = await setup();
    const [sam, kit] = await addReps(admin, 'Sam', 'Kit', 'Ray');
    const add = async (desk: Desk, firstName: string, number: string) =>
      (
        await call('/prospects', {
          ...as(desk),
          body: {
            firstName,
            lastName: 'Ng',
            timezone: 'America/Chicago',
            phones: [{ number, kind: 'direct' }],
          },
        })
      ).body['id'];
    const dana = await add(sam, 'Dana', '+13125550101');
    const lee = await add(sam, 'Lee', '+13125550102');
    const ola = await add(kit, 'Ola', '+13125550103');
    const log = async (desk: Desk, body: Json) => {
      const logged = await call('/calls', { ...as(desk), body });
      expect(logged.status, JSON.stringify(logged.body)).toBe(201);
    };
    await log(sam, {
      prospect: String(dana),
      outcome: 'reached',
      result: 'meeting',
      resultAt: '2026-12-08T16:00:00Z',
      durationSeconds: 600,
      at: '2026-12-01T14:00:00Z',
    });
    await log(sam, {
      prospect: String(lee),
      outcome: 'voicemail-left',
      at: '2026-12-01T14:10:00Z',
      message: {
        kind: 'curiosity',
        text: 'Lee, Sam with Northwind. One question about your lanes. 312 555 0142.',
      },
    });
    await log(sam, { prospect: String(lee), outcome: 'no-answer', at: '2026-12-01T14:20:00Z' });
    await log(kit, { prospect: String(ola), outcome: 'gatekeeper', at: '2026-12-01T14:30:00Z' });
    const back = await call('/callbacks', {
      ...as(sam),
      body: { from: '+13125550102', at: '2026-12-01T14:50:00Z' },
    });
    expect(back.status).toBe(201);

    // Kit drops Ola by hand: a keep-or-drop decision.
    const dropped = await call(`/prospects/${ola}/pursuit-state`, {
      ...as(kit),
      body: {
        state: 'not-interested',
        reason: 'Ola moved to a competitor for three years',
        at: '2026-12-01T14:40:00Z',
      },
    });
    expect(dropped.status, JSON.stringify(dropped.body)).toBe(200);
    const period = 'since=2026-12-01T00:00:00Z&until=2026-12-01T15:00:00Z';
    expect((await call(`/insights/reps?${period}`, { cookie: sam.cookie })).status).toBe(403);
    const figures = await call(`/insights/reps?${period}`, { cookie: admin.cookie });
    expect(figures.status).toBe(200);
    const reps = figures.body['reps'] as Json[];
    // Ray, who has not dialled, is there with zeros: who is not dialling shows too.
    expect(reps.map((r) => r['name'])).toEqual(['Sam', 'Kit', 'Ray']);
    expect(reps[2]).toMatchObject({ dials: 0, connects: 0, decisions: {} });
    expect(reps[0]).toMatchObject({
      dials: 3,
      connects: 1,
      conversations: 1,
      meetings: 1,
      messagesLeft: 1,
      callbacks: 1,
      callbacksByKind: { curiosity: 1 },
      connectRate: 0.333,
    });
    expect(reps[0]!['meetingsPerHour']).toBeGreaterThan(0);
    expect(reps[1]).toMatchObject({
      dials: 1,
      connects: 1,
      conversations: 0,
      meetings: 0,
      callbacks: 0,
      decisions: { 'not-interested': 1 },
    });

    // A callback in a period without the dial that earned it was dropped when its rep had left:
    // Sam, disabled since, is still credited with Lee's call back.
    expect(
      (
        await call('/users/sam@northwind.example', {
          ...as(admin),
          method: 'PATCH',
          body: { disabled: true },
        })
      ).status,
    ).toBe(200);
    const later = await call('/insights/reps?since=2026-12-01T14:45:00Z&until=2026-12-01T15:00:00Z', {
      cookie: admin.cookie,
    });
    expect(later.body['reps']).toContainEqual(
      expect.objectContaining({ name: 'Sam', dials: 0, callbacks: 1, callbacksByKind: { curiosity: 1 } }),
    );
  });
});
