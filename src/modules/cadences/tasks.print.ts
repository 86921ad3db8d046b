import { DateTime } from 'luxon';
import type { TaskList } from '../../contracts/cadences.contract.ts';
import { zoneCity } from '../../shared/local-clock.ts';
import { counted } from '../../shared/terminal-text.ts';

/** An instant on a zone's clock, with the zone: "Tue 03 Mar 15:00 New York". */
const clockIn = (iso: string, zone: string): string =>
  `${DateTime.fromISO(iso, { zone }).toFormat('ccc dd LLL HH:mm')} ${zoneCity(zone)}`;

/** What the list runs to, in the rep's clock: "Due today, until 23:59 America/Chicago". */
const dueHeader = (list: TaskList): string =>
  list.endOfDay
    ? `Due today, until 23:59 ${list.zone}`
    : `Due before ${DateTime.fromISO(list.dueBefore, { zone: list.zone }).toFormat('ccc dd LLL HH:mm')} ${list.zone}`;

/**
 * `reach tasks`: open tasks due, earliest first, each in the prospect's clock (or the rep's when
 * the prospect's zone is unknown), with keep-or-drop's word where it is not "continue" and any
 * problem with the step. Loaded when a list is printed: it brings the time zone library.
 */
export function taskListLines(list: TaskList): string[] {
  const lines = [`${dueHeader(list)}: ${counted(list.items.length, 'task', 'tasks')}`];
  for (const t of list.items) {
    const where = t.cadence ? `${t.cadence} ${t.step}/${t.of ?? '?'}` : 'promised';
    const who = `${t.prospect.name}${t.prospect.company ? `, ${t.prospect.company}` : ''}`;
    const when = t.local && t.zone ? `${t.local} ${zoneCity(t.zone)}` : clockIn(t.dueAt, list.zone);
    lines.push(
      `${String(t.id).padStart(5)}  ${when}${t.overdue ? ' (overdue)' : ''}  ${(t.auto ? `${t.kind} (auto)` : t.kind).padEnd(16)} ${who} (#${t.prospect.id})  ${where}${t.note ? `: ${t.note}` : ''}`,
    );
    if (t.pursuit && t.pursuit.recommendation !== 'continue')
      lines.push(`         keep-or-drop: ${t.pursuit.recommendation}: ${t.pursuit.reason}`);
    if (t.problem) lines.push(`         ${t.problem}`);
  }
  return lines;
}
