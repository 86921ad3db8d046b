import type { Handlers } from '../../context/handler.ts';
import type { insightOperations } from '../../contracts/insights.contract.ts';
import { effortAgainstValue, firstConversation, reachMap, repFigures } from './insights.service.ts';

export const insightHandlers: Handlers<typeof insightOperations> = {
  reachMap: (ctx, { query }) => reachMap(ctx, query),
  repFigures: (ctx, { query }) => repFigures(ctx, query),
  firstConversation: (ctx) => firstConversation(ctx),
  effortAgainstValue: (ctx, { query }) => effortAgainstValue(ctx, query),
};
