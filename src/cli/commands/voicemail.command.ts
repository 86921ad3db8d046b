import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { pointKinds, strategies } from '../../contracts/vocabulary.ts';
import type { TalkingPoint } from '../../contracts/voicemail.contract.ts';
import {
  addedPointLines,
  adviceLines,
  checkedMessageLines,
  messageStatsLines,
  pointLines,
  removedPointLines,
} from '../../modules/voicemail/voicemail.print.ts';
import { AppError } from '../../shared/errors.ts';
import { show } from '../output.ts';
import { common, withClient } from '../run.ts';

export function voicemailCommand(): Command {
  return common(new Command('voicemail'))
    .description('leave a voicemail or not, and the script to read: decided before the beep')
    .argument('<prospect>', 'id, external id or email')
    .option('--at <iso>', 'the moment of the call (default now)')
    .option('--strategy <name>', `decide under this strategy: ${strategies.join('|')}`)
    .option('--number <phone>', 'the number being dialled')
    .action((prospect: string, o) =>
      withClient(o, async (client) => {
        const advice = await client.voicemail({
          params: { key: prospect },
          query: { at: o.at, strategy: o.strategy, number: o.number },
        });
        show(o.json, advice, adviceLines);
        return 0;
      }),
    );
}

export function checkMessageCommand(): Command {
  return common(new Command('check-message'))
    .description(
      'check a voicemail for length, clichés, name and number, honesty and repetition; exits 1 when it fails',
    )
    .argument('[text]', 'the message (or --file)')
    .option('--file <path>', 'read the message from a file')
    .option('--prospect <key>', 'check against what this prospect was told and what is true of them')
    .option('--kind <kind>', 'the kind of message, such as curiosity (short is fine then)')
    .action((text: string | undefined, o) =>
      withClient(o, async (client) => {
        const message = o.file ? readFileSync(o.file, 'utf8') : text;
        if (!message?.trim())
          throw new AppError('validation', 'give the message as an argument or with --file', {
            issues: [{ field: 'text', reason: 'the message to check' }],
          });
        const result = await client.checkMessage({
          body: { text: message, prospect: o.prospect, kind: o.kind },
        });
        show(o.json, result, checkedMessageLines);
        return result.verdict === 'fail' ? 1 : 0;
      }),
    );
}

export function messageStatsCommand(): Command {
  return common(new Command('message-stats'))
    .description('which messages earn callbacks: callback rate by kind, template and strategy')
    .option('--since <iso>', 'messages left at or after this time')
    .option('--until <iso>', 'messages left before this time')
    .action((o) =>
      withClient(o, async (client) => {
        const stats = await client.messageStats({ query: { since: o.since, until: o.until } });
        show(o.json, stats, messageStatsLines);
        return 0;
      }),
    );
}

export function pointsCommand(): Command {
  const cmd = new Command('points').description(
    'talking points messages are made of: news, events, contacts, reference clients',
  );
  common(cmd.command('add <kind> <title>'))
    .description(`add one (${pointKinds.join('|')}); the title is the headline, event, person or client`)
    .option('--detail <text>', 'why it matters; where and when; who they are; what you helped the client do')
    .option('--prospect <key>', 'about this prospect')
    .option('--company <name>', 'about this company (in the book)')
    .option('--industry <name>', 'about this industry')
    .option('--on <date>', "the event's date, or when the news broke")
    .option('--until <date>', 'stale after this date')
    .option('--online', 'an event held online: every prospect may be invited')
    .option('--city <name>', "an event's city")
    .option('--region <name>', "an event's state, province or region: prospects there are invited")
    .option('--country <name>', "an event's country")
    .option('--at <iso>', 'the time it is added (default now)')
    .action((kind: TalkingPoint['kind'], title: string, o) =>
      withClient(o, async (client) => {
        const point = await client.addPoint({
          body: {
            kind,
            title,
            detail: o.detail,
            prospect: o.prospect,
            company: o.company,
            industry: o.industry,
            on: o.on,
            until: o.until,
            ...(o.online ? { online: true } : {}),
            city: o.city,
            region: o.region,
            country: o.country,
            at: o.at,
          },
        });
        show(o.json, point, addedPointLines);
        return 0;
      }),
    );
  common(cmd.command('list'))
    .description('the talking points, by kind')
    .option('--kind <kind>', pointKinds.join('|'))
    .option('--at <iso>', 'only those still timely then')
    .action((o) =>
      withClient(o, async (client) => {
        const { items } = await client.listPoints({ query: { kind: o.kind, at: o.at } });
        show(o.json, { items }, (answer) => pointLines(answer.items));
        return 0;
      }),
    );
  common(cmd.command('remove <id>'))
    .description('remove a talking point')
    .action((id: string, o) =>
      withClient(o, async (client) => {
        const result = await client.removePoint({ params: { id } });
        show(o.json, result, () => removedPointLines(id));
        return 0;
      }),
    );
  return cmd;
}
