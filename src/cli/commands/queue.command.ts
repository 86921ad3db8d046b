import { Command } from 'commander';
import { planLines, queueLines } from '../../modules/queue/queue.print.ts';
import { show } from '../output.ts';
import { common, withClient } from '../run.ts';

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
        show(o.json, queue, queueLines);
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
        show(o.json, plan, planLines);
        return 0;
      }),
    );
}
