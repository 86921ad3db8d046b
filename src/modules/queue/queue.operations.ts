import type { Handlers } from '../../context/handler.ts';
import type { pursuitOperations } from '../../contracts/pursuit.contract.ts';
import type { queueOperations } from '../../contracts/queue.contract.ts';
import type { rulesOperations } from '../../contracts/team.contract.ts';
import { pursuitOfProspect } from './pursuits.service.ts';
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

/** Keep, slow down or drop one prospect: the recommendation the queue follows, weighed with its model. */
export const pursuitViewHandlers: Handlers<Pick<typeof pursuitOperations, 'pursuit'>> = {
  pursuit: (ctx, { params, query }) => pursuitOfProspect(ctx, { prospect: params.key, query }),
};
