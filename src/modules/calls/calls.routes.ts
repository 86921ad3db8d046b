import type { Route } from '../../shared/route.ts';
import { logCallSchema } from './call.schemas.ts';
import { logCall } from './calls.service.ts';

export const callRoutes: Route[] = [
  {
    method: 'post',
    path: '/calls',
    tag: 'calls',
    summary:
      'Log a dial: outcome, number, message left, result; an Idempotency-Key header makes a retry record one attempt',
    body: logCallSchema,
    responses: { 201: 'The call as recorded', 200: 'Replayed: this Idempotency-Key was logged before' },
    handle: async ({ c, ctx }) => {
      const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
      const key = c.req.header('idempotency-key');
      const logged = await logCall(ctx, {
        body: key && body && typeof body === 'object' ? { ...body, idempotencyKey: key } : body,
      });
      return c.json(logged, logged.replayed ? 200 : 201);
    },
  },
];
