import { Command } from 'commander';
import { out, printJson, printTable } from '../output.ts';
import { common, withClient } from '../run.ts';

const zones = (list: string[]): string => (list.length === 0 ? 'unknown' : list.join(' or '));

export function zonesCommand(): Command {
  const cmd = new Command('zones').description("prospects' time zones: what re-resolving them changed");
  common(cmd.command('changes'))
    .description(
      "what re-resolving zones changed: each number's own plan data, places that span zones, abbreviations",
    )
    .action((o) =>
      withClient(o, async (client) => {
        const { items } = await client.zoneChanges();
        if (o.json) {
          printJson({ items });
          return 0;
        }
        if (items.length === 0) {
          out('No zone has changed.');
          return 0;
        }
        printTable(
          ['ID', 'Prospect', 'Was', 'Now', 'Why'],
          items.map((c) => [String(c.prospectId), c.name, zones(c.before), zones(c.after), c.reason]),
        );
        return 0;
      }),
    );
  return cmd;
}
