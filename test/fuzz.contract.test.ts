import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/http/app.ts';
import { loadDemo } from '../src/modules/demo/demo.service.ts';
import { drivers, freshDb, type TestDb } from './support/databases.ts';
import { exampleOf, type Operation, type Schema } from './support/openapi-examples.ts';

/**
 * The API driven from its own OpenAPI document: for every operation, malformed path parameters,
 * query parameters, bodies and headers. No answer may be a 5xx, and every refusal is problem+json
 * that names what was wrong without a line of SQL or a stack frame.
 */
type Attempt = { what: string; method: string; url: string; headers: Record<string, string>; body?: string };

const AT = '2026-12-02T15:00:00Z';
const PER_OPERATION = 50;

const nul = '\u0000';
/** Any value as short text for a label or a query string (fast-check makes objects String() refuses). */
const text = (value: unknown): string => {
  try {
    return String(value);
  } catch {
    return typeof value;
  }
};
/** Values that broke or could break an entry point: huge and tiny numbers, NULs, far years, long text. */
const badScalars: unknown[] = [
  null,
  true,
  -1,
  0,
  1.5,
  1e300,
  -1e300,
  2147483648,
  2 ** 53 + 2,
  'abc',
  '',
  ' ',
  nul,
  `a${nul}b`,
  'x'.repeat(20_000),
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '0099-03-04T10:00:00Z',
  '0001-01-01',
  '9999-12-31',
  '2026-02-30',
  '2026-03-04T25:00:00Z',
  '+275760-09-13T00:00:00Z',
  '\uD800',
  '%',
  "'; drop table prospects; --",
  [],
  {},
  [nul],
  { nested: { deeper: [1, 2, 3] } },
];
const badPathValues = [
  '2147483648',
  '99999999999999999999',
  '-1',
  '0',
  'abc',
  '1e300',
  '1.5',
  '%00',
  'a%00b',
  '%25',
  '%E0%A4%A',
  'x'.repeat(5000),
  '0x10',
  '%20',
];
const badQueryValues = [
  '2147483648',
  '-1',
  'abc',
  '1e300',
  '%00',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '0099-03-04',
  '0001-01-01',
  '2026-02-30',
  'true',
  'x'.repeat(5000),
  '%E0%A4%A',
];

function attemptsFor(of: { method: string; path: string; operation: Operation; seed: number }): Attempt[] {
  const { method, path, operation, seed } = of;
  const pathParams = (operation.parameters ?? []).filter((p) => p.in === 'path');
  const queryParams = (operation.parameters ?? []).filter((p) => p.in === 'query');
  const json = operation.requestBody?.content['application/json']?.schema;
  const csv = operation.requestBody?.content['text/csv'];
  const base = json ? (exampleOf(json) as Record<string, unknown>) : undefined;
  const url = (params: Record<string, string>, query = '') => {
    let out = path;
    for (const p of pathParams) out = out.replace(`{${p.name}}`, params[p.name] ?? '1');
    return `${out}${query}`;
  };
  const jsonHeaders = { 'content-type': 'application/json' };
  const attempts: Attempt[] = [];
  const add = (what: string, u: string, sent?: { body?: unknown; headers?: Record<string, string> }) =>
    attempts.push({
      what,
      method,
      url: u,
      headers: sent?.headers ?? jsonHeaders,
      ...(sent?.body === undefined
        ? {}
        : { body: typeof sent.body === 'string' ? sent.body : JSON.stringify(sent.body) }),
    });
  const body = base ?? (csv ? 'first_name,phone\nAnn,312-555-0142\n' : undefined);
  for (const p of pathParams)
    for (const value of badPathValues)
      add(`path ${p.name}=${value.slice(0, 20)}`, url({ [p.name]: value }), { body });
  for (const p of queryParams)
    for (const value of badQueryValues)
      add(`query ${p.name}=${value.slice(0, 20)}`, url({}, `?${p.name}=${value}`), { body });
  if (json) {
    for (const raw of ['', '{', 'not json', 'null', '[]', '42', '"text"', `{"a":"${nul}"}`, '['.repeat(5000)])
      add(`body ${raw.slice(0, 12)}`, url({}), { body: raw });
    add('body as text/plain', url({}), { body: base, headers: { 'content-type': 'text/plain' } });
    const fields = Object.keys((json as Schema).properties ?? {});
    for (const field of fields)
      for (const value of badScalars)
        add(`body ${field}=${text(value).slice(0, 20)}`, url({}), { body: { ...base, [field]: value } });
    add('body with an unknown field', url({}), { body: { ...base, ['x'.repeat(300)]: 1 } });
  }
  if (csv) {
    for (const raw of ['', '"unclosed,quote\n', `first_name\n${nul}\n`, 'a,b\n1,2,3,4\n', '\xff\xfe\n'])
      add(`csv ${JSON.stringify(raw).slice(0, 16)}`, url({}), {
        body: raw,
        headers: { 'content-type': 'text/csv' },
      });
  }
  add('Idempotency-Key of 10,000 characters', url({}), {
    body,
    headers: { ...jsonHeaders, 'idempotency-key': 'k'.repeat(10_000) },
  });
  // Random filling up to the quota, reproducible from the seed.
  const values = fc.sample(fc.anything({ withNullPrototype: false, maxDepth: 2 }), {
    numRuns: Math.max(0, PER_OPERATION - attempts.length) + 5,
    seed,
  });
  for (const [i, value] of values.entries()) {
    if (json) {
      const fields = Object.keys((json as Schema).properties ?? {});
      const field = fields[i % Math.max(1, fields.length)];
      add(`random body ${i}`, url({}), { body: field ? { ...base, [field]: value } : value });
    } else if (queryParams.length > 0) {
      const p = queryParams[i % queryParams.length]!;
      add(`random query ${p.name} ${i}`, url({}, `?${p.name}=${encodeURIComponent(text(value))}`), { body });
    } else {
      const p = pathParams[i % Math.max(1, pathParams.length)];
      add(`random path ${i}`, p ? url({ [p.name]: encodeURIComponent(text(value)) }) : url({}), { body });
    }
  }
  return attempts;
}

