import { Command } from 'commander';
import type { AttachInput, CallbackInput } from '../../contracts/callbacks.contract.ts';
import { cardLines, recordedCallbackLines } from '../../modules/calls/calls.print.ts';
import { AppError } from '../../shared/errors.ts';
import { show } from '../output.ts';
import { common, idOf, withClient } from '../run.ts';
import { expand, shortResults } from './log-line.ts';

export function lookupCommand(): Command {
  return common(new Command('lookup'))
    .argument('<number>', 'the calling number')
    .description('who is calling: the prospect, the messages left, what to say')
    .option('--at <iso>', 'the time of the call (default now)')
    .action((number: string, o) =>
      withClient(o, async (client) => {
        const card = await client.lookup({ query: { number, at: o.at } });
        show(o.json, card, cardLines);
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
        show(o.json, recorded, recordedCallbackLines);
        return 0;
      }),
    );
}
