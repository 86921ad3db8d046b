import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/http/app.ts';
import { drivers, freshDb, type TestDb } from './support/databases.ts';
import { messyCsv } from './support/fixtures.ts';

type Json = Record<string, unknown>;

describe.each(drivers)('HTTP API on %s', (driver) => {
  let t: TestDb;
  let app: ReturnType<typeof createApp>;
  const json = (body: unknown, method = 'POST') => ({
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  beforeEach(async () => {
    t = await freshDb(driver);
    app = createApp({ ctx: t.ctx, databaseKind: t.kind });
  });
  afterEach(async () => {
    await t.drop();
  });

  it('serves an OpenAPI 3.1 document built from the request schemas', async () => {
    const response = await app.request('/api/v1/openapi.json');
    const doc = (await response.json()) as { openapi: string; paths: Record<string, Record<string, Json>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/prospects',
        '/api/v1/prospects/{key}',
        '/api/v1/imports',
        '/api/v1/dnc',
        '/api/v1/config',
      ]),
    );
    const post = doc.paths['/api/v1/prospects']?.['post'] as {
      requestBody: { content: Record<string, { schema: Json }> };
    };
    const schema = post.requestBody.content['application/json']?.schema as { properties: Json };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['firstName', 'email', 'phones', 'research']),
    );
  });

  it('documented an answer as a bare object: every success answer of every operation has its schema', async () => {
    type Answer = {
      content?: Record<string, { schema?: { type?: string; properties?: Json; items?: Json } }>;
    };
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, Answer> }>>;
    };
    const bare: string[] = [];
    let answers = 0;
    for (const [path, operations] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(operations))
        for (const [status, answer] of Object.entries(operation.responses)) {
          // 204 No Content answers with none.
          if (!status.startsWith('2') || status === '204') continue;
          answers++;
          const schemas = Object.values(answer.content ?? {}).map((c) => c.schema);
          const described = (s: (typeof schemas)[number]) =>
            s !== undefined && (s.type !== 'object' || s.properties !== undefined);
          if (schemas.length === 0 || !schemas.every(described)) bare.push(`${method} ${path} ${status}`);
        }
    expect(bare).toEqual([]);
    expect(answers).toBeGreaterThan(50);
    // A list answer names what it lists.
    const list = doc.paths['/api/v1/calls']?.['get']?.responses['200']?.content?.['application/json']
      ?.schema as {
      properties: { items: { items: { properties: Record<string, Json> } } };
    };
    expect(Object.keys(list.properties.items.items.properties)).toEqual(
      expect.arrayContaining(['outcome', 'result', 'localTime']),
    );
  });

  it('adds a prospect and reads it back with the local time at the given instant', async () => {
    const created = await app.request(
      '/api/v1/prospects',
      json({
        firstName: 'Ann',
        email: 'ann@acme.com',
        region: 'IL',
        country: 'US',
        phones: [{ number: '312-555-0142', kind: 'direct' }],
      }),
    );
    expect(created.status).toBe(201);
    const shown = await app.request('/api/v1/prospects/ann@acme.com?at=2026-07-01T13:15:00Z');
    expect(await shown.json()).toMatchObject({
      name: 'Ann',
      timezone: 'America/Chicago',
      localTime: { local: '2026-07-01T08:15:00', label: 'Wed 08:15 (America/Chicago)' },
      phones: [{ e164: '+13125550142', kind: 'direct', doNotCall: false }],
    });
  });

  it('answers bad input with problem+json that names the field', async () => {
    const response = await app.request(
      '/api/v1/prospects',
      json({ firstName: 'Ann', stage: 'hot', shoeSize: 44 }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { code: string; errors: { field: string }[] };
    expect(problem.code).toBe('validation');
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['body', 'stage']);
  });

  it('says which phone number is wrong and why', async () => {
    const response = await app.request(
      '/api/v1/prospects',
      json({ firstName: 'Ann', phones: [{ number: '12', kind: 'mobile' }] }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      errors: [{ field: 'phone_mobile', reason: expect.stringContaining('invalid phone "12"') }],
    });
  });

  it('answers an unknown prospect and an unknown endpoint with 404 problems', async () => {
    const missing = await app.request('/api/v1/prospects/nobody@x.com');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({
      code: 'not_found',
      detail: 'Prospect not found: nobody@x.com',
    });
    expect((await app.request('/api/v1/nothing')).status).toBe(404);
  });

  it('imports a CSV body, answering 422 with the rejected rows when some are bad', async () => {
    const response = await app.request('/api/v1/imports', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: messyCsv,
    });
    expect(response.status).toBe(422);
    const report = (await response.json()) as { imported: number; rejected: { line: number }[] };
    expect(report.imported).toBe(3);
    expect(report.rejected.map((r) => r.line)).toEqual([5, 8, 8, 8]);
    const list = (await (await app.request('/api/v1/prospects?q=acme')).json()) as { total: number };
    expect(list.total).toBe(1);
  });

  it('streams an export as CSV with formula cells neutralised', async () => {
    await app.request('/api/v1/imports', { method: 'POST', body: messyCsv });
    const response = await app.request('/api/v1/exports/prospects?format=csv');
    expect(response.headers.get('content-type')).toContain('text/csv');
    const text = await response.text();
    expect(text.split('\n')[0]).toMatch(/^external_id,first_name,last_name/);
    expect(text).toContain(`"'=HYPERLINK`);
    expect((await app.request('/api/v1/exports/everything')).status).toBe(400);
  });

  it('lists every calling rule with its source and date, and checks a number against them', async () => {
    const rules = (await (await app.request('/api/v1/rules')).json()) as {
      audience: string;
      rules: { id: string; source: { citation: string }; effective: string }[];
    };
    expect(rules.audience).toBe('consumer');
    expect(rules.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['us-tcpa-hours', 'fr-d223-9']));
    for (const rule of rules.rules) {
      expect(rule.source.citation, rule.id).not.toBe('');
      expect(rule.effective, rule.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // 20:05 in Miami: Florida's 20:00, with the next moment it may be called.
    const late = await app.request('/api/v1/rules/check?number=%2B13055550142&at=2026-03-04T01:05:00Z');
    expect(await late.json()).toMatchObject({
      number: '+13055550142',
      check: { ok: false, refusals: [{ code: 'outside-hours', ruleId: 'us-fl-501-616' }] },
      next: '2026-03-04T13:00:00.000Z',
    });
    const bad = await app.request('/api/v1/rules/check?number=12&at=2026-03-04T01:05:00Z');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toContain('number');
  });

  it('keeps Do-Not-Call entries and lifts them only with a reason', async () => {
    const added = await app.request(
      '/api/v1/dnc',
      json({ number: '(212) 555-0142', reason: 'national DNC registry', source: 'registry' }),
    );
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ items: [{ e164: '+12125550142', source: 'registry' }] });
    const refused = await app.request('/api/v1/dnc/removals', json({ number: '2125550142' }));
    expect(refused.status).toBe(400);
    const terse = await app.request(
      '/api/v1/dnc/removals',
      json({ number: '2125550142', reason: 'done', by: 'sam' }),
    );
    expect(await terse.json()).toMatchObject({ errors: [{ field: 'reason' }] });
    const lifted = await app.request(
      '/api/v1/dnc/removals',
      json({ number: '2125550142', reason: 'the number was reassigned to a new owner', by: 'sam' }),
    );
    expect(await lifted.json()).toEqual({ removed: 1, prospects: [] });
    const history = (await (await app.request('/api/v1/dnc/history')).json()) as { items: unknown[] };
    expect(history.items[0]).toMatchObject({
      action: 'lifted',
      e164: '+12125550142',
      by: 'sam',
      consent: false,
    });
  });

  it('a four-letter reason does not lift a person’s own request, nor does any reason without their consent', async () => {
    const ann = (await (
      await app.request(
        '/api/v1/prospects',
        json({
          firstName: 'Ann',
          email: 'ann@acme.com',
          phones: [{ number: '212-555-0142', kind: 'direct' }],
        }),
      )
    ).json()) as { id: number };
    await app.request('/api/v1/dnc', json({ prospect: ann.id, reason: 'asked not to be called' }));
    const terse = await app.request(
      '/api/v1/dnc/removals',
      json({ prospect: ann.id, reason: 'oops', by: 'sam', consent: true }),
    );
    expect(terse.status).toBe(400);
    const unconsented = await app.request(
      '/api/v1/dnc/removals',
      json({ prospect: ann.id, reason: 'called us back and asked for a demo', by: 'sam' }),
    );
    expect(await unconsented.json()).toMatchObject({ errors: [{ field: 'consent' }] });
    const lifted = await app.request(
      '/api/v1/dnc/removals',
      json({ prospect: ann.id, reason: 'called us back and asked for a demo', by: 'sam', consent: true }),
    );
    expect(await lifted.json()).toMatchObject({ removed: 3, prospects: [ann.id] });
  });

  it('refuses calling hours wider than the law allows', async () => {
    const response = await app.request('/api/v1/config', json({ callingHoursStart: '07:30' }, 'PATCH'));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'callingHoursStart' }] });
    const ok = await app.request(
      '/api/v1/config',
      json({ offerCategory: 'insurance', callingHoursEnd: '20:00' }, 'PATCH'),
    );
    expect(await ok.json()).toMatchObject({ offerCategory: 'insurance', callingHoursEnd: '20:00' });
  });

  it('answers the call queue and the day plan for a given time, and names a bad parameter', async () => {
    await app.request(
      '/api/v1/prospects',
      json({
        firstName: 'Ann',
        company: 'Acme',
        timezone: 'America/New_York',
        value: 25_000,
        phones: [{ number: '+1 212 555 0142', kind: 'direct' }],
      }),
    );
    const queue = await app.request('/api/v1/queue?at=2026-03-03T14:30:00Z&limit=5');
    expect(queue.status).toBe(200);
    expect(await queue.json()).toMatchObject({
      at: '2026-03-03T14:30:00.000Z',
      entries: [
        {
          prospect: { name: 'Ann', company: 'Acme' },
          number: { e164: '+12125550142', kind: 'direct' },
          local: { time: '09:30', timezone: 'America/New_York' },
          reasons: ['first dial'],
        },
      ],
    });
    const bad = await app.request('/api/v1/queue?at=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(await bad.json()).toMatchObject({
      errors: [
        {
          field: 'at',
          reason:
            '"yesterday" is not a time: write an ISO 8601 instant such as 2026-03-04T15:00:00Z or 2026-03-04T10:00:00-05:00',
        },
      ],
    });
    const plan = await app.request('/api/v1/plan?day=2026-03-03&zone=Europe/London');
    expect(plan.status).toBe(200);
    const body = (await plan.json()) as { windows: { prospect: { name: string }; from: string }[] };
    expect(body.windows[0]?.prospect.name).toBe('Ann');
    expect((await app.request('/api/v1/plan')).status).toBe(400);
  });

  it('refuses a time in one wording with an example, in a query, a body or a date, and a bad number as a number', async () => {
    const example = 'write an ISO 8601 instant such as 2026-03-04T15:00:00Z or 2026-03-04T10:00:00-05:00';
    const reasons = async (response: Response) => {
      expect(response.status).toBe(400);
      return ((await response.json()) as { errors: { field: string; reason: string }[] }).errors;
    };
    expect(await reasons(await app.request('/api/v1/tasks?dueBefore=tomorrow'))).toEqual([
      { field: 'dueBefore', reason: `"tomorrow" is not a time: ${example}` },
    ]);
    expect(await reasons(await app.request('/api/v1/calls?since=last%20week'))).toEqual([
      { field: 'since', reason: `"last week" is not a time: ${example}` },
    ]);
    await app.request('/api/v1/prospects', json({ firstName: 'Ann' }));
    const logged = await app.request(
      '/api/v1/calls',
      json({ prospect: 1, outcome: 'gatekeeper', result: 'callback-scheduled', resultAt: 'tomorrow' }),
    );
    expect(await reasons(logged)).toEqual([
      { field: 'resultAt', reason: `"tomorrow" is not a time: ${example}` },
    ]);
    expect(await reasons(await app.request('/api/v1/plan?day=tomorrow'))).toEqual([
      { field: 'day', reason: '"tomorrow" is not a date: write an ISO 8601 date such as 2026-03-04' },
    ]);
    const point = await app.request(
      '/api/v1/talking-points',
      json({ kind: 'event', title: 'Fair', on: 'soon', online: true }),
    );
    expect((await reasons(point))[0]?.reason).toBe(
      '"soon" is not a date or a time: write an ISO 8601 date such as 2026-03-04 or an instant such as 2026-03-04T15:00:00Z',
    );
    expect(await reasons(await app.request('/api/v1/queue?limit=abc'))).toEqual([
      { field: 'limit', reason: 'must be a number' },
    ]);
  });

  it('answers the voicemail decision with its script, checks a message, and names a bad strategy', async () => {
    await app.request('/api/v1/config', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ repName: 'Sam Ortiz', repPhone: '+13125550147' }),
    });
    const created = await app.request(
      '/api/v1/prospects',
      json({
        firstName: 'Ann',
        company: 'Acme',
        timezone: 'America/Chicago',
        phones: [{ number: '312-555-0100', kind: 'direct' }],
      }),
    );
    const { id } = (await created.json()) as { id: number };
    const advice = await app.request(
      `/api/v1/prospects/${id}/voicemail?at=2026-03-03T23:30:00Z&strategy=curiosity`,
    );
    expect(advice.status).toBe(200);
    expect(await advice.json()).toMatchObject({
      decision: 'leave',
      strategy: 'curiosity',
      reasons: [{ code: 'after-hours' }, { code: 'series', text: '1st curiosity message' }],
      script: { kind: 'curiosity', text: expect.stringContaining('312 555 0147') },
    });
    const bad = await app.request(`/api/v1/prospects/${id}/voicemail?strategy=sometimes`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ field: 'strategy' }] });
    const checked = await app.request(
      '/api/v1/check-message',
      json({ text: 'Just touching base, call me.' }),
    );
    expect(await checked.json()).toMatchObject({
      verdict: 'fail',
      checks: expect.arrayContaining([expect.objectContaining({ code: 'cliche', severity: 'fail' })]),
    });
    const point = await app.request('/api/v1/talking-points', json({ kind: 'event', title: 'Fair' }));
    expect(point.status).toBe(400);
    expect(await point.json()).toMatchObject({
      errors: [
        { field: 'on', reason: 'an event needs its date' },
        {
          field: 'region',
          reason:
            'say where the event is: online, or its city and region, so it is offered only to prospects near it',
        },
      ],
    });
  });

  it('logs a call once for a request retried with the same Idempotency-Key', async () => {
    await app.request(
      '/api/v1/prospects',
      json({
        firstName: 'Ann',
        email: 'ann@acme.com',
        timezone: 'Europe/London',
        phones: [{ number: '+44 20 7946 0018', kind: 'direct' }],
      }),
    );
    const request = () =>
      app.request('/api/v1/calls', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'dial-77' },
        body: JSON.stringify({
          prospect: 'ann@acme.com',
          outcome: 'gatekeeper',
          at: '2026-03-03T12:30:00Z',
          note: 'Janet covers the desk',
        }),
      });
    const first = await request();
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({
      attempt: { outcome: 'gatekeeper', local: { time: '12:30', timezone: 'Europe/London' } },
    });
    const again = await request();
    expect(again.status).toBe(200);
    const other = await app.request('/api/v1/calls', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'dial-77' },
      body: JSON.stringify({ prospect: 'ann@acme.com', outcome: 'no-answer', at: '2026-03-03T12:30:00Z' }),
    });
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect(await other.json()).toMatchObject({
      code: 'idempotency_mismatch',
      errors: [
        {
          field: 'idempotencyKey',
          reason: expect.stringContaining('"dial-77" was first used with another request'),
        },
      ],
    });
    expect(await again.json()).toMatchObject({ replayed: true });
  });

  it('says which field of a call log is wrong', async () => {
    await app.request('/api/v1/prospects', json({ firstName: 'Ann', email: 'ann@acme.com' }));
    const response = await app.request(
      '/api/v1/calls',
      json({ prospect: 'ann@acme.com', outcome: 'voicemail', result: 'interested' }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'result' }] });
  });

  it('refuses a call log whose fact heard is wrong with 400 naming intel.N.field, storing neither', async () => {
    await app.request('/api/v1/prospects', json({ firstName: 'Ann', email: 'ann@acme.com' }));
    const response = await app.request(
      '/api/v1/calls',
      json({
        prospect: 'ann@acme.com',
        outcome: 'gatekeeper',
        intel: [{ type: 'gatekeeper-name', value: 'Janet' }, { type: 'out-of-office' }],
      }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      errors: [{ field: 'intel.1.until', reason: 'say until when (a date)' }],
    });
    expect(await (await app.request('/api/v1/calls')).json()).toEqual({ items: [] });
    const logged = await app.request(
      '/api/v1/calls',
      json({
        prospect: 'ann@acme.com',
        outcome: 'gatekeeper',
        intel: [{ type: 'gatekeeper-name', value: 'Janet' }],
      }),
    );
    expect(logged.status).toBe(201);
    expect(await logged.json()).toMatchObject({
      intel: [{ type: 'gatekeeper-name', text: 'gatekeeper: Janet' }],
    });
  });

  it('demands the bearer token when one is set, compared whole', async () => {
    const locked = createApp({ ctx: t.ctx, databaseKind: t.kind, token: 's3cret' });
    expect((await locked.request('/api/v1/prospects')).status).toBe(401);
    expect(
      (await locked.request('/api/v1/prospects', { headers: { authorization: 'Bearer s3cre' } })).status,
    ).toBe(401);
    expect(
      (await locked.request('/api/v1/prospects', { headers: { authorization: 'Bearer s3cret' } })).status,
    ).toBe(200);
  });
});

