import type { z } from 'zod';
import type { Ctx } from '../../context/context.ts';
import type {
  MessageRate,
  MessageStats,
  messageStatsQuerySchema,
} from '../../contracts/voicemail.contract.ts';
import { resolveAt } from '../../shared/clock.ts';
import { messageCallbackCounts } from './voicemail.repository.ts';

/**
 * Which messages earn callbacks: messages left and the callbacks credited to them, by kind,
 * by template and by strategy. A message without a template or strategy (logged by hand)
 * counts under "(none)".
 */
export async function messageStats(
  ctx: Ctx,
  q: z.output<typeof messageStatsQuerySchema>,
): Promise<MessageStats> {
  const since = q.since ? resolveAt(q.since, 'since') : new Date(0);
  const until = q.until ? resolveAt(q.until, 'until') : new Date('9999-01-01T00:00:00Z');
  const rows = await messageCallbackCounts(ctx.db, { teamId: ctx.team.id, since, until });
  const of = (dimension: string): MessageRate[] =>
    rows
      .filter((r) => r.dimension === dimension)
      .map((r) => {
        const messages = Number(r.messages);
        const callbacks = Number(r.callbacks);
        return { key: r.key, messages, callbacks, rate: messages === 0 ? 0 : callbacks / messages };
      })
      .sort((a, b) => b.rate - a.rate || b.messages - a.messages || a.key.localeCompare(b.key));
  const byKind = of('kind');
  return {
    messages: byKind.reduce((n, r) => n + r.messages, 0),
    callbacks: byKind.reduce((n, r) => n + r.callbacks, 0),
    byKind,
    byTemplate: of('template'),
    byStrategy: of('strategy'),
  };
}
