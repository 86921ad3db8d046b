import type { Route } from '../../shared/route.ts';
import {
  attachBodySchema,
  attachCallback,
  callbackBodySchema,
  lookup,
  lookupQuerySchema,
  recordCallback,
} from './callbacks.service.ts';

export const callbackRoutes: Route[] = [
  {
    method: 'get',
    path: '/lookup',
    tag: 'callbacks',
    summary: 'Who is calling from this number: the prospect, the messages left, intelligence and an opener',
    query: lookupQuerySchema,
    handle: async ({ c, ctx }) => c.json(await lookup(ctx, c.req.query())),
  },
  {
    method: 'post',
    path: '/callbacks',
    tag: 'callbacks',
    summary:
      'Record an inbound call; it is credited to the most recent message left within 14 days, and its result (a meeting, a promised callback, interest, a refusal, do-not-call) does what it does on a reached call',
    body: callbackBodySchema,
    responses: { 201: 'The callback, the message it is credited to, and the caller card' },
    handle: async ({ c, ctx }) =>
      c.json(await recordCallback(ctx, await c.req.json().catch(() => null)), 201),
  },
  {
    method: 'post',
    path: '/callbacks/{id}/attach',
    tag: 'callbacks',
    summary:
      'Attach a callback from an unknown number to a prospect; its result (given now, or recorded with it) then takes effect',
    body: attachBodySchema,
    handle: async ({ c, ctx }) =>
      c.json(
        await attachCallback(ctx, {
          callbackId: c.req.param('id') ?? '',
          body: await c.req.json().catch(() => null),
        }),
      ),
  },
];
