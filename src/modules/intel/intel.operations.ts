import type { Handlers } from '../../context/handler.ts';
import type { intelOperations } from '../../contracts/intel.contract.ts';
import { readGreetingFor } from './greeting.service.ts';
import { addIntel, listIntel } from './intel.service.ts';

export const intelHandlers: Handlers<typeof intelOperations> = {
  readGreeting: (ctx, { params, body }) => readGreetingFor(ctx, { key: params.key, body }),
  addIntel: (ctx, { body }) => addIntel(ctx, body),
  listIntel: async (ctx, { params }) => ({ items: await listIntel(ctx, params.key) }),
};
