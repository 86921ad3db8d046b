import type { Route } from '../../shared/route.ts';
import { pursuitOfProspect, pursuitQuerySchema } from './pursuit.service.ts';

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
];
