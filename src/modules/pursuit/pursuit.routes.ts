import type { Route } from '../../shared/route.ts';
import { pursuitOfProspect, pursuitQuerySchema } from './pursuit.service.ts';
import {
  setStanding,
  setStandingSchema,
  standingOfProspect,
  standingQuerySchema,
} from './standing.service.ts';

export const pursuitRoutes: Route[] = [
  {
    method: 'get',
    path: '/prospects/{key}/pursuit',
    tag: 'pursuit',
    summary:
      'Keep, slow down or drop: the expected pipeline of the next attempts against the rep time they cost, with the effort spent and the reason',
    query: pursuitQuerySchema,
    handle: async ({ c, ctx }) =>
      c.json(await pursuitOfProspect(ctx, { prospect: c.req.param('key') ?? '', query: c.req.query() })),
  },
  {
    method: 'get',
    path: '/prospects/{key}/pursuit-state',
    tag: 'pursuit',
    summary:
      'Where the pursuit stands: open, a promised callback, a meeting booked, follow-up, not interested until a date, referred, the wrong person, customer, lost or do-not-call; why, until when, whether the queue may propose them, and every move',
    query: standingQuerySchema,
    handle: async ({ c, ctx }) =>
      c.json(await standingOfProspect(ctx, { prospect: c.req.param('key') ?? '', query: c.req.query() })),
  },
  {
    method: 'post',
    path: '/prospects/{key}/pursuit-state',
    tag: 'pursuit',
    summary:
      'Move a pursuit by hand, with a reason: a meeting or callback becomes a task at its time; customer and lost move the stage',
    body: setStandingSchema,
    handle: async ({ c, ctx }) =>
      c.json(
        await setStanding(ctx, {
          prospect: c.req.param('key') ?? '',
          body: await c.req.json().catch(() => null),
        }),
      ),
  },
];
