import { Command } from 'commander';
import { pursuitLines, standingLines } from '../../modules/pursuit/pursuit.print.ts';
import { settableStates } from '../../modules/pursuit/pursuit-state.ts';
import { show } from '../output.ts';
import { common, withClient } from '../run.ts';

export function pursuitCommand(): Command {
  return common(new Command('pursuit'))
    .description(
      'where a pursuit stands (meeting booked, not interested until…, referred…) and whether to keep, slow down or drop it; --set moves it by hand',
    )
    .argument('<prospect>', 'id, external id or email')
    .option('--at <iso>', 'the moment of the decision (default now)')
    .option(
      '--set <state>',
      `move the pursuit by hand: ${settableStates.join('|')} (with --reason; a meeting or callback with --until)`,
    )
    .option('--until <iso>', "when the state ends: the meeting's time, the callback, the end of a rest")
    .option('--reason <text>', 'why, in a sentence')
    .option('--by <name>', 'who moves it')
    .action((prospect: string, o) =>
      withClient(o, async (client) => {
        if (o.set) {
          const moved = await client.setStanding({
            params: { key: prospect },
            body: { state: o.set, until: o.until, reason: o.reason, by: o.by, at: o.at },
          });
          show(o.json, moved, standingLines);
          return 0;
        }
        const [view, standing] = await Promise.all([
          client.pursuit({ params: { key: prospect }, query: { at: o.at } }),
          client.standing({ params: { key: prospect }, query: { at: o.at } }),
        ]);
        show(o.json, { ...view, standing }, pursuitLines);
        return 0;
      }),
    );
}
