import { Command } from 'commander';
import type { QueueEntry } from '../../contracts/queue.contract.ts';
import { money, out, printJson } from '../output.ts';
import { common, withClient } from '../run.ts';

const percent = (p: number): string => `${(p * 100).toFixed(p < 0.1 ? 1 : 0)}%`;

function describeEntry(e: QueueEntry, n: number, currency: string): string[] {
  const who = [e.prospect.name, e.prospect.title, e.prospect.company].filter(Boolean).join(', ');
  const zone = `${e.local.weekday} ${e.local.time} ${e.local.timezone}${e.local.ambiguous ? '?' : ''}`;
  return [
    `${String(n).padStart(2)}. ${who}  (#${e.prospect.id})`,
    `    ${e.number.kind} ${e.number.e164}  ·  their time ${zone}  ·  ${percent(e.probability)} to reach${e.exploring ? ' (exploring)' : ''}  ·  expected ${money(e.expectedValue, currency)}`,
    ...e.reasons.map((r) => `    - ${r}`),
  ];
}

export function queueCommand(): Command {
  return common(new Command('queue'))
    .description('whom to call now and on which number, best first, with the reasons')
    .option('--at <iso>', 'decide for this time instead of now (ISO 8601)')
    .option('--limit <n>', 'at most this many prospects', '20')
    .option('--rep <user>', "only this rep's prospects (user id, email or name)")
    .option('--worth', "only dials worth your minute: a fifth or more of the book's usual chance to reach")
    .option(
      '--after-hours',
      'only numbers whose clock reads after hours (after 17:00, before 08:00, weekends)',
    )
    .option('--best-bets', 'the best bets alone, by their mean chance: nothing exploring, no first tries')
    .action((o) =>
      withClient(o, async (client) => {
        const queue = await client.queue({
          query: {
            at: o.at,
            limit: o.limit,
            rep: o.rep,
            ...(o.worth ? { worth: 'true' } : {}),
            ...(o.afterHours ? { hours: 'after-hours' } : {}),
            ...(o.bestBets ? { explore: 'false' } : {}),
          },
        });
        if (o.json) {
          printJson(queue);
          return 0;
        }
        if (queue.entries.length === 0) {
          out(`Nobody to call at ${queue.at}: every prospect is outside calling hours or a limit.`);
          return 0;
        }
        out(`Call queue at ${queue.at}`);
        queue.entries.forEach((e, i) => {
          for (const line of describeEntry(e, i + 1, queue.currency)) out(line);
        });
        return 0;
      }),
    );
}

export function planCommand(): Command {
  return common(new Command('plan'))
    .description("the day's best calling windows, in your clock and the prospect's")
    .requiredOption('--day <date>', 'the day to plan, YYYY-MM-DD')
    .option('--limit <n>', 'at most this many prospects', '30')
    .option('--rep <user>', "only this rep's prospects (user id, email or name)")
    .option('--zone <iana>', 'your time zone (default: your user zone, else the territory first zone)')
    .action((o) =>
      withClient(o, async (client) => {
        const plan = await client.plan({ query: { day: o.day, limit: o.limit, rep: o.rep, zone: o.zone } });
        if (o.json) {
          printJson(plan);
          return 0;
        }
        out(`Plan for ${plan.day} (${plan.zone})`);
        for (const w of plan.windows) {
          out(
            `${w.from}-${w.to}  ${w.prospect.name}${w.prospect.company ? `, ${w.prospect.company}` : ''} (#${w.prospect.id})  ${w.number.kind} ${w.number.e164}  their ${w.localFrom}-${w.localTo}  ${percent(w.probability)}`,
          );
          if (w.reasons.length > 0) out(`             ${w.reasons.join('; ')}`);
        }
        if (plan.windows.length === 0) out('No window: nobody is callable that day.');
        return 0;
      }),
    );
}
