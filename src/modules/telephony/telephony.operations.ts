import type { Handlers } from '../../context/handler.ts';
import type { telephonyOperations } from '../../contracts/telephony.contract.ts';
import { phoneToken } from './browser-phone.ts';
import { addDrop, dropAtBeep, listDrops, recordConsent, retireDrop } from './drops.service.ts';
import { dial, hangUp, liveCall, liveCalls, logLiveCall } from './telephony.service.ts';

export const telephonyHandlers: Handlers<typeof telephonyOperations> = {
  phoneToken: (ctx) => phoneToken(ctx),
  dial: (ctx, { body }) => dial(ctx, body),
  liveCall: (ctx, { params }) => liveCall(ctx, params.id),
  liveCalls: async (ctx, { query }) => ({ items: await liveCalls(ctx, query) }),
  hangUp: (ctx, { params }) => hangUp(ctx, params.id),
  logLiveCall: (ctx, { params, body }) => logLiveCall(ctx, { id: params.id, body }),
  dropAtBeep: (ctx, { params, body }) => dropAtBeep(ctx, { id: params.id, body }),
  addDrop: (ctx, { body }) => addDrop(ctx, body),
  drops: async (ctx) => ({ items: await listDrops(ctx) }),
  retireDrop: (ctx, { params }) => retireDrop(ctx, params.id),
  consent: (ctx, { params, body }) => recordConsent(ctx, { prospect: params.key, body }),
};
