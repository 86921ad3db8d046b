import { Command } from 'commander';
import { ruleCheckLines, ruleListLines } from '../../modules/queue/queue.print.ts';
import { show } from '../output.ts';
import { common, withClient } from '../run.ts';

export function rulesCommand(): Command {
  const cmd = new Command('rules').description(
    'the calling rules Reach obeys: hours, days, holidays and attempt caps by place, with sources',
  );
  common(cmd.command('list', { isDefault: true }))
    .description("every rule with its place, source and date, and the team's own (the default)")
    .action((o) =>
      withClient(o, async (client) => {
        show(o.json, await client.rules(), ruleListLines);
        return 0;
      }),
    );
  common(cmd.command('check <number>'))
    .description('may this number be called now (or --at)? each refusal in words, and the next moment it may')
    .option('--at <iso>', 'the moment of the call (default now)')
    .action((number: string, o) =>
      withClient(o, async (client) => {
        const result = await client.checkRules({ query: { number, at: o.at } });
        show(o.json, result, ruleCheckLines);
        return result.check.ok ? 0 : 1;
      }),
    );
  return cmd;
}
