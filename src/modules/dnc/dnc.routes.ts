import type { Route } from '../../shared/route.ts';
import { dncAddSchema, dncRemoveSchema } from './dnc.schemas.ts';
import { addDnc, listDnc, removeDnc } from './dnc.service.ts';

export const dncRoutes: Route[] = [
  {
    method: 'get',
    path: '/dnc',
    tag: 'dnc',
    summary: 'The active Do-Not-Call list',
    handle: async ({ c, ctx }) => c.json({ items: await listDnc(ctx) }),
  },
  {
    method: 'post',
    path: '/dnc',
    tag: 'dnc',
    summary: 'Put a number, or a prospect and all their numbers, on the Do-Not-Call list',
    body: dncAddSchema,
    responses: { 201: 'The entries now active' },
    handle: async ({ c, ctx }) =>
      c.json({ items: await addDnc(ctx, await c.req.json().catch(() => null)) }, 201),
  },
  {
    method: 'post',
    path: '/dnc/removals',
    tag: 'dnc',
    summary: 'Lift Do-Not-Call entries, with the reason kept',
    body: dncRemoveSchema,
    handle: async ({ c, ctx }) => c.json(await removeDnc(ctx, await c.req.json().catch(() => null))),
  },
];
