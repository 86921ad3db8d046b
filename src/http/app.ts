import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { dncRoutes } from '../modules/dnc/index.ts';
import { emailRoutes } from '../modules/email/index.ts';
import { exportRoutes } from '../modules/exports/index.ts';
import { importRoutes } from '../modules/imports/index.ts';
import type { Ctx } from '../modules/team/index.ts';
import { twilioRoutes, WEBHOOK_PATH, type WebhookHooks } from '../modules/telephony/index.ts';
import { AppError } from '../shared/errors.ts';
import { requestIdOf } from '../shared/request-trace.ts';
import { version } from '../shared/version.ts';
import { type BookEvents, publishChanges } from './events.ts';
import { problemResponse } from './problem.ts';
import { mount, mountOperations, openApiDocument, type Route } from './routes.ts';
import { mountWebApp } from './web-app.ts';

export const routes: Route[] = [...importRoutes, ...emailRoutes, ...exportRoutes, ...dncRoutes];

export type AppOptions = {
  ctx: Ctx;
  token?: string | undefined;
  databaseKind: string;
  /** The built web app's folder; `web/dist` of this checkout unless given. */
  webRoot?: string | undefined;
  /** The book's live events (`GET /api/v1/events`), shared with every process on the database. */
  events?: BookEvents | undefined;
  /** What the telephony webhooks tell: something to fold (the call processor), a call to show at once. */
  calls?: WebhookHooks | undefined;
};

/** The HTTP API under /api/v1 (JSON in and out, problem+json errors, optional bearer token) and the web app at `/`. */
export function createApp(options: AppOptions): Hono {
  const app = new Hono();
  app.onError((error, c) => problemResponse(c, error));
  app.use('*', async (c, next) => {
    c.header('x-request-id', requestIdOf(c));
    await next();
  });
  app.notFound((c) =>
    problemResponse(c, new AppError('not_found', `No such endpoint: ${c.req.method} ${c.req.path}`)),
  );
  if (options.token) {
    const expected = Buffer.from(`Bearer ${options.token}`);
    app.use('/api/*', async (c, next) => {
      // A provider's webhooks carry its signature, checked by each, never the API token.
      if (c.req.path.startsWith(`${WEBHOOK_PATH}/`)) return next();
      const given = Buffer.from(c.req.header('authorization') ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new AppError('unauthorized', 'Send Authorization: Bearer <REACH_TOKEN>');
      }
      await next();
    });
  }
  app.get('/api/v1/health', (c) => c.json({ status: 'ok', version, database: options.databaseKind }));
  const { events } = options;
  if (events) {
    app.use('/api/v1/*', publishChanges(events));
    app.get('/api/v1/events', (c) => events.stream(c));
  }
  const hooks: WebhookHooks = options.calls ?? { received: () => undefined, announce: () => undefined };
  const all = [...routes, ...twilioRoutes(hooks)];
  const document = openApiDocument(all, version);
  app.get('/api/v1/openapi.json', (c) => c.json(document));
  mountOperations(app, { ctx: () => options.ctx });
  mount(app, { routes: all, ctx: () => options.ctx });
  mountWebApp(app, options.webRoot);
  return app;
}
