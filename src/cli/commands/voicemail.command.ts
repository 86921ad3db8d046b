import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { pointKinds, strategies } from '../../contracts/vocabulary.ts';
import type { Check, TalkingPoint } from '../../modules/voicemail/index.ts';
import { AppError } from '../../shared/errors.ts';
import { out, printJson } from '../output.ts';
import { common, withClient } from '../run.ts';

const mark: Record<Check['severity'], string> = { ok: 'ok  ', info: 'note', warn: 'warn', fail: 'FAIL' };

function printChecks(checks: Check[]): void {
  for (const c of checks)
    out(`  ${mark[c.severity]} ${c.code}: ${c.text}${c.severity !== 'ok' && c.fix ? ` (${c.fix})` : ''}`);
}

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
        if (o.json) {
          printJson(advice);
          return 0;
        }
        const head = advice.decision === 'leave' ? 'LEAVE a message' : 'SKIP: no message';
        out(
          `${head}  (${advice.prospect.name}${advice.prospect.company ? `, ${advice.prospect.company}` : ''}; strategy ${advice.strategy}, ${advice.strategyFrom === 'asked' ? 'asked' : `the ${advice.strategyFrom}'s`})`,
        );
        for (const r of advice.reasons) out(`- ${r.text}`);
        if (advice.script) {
          out('');
          out(`${advice.script.kind} message, ${advice.script.seconds} s:`);
          out(`  "${advice.script.text}"`);
          printChecks(advice.script.checks);
        }
        if (advice.missing.length > 0) {
          out('');
          out('To say more:');
          for (const m of advice.missing) out(`- ${m.text}`);
        }
        if (advice.instead.length > 0) {
          out('');
          out('Instead:');
          for (const i of advice.instead) out(`- ${i.text}`);
        }
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
        if (o.json) printJson(result);
        else {
          out(
            `${result.verdict === 'fail' ? 'FAILS' : result.verdict === 'warn' ? 'Passes with warnings' : 'Passes'}: ${result.seconds} s spoken`,
          );
          printChecks(result.checks);
        }
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
        if (o.json) {
          printJson(stats);
          return 0;
        }
        out(`${stats.messages} messages, ${stats.callbacks} callbacks`);
        const table = (
          title: string,
          rows: { key: string; messages: number; callbacks: number; rate: number }[],
        ) => {
          out('');
          out(`${title.padEnd(22)} messages  callbacks  rate`);
          for (const r of rows)
            out(
              `${r.key.padEnd(22)} ${String(r.messages).padStart(8)}  ${String(r.callbacks).padStart(9)}  ${(r.rate * 100).toFixed(1).padStart(5)}%`,
            );
        };
        table('by kind', stats.byKind);
        table('by strategy', stats.byStrategy);
        table('by template', stats.byTemplate);
        return 0;
      }),
    );
}

/** Where an event is, as the list shows it: " · online", " · Chicago, IL", " · place not recorded". */
const placeOf = (p: TalkingPoint): string => {
  if (p.kind !== 'event') return '';
  if (p.online) return ' · online';
  const place = [p.city, p.region, p.country].filter(Boolean).join(', ');
  return place ? ` · ${place}` : ' · place not recorded: invited to nobody';
};

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
        if (o.json) printJson(point);
        else out(`Added ${point.kind} #${point.id}: ${point.title}`);
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
        if (o.json) printJson({ items });
        else
          for (const p of items)
            out(
              `#${String(p.id).padEnd(5)} ${p.kind.padEnd(9)} ${p.title}${p.detail ? ` — ${p.detail}` : ''}${p.on ? ` (${p.on.slice(0, 10)})` : ''}${placeOf(p)}`,
            );
        return 0;
      }),
    );
  common(cmd.command('remove <id>'))
    .description('remove a talking point')
    .action((id: string, o) =>
      withClient(o, async (client) => {
        const result = await client.removePoint({ params: { id } });
        if (o.json) printJson(result);
        else out(`Removed talking point ${id}`);
        return 0;
      }),
    );
  return cmd;
}