/** Text that shows a client the server's insides. */
const leaks = [
  /\bselect\b.+\bfrom\b/i,
  /\binsert into\b/i,
  /\bupdate\b.+\bset\b/i,
  /Failed query/i,
  /params:/,
  /\n\s+at /,
  /node_modules/,
  /\.ts:\d+/,
];

describe.each(drivers)('the API under malformed input on %s', (driver) => {
  let t: TestDb;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    t = await freshDb(driver);
    await loadDemo(t.ctx, { at: AT, size: 12 });
    app = createApp({ ctx: t.ctx, databaseKind: t.kind });
  }, 60_000);
  afterAll(async () => {
    await t.drop();
  });

  it('answers every malformed request of every operation with a 4xx problem, never a 5xx or its insides', async () => {
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, Operation>>;
    };
    const failures: string[] = [];
    let sent = 0;
    let seed = 1;
    for (const [path, operations] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(operations)) {
        const attempts = attemptsFor({ method: method.toUpperCase(), path, operation, seed: seed++ });
        expect(attempts.length, `${method} ${path}`).toBeGreaterThanOrEqual(PER_OPERATION);
        for (const a of attempts) {
          sent++;
          const response = await app.request(a.url, {
            method: a.method,
            headers: a.headers,
            ...(a.body === undefined || a.method === 'GET' ? {} : { body: a.body }),
          });
          const text = await response.text();
          const where = `${a.method} ${path} (${a.what}) → ${response.status}`;
          if (response.status >= 500) failures.push(`${where}: ${text.slice(0, 200)}`);
          else if (response.status >= 400) {
            if (!response.headers.get('content-type')?.startsWith('application/problem+json'))
              failures.push(`${where}: not problem+json`);
            const leak = leaks.find((pattern) => pattern.test(text));
            if (leak) failures.push(`${where}: shows ${leak} in ${text.slice(0, 200)}`);
          }
        }
      }
    expect(sent).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  }, 600_000);

  it('answers a path or query that does not decode (GET /%) with a 4xx problem naming it', async () => {
    for (const url of [
      '/%',
      '/api/v1/%',
      '/api/v1/prospects/%',
      '/api/v1/prospects/%ZZ',
      '/api/v1/prospects/%00',
      '/api/v1/queue?at=%E0%A4%A',
    ]) {
      const response = await app.request(url);
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      expect(response.status, url).toBeLessThan(500);
      if (url.startsWith('/api/'))
        expect(response.headers.get('content-type'), url).toContain('application/problem+json');
    }
  });
});
