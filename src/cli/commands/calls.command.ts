import { Command } from 'commander';
import type { CorrectCallInput } from '../../contracts/calls.contract.ts';
import { describeCorrection } from '../../modules/calls/correction-rules.ts';
import { out, printJson, printTable } from '../output.ts';
import { common, withClient } from '../run.ts';
import { flagWords } from './log.command.ts';
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
        if (o.json) {
          printJson({ items });
          return 0;
        }
        printTable(
          ['ID', 'AT (UTC)', 'THEIR TIME', 'PROSPECT', 'NUMBER', 'OUTCOME', 'RESULT', 'FLAGS'],
          items.map((c) => [
            c.id,
            c.at.slice(0, 16).replace('T', ' '),
            c.localTime,
            c.prospect,
            c.number,
            c.outcome,
            c.result,
            c.flags.join(' '),
          ]),
        );
        out(`${items.length} calls`);
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
        if (o.json) {
          printJson(corrected);
          return 0;
        }
        const text = describeCorrection(corrected.correction);
        out(`${text.charAt(0).toUpperCase()}${text.slice(1)}`);
        const stage = corrected.stage;
        if (stage) out(`  stage ${stage.from} → ${stage.to}`);
        for (const flag of corrected.call.flags) out(`  warning: ${flagWords[flag] ?? flag}`);
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
        if (o.json) {
          printJson(t);
          return 0;
        }
        out(`${t.name} (#${t.prospectId})`);
        for (const e of t.entries)
          out(`  ${e.at.slice(0, 16).replace('T', ' ')}  ${e.type.padEnd(10)} ${e.text}`);
        const f = t.effort;
        out(
          `effort: ${f.attempts} calls, ${f.conversations} conversations, ${f.voicemails} messages, ${f.callbacks} callbacks, ${f.minutes} minutes`,
        );
        return 0;
      }),
    );
}
