import type { Handlers } from '../../context/handler.ts';
import type { dncOperations } from '../../contracts/dnc.contract.ts';
import { addDnc, listDnc, listDncEvents, removeDnc } from './dnc.service.ts';

export const dncHandlers: Handlers<typeof dncOperations> = {
  listDnc: async (ctx) => ({ items: await listDnc(ctx) }),
  addDnc: async (ctx, { body }) => ({ items: await addDnc(ctx, body) }),
  removeDnc: (ctx, { body }) => removeDnc(ctx, body),
  dncHistory: async (ctx) => ({ items: await listDncEvents(ctx) }),
};
