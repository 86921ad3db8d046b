import type { Route } from '../../shared/route.ts';
import { cadenceQuerySchema, listCadences, showCadence } from './cadences.service.ts';

export const cadenceRoutes: Route[] = [
  {
    method: 'get',
    path: '/cadences',
    tag: 'cadences',
    summary: 'The follow-up cadences a prospect can be put on: steps, channels, most messages',
    handle: async ({ c, ctx }) => c.json(listCadences(ctx)),
  },
  {
    method: 'get',
    path: '/cadences/{name}',
    tag: 'cadences',
    summary: "One cadence's steps, laid over a prospect's working days in their own zone",
    query: cadenceQuerySchema,
    handle: async ({ c, ctx }) =>
      c.json(showCadence(ctx, { name: c.req.param('name') ?? '', query: c.req.query() })),
  },
];
