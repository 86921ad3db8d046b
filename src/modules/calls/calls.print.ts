import type { CallbackCard, RecordedCallback } from '../../contracts/callbacks.contract.ts';
import type {
  CallRow,
  CorrectedCall,
  LoggedCall,
  Timeline,
  UndoneCall,
} from '../../contracts/calls.contract.ts';
import { minuteOf, tableLines } from '../../shared/terminal-text.ts';
import { describeCorrection } from './correction-rules.ts';

/** What each flag on a logged or corrected call tells the rep. */
export const flagWords: Record<string, string> = {
  'dnc-number': 'this number is on the Do-Not-Call list',
  'opted-out': 'this prospect asked not to be called',
  'opted-out-now': 'prospect and all their numbers are now on the Do-Not-Call list; open tasks cancelled',
  'number-invalidated': 'number taken out of use; their other numbers will be used',
  'number-restored': 'number back in use: the bad result that took it out was corrected',
};

const warnings = (flags: string[]): string[] => flags.map((flag) => `  warning: ${flagWords[flag] ?? flag}`);

const weekdays = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** `reach log`: the call as logged, in the prospect's clock, with the stage it moved and every warning. */
export function loggedLines(logged: LoggedCall): string[] {
  const { attempt, stage } = logged;
  const where = attempt.number ? ` on ${attempt.number.kind} ${attempt.number.e164}` : '';
  const when = attempt.local
    ? `${weekdays[attempt.local.weekday]} ${attempt.local.time} (${attempt.local.timezone})`
    : attempt.at;
  return [
    `${logged.replayed ? 'Already logged' : 'Logged'} call ${attempt.id}: ${attempt.outcome}${attempt.result ? ` → ${attempt.result}` : ''}${where} at ${when}`,
    ...(stage ? [`  stage ${stage.from} → ${stage.to} (${stage.reason})`] : []),
    ...(attempt.referredProspectId ? [`  referred to prospect ${attempt.referredProspectId}`] : []),
    ...warnings(logged.flags),
  ];
}

/** `reach undo`: the call taken back, and the stage it returned to. */
export const undoneLines = (undone: UndoneCall): string[] => [
  `Undone call ${undone.undone} (${undone.outcome}) of prospect ${undone.prospectId}${undone.stage ? `; stage back to ${undone.stage}` : ''}`,
];

/** `reach calls`: logged calls, newest first, in UTC and the prospect's clock. */
export const callRowLines = (items: CallRow[]): string[] => [
  ...tableLines(
    ['ID', 'AT (UTC)', 'THEIR TIME', 'PROSPECT', 'NUMBER', 'OUTCOME', 'RESULT', 'FLAGS'],
    items.map((c) => [
      c.id,
      minuteOf(c.at),
      c.localTime,
      c.prospect,
      c.number,
      c.outcome,
      c.result,
      c.flags.join(' '),
    ]),
  ),
  `${items.length} calls`,
];

/** `reach calls correct`: what changed, the stage it moved, and every warning. */
export function correctedLines(corrected: CorrectedCall): string[] {
  const text = describeCorrection(corrected.correction);
  const { stage } = corrected;
  return [
    `${text.charAt(0).toUpperCase()}${text.slice(1)}`,
    ...(stage ? [`  stage ${stage.from} → ${stage.to}`] : []),
    ...warnings(corrected.call.flags),
  ];
}

/** `reach timeline`: everything that happened with a prospect, oldest first, and the effort spent. */
export function timelineLines(t: Timeline): string[] {
  const f = t.effort;
  return [
    `${t.name} (#${t.prospectId})`,
    ...t.entries.map((e) => `  ${minuteOf(e.at)}  ${e.type.padEnd(10)} ${e.text}`),
    `effort: ${f.attempts} calls, ${f.conversations} conversations, ${f.voicemails} messages, ${f.callbacks} callbacks, ${f.minutes} minutes`,
  ];
}

/** `reach lookup`: who is calling, the messages that may have earned the call, what to say. */
export function cardLines(card: CallbackCard): string[] {
  if (!card.known) return [card.text];
  const p = card.prospect;
  return [
    `${p.name}${p.title ? `, ${p.title}` : ''}${p.company ? ` at ${p.company}` : ''}  (#${p.id}, ${p.stage})`,
    `  their time: ${card.localTime.label}`,
    ...card.messages
      .slice(0, 3)
      .map((m) => `  message ${minuteOf(m.at)} UTC [${m.kind}]${m.text ? ` "${m.text}"` : ''}`),
    ...(card.lastOutcome
      ? [
          `  last call: ${card.lastOutcome.outcome}${card.lastOutcome.result ? ` → ${card.lastOutcome.result}` : ''}`,
        ]
      : []),
    ...card.intel.slice(0, 4).map((fact) => `  ${fact}`),
    ...(card.others.length ? [`  also on this number: ${card.others.map((o) => o.name).join(', ')}`] : []),
    `  say: ${card.opener}`,
  ];
}

/** `reach callback`: the callback recorded, the message it was credited to, then the caller's card. */
export const recordedCallbackLines = (recorded: RecordedCallback): string[] => [
  `Callback ${recorded.callbackId} recorded${recorded.attributedTo ? `, credited to message ${recorded.attributedTo}` : ', not credited to a message'}${recorded.result ? `: ${recorded.result}${recorded.resultAt ? ` ${recorded.resultAt}` : ''}` : ''}`,
  ...cardLines(recorded.card),
];
