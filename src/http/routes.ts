import type { Context, Handler, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { handlers, operations } from '../app/operations.ts';
import { perform, refused } from '../app/perform.ts';
import type { Ctx } from '../context/context.ts';
import type { Handler as OperationHandler } from '../context/handler.ts';
import type { Route } from '../context/route.ts';
import type { Operation } from '../contracts/operation.ts';
import { liveCallSchema } from '../contracts/telephony.contract.ts';
import { mayRun } from '../modules/accounts/index.ts';
import { invalidFields } from '../shared/errors.ts';
import { MAX_ID, parseId } from '../shared/ids.ts';
import { BODY_LIMITS, limitBody, tooLarge } from '../shared/request-body.ts';
import { unstorableText } from '../shared/validate.ts';

export type { Route };

/** How a request gets its context (the book, the caller's team and principal), and keeps what an operation changed of it. */
export type CtxSource = {
  ctx: (c: Context) => Promise<Ctx>;
  settle?: (ctx: Ctx, started: Ctx['team']) => void;
};

/** Mounts every route on the app; the same table feeds the OpenAPI document. */
export function mount(app: Hono, options: CtxSource & { routes: Route[] }): void {
  for (const route of options.routes) {
    const path = honoPath(route.path);
    const streamed = route.bodyType === 'text/csv';
    const maxBody = route.maxBody ?? (streamed ? BODY_LIMITS.csv : BODY_LIMITS.json);
    const handle: Handler = async (c) => {
      const ctx = await options.ctx(c);
      const started = ctx.team;
      if (route.access && ctx.user && !mayRun(ctx.user, route.access)) throw refused(route.access);
      checkParameters(c.req.param() as Record<string, string>, c.req.query());
      const response = await route.handle({ c, ctx });
      options.settle?.(ctx, started);
      return response;
    };
    // A JSON body is small and read whole, counted as it comes; a CSV streams through bodyStream's count.
    const limit: MiddlewareHandler = streamed
      ? async (c, next) => {
          limitBody(c, maxBody);
          await next();
        }
      : bodyLimit({ maxSize: maxBody, onError: () => Promise.reject(tooLarge(maxBody)) });
    app.on(route.method.toUpperCase(), `/api/v1${path}`, limit, handle);
  }
}

/** Mounts every operation of the contracts: input read from the request, checked, handled, answered as JSON. */
export function mountOperations(app: Hono, options: CtxSource): void {
  for (const [name, operation] of Object.entries(operations) as [keyof typeof operations, Operation][]) {
    const handler = handlers[name] as unknown as OperationHandler<Operation>;
    const path = honoPath(operation.path);
    const maxBody = operation.maxBody ?? BODY_LIMITS.json;
    const limit = bodyLimit({ maxSize: maxBody, onError: () => Promise.reject(tooLarge(maxBody)) });
    app.on(operation.method.toUpperCase(), `/api/v1${path}`, limit, async (c) => {
      const params = c.req.param() as Record<string, string>;
      const query = c.req.query();
      checkParameters(params, query);
      const ctx = await options.ctx(c);
      const started = ctx.team;
      const output = await perform(
        ctx,
        { operation, handler },
        {
          params,
          query,
          headers: operation.headers ? c.req.header() : undefined,
          body: operation.body ? await c.req.json().catch(() => null) : undefined,
        },
      );
      options.settle?.(ctx, started);
      const status =
        typeof operation.status === 'function' ? operation.status(output as never) : operation.status;
      return c.json(output as object, status ?? 200);
    });
  }
}

/** A path as the contracts write it (`/calls/{id}`) as hono routes it (`/calls/:id`). */
const honoPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

/** The longest path or query parameter any operation takes. */
const MAX_PARAMETER_LENGTH = 2000;

/** Path and query parameters every operation can trust: text a database can hold, ids in range. */
function checkParameters(path: Record<string, string>, query: Record<string, string>): void {
  const issues = [...Object.entries(path), ...Object.entries(query)].flatMap(([field, value]) => {
    const reason =
      unstorableText(value) ??
      (value.length > MAX_PARAMETER_LENGTH ? `must be at most ${MAX_PARAMETER_LENGTH} characters` : null);
    return reason ? [{ field, reason }] : [];
  });
  if (issues.length > 0) throw invalidFields(issues);
  if (path['id'] !== undefined) parseId(path['id']);
}

const problem = {
  description: 'A problem (RFC 9457)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

const pathParameters = (path: string): Record<string, unknown>[] =>
  [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema:
      m[1] === 'id'
        ? { type: 'integer', minimum: 1, maximum: MAX_ID }
        : { type: 'string', maxLength: MAX_PARAMETER_LENGTH },
  }));

/** An operation's OpenAPI entry: its parameters, body and every answer with its schema. */
function operationEntry(operation: Operation): Record<string, unknown> {
  const answer = {
    description: operation.answer,
    content: {
      'application/json': {
        schema: z.toJSONSchema(operation.output, { io: 'output', unrepresentable: 'any' }),
      },
    },
  };
  const responses: Record<string, unknown> = { default: problem };
  if (typeof operation.status === 'function') {
    responses['200'] = answer;
    responses['201'] = answer;
  } else responses[String(operation.status ?? 200)] = answer;
  for (const [status, description] of Object.entries(operation.otherAnswers ?? {}))
    responses[status] = { description, content: problem.content };
  const entry: Record<string, unknown> = {
    operationId: '',
    summary: operation.summary,
    tags: [operation.tag],
    parameters: [
      ...pathParameters(operation.path),
      ...queryParameters(operation.query),
      ...headerParameters(operation.headers),
    ],
    responses,
  };
  if (operation.body)
    entry['requestBody'] = {
      required: true,
      content: {
        'application/json': {
          schema: z.toJSONSchema(operation.body, { io: 'input', unrepresentable: 'any' }),
        },
      },
    };
  return entry;
}

