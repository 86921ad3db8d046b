import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import type { LogCallInput } from '../../contracts/calls.contract.ts';
import { loggedLines, undoneLines } from '../../modules/calls/calls.print.ts';
import { AppError } from '../../shared/errors.ts';
import type { ReachClient } from '../client.ts';
import { out, printJson, reportError, show } from '../output.ts';
import { common, withClient } from '../run.ts';
import { expand, parseLogLine, shortKinds, shortOutcomes, shortResults } from './log-line.ts';

export function undoCommand(): Command {
  return common(new Command('undo'), { id: 'CALL' })
    .argument('<call>', 'the call id `reach log` printed')
    .description('take back a call logged by mistake, within a minute of logging it')
    .action((call: string, o) =>
      withClient(o, async (client) => {
        const undone = await client.undoCall({ params: { id: call } });
        show(o.json, undone, undoneLines);
        return 0;
      }),
    );
}

/** The log body's fields that options of other names fill. */
const logFields = {
  'message.text': '--message',
  'message.scriptId': '--script',
  durationSeconds: '--duration',
  idempotencyKey: '--id',
  'referral.prospect': '--referral',
  'referral.firstName': '--referral-name',
  'referral.lastName': '--referral-name',
};

export function logCommand(): Command {
  return common(new Command('log'), logFields)
    .argument('[prospect]', 'id, external id or email')
    .description('log a dial in seconds: who or what answered, and what came of it')
    .option(
      '--batch [file]',
      'log one dial per line from the file or the terminal: "42 n", "43 l cur -- message", "44 g cb TIME"',
    )
    .option(
      '-o, --outcome <outcome>',
      'reached|gatekeeper|voicemail|voicemail-left|no-answer|busy|bad-number|wrong-person (short: r g v l n b bad w)',
    )
    .option('--number <number>', 'the number dialled (added to the prospect when new)')
    .option('--kind <kind>', 'or the kind of number dialled: direct|main|mobile|private|assistant')
    .option('--at <iso>', 'when the call was made (default now; past times are fine)')
    .option('--duration <seconds>', 'how long the call took')
    .option('--message <text>', 'the message left (with --outcome voicemail-left)')
    .option(
      '-k, --message-kind <kind>',
      'information|invitation|introduction|curiosity|referral|follow-up|generic (short: info inv intro cur fu gen)',
    )
    .option('--script <id>', 'the prepared script the message followed')
    .option(
      '-r, --result <result>',
      'meeting|callback-scheduled|interested|not-interested|referred|do-not-call (short: m cb i ni ref dnc)',
    )
    .option('--result-at <iso>', 'the time of the meeting or the promised callback')
    .option('--referral <prospect>', 'with --result referred: the prospect they sent you to')
    .option('--referral-name <name>', 'or the new person to add: "First Last"')
    .option('--referral-title <title>', "the new person's title")
    .option('--referral-email <email>', "the new person's email")
    .option('--referral-phone <number>', "the new person's number")
    .option('--carrier-failure', 'the carrier said the number does not exist')
    .option('--note <text>', 'anything worth remembering')
    .option('--id <key>', 'an idempotency key: logging again with the same key records nothing new')
    .action((prospect: string | undefined, o) =>
      withClient(o, async (client) => {
        if (o.batch !== undefined)
          return logBatch(client, { file: o.batch === true ? undefined : o.batch, json: o.json, at: o.at });
        if (!prospect || !o.outcome)
          throw new AppError('validation', 'give PROSPECT and --outcome, or --batch');
        const message =
          o.message !== undefined || o.messageKind !== undefined || o.script !== undefined
            ? { kind: expand(shortKinds, o.messageKind), text: o.message, scriptId: o.script }
            : undefined;
        const [firstName, ...rest] = (o.referralName ?? '').trim().split(/\s+/);
        const named = o.referralName || o.referralEmail || o.referralPhone || o.referralTitle;
        const referral =
          o.referral !== undefined
            ? { prospect: o.referral }
            : named
              ? {
                  firstName: firstName || undefined,
                  lastName: rest.join(' ') || undefined,
                  title: o.referralTitle,
                  email: o.referralEmail,
                  phone: o.referralPhone,
                }
              : undefined;
        // The operation checks the log, naming each bad field.
        const body = {
          referral,
          prospect,
          outcome: expand(shortOutcomes, o.outcome),
          number: o.number,
          kind: o.kind,
          at: o.at,
          durationSeconds: o.duration === undefined ? undefined : Number(o.duration),
          message,
          result: expand(shortResults, o.result),
          resultAt: o.resultAt,
          note: o.note,
          carrierFailure: o.carrierFailure,
          idempotencyKey: o.id,
        } as LogCallInput;
        const logged = await client.logCall({ body });
        show(o.json, logged, loggedLines);
        return 0;
      }),
    );
}

/**
 * Logs one dial per line in a single process, so a rep at the terminal types "42 n" and moves
 * on. A bad line is reported and skipped; exit 3 when any line was not logged.
 */
async function logBatch(
  client: ReachClient,
  options: { file?: string | undefined; json?: boolean; at?: string | undefined },
): Promise<number> {
  const interactive = options.file === undefined && process.stdin.isTTY === true;
  const input = options.file === undefined ? process.stdin : createReadStream(options.file);
  const lines = createInterface({
    input,
    ...(interactive ? { output: process.stdout, prompt: 'dial> ' } : {}),
  });
  const results: unknown[] = [];
  let failed = 0;
  let lineNo = 0;
  if (interactive) {
    out('One dial per line: PROSPECT OUTCOME [KIND] [RESULT] [WHEN] [-- message or note]. Ctrl-D ends.');
    lines.prompt();
  }
  for await (const raw of lines) {
    lineNo++;
    const line = raw.trim();
    if (line !== '' && !line.startsWith('#')) {
      const parsed = parseLogLine(line);
      try {
        if ('error' in parsed) throw new AppError('validation', parsed.error);
        const logged = await client.logCall({
          body: { ...parsed.body, ...(options.at ? { at: options.at } : {}) } as LogCallInput,
        });
        results.push({ line: lineNo, ...logged });
        if (!options.json) for (const text of loggedLines(logged)) out(text);
      } catch (error) {
        failed++;
        results.push({ line: lineNo, error: error instanceof Error ? error.message : String(error) });
        if (!options.json)
          reportError(new AppError('validation', `line ${lineNo}: ${(error as Error).message}`), false);
      }
    }
    if (interactive) lines.prompt();
  }
  if (options.json) printJson({ logged: results.length - failed, failed, results });
  return failed > 0 ? 3 : 0;
}
