import { z } from 'zod';
import type { Route } from '../../shared/route.ts';
import { parseInput } from '../../shared/validate.ts';
import {
  attachCallback,
  callbackBodySchema,
  lookup,
  lookupQuerySchema,
  recordCallback,
} from './callbacks.service.ts';

const attachBody = z
  .object({ prospect: z.union([z.string().trim().min(1), z.number().int().positive()]) })
  .strict();

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
    summary: 'Record an inbound call; it is credited to the most recent message left within 14 days',
    body: callbackBodySchema,
    responses: { 201: 'The callback, the message it is credited to, and the caller card' },
    handle: async ({ c, ctx }) =>
      c.json(await recordCallback(ctx, await c.req.json().catch(() => null)), 201),
  },
  {
    method: 'post',
    path: '/callbacks/{id}/attach',
    tag: 'callbacks',
    summary: 'Attach a callback from an unknown number to a prospect',
    body: attachBody,
    handle: async ({ c, ctx }) => {
      const id = parseInput(z.coerce.number().int().positive(), c.req.param('id'), 'id');
      const { prospect } = parseInput(attachBody, await c.req.json().catch(() => null));
      return c.json(await attachCallback(ctx, { callbackId: id, prospect }));
    },
  },
];
