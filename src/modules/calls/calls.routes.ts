import type { Route } from '../../shared/route.ts';
import { correctCallSchema, logCallSchema } from './call.schemas.ts';
import { logCall } from './calls.service.ts';
import { correctCall } from './correct.service.ts';
import { callsQuerySchema, listCalls, timeline } from './timeline.service.ts';
import { UNDO_SECONDS, undoCall } from './undo.service.ts';

export const callRoutes: Route[] = [
  {
    method: 'post',
    path: '/calls',
    tag: 'calls',
    summary:
      'Log a dial: outcome, number, message left, result; an Idempotency-Key header makes a retry record one attempt',
    body: logCallSchema,
    responses: {
      201: 'The call as recorded',
      200: 'Replayed: this Idempotency-Key was logged before, with the same request',
      422: 'This Idempotency-Key was first used with another request (problem+json naming the key)',
    },
    handle: async ({ c, ctx }) => {
      const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
      const key = c.req.header('idempotency-key');
      const logged = await logCall(ctx, {
        body: key && body && typeof body === 'object' ? { ...body, idempotencyKey: key } : body,
      });
      return c.json(logged, logged.replayed ? 200 : 201);
    },
  },
  {
    method: 'delete',
    path: '/calls/{id}',
    tag: 'calls',
    summary: `Undo a call logged by mistake, within ${UNDO_SECONDS} s of logging it: the attempt and everything it wrote`,
    responses: { 200: 'The call was taken back', 409: 'Too late, or it recorded a do-not-call request' },
    handle: async ({ c, ctx }) => c.json(await undoCall(ctx, { id: c.req.param('id') ?? '' })),
  },
  {
    method: 'patch',
    path: '/calls/{id}',
    tag: 'calls',
    summary:
      'Correct a logged call after the undo window, with a reason: the outcome, result, number, message, note or talk time, and everything the call wrote or taught follows',
    body: correctCallSchema,
    responses: {
      200: 'The correction (before and after, by whom, why) and the call as it stands now',
      409: 'It recorded a do-not-call request, or left a message a callback was credited to',
    },
    handle: async ({ c, ctx }) =>
      c.json(
        await correctCall(ctx, { id: c.req.param('id') ?? '', body: await c.req.json().catch(() => null) }),
      ),
  },
  {
    method: 'get',
    path: '/calls',
    tag: 'calls',
    summary: 'Logged calls, newest first, for one prospect or the whole book',
    query: callsQuerySchema,
    handle: async ({ c, ctx }) => c.json({ items: await listCalls(ctx, c.req.query()) }),
  },
  {
    method: 'get',
    path: '/prospects/{key}/timeline',
    tag: 'calls',
    summary:
      'Every call, message, fact, task, callback and stage move of a prospect in time order, with the effort spent',
    handle: async ({ c, ctx }) => c.json(await timeline(ctx, c.req.param('key') ?? '')),
  },
];
