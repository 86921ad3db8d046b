import type { Handler, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { Ctx } from '../modules/team/team.service.ts';
import { invalidFields } from '../shared/errors.ts';
import { MAX_ID, parseId } from '../shared/ids.ts';
import { BODY_LIMITS, limitBody, tooLarge } from '../shared/request-body.ts';
import type { Route } from '../shared/route.ts';
import { unstorableText } from '../shared/validate.ts';

export type { Route };

/** Mounts every route on the app; the same table feeds the OpenAPI document. */
export function mount(app: Hono, options: { routes: Route[]; ctx: () => Ctx }): void {
  for (const route of options.routes) {
    const path = route.path.replace(/\{(\w+)\}/g, ':$1');
    const streamed = route.bodyType === 'text/csv';
    const maxBody = route.maxBody ?? (streamed ? BODY_LIMITS.csv : BODY_LIMITS.json);
    const handle: Handler = (c) => {
      checkParameters(c.req.param() as Record<string, string>, c.req.query());
      return route.handle({ c, ctx: options.ctx() });
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

export function openApiDocument(routes: Route[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters = [
      ...[...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema:
          m[1] === 'id'
            ? { type: 'integer', minimum: 1, maximum: MAX_ID }
            : { type: 'string', maxLength: MAX_PARAMETER_LENGTH },
      })),
      ...queryParameters(route.query),
    ];
    const responses: Record<string, unknown> = { default: problem };
    for (const [status, description] of Object.entries(route.responses ?? { 200: 'OK' })) {
      responses[status] = { description, content: { 'application/json': { schema: { type: 'object' } } } };
    }
    const operation: Record<string, unknown> = {
      summary: route.summary,
      tags: [route.tag],
      parameters,
      responses,
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

function queryParameters(schema: z.ZodType | undefined): Record<string, unknown>[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input' }) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: s,
  }));
}
