import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../src/http/app.ts';
import { importCsv } from '../src/modules/imports/import.service.ts';
import { REJECTIONS_LISTED } from '../src/shared/csv-records.ts';
import { BODY_LIMITS } from '../src/shared/request-body.ts';
import { drivers, freshDb, type TestDb } from './support/databases.ts';

type Problem = {
  status: number;
  code: string;
  detail: string;
  requestId?: string;
  errors?: { field: string; reason: string; line?: number }[];
};

/** The defects an outside reliability battery found, each pinned where it broke. */
describe.each(drivers)('hardened entry points on %s', (driver) => {
  let t: TestDb;
  let app: ReturnType<typeof createApp>;
  const send = (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
    app.request(path, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  const problem = async (response: Response, status: number): Promise<Problem> => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    return (await response.json()) as Problem;
  };
  const fields = (p: Problem) => (p.errors ?? []).map((e) => e.field);

  beforeEach(async () => {
    t = await freshDb(driver);
    app = createApp({ ctx: t.ctx, databaseKind: t.kind });
    const added = await send('/api/v1/prospects', {
      firstName: 'Ann',
      region: 'IL',
      country: 'US',
      phones: [{ number: '312-555-0142', kind: 'direct' }],
    });
    expect(added.status).toBe(201);
  });
  afterEach(async () => {
    await t.drop();
  });

  it('a 20 MB JSON body was read whole and froze the server: refused with 413 from its length, unread', async () => {
    const big = `{"notes":"${'x'.repeat(BODY_LIMITS.json + 10)}"}`;
    const p = await problem(await send('/api/v1/prospects', big), 413);
    expect(p.code).toBe('too_large');
    expect(p.detail).toContain('1 MB');
  });

  it('a body sent without a length is counted as it streams and stopped at the limit', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > BODY_LIMITS.json * 4) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const response = await app.request('/api/v1/prospects', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect((await problem(response, 413)).code).toBe('too_large');
    expect(sent).toBeLessThan(BODY_LIMITS.json * 2);
  });

  it('a failed statement showed its SQL and parameters: the client reads a request id, the log the cause', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken = createApp({
      ctx: {
        ...t.ctx,
        db: new Proxy(t.ctx.db, {
          get: () => () => {
            throw new Error('select secret from prospects where email = $1\nparams: ann@acme.com');
          },
        }),
      },
      databaseKind: t.kind,
    });
    const response = await broken.request('/api/v1/prospects', { headers: { 'x-request-id': 'req-42' } });
    const p = await problem(response, 500);
    expect(response.headers.get('x-request-id')).toBe('req-42');
    expect(p.requestId).toBe('req-42');
    expect(p.detail).toContain('req-42');
    expect(JSON.stringify(p)).not.toMatch(/select|secret|params|ann@acme/);
    expect(errors.mock.calls.flat().join(' ')).toContain('req-42');
    errors.mockRestore();
  });

  it('every answer carries a request id, one of its own when the client sends none or a bad one', async () => {
    const a = await send('/api/v1/health');
    const b = await app.request('/api/v1/health', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(a.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
    expect(b.headers.get('x-request-id')).not.toBe('bad id with spaces');
  });

  it('ids beyond 32 bits reached the database: a key is not found, an id in a body or query is refused by name', async () => {
    expect((await problem(await send('/api/v1/prospects/2147483648'), 404)).code).toBe('not_found');
    const call = await problem(
      await send('/api/v1/calls', { prospect: 2147483648, outcome: 'no-answer', at: '2026-12-02T15:00:00Z' }),
      400,
    );
    expect(fields(call)).toContain('prospect');
    expect(fields(await problem(await send('/api/v1/insights/reach?company=2147483648'), 400))).toContain(
      'company',
    );
    expect((await send('/api/v1/queue?rep=2147483648')).status).toBeLessThan(500);
  });

  it('/tasks/abc/done queried NaN: a path id that is not a whole number in range is refused naming id', async () => {
    for (const id of ['abc', '0', '2147483648', '1.5']) {
      const p = await problem(await send(`/api/v1/tasks/${id}/done`, {}), 400);
      expect(fields(p)).toEqual(['id']);
    }
  });

  it('NUL bytes in fields, paths and queries reached the database: refused naming where they are', async () => {
    const body = await problem(await send('/api/v1/prospects', { firstName: 'A\u0000nn', phones: [] }), 400);
    expect(body.errors).toEqual([{ field: 'firstName', reason: expect.stringContaining('NUL') }]);
    expect(fields(await problem(await send('/api/v1/prospects/a%00b'), 400))).toEqual(['key']);
    expect(fields(await problem(await send('/api/v1/prospects?q=a%00'), 400))).toEqual(['q']);
    const nested = await problem(
      await send('/api/v1/prospects/1', { phones: [{ number: '312\u0000555', kind: 'direct' }] }, 'PATCH'),
      400,
    );
    expect(fields(nested)).toEqual(['phones.0.number']);
  });

  it('value 1e300 overflowed the column: refused naming value with the largest amount kept', async () => {
    const p = await problem(await send('/api/v1/prospects/1', { value: 1e300 }, 'PATCH'), 400);
    expect(p.errors?.[0]).toMatchObject({
      field: 'value',
      reason: expect.stringContaining('1,000,000,000,000'),
    });
  });

  it('PATCH /config {} answered 500: a patch naming no setting changes nothing', async () => {
    const before = await (await send('/api/v1/config')).json();
    const after = await send('/api/v1/config', {}, 'PATCH');
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual(before);
  });

  it('years 0001 and 9999 reached the database, and years below 100 were read as 20xx: refused naming the parameter', async () => {
    for (const at of ['0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '0099-03-04T10:00:00Z']) {
      const p = await problem(await send(`/api/v1/queue?at=${at}`), 400);
      expect(p.errors?.[0]).toMatchObject({ field: 'at', reason: expect.stringContaining('1900 to 2199') });
    }
    expect(fields(await problem(await send('/api/v1/plan?day=0001-01-01'), 400))).toEqual(['day']);
    const call = await problem(
      await send('/api/v1/calls', { prospect: 1, outcome: 'no-answer', at: '0099-12-02T15:00:00Z' }),
      400,
    );
    expect(fields(call)).toEqual(['at']);
  });

  it('a DNC list with an unclosed quote answered 500: that line is rejected by number and the others kept', async () => {
    const response = await app.request('/api/v1/dnc/imports', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: 'name,phone\nAnn,312-555-0142\n"Bo,312-555-0143\nCy,312-555-0144\n',
    });
    const p = (await problem(response, 422)) as Problem & { added: number; rejected: { line: number }[] };
    expect(p.added).toBe(2);
    expect(p.rejected).toEqual([{ line: 3, reason: expect.stringContaining('quote') }]);
  });

  it('GET /% answered 500: an address that does not decode is a 400 problem', async () => {
    expect((await problem(await app.request('/%'), 400)).code).toBe('unreadable_input');
    for (const path of ['/api/v1/%', '/api/v1/prospects/%E0%A4%A']) {
      const response = await app.request(path);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
    }
  });

  describe('imports that survive any file', () => {
    const HEADER = 'first_name,last_name,email,phone_direct,phone_mobile,notes\n';
    const row = (i: number) => `P${i},Doe,p${i}@acme.com,312-555-${String(1000 + i).slice(-4)},,\n`;
    const load = (file: string | Buffer, extra: { onRejected?: (r: unknown) => void } = {}) =>
      importCsv(t.ctx, { input: Readable.from([file]), batchSize: 3, ...extra });

    it('one NUL byte aborted the import as "internal" and lost the rows after the last batch: its row is rejected naming the column', async () => {
      const file = `${HEADER}${row(1)}${row(2)}P3,D\u0000oe,p3@acme.com,312-555-0003,,\n${row(4)}${row(5)}`;
      const report = await load(file);
      expect(report.rejected).toEqual([
        { line: 4, field: 'last_name', reason: expect.stringContaining('NUL') },
      ]);
      expect(report.imported).toBe(4);
    });

    it('invalid UTF-8 was silently replaced: the row is rejected by line, the others kept', async () => {
      const file = Buffer.concat([
        Buffer.from(`${HEADER}${row(1)}P2,D`),
        Buffer.from([0xc3, 0x28]),
        Buffer.from(`e,p2@acme.com,,,\n${row(3)}`),
      ]);
      const report = await load(file);
      expect(report.rejected).toEqual([
        { line: 3, field: 'row', reason: expect.stringContaining('not valid UTF-8') },
      ]);
      expect(report.imported).toBe(2);
    });

    it('a row with more fields than the header was imported with the surplus dropped: it is rejected naming the count', async () => {
      const report = await load(`${HEADER}${row(1)}P2,Doe,p2@acme.com,,,,surplus\n${row(3)}`);
      expect(report.rejected).toEqual([
        {
          line: 3,
          field: 'column 7',
          reason: expect.stringContaining('has 7 fields and the header names 6'),
        },
      ]);
      expect(report.imported).toBe(2);
    });

    it('an unclosed quote swallowed the rest of the file and discarded the rows before it: only its line is rejected', async () => {
      const report = await load(`${HEADER}${row(1)}${row(2)}"P3,Doe,p3@acme.com,,,\n${row(4)}${row(5)}`);
      expect(report.rejected).toEqual([
        { line: 4, field: 'row', reason: expect.stringContaining('never closed') },
      ]);
      expect(report.imported).toBe(4);
    });

    it('a 50 MB cell was stored past the API limit of 10,000 characters: the same limits apply, and a huge line is refused unread', async () => {
      const report = await load(
        `${HEADER}P1,Doe,p1@acme.com,,,"${'n'.repeat(10_001)}"\nP2,Doe,p2@acme.com,,,${'x'.repeat(2 * 1024 * 1024)}\n${row(3)}`,
      );
      expect(report.rejected).toEqual([
        { line: 2, field: 'notes', reason: expect.stringContaining('at most 10,000 characters') },
        { line: 3, field: 'row', reason: expect.stringContaining('bytes long') },
      ]);
      expect(report.imported).toBe(1);
    });

    it('one invalid secondary phone rejected the prospect: it is dropped with a warning and the prospect kept', async () => {
      const report = await load(`${HEADER}P1,Doe,p1@acme.com,312-555-0101,12,\nP2,Doe,p2@acme.com,12,,\n`);
      expect(report.imported).toBe(1);
      expect(report.warnings).toEqual([
        { line: 2, field: 'phone_mobile', reason: expect.stringContaining('dropped') },
      ]);
      // A row whose only phone cannot be read is still refused: there is nothing to call.
      expect(report.rejected).toEqual([
        { line: 3, field: 'phone_direct', reason: expect.stringContaining('invalid phone') },
      ]);
    });

    it('1M bad rows held 2.1 GB of rejections: the report lists the first ones and counts them all, every one streamed out', async () => {
      const bad = 30_000;
      const lines = Array.from({ length: bad }, (_, i) => `P${i},Doe,not-an-email,,,\n`);
      let streamed = 0;
      const report = await importCsv(t.ctx, {
        input: Readable.from([HEADER, ...lines, row(1)]),
        onRejected: () => {
          streamed++;
        },
      });
      expect(report.rejectedRows).toBe(bad);
      expect(report.rejected).toHaveLength(REJECTIONS_LISTED);
      expect(streamed).toBe(bad);
      expect(report.imported).toBe(1);
    }, 60_000);
  });
});
