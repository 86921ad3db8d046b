import { Command } from 'commander';
import type { AttachInput, CallbackCard, CallbackInput } from '../../contracts/callbacks.contract.ts';
import { AppError } from '../../shared/errors.ts';
import { out, printJson } from '../output.ts';
import { common, idOf, withClient } from '../run.ts';
import { expand, shortResults } from './log-line.ts';

export function printCard(card: CallbackCard): void {
  if (!card.known) {
    out(card.text);
    return;
  }
  const p = card.prospect;
  out(
    `${p.name}${p.title ? `, ${p.title}` : ''}${p.company ? ` at ${p.company}` : ''}  (#${p.id}, ${p.stage})`,
  );
  out(`  their time: ${card.localTime.label}`);
  for (const m of card.messages.slice(0, 3)) {
    out(`  message ${m.at.slice(0, 16).replace('T', ' ')} UTC [${m.kind}]${m.text ? ` "${m.text}"` : ''}`);
  }
  if (card.lastOutcome)
    out(
      `  last call: ${card.lastOutcome.outcome}${card.lastOutcome.result ? ` → ${card.lastOutcome.result}` : ''}`,
    );
  for (const fact of card.intel.slice(0, 4)) out(`  ${fact}`);
  if (card.others.length) out(`  also on this number: ${card.others.map((o) => o.name).join(', ')}`);
  out(`  say: ${card.opener}`);
}

export function lookupCommand(): Command {
  return common(new Command('lookup'))
    .argument('<number>', 'the calling number')
    .description('who is calling: the prospect, the messages left, what to say')
    .option('--at <iso>', 'the time of the call (default now)')
    .action((number: string, o) =>
      withClient(o, async (client) => {
        const card = await client.lookup({ query: { number, at: o.at } });
        if (o.json) printJson(card);
        else printCard(card);
        return 0;
      }),
    );
}

export function callbackCommand(): Command {
  return common(new Command('callback'))
    .description(
      'record an inbound call, credited to the message that earned it; or attach one from an unknown number',
    )
    .option('--from <number>', 'the calling number')
    .option('--at <iso>', 'when the call came in (default now)')
    .option('--prospect <prospect>', 'who it was, when the number does not say')
    .option('--note <text>', 'what was said')
    .option(
      '-r, --result <result>',
      'what it came to: meeting|callback-scheduled|interested|not-interested|do-not-call (short: m cb i ni dnc)',
    )
    .option('--result-at <iso>', 'the time of the meeting or the promised callback')
    .option('--attach <callbackId>', 'attach an earlier callback from an unknown number to --prospect')
    .action((o) =>
      withClient(o, async (client) => {
        if (o.attach !== undefined && !o.prospect)
          throw new AppError('validation', '--attach needs --prospect');
        if (o.attach === undefined && !o.from)
          throw new AppError('validation', 'give --from NUMBER (or --attach ID --prospect P)');
        const outcome = { result: expand(shortResults, o.result), resultAt: o.resultAt };
        // The operation checks the result and its time, naming each bad field.
        const recorded =
          o.attach !== undefined
            ? await client.attachCallback({
                params: { id: idOf(o.attach, { what: 'callback', field: '--attach' }) },
                body: { prospect: o.prospect, ...outcome } as AttachInput,
              })
            : await client.recordCallback({
                body: {
                  from: o.from,
                  at: o.at,
                  prospect: o.prospect,
                  note: o.note,
                  ...outcome,
                } as CallbackInput,
              });
        if (o.json) printJson(recorded);
        else {
          out(
            `Callback ${recorded.callbackId} recorded${recorded.attributedTo ? `, credited to message ${recorded.attributedTo}` : ', not credited to a message'}${recorded.result ? `: ${recorded.result}${recorded.resultAt ? ` ${recorded.resultAt}` : ''}` : ''}`,
          );
          printCard(recorded.card);
        }
        return 0;
      }),
    );
}
