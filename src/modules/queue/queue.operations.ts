import type { queueOperations } from '../../contracts/queue.contract.ts';
import type { rulesOperations } from '../../contracts/team.contract.ts';
import type { Handlers } from '../../shared/handler.ts';
import { buildQueue, planDay } from './queue.service.ts';
import { checkNumber, listRules } from './rules.service.ts';

export const queueHandlers: Handlers<typeof queueOperations> = {
  queue: (ctx, { query }) => buildQueue(ctx, query),
  plan: (ctx, { query }) => planDay(ctx, query),
};

export const rulesHandlers: Handlers<typeof rulesOperations> = {
  rules: async (ctx) => listRules(ctx),
  checkRules: (ctx, { query }) => checkNumber(ctx, query),
};