describe.each(drivers)('HTTP API for the web app on %s', (driver) => {
  let t: TestDb;
  let app: ReturnType<typeof createApp>;
  let webRoot: string;
  const send = (path: string, body: unknown, method = 'POST') =>
    app.request(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const post = (path: string, body: unknown) => send(path, body);

  beforeEach(async () => {
    t = await freshDb(driver);
    webRoot = await mkdtemp(join(tmpdir(), 'reach-web-'));
    await mkdir(join(webRoot, 'assets'));
    await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>Reach desk</title>');
    await writeFile(join(webRoot, 'assets', 'app-1a2b.js'), 'console.log(1)');
    app = createApp({ ctx: t.ctx, databaseKind: t.kind, webRoot });
  });
  afterEach(async () => {
    await t.drop();
    await rm(webRoot, { recursive: true, force: true });
  });

  it('serves the web app at / and for its own routes, never in place of the API', async () => {
    const index = await app.request('/');
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await index.text()).toContain('Reach desk');
    expect(await (await app.request('/prospects/12')).text()).toContain('Reach desk');
    const asset = await app.request('/assets/app-1a2b.js');
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await app.request('/assets/missing.js')).status).toBe(404);
    const api = await app.request('/api/v1/nothing');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toBe('application/problem+json');
    const bare = createApp({ ctx: t.ctx, databaseKind: t.kind, webRoot: join(webRoot, 'absent') });
    expect(await (await bare.request('/')).text()).toContain('npm run build:web');
  });

  it('previews an import without writing: the preset, the column mapping and the first rows with their problems', async () => {
    const response = await app.request('/api/v1/imports?dryRun=true&preview=3', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: messyCsv,
    });
    expect(response.status).toBe(422);
    const report = (await response.json()) as {
      dryRun: boolean;
      preset: string;
      mapping: { column: string; field: string | null }[];
      preview: { line: number; cells: string[]; problems: { field: string }[] }[];
    };
    expect(report).toMatchObject({ dryRun: true, preset: 'generic' });
    expect(report.mapping).toContainEqual({ column: 'phone_direct', field: 'phone:direct' });
    expect(report.preview.map((r) => r.line)).toEqual([2, 5, 6]);
    expect(report.preview[0]?.cells[1]).toBe('Zoë');
    expect(report.preview[1]?.problems.map((p) => p.field)).toEqual(['phone_direct']);
    expect(report.preview[0]?.problems).toEqual([]);
    const list = (await (await app.request('/api/v1/prospects')).json()) as { total: number };
    expect(list.total).toBe(0);
    expect((await app.request('/api/v1/imports?preview=99', { method: 'POST', body: messyCsv })).status).toBe(
      400,
    );
  });

  it('streams import progress as NDJSON and ends with the report, or with the problem', async () => {
    const response = await app.request('/api/v1/imports', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', accept: 'application/x-ndjson' },
      body: messyCsv,
    });
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await response.text())
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as { type: string; bytes?: number; status?: number; report?: { imported: number } },
      );
    expect(lines.at(-2)).toMatchObject({ type: 'progress', bytes: Buffer.byteLength(messyCsv) });
    expect(lines.at(-1)).toMatchObject({ type: 'report', status: 422, report: { imported: 3 } });
    const bad = await app.request('/api/v1/imports', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', accept: 'application/x-ndjson' },
      body: 'shoe size,colour\n42,blue\n',
    });
    const last = JSON.parse((await bad.text()).trim().split('\n').at(-1)!) as { type: string; problem: Json };
    expect(last).toMatchObject({ type: 'problem', problem: { status: 400, code: 'unreadable_input' } });
  });

  it('answers the insights: reach by local weekday and hour, dials to a first conversation, effort against value', async () => {
    const ann = (await (
      await post('/api/v1/prospects', {
        firstName: 'Ann',
        email: 'ann@acme.com',
        company: 'Acme',
        value: 40000,
        timezone: 'America/Chicago',
        phones: [{ number: '312-555-0142', kind: 'direct' }],
      })
    ).json()) as { id: number; company: { id: number } };
    // Tuesday 3 March 2026: 10:10 and 10:40 in Chicago, then reached at 10:50 on Wednesday.
    for (const [at, outcome] of [
      ['2026-03-03T16:10:00Z', 'no-answer'],
      ['2026-03-03T16:40:00Z', 'gatekeeper'],
      ['2026-03-04T16:50:00Z', 'reached'],
    ])
      expect((await post('/api/v1/calls', { prospect: ann.id, outcome, at })).status).toBe(201);
    const reach = (await (await app.request(`/api/v1/insights/reach?prospect=${ann.id}`)).json()) as Json;
    expect(reach).toEqual({
      scope: `prospect ${ann.id}`,
      dials: 3,
      reached: 1,
      cells: [
        { weekday: 2, hour: 10, dials: 2, reached: 0, rate: 0 },
        { weekday: 3, hour: 10, dials: 1, reached: 1, rate: 1 },
      ],
    });
    const company = (await (
      await app.request(`/api/v1/insights/reach?company=${ann.company.id}`)
    ).json()) as Json;
    expect(company['dials']).toBe(3);
    const first = (await (await app.request('/api/v1/insights/first-conversation')).json()) as Json;
    expect(first).toEqual({
      reachedProspects: 1,
      median: 3,
      buckets: [{ attempts: 3, prospects: 1 }],
      notYet: [],
    });
    const effort = (await (await app.request('/api/v1/insights/effort')).json()) as { items: Json[] };
    expect(effort.items).toEqual([
      expect.objectContaining({
        prospectId: ann.id,
        value: 40000,
        attempts: 3,
        conversations: 1,
        // The usual rep time of each outcome, none logged: 45 s unanswered, 80 s with the gatekeeper, 320 s talking.
        minutes: 7.4,
        pursuit: 'continue',
      }),
    ]);
    const bad = await app.request('/api/v1/insights/reach?company=acme');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Json)['detail']).toMatch(/company/);
  });

  it('says keep, slow down or drop for a prospect, and the queue leaves a dropped one out until its nurture date', async () => {
    const add = async (firstName: string, value: number, number: string) =>
      (await (
        await post('/api/v1/prospects', {
          firstName,
          company: `${firstName} Co`,
          value,
          timezone: 'America/Chicago',
          phones: [{ number, kind: 'direct' }],
        })
      ).json()) as { id: number };
    const small = await add('Sol', 1_000, '312-555-0181');
    const big = await add('Bea', 50_000, '312-555-0182');
    await add('Cal', 50_000, '312-555-0183');
    // Eight unanswered dials to the small account over two weeks of mornings.
    for (let i = 0; i < 8; i++) {
      const at = new Date(Date.UTC(2026, 2, 2 + i * 2, 15, 0)).toISOString();
      expect((await post('/api/v1/calls', { prospect: small.id, outcome: 'no-answer', at })).status).toBe(
        201,
      );
    }
    const at = '2026-03-18T15:30:00Z';
    const pursuit = (await (
      await app.request(`/api/v1/prospects/${small.id}/pursuit?at=${at}`)
    ).json()) as Json & { effort: Json };
    expect(pursuit).toMatchObject({
      recommendation: 'drop',
      resumeAt: '2026-06-14T15:00:00.000Z',
      horizon: 10,
      weight: 1_000,
    });
    expect(pursuit['reason']).toMatch(/^8 attempts, 0 messages, 6 min; .*: drop, nurture from 2026-06-14$/);
    expect(pursuit.effort).toMatchObject({ attempts: 8, messages: 0, minutes: 6 });
    const fresh = (await (await app.request(`/api/v1/prospects/${big.id}/pursuit?at=${at}`)).json()) as Json;
    expect(fresh['recommendation']).toBe('continue');
    const queued = async (when: string) =>
      (
        (await (await app.request(`/api/v1/queue?at=${when}`)).json()) as {
          entries: { prospect: { id: number }; reasons: string[] }[];
        }
      ).entries;
    expect((await queued(at)).map((e) => e.prospect.id)).not.toContain(small.id);
    const touch = (await queued('2026-06-15T15:30:00Z')).find((e) => e.prospect.id === small.id);
    expect(touch?.reasons).toContain('nurture touch: dropped for a quarter');
    // A team that says an hour of calling books little keeps even the small account going.
    const cheap = await send('/api/v1/config', { repHourlyValue: 10 }, 'PATCH');
    expect(await cheap.json()).toMatchObject({ repHourlyValue: 10 });
    const kept = (await (
      await app.request(`/api/v1/prospects/${small.id}/pursuit?at=${at}`)
    ).json()) as Json & { rates: Json };
    expect(kept['recommendation']).toBe('continue');
    expect(kept.rates).toMatchObject({ hourlyValue: 10, hourlyValueFrom: 'team' });
    const negative = await send('/api/v1/config', { repHourlyValue: -5 }, 'PATCH');
    expect(await negative.json()).toMatchObject({ errors: [{ field: 'repHourlyValue' }] });
    await send('/api/v1/config', { repHourlyValue: null }, 'PATCH');
    const bad = await app.request(`/api/v1/prospects/${small.id}/pursuit?at=soon`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Json)['detail']).toMatch(/at/);
    expect((await app.request('/api/v1/prospects/99999/pursuit')).status).toBe(404);
  });

  it('lists the cadences and lays one over a prospect’s working days in their zone', async () => {
    const list = (await (await app.request('/api/v1/cadences')).json()) as { items: Json[] };
    expect(list.items.map((c) => c['name'])).toEqual(['cold-3-weeks', 'persistent-value', 'warm-follow-up']);
    const view = (await (
      await app.request('/api/v1/cadences/cold-3-weeks?start=2026-03-06T15:00:00Z&zone=America/Los_Angeles')
    ).json()) as { schedule: { local: string; kind: string; dueAt: string }[] };
    expect(view.schedule[0]).toMatchObject({
      local: 'Fri 06 Mar 08:00',
      kind: 'call',
      dueAt: '2026-03-06T16:00:00.000Z',
    });
    expect((await app.request('/api/v1/cadences/nope')).status).toBe(404);
    const bad = await app.request('/api/v1/cadences/cold-3-weeks?zone=Mars/Base');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Json)['detail']).toMatch(/zone/);
  });

  it('starts a cadence, lists the due tasks, marks one done and stops the rest over HTTP', async () => {
    const ann = (await (
      await post('/api/v1/prospects', {
        firstName: 'Ann',
        company: 'Acme',
        timezone: 'America/Chicago',
        phones: [{ number: '312-555-0142', kind: 'direct' }],
      })
    ).json()) as { id: number };
    const started = await post('/api/v1/enrollments', {
      cadence: 'warm-follow-up',
      prospects: [ann.id],
      at: '2026-03-02T14:00:00Z',
    });
    expect(started.status).toBe(201);
    expect(await started.json()).toMatchObject({
      cadence: 'warm-follow-up',
      started: [{ prospectId: ann.id }],
      rejected: [],
    });
    const tasks = (await (await app.request('/api/v1/tasks?at=2026-03-02T23:00:00Z')).json()) as {
      items: { id: number; kind: string; local: string }[];
    };
    expect(tasks.items).toMatchObject([{ kind: 'email', local: 'Mon 02 Mar 16:00' }]);
    const done = await post(`/api/v1/tasks/${tasks.items[0]!.id}/done`, { note: 'sent the recap' });
    expect(await done.json()).toEqual({ id: tasks.items[0]!.id, status: 'done' });
    expect((await post(`/api/v1/tasks/${tasks.items[0]!.id}/done`, {})).status).toBe(409);
    const stopped = await post(`/api/v1/prospects/${ann.id}/cadence/stop`, {
      reason: 'went with a competitor',
    });
    expect(await stopped.json()).toEqual({ prospectId: ann.id, cadence: 'warm-follow-up', cancelled: 5 });
    const bad = await post('/api/v1/enrollments', { cadence: 'warm-follow-up', prospects: 'ann' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('prospects');
  });

  it('undoes a call over HTTP once, and says when there is nothing to undo', async () => {
    const ann = (await (
      await post('/api/v1/prospects', { firstName: 'Ann', email: 'ann@acme.com' })
    ).json()) as {
      id: number;
    };
    const logged = (await (
      await post('/api/v1/calls', { prospect: ann.id, outcome: 'no-answer' })
    ).json()) as {
      attempt: { id: number };
    };
    const undone = await app.request(`/api/v1/calls/${logged.attempt.id}`, { method: 'DELETE' });
    expect(undone.status).toBe(200);
    expect(await undone.json()).toMatchObject({ undone: logged.attempt.id, prospectId: ann.id });
    const again = await app.request(`/api/v1/calls/${logged.attempt.id}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
  });

  it('corrects a call over HTTP with a reason, answering 400 for a bad id or body, 404 and 409', async () => {
    const ann = (await (
      await post('/api/v1/prospects', { firstName: 'Ann', email: 'ann@acme.com' })
    ).json()) as { id: number };
    const call = async (body: Json) =>
      (
        (await (await post('/api/v1/calls', { prospect: ann.id, ...body })).json()) as {
          attempt: { id: number };
        }
      ).attempt.id;
    const patch = (id: number | string, body: unknown) => send(`/api/v1/calls/${id}`, body, 'PATCH');
    const id = await call({ outcome: 'no-answer' });
    const corrected = await patch(id, { outcome: 'voicemail', reason: 'wrong key', by: 'Sam' });
    expect(corrected.status).toBe(200);
    expect(await corrected.json()).toMatchObject({
      correction: {
        attemptId: id,
        before: { outcome: 'no-answer' },
        after: { outcome: 'voicemail' },
        by: 'Sam',
      },
      call: { attempt: { id, outcome: 'voicemail' } },
    });
    for (const bad of ['abc', '99999999999', '-1']) {
      const response = await patch(bad, { outcome: 'busy', reason: 'wrong key' });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ errors: [{ field: 'id' }] });
    }
    expect((await app.request('/api/v1/calls/99999999999', { method: 'DELETE' })).status).toBe(400);
    expect((await patch(2_000_000_000, { outcome: 'busy', reason: 'wrong key' })).status).toBe(404);
    const noReason = await patch(id, { outcome: 'busy' });
    expect(noReason.status).toBe(400);
    expect(await noReason.json()).toMatchObject({ errors: [{ field: 'reason' }] });
    const stop = await call({ outcome: 'reached', result: 'do-not-call' });
    const refused = await patch(stop, { result: 'interested', reason: 'misheard' });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { detail: string }).detail).toContain('reach dnc remove');
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Json }> } }>>;
    };
    const schema = doc.paths['/api/v1/calls/{id}']?.['patch']?.requestBody?.content['application/json']
      ?.schema as {
      properties: Json;
      required: string[];
    };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining([
        'outcome',
        'result',
        'resultAt',
        'number',
        'note',
        'message',
        'reason',
        'by',
        'at',
      ]),
    );
    expect(schema.required).toEqual(['reason']);
  });

  it('records a callback with its result over HTTP, and answers 400 naming what is missing', async () => {
    const ann = (await (
      await post('/api/v1/prospects', {
        firstName: 'Ann',
        phones: [{ number: '212-555-0142', kind: 'direct' }],
      })
    ).json()) as { id: number };
    const noTime = await post('/api/v1/callbacks', { from: '212-555-0142', result: 'meeting' });
    expect(noTime.status).toBe(400);
    expect(await noTime.json()).toMatchObject({ errors: [{ field: 'resultAt' }] });
    const stranger = await post('/api/v1/callbacks', { from: '646-555-0199', result: 'interested' });
    expect(stranger.status).toBe(400);
    expect(await stranger.json()).toMatchObject({ errors: [{ field: 'result' }] });
    const booked = await post('/api/v1/callbacks', {
      from: '212-555-0142',
      result: 'meeting',
      resultAt: '2026-03-09T16:00:00Z',
    });
    expect(booked.status).toBe(201);
    expect(await booked.json()).toMatchObject({ result: 'meeting', resultAt: '2026-03-09T16:00:00.000Z' });
    const shown = (await (await app.request(`/api/v1/prospects/${ann.id}`)).json()) as { stage: string };
    expect(shown.stage).toBe('interested');
    const unknown = (await (await post('/api/v1/callbacks', { from: '646-555-0199' })).json()) as {
      callbackId: number;
    };
    const attached = await post(`/api/v1/callbacks/${unknown.callbackId}/attach`, {
      prospect: ann.id,
      result: 'not-interested',
    });
    expect(attached.status).toBe(200);
    expect(await attached.json()).toMatchObject({ result: 'not-interested' });
    expect((await post('/api/v1/callbacks/99999999999/attach', { prospect: ann.id })).status).toBe(400);
  });
});
