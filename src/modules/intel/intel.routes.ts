import type { Route } from '../../shared/route.ts';
import { addIntelSchema } from './intel.schemas.ts';
import { addIntel, listIntel } from './intel.service.ts';

export const intelRoutes: Route[] = [
  {
    method: 'post',
    path: '/intel',
    tag: 'intel',
    summary: 'Record what a gatekeeper or a voicemail greeting revealed, as a typed fact',
    body: addIntelSchema,
    responses: { 201: 'The fact as recorded' },
    handle: async ({ c, ctx }) => c.json(await addIntel(ctx, await c.req.json().catch(() => null)), 201),
  },
  {
    method: 'get',
    path: '/prospects/{key}/intel',
    tag: 'intel',
    summary: "A prospect's intelligence, newest first",
    handle: async ({ c, ctx }) => c.json({ items: await listIntel(ctx, c.req.param('key') ?? '') }),
  },
];
