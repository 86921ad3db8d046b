import { Command } from 'commander';
import { intelTypes } from '../../contracts/vocabulary.ts';
import { factLines, greetingLines, recordedFactLines } from '../../modules/intel/intel.print.ts';
import { show } from '../output.ts';
import { common, withClient } from '../run.ts';

export function intelCommand(): Command {
  const cmd = new Command('intel').description(
    'what gatekeepers and greetings reveal: names, hours, private lines, routes',
  );
  common(cmd.command('add <prospect>'), { attemptId: '--attempt' })
    .description('record a fact heard on a call')
    .requiredOption('--type <type>', intelTypes.join('|'))
    .option(
      '--value <text>',
      'the name, number, route (press-0|operator|sales-department|pr-department|assistant) or channel',
    )
    .option('--from <HH:MM>', 'start of a window (dm-hours, or the gatekeeper lunch)')
    .option('--to <HH:MM>', 'end of that window')
    .option('--arrives <HH:MM>', 'when the gatekeeper arrives')
    .option('--leaves <HH:MM>', 'when the gatekeeper leaves')
    .option('--until <date>', 'out-of-office: no calls before this date')
    .option('--attempt <id>', 'the call this was heard on')
    .option('--at <iso>', 'when it was heard (default now)')
    .action((prospect: string, o) =>
      withClient(o, async (client) => {
        const fact = await client.addIntel({
          body: {
            prospect,
            type: o.type,
            value: o.value,
            from: o.from,
            to: o.to,
            arrives: o.arrives,
            leaves: o.leaves,
            until: o.until,
            at: o.at,
            attemptId: o.attempt === undefined ? undefined : Number(o.attempt),
          },
        });
        show(o.json, fact, recordedFactLines);
        return 0;
      }),
    );
  common(cmd.command('greeting <prospect> <words...>'))
    .description(
      'read a voicemail greeting as you heard it: a warning to sellers, away until a date, someone else to call, their name, email me',
    )
    .option('--number <number>', 'the number whose greeting it is (their name on it confirms the number)')
    .option('--at <iso>', 'when it was heard (default now)')
    .action((prospect: string, words: string[], o) =>
      withClient(o, async (client) => {
        const read = await client.readGreeting({
          params: { key: prospect },
          body: { text: words.join(' '), number: o.number, at: o.at },
        });
        show(o.json, read, greetingLines);
        return 0;
      }),
    );
  common(cmd.command('list <prospect>'))
    .description("a prospect's intelligence, newest first")
    .action((prospect: string, o) =>
      withClient(o, async (client) => {
        const { items } = await client.listIntel({ params: { key: prospect } });
        show(o.json, { items }, (answer) => factLines(answer.items));
        return 0;
      }),
    );
  return cmd;
}
