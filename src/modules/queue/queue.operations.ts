import type { queueOperations } from '../../contracts/queue.contract.ts';
import type { Handlers } from '../../shared/handler.ts';
import { buildQueue, planDay } from './queue.service.ts';

export const queueHandlers: Handlers<typeof queueOperations> = {
  queue: (ctx, { query }) => buildQueue(ctx, query),
  plan: (ctx, { query }) => planDay(ctx, query),
};
