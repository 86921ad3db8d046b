import { Command } from 'commander';
import type { CorrectCallInput } from '../../contracts/calls.contract.ts';
import { callRowLines, correctedLines, timelineLines } from '../../modules/calls/calls.print.ts';
import { show } from '../output.ts';
import { common, withClient } from '../run.ts';
import { expand, shortKinds, shortOutcomes, shortResults } from './log-line.ts';

export function callsCommand(): Command {
  const cmd = new Command('calls').description(
    'logged calls, newest first; correct one after the undo window',
  );
  // The listing is the default subcommand, so each subcommand owns its options (--data, --json).
  common(cmd.command('list [prospect]', { isDefault: true }))
    .description('logged calls, newest first, of one prospect (id, external id or email) or the whole book')
    .option('--since <iso>', 'only calls at or after this time')
    .option('--limit <n>', 'at most this many', '200')
    .action((prospect: string | undefined, o) =>
      withClient(o, async (client) => {
        const { items } = await client.listCalls({ query: { prospect, since: o.since, limit: o.limit } });
        show(o.json, { items }, (answer) => callRowLines(answer.items));
        return 0;
      }),
    );
  common(cmd.command('correct <call>'))
    .description(
      'correct a logged call after the undo window, with a reason: the stage, tasks, message and what the queue learned follow',
    )
    .option('-o, --outcome <outcome>', 'the outcome it really was (short: r g v l n b bad w)')
    .option('-r, --result <result>', 'the result it came to (short: m cb i ni dnc), or none')
    .option('--result-at <iso>', 'the time of the meeting or the promised callback, or none')
    .option('--number <number>', 'the number really dialled')
    .option('-k, --message-kind <kind>', 'the kind of message left (short: info inv intro cur gen)')
    .option('--message <text>', 'the message left')
    .option('--note <text>', 'the note, or none')
    .option('--duration <seconds>', 'how long the call took, or none')
    .requiredOption('--reason <text>', 'why it is corrected (kept with who and when)')
    .option('--by <name>', "who corrects it (default the team's repName)")
    .option('--at <iso>', 'when it is corrected (default now)')
    .action((call: string, o) =>
      withClient(o, async (client) => {
        const none = (value: string | undefined) => (value === 'none' ? null : value);
        const message =
          o.messageKind !== undefined || o.message !== undefined
            ? { kind: expand(shortKinds, o.messageKind), text: o.message }
            : undefined;
        const duration = none(o.duration);
        // The operation checks the correction, naming each bad field.
        const corrected = await client.correctCall({
          params: { id: call },
          body: {
            outcome: expand(shortOutcomes, o.outcome),
            result: o.result === 'none' ? null : expand(shortResults, o.result),
            resultAt: none(o.resultAt),
            number: o.number,
            message,
            note: none(o.note),
            durationSeconds: typeof duration === 'string' ? Number(duration) : duration,
            reason: o.reason,
            by: o.by,
            at: o.at,
          } as CorrectCallInput,
        });
        show(o.json, corrected, correctedLines);
        return 0;
      }),
    );
  return cmd;
}

export function timelineCommand(): Command {
  return common(new Command('timeline'))
    .argument('<prospect>', 'id, external id or email')
    .description('everything that happened with a prospect, oldest first, and the effort spent')
    .action((prospect: string, o) =>
      withClient(o, async (client) => {
        const t = await client.timeline({ params: { key: prospect } });
        show(o.json, t, timelineLines);
        return 0;
      }),
    );
}
