/**
 * The cells of the book's reachability counts (`reach_counts`): the levels they pool over, the
 * slots of an hour and a weekday-hour, and which cells one dial adds to. Pure: the queue's
 * ranking and the simulator read them; the statements that keep the counts are in
 * `reach-stats.repository.ts`.
 */

/** The levels learned reachability is pooled over, widest first. */
export const Scope = { book: 0, group: 1, company: 2, number: 3 } as const;

/** Slot of a local hour of day (0-23) in `reach_counts`. */
export const hourSlot = (hour: number): number => 200 + hour;
/** Slot of a local weekday (1 Monday - 7 Sunday) and hour in `reach_counts`. */
export const weekSlot = (weekday: number, hour: number): number => (weekday - 1) * 24 + hour;
/** How many weekday-and-hour slots there are: they are numbered from 0 below this. */
export const WEEK_SLOTS = 7 * 24;
/** The weekday (1 Monday - 7 Sunday) and hour a `weekSlot` stands for. */
export const weekOfSlot = (slot: number): { weekday: number; hour: number } => ({
  weekday: Math.floor(slot / 24) + 1,
  hour: slot % 24,
});
/** Slot holding a level's totals over all hours. */
export const ALL_HOURS = 255;
/** Company rows over every kind of number: where the company's gatekeeper shows. */
export const ANY_KIND = '*';

/**
 * A persona-like group: seniority read from the title, and whether a gatekeeper has been met
 * at the company. Prospects in one group tend to share reachable hours.
 */
export const groupOf = (seniority: number, fronted: boolean): number => seniority * 2 + (fronted ? 1 : 0);

/** What one logged dial teaches, as the call log records it. */
export type DialFact = {
  teamId: number;
  prospectId: number;
  companyId: number | null;
  seniority: number;
  phone: { id: number; kind: string } | null;
  outcome: string;
  at: Date;
  /** Prospect-local weekday (1-7) and minute of day; null when the zone was not known. */
  local: { weekday: number; minute: number } | null;
  messageLeft: boolean;
  /** The rep's time the attempt took, and whether it booked a meeting: the prospect's effort and yield. */
  repSeconds: number;
  meeting: boolean;
  /**
   * Whether a gatekeeper had been met at the company before this dial (it puts the dial in the
   * fronted persona group); read from the company's summary when not given. A correction gives
   * it from the call log, as it stood when the dial was logged.
   */
  gatekeeperBefore?: boolean;
};

/** How many recent dial instants each prospect keeps for the courtesy limits. */
export const RECENT_DIALS = 10;

/** One slot-count cell a dial adds to. */
export type DialCell = { scope: number; scopeId: number; kind: string; slot: number };

/**
 * The slot-count cells one countable dial adds to: its company's totals, then, when the local
 * hour and number are known, the book's, the persona group's (fronted when a gatekeeper was
 * ever met at the company), the number's over all hours, by hour and by weekday-hour, and the
 * company's by hour.
 */
export function dialCells(dial: DialFact, fronted: boolean): DialCell[] {
  const cells: DialCell[] = [];
  const { companyId, phone, local } = dial;
  if (companyId !== null)
    cells.push({ scope: Scope.company, scopeId: companyId, kind: ANY_KIND, slot: ALL_HOURS });
  if (!local || !phone) return cells;
  const hour = Math.floor(local.minute / 60);
  const kind = phone.kind;
  cells.push(
    { scope: Scope.book, scopeId: 0, kind, slot: hourSlot(hour) },
    { scope: Scope.group, scopeId: groupOf(dial.seniority, fronted), kind, slot: hourSlot(hour) },
    { scope: Scope.number, scopeId: phone.id, kind, slot: ALL_HOURS },
    { scope: Scope.number, scopeId: phone.id, kind, slot: hourSlot(hour) },
    { scope: Scope.number, scopeId: phone.id, kind, slot: weekSlot(local.weekday, hour) },
  );
  if (companyId !== null)
    cells.push({ scope: Scope.company, scopeId: companyId, kind, slot: hourSlot(hour) });
  return cells;
}
