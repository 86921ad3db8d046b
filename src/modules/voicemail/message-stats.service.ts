import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '../../context/context.ts';
import type {
  MessageRate,
  MessageStats,
  messageStatsQuerySchema,
} from '../../contracts/voicemail.contract.ts';
import { rowsOf } from '../../db/rows.ts';
import { resolveAt } from '../../shared/clock.ts';

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
  const rows = rowsOf<{ dimension: string; key: string; messages: string; callbacks: string }>(
    await ctx.db.execute(sql`
      with m as (
        select v.kind, coalesce(nullif(split_part(coalesce(v.template, ''), '|', 1), ''), '(none)') as template,
          coalesce(v.strategy, '(none)') as strategy, (cb.id is not null) as called
        from voicemails v left join callbacks cb on cb.voicemail_id = v.id
        where v.team_id = ${ctx.team.id} and v.at >= ${since.toISOString()} and v.at < ${until.toISOString()}
      )
      select 'kind' as dimension, kind as key, count(*) as messages, count(*) filter (where called) as callbacks from m group by kind
      union all
      select 'template', template, count(*), count(*) filter (where called) from m group by template
      union all
      select 'strategy', strategy, count(*), count(*) filter (where called) from m group by strategy`),
  );
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
