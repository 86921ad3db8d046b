import type { CallFields } from '../../contracts/calls.contract.ts';
import type { Stage } from '../../contracts/vocabulary.ts';
import {
  followUpOf,
  type MessageKind,
  nextStage,
  type Outcome,
  type Result,
  type StageMove,
} from '../outcomes/call-rules.ts';

/** What a rep can correct on a logged call, as stored before and after a correction. */
export type { CallFields };

/** The fields a correction names; null clears a result, its time, the note or the talk time. */
export type CorrectionPatch = {
  outcome?: Outcome | undefined;
  result?: Result | null | undefined;
  resultAt?: string | null | undefined;
  number?: string | undefined;
  note?: string | null | undefined;
  durationSeconds?: number | null | undefined;
  message?: { kind: MessageKind; text?: string | undefined } | undefined;
};

const conversational = (outcome: Outcome): boolean => outcome === 'reached' || outcome === 'gatekeeper';

/**
 * The call as it will read after the correction. A field the patch leaves out keeps its value,
 * unless the new outcome or result can no longer carry it: a result falls away with a
 * conversation, a time with a meeting or promise, a message with the voicemail. What the patch
 * names is kept as given, for `checkLog` to judge.
 */
export function mergeCorrection(before: CallFields, patch: CorrectionPatch): CallFields {
  const outcome = patch.outcome ?? before.outcome;
  const result = patch.result !== undefined ? patch.result : conversational(outcome) ? before.result : null;
  const resultAt =
    patch.resultAt !== undefined ? patch.resultAt : followUpOf(result) ? before.resultAt : null;
  const message = patch.message
    ? { kind: patch.message.kind, text: patch.message.text ?? before.message?.text ?? null }
    : outcome === 'voicemail-left'
      ? before.message
      : null;
  return {
    outcome,
    result,
    resultAt,
    number: patch.number ?? before.number,
    note: patch.note !== undefined ? patch.note : before.note,
    durationSeconds: patch.durationSeconds !== undefined ? patch.durationSeconds : before.durationSeconds,
    message,
  };
}

const fieldOrder = [
  'outcome',
  'result',
  'resultAt',
  'number',
  'message',
  'durationSeconds',
  'note',
] as const satisfies readonly (keyof CallFields)[];

/** The fields that differ, in the order a rep reads them. */
export function changedFields(before: CallFields, after: CallFields): (keyof CallFields)[] {
  return fieldOrder.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

function shown(field: keyof CallFields, fields: CallFields): string {
  const value = fields[field];
  if (value === null) return 'none';
  if (field === 'resultAt') return String(value).slice(0, 16).replace('T', ' ');
  if (field === 'message') return `${fields.message?.kind} message`;
  if (field === 'durationSeconds') return `${value} s`;
  if (field === 'note') return `"${value}"`;
  return String(value);
}

/** A correction in words: `corrected call 123: no-answer → voicemail, by Sam: wrong key`. */
export function describeCorrection(c: {
  attemptId: number;
  before: CallFields;
  after: CallFields;
  by: string | null;
  reason: string;
}): string {
  const changes = changedFields(c.before, c.after).map((field) =>
    field === 'outcome'
      ? `${c.before.outcome} → ${c.after.outcome}`
      : `${field} ${shown(field, c.before)} → ${shown(field, c.after)}`,
  );
  return `corrected call ${c.attemptId}: ${changes.join(', ') || 'no change'}, by ${c.by ?? 'the desk'}: ${c.reason}`;
}

/** How a correction moves the stage: from where, whether the call's own move is taken back, and the move. */
export type Restaging = {
  /** The stage the corrected call moves from. */
  from: Stage;
  /** The call's own move is taken back (the prospect is still where it put them). */
  takeBack: boolean;
  move: StageMove | null;
};

/**
 * Where the stage goes when a call is corrected. While the prospect is still at the stage the
 * call moved them to, the call's move is taken back and the corrected call moves them from
 * where they were (a meeting taken away moves them back); otherwise the corrected call moves
 * them on from where they are now, and never back.
 */
export function restage(input: {
  current: Stage;
  own: { from: Stage; to: Stage } | null;
  after: { outcome: Outcome; result: Result | null };
}): Restaging {
  const { current, own } = input;
  const after = { outcome: input.after.outcome, result: input.after.result ?? undefined };
  if (own && current === own.to) return { from: own.from, takeBack: true, move: nextStage(own.from, after) };
  return { from: current, takeBack: false, move: nextStage(current, after) };
}
