import { z } from 'zod';
import type { Route } from '../../shared/route.ts';
import { atParam } from '../../shared/validate.ts';
import { listQuerySchema, prospectInputSchema } from './prospect.schemas.ts';
import { addProspect, editProspect, getProspect, listProspects } from './prospects.service.ts';
import { listZoneChanges } from './zone-upgrade.service.ts';

const atQuery = z
  .object({ at: atParam('The time to read the local time at (ISO 8601); now when left out') })
  .strict();

export const prospectRoutes: Route[] = [
  {
    method: 'get',
    path: '/zones/changes',
    tag: 'prospects',
    summary:
      "What re-resolving zones changed in the book (each number's own plan data, places that span zones, abbreviations read as zones), with the reason",
    handle: async ({ c, ctx }) => c.json(await listZoneChanges(ctx)),
  },
  {
    method: 'get',
    path: '/prospects',
    tag: 'prospects',
    summary: 'List prospects with their local time, filtered by text or stage',
    query: listQuerySchema,
    handle: async ({ c, ctx }) => c.json(await listProspects(ctx, c.req.query())),
  },
  {
    method: 'post',
    path: '/prospects',
    tag: 'prospects',
    summary: 'Add a prospect',
    body: prospectInputSchema,
    responses: { 201: 'The prospect as stored' },
    handle: async ({ c, ctx }) => c.json(await addProspect(ctx, await c.req.json().catch(() => null)), 201),
  },
  {
    method: 'get',
    path: '/prospects/{key}',
    tag: 'prospects',
    summary: 'One prospect by id, external id or email',
    query: atQuery,
    handle: async ({ c, ctx }) =>
      c.json(await getProspect(ctx, { key: c.req.param('key') ?? '', at: c.req.query('at') })),
  },
  {
    method: 'patch',
    path: '/prospects/{key}',
    tag: 'prospects',
    summary: 'Change a prospect: the fields given, numbers added, research notes merged',
    query: atQuery,
    body: prospectInputSchema,
    handle: async ({ c, ctx }) =>
      c.json(
        await editProspect(ctx, {
          key: c.req.param('key') ?? '',
          body: await c.req.json().catch(() => null),
          at: c.req.query('at'),
        }),
      ),
  },
];
