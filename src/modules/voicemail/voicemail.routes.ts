import type { Route } from '../../shared/route.ts';
import { messageStats, messageStatsQuerySchema } from './message-stats.service.ts';
import {
  addPoint,
  addPointSchema,
  listPoints,
  pointsQuerySchema,
  removePoint,
} from './talking-points.service.ts';
import {
  checkMessageFor,
  checkMessageSchema,
  voicemailAdvice,
  voicemailQuerySchema,
} from './voicemail.service.ts';

export const voicemailRoutes: Route[] = [
  {
    method: 'get',
    path: '/prospects/{key}/voicemail',
    tag: 'voicemail',
    summary:
      'Leave a voicemail or not under the strategy, with the reasons, the script to read and what to do instead',
    query: voicemailQuerySchema,
    handle: async ({ c, ctx }) =>
      c.json(await voicemailAdvice(ctx, { prospect: c.req.param('key') ?? '', query: c.req.query() })),
  },
  {
    method: 'post',
    path: '/check-message',
    tag: 'voicemail',
    summary:
      'Check a message for length, clichés, name and number, honesty and, given a prospect, repetition',
    body: checkMessageSchema,
    handle: async ({ c, ctx }) => c.json(await checkMessageFor(ctx, await c.req.json().catch(() => null))),
  },
  {
    method: 'get',
    path: '/message-stats',
    tag: 'voicemail',
    summary: 'Messages left and callbacks credited to them, by kind, template and strategy',
    query: messageStatsQuerySchema,
    handle: async ({ c, ctx }) => c.json(await messageStats(ctx, c.req.query())),
  },
  {
    method: 'get',
    path: '/talking-points',
    tag: 'voicemail',
    summary: 'News, events, contacts and reference clients that messages are made of',
    query: pointsQuerySchema,
    handle: async ({ c, ctx }) => c.json({ items: await listPoints(ctx, c.req.query()) }),
  },
  {
    method: 'post',
    path: '/talking-points',
    tag: 'voicemail',
    summary: 'Add a news item, an event, a contact or a reference client',
    body: addPointSchema,
    responses: { 201: 'The talking point as stored' },
    handle: async ({ c, ctx }) => c.json(await addPoint(ctx, await c.req.json().catch(() => null)), 201),
  },
  {
    method: 'delete',
    path: '/talking-points/{id}',
    tag: 'voicemail',
    summary: 'Remove a talking point',
    handle: async ({ c, ctx }) => c.json(await removePoint(ctx, c.req.param('id') ?? '')),
  },
];
