import { DateTime } from 'luxon';
import { type Cadence, type CadenceStep, type StepKind, windows } from '../../contracts/cadences.contract.ts';

/** Non-call steps land at the start of the prospect's working morning. */
const DEFAULT_AT = '09:00';

/** A step's instant: its working day after the start, at its local time, in the prospect's zone. */
export type ScheduledStep = {
  step: number;
  kind: StepKind;
  dueAt: Date;
  local: string;
  note: string | null;
  /** An email step that goes out by itself. */
  auto: boolean;
};

/**
 * Lays a cadence over the prospect's calendar from `start`: each step on its working day
 * (weekends skipped) at its local time in the prospect's zone, never the rep's. When the
 * first step's time has already passed on the start day, the series starts a working day later.
 */
export function schedule(cadence: Cadence, input: { start: Date; zone: string }): ScheduledStep[] {
  const first = DateTime.fromJSDate(input.start, { zone: input.zone });
  if (!first.isValid) throw new Error(`"${input.zone}" is not a time zone`);
  const at = (step: CadenceStep) => {
    const [hour, minute] = (step.at ?? (step.window ? windows[step.window] : DEFAULT_AT))
      .split(':')
      .map(Number) as [number, number];
    return { hour, minute };
  };
  let day0 = first.startOf('day');
  while (day0.weekday > 5) day0 = day0.plus({ days: 1 });
  const shift = day0.set(at(cadence.steps[0]!)) < first ? 1 : 0;
  return cadence.steps.map((step, i) => {
    const due = addWorkingDays(day0, step.day + shift).set(at(step));
    return {
      step: i,
      kind: step.kind,
      dueAt: due.toJSDate(),
      local: due.toFormat('ccc dd LLL HH:mm'),
      note: step.note ?? null,
      auto: step.send === 'auto',
    };
  });
}

function addWorkingDays(from: DateTime, days: number): DateTime {
  let d = from;
  for (let left = days; left > 0; ) {
    d = d.plus({ days: 1 });
    if (d.weekday <= 5) left--;
  }
  return d;
}
