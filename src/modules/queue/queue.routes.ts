import type { Route } from '../../shared/route.ts';
import { buildQueue, planDay, planQuerySchema, queueQuerySchema } from './queue.service.ts';

export const queueRoutes: Route[] = [
  {
    method: 'get',
    path: '/queue',
    tag: 'queue',
    summary:
      'Whom to call now and on which number, best first, with the chance of reaching the decision maker and the reasons',
    query: queueQuerySchema,
    handle: async ({ c, ctx }) => c.json(await buildQueue(ctx, c.req.query())),
  },
  {
    method: 'get',
    path: '/plan',
    tag: 'queue',
    summary: "A day's best calling windows per prospect, in the rep's clock and the prospect's",
    query: planQuerySchema,
    handle: async ({ c, ctx }) => c.json(await planDay(ctx, c.req.query())),
  },
];
