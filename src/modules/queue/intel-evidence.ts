/** What was heard about a prospect's hours, as the queue uses it. */
export type HoursIntel = {
  /** Windows the decision maker picks up, prospect-local `HH:MM`, end exclusive. */
  dmHours: { from: string; to: string }[];
  /** The gatekeeper's day at the prospect's company or desk. */
  gatekeeper: {
    arrives: string | null;
    leaves: string | null;
    lunchFrom: string | null;
    lunchTo: string | null;
  }[];
  /** Private lines given with the hours to dial them ("his private line between six and seven"), local `HH:MM`. */
  lines?: { e164: string; from: string; to: string }[];
};

/** The private line recorded as the one to dial at this local clock, if any. */
export const lineAt = (clock: string, intel: HoursIntel) =>
  intel.lines?.find((l) => clock >= l.from && clock < l.to) ?? null;

/** How long after the gatekeeper leaves the decision maker is still worth a dial on their own line. */
const AFTER_HOURS_MINUTES = 150;

/** Why the gatekeeper is not at the desk at this local clock, or null when they are (or nobody knows). */
export type GatekeeperAbsence =
  | { why: 'before-arrival'; arrives: string }
  | { why: 'lunch'; from: string; to: string }
  | { why: 'after-leaving'; leaves: string }
  | null;

const minutes = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

export function gatekeeperAbsence(clock: string, intel: HoursIntel): GatekeeperAbsence {
  for (const g of intel.gatekeeper) {
    if (g.arrives && clock < g.arrives) return { why: 'before-arrival', arrives: g.arrives };
    if (g.lunchFrom && g.lunchTo && clock >= g.lunchFrom && clock < g.lunchTo)
      return { why: 'lunch', from: g.lunchFrom, to: g.lunchTo };
    if (g.leaves && clock >= g.leaves && minutes(clock) < minutes(g.leaves) + AFTER_HOURS_MINUTES)
      return { why: 'after-leaving', leaves: g.leaves };
  }
  return null;
}

/** A dm-hours window covering this local clock, if any. */
export const dmWindowAt = (clock: string, intel: HoursIntel) =>
  intel.dmHours.find((w) => clock >= w.from && clock < w.to) ?? null;

/** Lines that ring the decision maker's own phone when the gatekeeper is away. */
const ownLines = new Set(['direct', 'private', 'mobile']);

/**
 * Recorded intelligence as pseudo-dials added to a number's learned belief: strong enough to
 * dominate a handful of real dials, as a gatekeeper's word should. A dm-hours window is the
 * strongest; a gatekeeper's absence makes the decision maker's own line likely, and their
 * presence makes it forward to them.
 */
export function intelEvidence(input: { kind: string; clock: string; intel: HoursIntel; e164?: string }): {
  reached: number;
  missed: number;
  /** Of the missed pseudo-dials, those a gatekeeper picks up: someone answers, not the decision maker. */
  gatekeeper: number;
} {
  const { kind, clock, intel } = input;
  let reached = 0;
  let missed = 0;
  let gatekeeper = 0;
  // The line given for these hours is the strongest word there is: the decision maker said to use it.
  const line = lineAt(clock, intel);
  if (line && input.e164 === line.e164) reached += 8;
  if (intel.dmHours.length > 0) {
    const there = dmWindowAt(clock, intel) !== null;
    // A main line reaches the decision maker only through whoever answers it: their hours say when it cannot, not when it can.
    if (there && kind !== 'main') reached += 6;
    else if (!there) missed += 3;
  }
  if (intel.gatekeeper.length > 0) {
    const away = gatekeeperAbsence(clock, intel) !== null;
    if (ownLines.has(kind)) {
      if (away) reached += 3;
      missed += away ? 2 : 3;
    } else if (kind === 'main') {
      // Present: the gatekeeper answers and seldom transfers; away: an auto-attendant.
      missed += away ? 4 : 2;
      gatekeeper += away ? 0 : 2;
    }
  }
  return { reached, missed, gatekeeper };
}
