import { Command } from 'commander';
import { out, printJson } from '../output.ts';
import { common, withClient } from '../run.ts';

export function cadenceCommand(): Command {
  const cmd = new Command('cadence').description(
    'follow-up cadences: calls, email, letters, referrals, invitations',
  );
  common(cmd.command('list'))
    .description('the cadences a prospect can be put on')
    .action((o) =>
      withClient(o, async (client) => {
        const { items } = await client.listCadences();
        if (o.json) {
          printJson({ items });
          return 0;
        }
        for (const c of items) {
          const kinds = Object.entries(c.kinds)
            .map(([kind, n]) => `${n} ${kind}`)
            .join(', ');
          out(
            `${c.name.padEnd(18)} ${c.steps} steps over ${c.workingDays} working days (${kinds}); ${c.maxMessages} messages at most`,
          );
          out(`${' '.repeat(19)}${c.description}`);
        }
        return 0;
      }),
    );
  common(cmd.command('show <name>'))
    .description("a cadence's steps, laid over a prospect's working days in their own zone")
    .option('--start <iso>', 'when it would start (default now)')
    .option('--zone <iana>', "the prospect's zone (default the territory's first)")
    .action((name: string, o) =>
      withClient(o, async (client) => {
        const view = await client.showCadence({ name, query: { start: o.start, zone: o.zone } });
        if (o.json) {
          printJson(view);
          return 0;
        }
        out(`${view.name}: ${view.description}`);
        out(`${view.maxMessages} messages at most; steps in ${view.zone}, from ${view.start}`);
        for (const s of view.schedule)
          out(
            `  ${String(s.step + 1).padStart(2)}. ${s.local}  ${s.kind.padEnd(16)} ${s.note ?? ''}`.trimEnd(),
          );
        return 0;
      }),
    );
  return cmd;
}
