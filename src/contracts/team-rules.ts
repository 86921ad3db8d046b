import { z } from 'zod';

/** `HH:mm` on a quarter hour, so the quarter-hour search in `nextAllowed` never misses an opening. */
const quarterClock = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):(?:00|15|30|45)$|^24:00$/, 'a time HH:mm on a quarter hour (00, 15, 30 or 45)');

const minutes = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

const windowSchema = z
  .object({ start: quarterClock, end: quarterClock })
  .strict()
  .refine((window) => minutes(window.start) < minutes(window.end), {
    message: 'the window must end after it starts',
    path: ['end'],
  });

const dayWindows = z.array(windowSchema);

/** A country ('US', 'GB') or a country and subdivision ('US-FL', 'CA-QC'). */
const jurisdictionCode = z
  .string()
  .regex(/^[A-Z]{2}(?:-[A-Z0-9]{1,3})?$/, "a country code such as 'US' or 'US-FL'");

/**
 * A limit a team adds to the law. It can only narrow: every rule that applies must be satisfied,
 * so a window wider than the law's changes nothing. Scoped to jurisdictions (none: everywhere)
 * and to a list (null: every list).
 */
export const teamRuleSchema = z
  .object({
    id: z.string().min(1),
    label: z.string().min(1),
    jurisdictions: z.array(jurisdictionCode).default([]),
    list: z.string().min(1).nullable().default(null),
    hours: z.object({ weekday: dayWindows, saturday: dayWindows, sunday: dayWindows }).strict().optional(),
    holidaysForbidden: z.boolean().default(false),
    attemptCap: z
      .object({
        max: z.number().int().min(1),
        withinHours: z
          .number()
          .int()
          .min(1)
          .max(24 * 366),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((rule) => rule.hours !== undefined || rule.holidaysForbidden || rule.attemptCap !== undefined, {
    message: 'a team rule must limit something: hours, holidays or an attempt cap',
    path: ['hours'],
  });

export type TeamRule = z.output<typeof teamRuleSchema>;
export type TeamRuleInput = z.input<typeof teamRuleSchema>;
