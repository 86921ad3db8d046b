import { userInfo } from 'node:os';
import { Command } from 'commander';
import {
  addedLines,
  dncImportLines,
  entryLines,
  historyLines,
  liftedLines,
} from '../../modules/dnc/dnc.print.ts';
import { show } from '../output.ts';
import { common, withClient } from '../run.ts';
import { openInput } from './transfer.command.ts';

export function dncCommand(): Command {
  const cmd = new Command('dnc').description('the Do-Not-Call list: numbers and prospects never to call');
  common(cmd.command('add [number]'))
    .description('put a number, or a prospect with all their numbers, on the list')
    .option('--prospect <prospect>', 'a prospect by id, external id or email')
    .option('--reason <text>', 'why', 'asked not to be called')
    .option('--source <text>', 'where the request came from', 'manual')
    .option('--at <iso>', 'when (default now)')
    .action((number: string | undefined, o) =>
      withClient(o, async (client) => {
        const { items: entries } = await client.addDnc({
          body: { number, prospect: o.prospect, reason: o.reason, source: o.source, at: o.at },
        });
        show(o.json, { items: entries }, (answer) => addedLines(answer.items));
        return 0;
      }),
    );
  common(cmd.command('remove [number]'))
    .description(
      "lift an entry with a named reason and your name, kept in the audit log; a person's own request only with --i-have-consent",
    )
    .option('--prospect <prospect>', 'a prospect by id, external id or email: every record of the person')
    .requiredOption('--reason <text>', "why, in a sentence: 'asked by email on 2 March to be called again'")
    .option('--by <user>', 'who lifts it (default: your login name)', userInfo().username)
    .option('--i-have-consent', 'the person consented to be called again: required to lift their own request')
    .option('--at <iso>', 'when (default now)')
    .action((number: string | undefined, o) =>
      withClient(o, async (client) => {
        const result = await client.removeDnc({
          body: {
            number,
            prospect: o.prospect,
            reason: o.reason,
            by: o.by,
            consent: o.iHaveConsent === true,
            at: o.at,
          },
        });
        show(o.json, result, liftedLines);
        return 0;
      }),
    );
  common(cmd.command('history'))
    .description('the audit log: every entry added or lifted, newest first, with who, why and consent')
    .action((o) =>
      withClient(o, async (client) => {
        const { items } = await client.dncHistory();
        show(o.json, { items }, (answer) => historyLines(answer.items));
        return 0;
      }),
    );
  common(cmd.command('import <file>'))
    .description(
      'load a list: one number per line, or a CSV with a phone column; exit 3 when some lines were rejected',
    )
    .option('--source <text>', 'where the list comes from', 'import')
    .option('--reason <text>', 'why these numbers are not to be called')
    .action((file: string, o) =>
      withClient(o, async (client) => {
        const report = await client.importDnc({
          input: openInput(file).stream,
          source: o.source,
          reason: o.reason,
        });
        show(o.json, report, dncImportLines);
        return report.rejectedLines > 0 ? 3 : 0;
      }),
    );
  common(cmd.command('list'))
    .description('the active entries')
    .action((o) =>
      withClient(o, async (client) => {
        const { items } = await client.listDnc();
        show(o.json, { items }, (answer) => entryLines(answer.items));
        return 0;
      }),
    );
  return cmd;
}
