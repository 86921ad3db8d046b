import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { messageKinds } from '../../contracts/vocabulary.ts';
import {
  consentLines,
  dropLines,
  dropListLines,
  liveCallLines,
} from '../../modules/telephony/telephony.print.ts';
import { AppError } from '../../shared/errors.ts';
import { show } from '../output.ts';
import { common, withClient } from '../run.ts';

export function dropsCommand(): Command {
  const cmd = new Command('drops').description(
    'recorded messages in your own voice, played at the beep where the law allows a prerecorded message and the strategy says leave',
  );
  common(cmd.command('add <name>'))
    .description('keep a recording (WAV or MP3, at most a minute) with its words, checked for honesty')
    .requiredOption('--file <path>', 'the audio file, recorded in your own voice')
    .requiredOption('--kind <kind>', messageKinds.join('|'))
    .requiredOption('--transcript <words>', 'what the recording says, word for word')
    .action((name: string, o) =>
      withClient(o, async (client) => {
        let audio: Buffer;
        try {
          audio = readFileSync(o.file);
        } catch (error) {
          throw new AppError('unreadable_input', `Cannot read ${o.file}: ${(error as Error).message}`, {
            cause: error,
          });
        }
        const drop = await client.addDrop({
          body: { name, kind: o.kind, transcript: o.transcript, audio: audio.toString('base64') },
        });
        show(o.json, drop, dropLines);
        return 0;
      }),
    );
  common(cmd.command('list'))
    .description('the recordings kept, with how often each was played')
    .action((o) =>
      withClient(o, async (client) => {
        show(o.json, await client.drops({}), dropListLines);
        return 0;
      }),
    );
  common(cmd.command('retire <id>'))
    .description('never play a recording again (kept for the calls that played it)')
    .action((id: string, o) =>
      withClient(o, async (client) => {
        show(o.json, await client.retireDrop({ params: { id } }), dropLines);
        return 0;
      }),
    );
  common(cmd.command('play <call>'))
    .description(
      'play a recording at the beep of a call through Reach and free yourself; refused (exit 3) naming the rule where the law or the strategy does not allow it',
    )
    .option('--drop <name>', 'the recording, by name or id (default: your only one)')
    .action((call: string, o) =>
      withClient(o, async (client) => {
        const played = await client.dropAtBeep({
          params: { id: call },
          body: o.drop ? { drop: o.drop } : {},
        });
        show(o.json, played, liveCallLines);
        return 0;
      }),
    );
  common(cmd.command('consent <prospect> <number>'))
    .description(
      "record a person's consent to recorded messages on one of their numbers (needed for a mobile or a line of unknown type), or withdraw it",
    )
    .requiredOption('--source <where>', 'where it is on record: "webinar sign-up form, 2026-11-02, box 3"')
    .option('--form <form>', 'written|oral: how it was given (sales messages under the TCPA need written)')
    .option('--by <name>', 'who records it')
    .option('--withdraw', 'the consent is withdrawn')
    .action((prospect: string, number: string, o) =>
      withClient(o, async (client) => {
        const consent = await client.consent({
          params: { key: prospect },
          body: {
            number,
            prerecorded: !o.withdraw,
            source: o.source,
            ...(o.form ? { form: o.form } : {}),
            ...(o.by ? { by: o.by } : {}),
          },
        });
        show(o.json, consent, consentLines);
        return 0;
      }),
    );
  return cmd;
}
