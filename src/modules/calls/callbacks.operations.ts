import type { Handlers } from '../../context/handler.ts';
import type { callbackOperations } from '../../contracts/callbacks.contract.ts';
import { attachCallback, lookup, recordCallback, settleCallback } from './callbacks.service.ts';

export const callbackHandlers: Handlers<typeof callbackOperations> = {
  lookup: (ctx, { query }) => lookup(ctx, query),
  recordCallback: (ctx, { body }) => recordCallback(ctx, body),
  settleCallback: (ctx, { params, body }) => settleCallback(ctx, { callbackId: params.id, body }),
  attachCallback: (ctx, { params, body }) => attachCallback(ctx, { callbackId: params.id, body }),
};
