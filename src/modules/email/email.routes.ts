import type { Route } from '../../context/route.ts';
import { letterQuerySchema } from '../../contracts/email.contract.ts';
import { htmlPage } from '../../contracts/transfers.contract.ts';
import { parseId } from '../../shared/ids.ts';
import { letterFor } from './email.service.ts';

/** A cadence's letter step, printed: an HTML page rather than JSON, so a route of its own. */
export const emailRoutes: Route[] = [
  {
    method: 'get',
    path: '/tasks/{id}/letter',
    tag: 'cadences',
    summary:
      "A letter step as a print-ready HTML page, from the company's postal address to the prospect's company",
    query: letterQuerySchema,
    responses: { 200: 'The letter, print-ready' },
    content: { 'text/html': htmlPage },
    handle: async ({ c, ctx }) =>
      c.html((await letterFor(ctx, { id: parseId(c.req.param('id') ?? ''), query: c.req.query() })).html),
  },
];
