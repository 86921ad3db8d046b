import { DateTime } from 'luxon';
import { z } from 'zod';

export const stepKinds = [
  'call',
  'email',
  'letter',
  'referral-request',
  'invitation',
  'linkedin',
  'wait',
] as const;
export type StepKind = (typeof stepKinds)[number];

/**
 * Parts of the prospect's day a call step aims at: before the gatekeeper arrives, at her
 * lunch, after she leaves, or plain business hours.
 */
export const windows = { early: '08:00', lunch: '12:45', 'after-hours': '17:30', business: '10:00' } as const;
export type Window = keyof typeof windows;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time as HH:MM, for example 08:15');

const stepSchema = z
  .object({
    day: z
      .number()
      .int()
      .min(0)
      .max(365)
      .describe('Working days after the start, in the prospect’s calendar'),
    kind: z.enum(stepKinds),
    window: z.enum(Object.keys(windows) as [Window, ...Window[]]).optional(),
    at: clock.optional().describe("The prospect's local time; the window's, or 09:00, when left out"),
    note: z.string().trim().min(1).max(300).optional(),
    send: z
      .enum(['auto', 'manual'])
      .optional()
      .describe(
        'An email step: `auto` goes out by itself when due (through the team’s SMTP server, if its checks pass); `manual`, the default, waits for the rep',
      ),
  })
  .strict();

export const cadenceSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'lower-case letters, digits and dashes, for example cold-3-weeks'),
    description: z.string().trim().min(1).max(300),
    /** Most voicemails the whole cadence may leave. */
    maxMessages: z.number().int().min(0).max(50).default(2),
    steps: z.array(stepSchema).min(1).max(100),
  })
  .strict()
  .superRefine((c, ctx) => {
    c.steps.forEach((step, i) => {
      const previous = c.steps[i - 1];
      if (previous && step.day < previous.day)
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'day'],
          message: `day ${step.day} comes before step ${i - 1}'s day ${previous.day}: list steps in order`,
        });
      if (step.window && step.kind !== 'call')
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'window'],
          message: `only a call aims at a part of the day, not ${/^[aeiou]/.test(step.kind) ? 'an' : 'a'} ${step.kind}`,
        });
      if (step.send && step.kind !== 'email')
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'send'],
          message: `only an email goes out by itself, not ${/^[aeiou]/.test(step.kind) ? 'an' : 'a'} ${step.kind}`,
        });
      if (step.kind === 'call' && step.at && (step.at < LEGAL_START || step.at >= LEGAL_END))
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'at'],
          message: `${step.at} is outside legal calling hours (${LEGAL_START}-${LEGAL_END} in the prospect's zone)`,
        });
    });
  });

export type CadenceInput = z.input<typeof cadenceSchema>;
export type Cadence = z.output<typeof cadenceSchema>;
export type CadenceStep = Cadence['steps'][number];

const LEGAL_START = '08:00';
const LEGAL_END = '21:00';
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
