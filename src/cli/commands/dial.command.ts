import { Command } from 'commander';
import type { LiveCall } from '../../contracts/telephony.contract.ts';
import { liveCallLines } from '../../modules/telephony/telephony.print.ts';
import { out, show } from '../output.ts';
import { common, withClient } from '../run.ts';

/** How often `--follow` asks where the call stands. */
const FOLLOW_MS = 1_000;

export function dialCommand(): Command {
  return common(new Command('dial'))
    .argument('<prospect>', 'id, external id or email')
    .description(
      "call a prospect through the team's telephony provider: your phone rings, then theirs; the call logs itself",
    )
    .option('--number <number>', 'one of their numbers (default: the one the queue proposes now)')
    .option('--follow', 'print each change until the call ends and is logged')
    .action((prospect: string, o) =>
      withClient(o, async (client) => {
        let call: LiveCall = await client.dial({
          body: { prospect, ...(o.number ? { number: o.number } : {}) },
        });
        if (!o.follow) {
          show(o.json, call, liveCallLines);
          return 0;
        }
        let said = '';
        for (;;) {
          const line = `${call.state} ${call.attemptId ?? ''}`;
          if (line !== said) {
            said = line;
            if (o.json) out(JSON.stringify(call));
            else for (const text of liveCallLines(call)) out(text);
          }
          if (call.state === 'ended' && (call.attemptId !== null || call.status === null)) return 0;
          await new Promise((resolve) => setTimeout(resolve, FOLLOW_MS));
          call = await client.liveCall({ params: { id: call.id } });
        }
      }),
    );
}
