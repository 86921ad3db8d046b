import type { Handlers } from '../../context/handler.ts';
import type { voicemailOperations } from '../../contracts/voicemail.contract.ts';
import { messageStats } from './message-stats.service.ts';
import { addPoint, listPoints, removePoint } from './talking-points.service.ts';
import { checkMessageFor, voicemailAdvice } from './voicemail.service.ts';

export const voicemailHandlers: Handlers<typeof voicemailOperations> = {
  voicemail: (ctx, { params, query }) => voicemailAdvice(ctx, { prospect: params.key, query }),
  checkMessage: (ctx, { body }) => checkMessageFor(ctx, body),
  messageStats: (ctx, { query }) => messageStats(ctx, query),
  listPoints: async (ctx, { query }) => ({ items: await listPoints(ctx, query) }),
  addPoint: (ctx, { body }) => addPoint(ctx, body),
  removePoint: (ctx, { params }) => removePoint(ctx, params.id),
};
