import { Command } from 'commander';
import { zoneChangeLines } from '../../modules/prospects/prospects.print.ts';
import { show } from '../output.ts';
import { common, withClient } from '../run.ts';

export function zonesCommand(): Command {
  const cmd = new Command('zones').description("prospects' time zones: what re-resolving them changed");
  common(cmd.command('changes'))
    .description(
      "what re-resolving zones changed: each number's own plan data, places that span zones, abbreviations",
    )
    .action((o) =>
      withClient(o, async (client) => {
        const { items } = await client.zoneChanges();
        show(o.json, { items }, (answer) => zoneChangeLines(answer.items));
        return 0;
      }),
    );
  return cmd;
}
