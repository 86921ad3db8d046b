import { Command } from 'commander';
import type { StandingView } from '../../modules/pursuit/index.ts';
import { settableStates } from '../../modules/pursuit/pursuit-state.ts';
import { money, out, printJson } from '../output.ts';
import { common, withClient } from '../run.ts';

const words = { continue: 'CONTINUE', 'slow-down': 'SLOW DOWN', drop: 'DROP' } as const;
const percent = (n: number): string => `${Math.round(n * 100)}%`;

/** The state, why, until when, what next, and the moves that led there. */
function printStanding(s: StandingView): void {
  out(`${s.state.toUpperCase()}  ${s.reason}${s.callable ? '' : ' — not proposed'}`);
  if (s.until) out(`- until ${s.until}`);
  if (s.next) out(`- next: ${s.next}`);
  for (const move of s.history.slice(0, 5))
    out(`- ${move.at} ${move.source}: ${move.what}${move.until ? ` (until ${move.until})` : ''}`);
}

export function pursuitCommand(): Command {
  return common(new Command('pursuit'))
    .description(
      'where a pursuit stands (meeting booked, not interested until…, referred…) and whether to keep, slow down or drop it; --set moves it by hand',
    )
    .argument('<prospect>', 'id, external id or email')
    .option('--at <iso>', 'the moment of the decision (default now)')
    .option(
      '--set <state>',
      `move the pursuit by hand: ${settableStates.join('|')} (with --reason; a meeting or callback with --until)`,
    )
    .option('--until <iso>', "when the state ends: the meeting's time, the callback, the end of a rest")
    .option('--reason <text>', 'why, in a sentence')
    .option('--by <name>', 'who moves it')
    .action((prospect: string, o) =>
      withClient(o, async (client) => {
        if (o.set) {
          const moved = await client.setStanding({
            params: { key: prospect },
            body: { state: o.set, until: o.until, reason: o.reason, by: o.by, at: o.at },
          });
          if (o.json) printJson(moved);
          else printStanding(moved);
          return 0;
        }
        const [view, standing] = await Promise.all([
          client.pursuit({ params: { key: prospect }, query: { at: o.at } }),
          client.standing({ params: { key: prospect }, query: { at: o.at } }),
        ]);
        if (o.json) {
          printJson({ ...view, standing });
          return 0;
        }
        printStanding(standing);
        if (!standing.callable) return 0;
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
