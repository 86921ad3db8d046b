import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { Method } from '../contracts/operation.ts';
import { routes } from '../contracts/routes.ts';
import type { DncImportReport } from '../modules/dnc/index.ts';
import type { ImportReport } from '../modules/imports/index.ts';
import { AppError, type ErrorCode, errorTable, type FieldIssue } from '../shared/errors.ts';
import type { OperationClient, ReachClient } from './client.ts';

type Problem = { code?: string; detail?: string; errors?: FieldIssue[] };

/** The same client over the HTTP API, for when a Reach server holds the data directory. */
export function httpClient(options: { baseUrl: string; token?: string | undefined }): ReachClient {
  const headers = (extra: Record<string, string> = {}) => ({
    ...extra,
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
  });
  const call = async (input: {
    method: string;
    path: string;
    body?: unknown;
    query?: Record<string, unknown> | undefined;
    headers?: Record<string, string> | undefined;
  }) => {
    const url = new URL(`/api/v1${input.path}`, options.baseUrl);
    for (const [k, v] of Object.entries(input.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, String(v));
    const body = input.body === undefined ? undefined : JSON.stringify(input.body);
    return expectOk(
      await send(url, {
        method: input.method,
        headers: headers({ ...input.headers, 'content-type': 'application/json' }),
        body,
      }),
    );
  };
  /** Streams a file to an import endpoint; 422 (some rows rejected) is an answer, not a failure. */
  const upload = async <T>(input: {
    path: string;
    input: Readable;
    query: Record<string, string | undefined>;
  }): Promise<T> => {
    const url = new URL(`/api/v1${input.path}`, options.baseUrl);
    for (const [k, v] of Object.entries(input.query)) if (v !== undefined) url.searchParams.set(k, v);
    const response = await send(url, {
      method: 'POST',
      headers: headers({ 'content-type': 'text/csv' }),
      body: input.input,
    });
    return (await (response.status === 422 ? response : await expectOk(response)).json()) as T;
  };
  const json = async <T>(input: Parameters<typeof call>[0]): Promise<T> =>
    (await (await call(input)).json()) as T;
  /**
   * An operation over HTTP: its path filled in, its query, headers and body sent. Only its route is
   * read here (routes.ts, written from the contracts): the server checks the input against them.
   */
  const perform = ([method, template]: readonly [Method, string], input: Record<string, unknown>) => {
    const params = (input['params'] ?? {}) as Record<string, unknown>;
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(String(params[name] ?? '')),
    );
    return json({
      method: method.toUpperCase(),
      path,
      query: input['query'] as Record<string, unknown> | undefined,
      headers: input['headers'] as Record<string, string> | undefined,
      body: input['body'],
    });
  };
  const performers = Object.fromEntries(
    Object.entries(routes).map(([name, route]) => [
      name,
      (input?: Record<string, unknown>) => perform(route, input ?? {}),
    ]),
  ) as unknown as OperationClient;
  return {
    ...performers,
    where: `the Reach server at ${options.baseUrl}`,
    importCsv: async (request) => {
      const report = await upload<ImportReport>({
        path: '/imports',
        input: request.input,
        query: {
          preset: request.preset,
          country: request.country,
          dryRun: request.dryRun ? 'true' : undefined,
          strategy: request.strategy,
          list: request.list,
        },
      });
      for (const r of report.rejected) request.onRejected?.(r);
      return report;
    },
    exportRows: (opts) => ({
      async *[Symbol.asyncIterator]() {
        const response = await call({
          method: 'GET',
          path: `/exports/${opts.kind}`,
          query: { format: opts.format },
        });
        const decoder = new TextDecoder();
        for await (const chunk of response.body as AsyncIterable<Uint8Array>)
          yield decoder.decode(chunk, { stream: true });
      },
    }),
    importDnc: (request) =>
      upload<DncImportReport>({
        path: '/dnc/imports',
        input: request.input,
        query: { source: request.source, reason: request.reason },
      }),
    letter: async ({ id, query }) =>
      (await call({ method: 'GET', path: `/tasks/${id}/letter`, query })).text(),
  };
}

/** An answer of the server: its status, and its body to stream or to read whole. */
type Answer = {
  status: number;
  ok: boolean;
  body: IncomingMessage;
  text: () => Promise<string>;
  json: () => Promise<unknown>;
};

/**
 * One request on a connection of its own, closed with the answer (`agent: false`): a command
 * ends as soon as it has printed, rather than when an idle kept-alive connection times out, and
 * Node's own `http` loads in a fraction of `fetch`'s time.
 */
async function send(
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string | Readable | undefined },
): Promise<Answer> {
  const { request } = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  try {
    const body = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request(url, { method: init.method, headers: init.headers, agent: false }, resolve);
      req.on('error', reject);
      if (init.body === undefined || typeof init.body === 'string') req.end(init.body);
      else {
        init.body.on('error', (error) => req.destroy(error));
        init.body.pipe(req);
      }
    });
    const text = async () => {
      let whole = '';
      body.setEncoding('utf8');
      for await (const chunk of body) whole += chunk;
      return whole;
    };
    const status = body.statusCode ?? 0;
    return {
      status,
      ok: status >= 200 && status < 300,
      body,
      text,
      json: async () => JSON.parse(await text()),
    };
  } catch (error) {
    throw new AppError(
      'unavailable',
      `Cannot reach the Reach server at ${url.origin}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

async function expectOk(response: Answer): Promise<Answer> {
  if (response.ok) return response;
  const problem = (await response.json().catch(() => ({}))) as Problem;
  const code = problem.code && problem.code in errorTable ? (problem.code as ErrorCode) : 'internal';
  // The CLI sends REACH_TOKEN: say so in its words, not the desk's.
  const detail =
    code === 'unauthorized'
      ? `The server at this data directory wants a token: set REACH_TOKEN to a personal token (make one on the desk under Settings → People → API tokens) (${problem.detail ?? 'HTTP 401'})`
      : (problem.detail ?? `HTTP ${response.status}`);
  throw new AppError(code, detail, { issues: problem.errors ?? [] });
}
