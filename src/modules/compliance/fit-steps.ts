import { type CallInput, checkCall, nextAllowed } from './calling-rules.ts';

/** How far ahead a refused call step may move: past a 30-day cap with room to spare. */
const SEARCH_DAYS = 45;

/**
 * A cadence's call steps moved, each to the first moment every calling rule allows it: a step
 * laid at 20:30 for a Florida number moves to the next morning, a fifth call within 30 days in
 * France past the first. The earlier call steps count as dials for the rolling caps. Other
 * steps stay; `moved` says why a step moved.
 */
export function fitCallSteps<T extends { kind: string; dueAt: Date }>(
  steps: T[],
  call: CallInput,
): (T & { moved: string | null })[] {
  const dials = [...call.attempts];
  return steps.map((step) => {
    if (step.kind !== 'call') return { ...step, moved: null };
    const input = { ...call, attempts: dials };
    const check = checkCall(step.dueAt, input);
    const dueAt = check.ok ? step.dueAt : (nextAllowed(step.dueAt, input, SEARCH_DAYS) ?? step.dueAt);
    dials.push(dueAt);
    const moved = check.ok || dueAt === step.dueAt ? null : (check.refusals[0]?.text ?? null);
    return { ...step, dueAt, moved };
  });
}