export function openApiDocument(routes: Route[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, operation] of Object.entries(operations) as [string, Operation][]) {
    const path = `/api/v1${operation.path}`;
    paths[path] = { ...paths[path], [operation.method]: { ...operationEntry(operation), operationId: name } };
  }
  for (const route of routes) {
    const parameters = [
      ...pathParameters(route.path),
      ...queryParameters(route.query),
      ...(route.signedWith
        ? [{ name: route.signedWith, in: 'header', required: true, schema: { type: 'string' } }]
        : []),
    ];
    const responses: Record<string, unknown> = { default: problem };
    const content = Object.fromEntries(
      Object.entries(route.content).map(([type, schema]) => [
        type,
        { schema: z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) },
      ]),
    );
    for (const [status, description] of Object.entries(route.responses ?? { 200: 'OK' })) {
      // No Content has none; a refusal is a problem document.
      responses[status] =
        status === '204'
          ? { description }
          : Number(status) >= 400 && !(route.content['application/json'] || route.content['text/csv'])
            ? { description, content: problem.content }
            : { description, content };
    }
    const operation: Record<string, unknown> = {
      summary: route.summary,
      tags: [route.tag],
      parameters,
      responses,
      // Signed or keyed requests never carry the API token.
      ...(route.signedWith || route.keyedBy ? { security: [] } : {}),
    };
    if (route.body) {
      const type = route.bodyType ?? 'application/json';
      operation['requestBody'] = {
        required: true,
        content: { [type]: { schema: z.toJSONSchema(route.body, { io: 'input' }) } },
      };
    } else if (route.bodyType === 'text/csv') {
      operation['requestBody'] = { required: true, content: { 'text/csv': { schema: { type: 'string' } } } };
    }
    paths[`/api/v1${route.path}`] = { ...paths[`/api/v1${route.path}`], [route.method]: operation };
  }
  paths['/api/v1/events'] = { get: eventsEntry };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Reach API',
      version,
      description:
        'Reach decision makers by phone: the prospect book, imports, the call queue, the call log and callbacks, voicemail decisions and scripts, and Do-Not-Call.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        LiveCall: withoutDialect(z.toJSONSchema(liveCallSchema, { io: 'output' })),
        Problem: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            code: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  field: { type: 'string' },
                  reason: { type: 'string' },
                  line: { type: 'integer' },
                },
              },
            },
          },
        },
      },
    },
    paths,
  };
}

/** A schema as a component: the document names its dialect once. */
const withoutDialect = ({ $schema: _, ...schema }: Record<string, unknown>) => schema;

/** `GET /events`: the book's live changes as server-sent events (`events.ts`). */
const eventsEntry = {
  summary:
    "The book's changes as they are accepted, from every process on the database (server-sent events: `ready` once, then `changed` for each, and `call` with the call as it stands whenever a call through the telephony provider moves or comes in)",
  description:
    "One team's events: the team of whoever opened the stream. A rep hears `call` events only for calls to their own book (and the pool), calls in from numbers not in the book, and calls they placed. A comment line every 25 seconds keeps the stream open through proxies; the stream ends at the next event or comment once the session or token that opened it is logged out, revoked, reset or disabled.",
  tags: ['live'],
  operationId: 'events',
  responses: {
    200: {
      description:
        'An open stream: `ready`, then `changed` and `call` events, and a comment line every 25 seconds',
      content: {
        'text/event-stream': {
          schema: {
            oneOf: [
              {
                type: 'object',
                description: "A `changed` event's data",
                properties: {
                  type: { const: 'changed' },
                  team: { type: 'integer' },
                  change: { type: 'string', description: 'The request that made it: `POST /calls`' },
                  desk: {
                    type: ['string', 'null'],
                    description: 'The x-reach-desk header of the desk that made it',
                  },
                  at: { type: 'string', format: 'date-time' },
                },
                required: ['type', 'team', 'change', 'desk', 'at'],
              },
              {
                type: 'object',
                description: "A `call` event's data: the call as `GET /telephony/calls/{id}` answers it",
                properties: {
                  type: { const: 'call' },
                  team: { type: 'integer' },
                  call: { $ref: '#/components/schemas/LiveCall' },
                  owner: {
                    type: ['integer', 'null'],
                    description:
                      'The owner of the prospect called (null: the pool, or a caller not in the book)',
                  },
                  user: { type: ['integer', 'null'], description: 'The account that placed the call' },
                  at: { type: 'string', format: 'date-time' },
                },
                required: ['type', 'team', 'call', 'owner', 'user', 'at'],
              },
            ],
          },
        },
      },
    },
    default: problem,
  },
};

const queryParameters = (schema: z.ZodType | undefined) => parametersOf(schema, 'query');
const headerParameters = (schema: z.ZodType | undefined) => parametersOf(schema, 'header');

function parametersOf(schema: z.ZodType | undefined, where: 'query' | 'header'): Record<string, unknown>[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: json.required?.includes(name) ?? false,
    schema: s,
  }));
}
