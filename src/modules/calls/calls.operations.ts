import type { Handlers } from '../../context/handler.ts';
import type { callOperations } from '../../contracts/calls.contract.ts';
import { logCall } from './calls.service.ts';
import { correctCall } from './correct.service.ts';
import { listCalls, timeline } from './timeline.service.ts';
import { undoCall } from './undo.service.ts';

export const callHandlers: Handlers<typeof callOperations> = {
  // An Idempotency-Key header makes a retry of the same log record one attempt.
  logCall: (ctx, { headers, body }) => {
    const key = headers['idempotency-key'];
    return logCall(ctx, { body: key ? { ...body, idempotencyKey: key } : body });
  },
  undoCall: (ctx, { params }) => undoCall(ctx, { id: params.id }),
  correctCall: (ctx, { params, body }) => correctCall(ctx, { id: params.id, body }),
  listCalls: async (ctx, { query }) => ({ items: await listCalls(ctx, query) }),
  timeline: (ctx, { params }) => timeline(ctx, params.key),
};
