import { Command } from 'commander';
import { money, out, printJson } from '../output.ts';
import { common, withClient } from '../run.ts';

const words = { continue: 'CONTINUE', 'slow-down': 'SLOW DOWN', drop: 'DROP' } as const;
const percent = (n: number): string => `${Math.round(n * 100)}%`;

export function pursuitCommand(): Command {
  return common(new Command('pursuit'))
    .description('keep, slow down or drop a prospect: the value of persisting against the rep time it costs')
    .argument('<prospect>', 'id, external id or email')
    .option('--at <iso>', 'the moment of the decision (default now)')
    .action((prospect: string, o) =>
      withClient(o, async (client) => {
        const view = await client.pursuit({ prospect, query: { at: o.at } });
        if (o.json) {
          printJson(view);
          return 0;
        }
        out(`${words[view.recommendation]}  ${view.prospect.name} (${view.prospect.stage})`);
        out(`- ${view.reason}`);
        if (view.resumeAt && view.resumeAt > view.at) out(`- not before ${view.resumeAt}`);
        out(
          `- next ${view.horizon} attempts: ${percent(view.chance)} chance of a conversation, worth ${money(view.expectedValue, view.currency)} in pipeline against ${money(view.cost, view.currency)} of rep time`,
        );
        out(
          `- book: ${percent(view.rates.meetingRate)} of conversations book a meeting, ${percent(view.rates.callbackRate)} of messages earn a callback, an hour is worth ${money(view.rates.hourlyValue, view.currency)} (${view.rates.hourlyValueFrom === 'team' ? "the team's figure" : 'learned'})`,
        );
        return 0;
      }),
    );
}
