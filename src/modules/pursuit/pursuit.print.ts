import type { PursuitView, StandingView } from '../../contracts/pursuit.contract.ts';
import { money } from '../../shared/terminal-text.ts';

const words = { continue: 'CONTINUE', 'slow-down': 'SLOW DOWN', drop: 'DROP' } as const;
const percent = (n: number): string => `${Math.round(n * 100)}%`;

/** Where a pursuit stands: the state, why, until when, what next, and the moves that led there. */
export function standingLines(s: StandingView): string[] {
  return [
    `${s.state.toUpperCase()}  ${s.reason}${s.callable ? '' : ' — not proposed'}`,
    ...(s.until ? [`- until ${s.until}`] : []),
    ...(s.next ? [`- next: ${s.next}`] : []),
    ...s.history
      .slice(0, 5)
      .map(
        (move) => `- ${move.at} ${move.source}: ${move.what}${move.until ? ` (until ${move.until})` : ''}`,
      ),
  ];
}

/** `reach pursuit`: the standing, then (while the prospect may be called) keep, slow down or drop, with its figures. */
export function pursuitLines(view: PursuitView & { standing: StandingView }): string[] {
  const { standing } = view;
  if (!standing.callable) return standingLines(standing);
  return [
    ...standingLines(standing),
    `${words[view.recommendation]}  ${view.prospect.name} (${view.prospect.stage})`,
    `- ${view.reason}`,
    ...(view.resumeAt && view.resumeAt > view.at ? [`- not before ${view.resumeAt}`] : []),
    `- next ${view.horizon} attempts: ${percent(view.chance)} chance of a conversation, worth ${money(view.expectedValue, view.currency)} in pipeline against ${money(view.cost, view.currency)} of rep time`,
    `- book: ${percent(view.rates.meetingRate)} of conversations book a meeting, ${percent(view.rates.callbackRate)} of messages earn a callback, an hour is worth ${money(view.rates.hourlyValue, view.currency)} (${view.rates.hourlyValueFrom === 'team' ? "the team's figure" : 'learned'})`,
  ];
}
