import type { Route } from '../../shared/route.ts';
import {
  effortAgainstValue,
  effortQuerySchema,
  firstConversation,
  reachMap,
  reachMapQuerySchema,
} from './insights.service.ts';

export const insightRoutes: Route[] = [
  {
    method: 'get',
    path: '/insights/reach',
    tag: 'insights',
    summary:
      'Decision-maker reach rate by prospect-local weekday and hour, for the book, a company or a prospect',
    query: reachMapQuerySchema,
    handle: async ({ c, ctx }) => c.json(await reachMap(ctx, c.req.query())),
  },
  {
    method: 'get',
    path: '/insights/first-conversation',
    tag: 'insights',
    summary:
      'Attempts it took to first reach each decision maker, and the attempts spent on those not yet reached',
    handle: async ({ c, ctx }) => c.json(await firstConversation(ctx)),
  },
  {
    method: 'get',
    path: '/insights/effort',
    tag: 'insights',
    summary: 'Effort spent (attempts, messages, rep minutes) against value, per worked prospect',
    query: effortQuerySchema,
    handle: async ({ c, ctx }) => c.json(await effortAgainstValue(ctx, c.req.query())),
  },
];
