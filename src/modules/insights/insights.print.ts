import type { Operations, OutputOf } from '../../contracts/index.ts';
import { tableLines } from '../../shared/terminal-text.ts';

const pct = (x: number | null): string => (x === null ? '-' : `${Math.round(x * 100)}%`);

/** `reach users figures`: each rep's calling over the period, most dials first. */
export function repFiguresLines(answer: OutputOf<Operations['repFigures']>): string[] {
  return [
    `From ${answer.since} to ${answer.until} (UTC)`,
    ...tableLines(
      [
        'rep',
        'dials',
        'connects',
        'conversations',
        'meetings',
        'messages',
        'callbacks',
        'hours',
        'meetings/h',
        'keep-or-drop',
      ],
      answer.reps.map((r) => [
        r.name,
        r.dials,
        `${r.connects} (${pct(r.connectRate)})`,
        r.conversations,
        r.meetings,
        r.messagesLeft,
        `${r.callbacks}${
          r.callbacks > 0
            ? ` (${Object.entries(r.callbacksByKind)
                .map(([k, n]) => `${k} ${n}`)
                .join(', ')})`
            : ''
        }`,
        r.hours,
        r.meetingsPerHour ?? '-',
        Object.entries(r.decisions)
          .map(([state, n]) => `${state} ${n}`)
          .join(', ') || '-',
      ]),
    ),
  ];
}
