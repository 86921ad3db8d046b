import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { offerCategories } from '../../contracts/team.contract.ts';
import { AppError } from '../../shared/errors.ts';
import { isoDate, parseInput } from '../../shared/validate.ts';
import { isValidZone } from '../phones/index.ts';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a clock time as HH:MM');
/** A range drawn uniformly per prospect, `[from, to]`. */
const clockRange = z.tuple([clock, clock]);
const share = z.number().min(0).max(1);
const zone = z.string().refine(isValidZone, 'not an IANA time zone');
/** Weights are normalised when drawn, so one of them must be above zero. */
const someWeight = (m: Record<string, number | undefined>): boolean =>
  Object.values(m).some((w) => (w ?? 0) > 0);
/** Shares that name their keys: each is a weight, normalised when drawn. */
const mix = <K extends string>(keys: readonly [K, ...K[]]) =>
  z.partialRecord(z.enum(keys), z.number().min(0)).refine(someWeight, 'at least one share above 0');

export const personas = ['gatekeeper-fronted', 'edge-hours', 'desk', 'screener'] as const;
export type Persona = (typeof personas)[number];

const behaviourSchema = z
  .object({
    dmArrive: clockRange.default(['07:00', '09:00']),
    dmLeave: clockRange.default(['16:30', '19:30']),
    edgeDmLeave: clockRange.default(['18:30', '21:00']),
    meetingShare: share.default(0.35),
    /**
     * Reach's additions, which bring the default world to the published connect rates: the
     * decision maker's own lunch, and days away from the desk (travel, leave, working from
     * home), when the desk line goes to voicemail and only the mobile answers.
     */
    dmLunchStart: clockRange.default(['11:30', '14:00']),
    dmLunchMinutes: z.number().int().min(0).max(240).default(30),
    awayDayShare: share.default(0.3),
    gatekeeperArrive: clockRange.default(['08:15', '08:45']),
    gatekeeperLunchStart: clockRange.default(['12:00', '13:30']),
    gatekeeperLunchMinutes: z.number().int().min(0).max(240).default(60),
    gatekeeperLeave: clockRange.default(['16:45', '17:30']),
    transfer: share.default(0.15),
    revealPrivateLine: share.default(0.15),
    revealHours: share.default(0.3),
    pickup: z
      .object({
        desk: share.default(0.45),
        'gatekeeper-fronted': share.default(0.5),
        'edge-hours': share.default(0.7),
        screener: share.default(0.04),
      })
      .strict()
      .prefault({}),
    listen: share.default(0.35),
    callbackBase: z
      .object({
        generic: share.default(0.12),
        curiosity: share.default(0.18),
        relevant: share.default(0.28),
      })
      .strict()
      .prefault({}),
    callbackDelayMedianHours: z.number().positive().max(200).default(4),
    interestMean: share.default(0.12),
    researchedShare: share.default(0.6),
  })
  .strict();

const seconds = z
  .object({
    ring: z.number().int().min(1).max(120).default(25),
    gatekeeper: z.number().int().min(1).max(900).default(60),
    leaveMessage: z.number().int().min(1).max(300).default(35),
    conversation: z.number().int().min(1).max(3600).default(300),
    wrapUp: z.number().int().min(0).max(600).default(20),
  })
  .strict();

export const worldSchema = z
  .object({
    name: z.string().min(1).default('default'),
    seed: z.number().int().min(0).default(1),
    start: isoDate().default('2026-03-02'),
    days: z.number().int().min(1).max(366).default(20),
    rep: z
      .object({
        timezone: zone.default('America/New_York'),
        workday: clockRange.default(['07:30', '19:30']),
        dialingMinutesPerDay: z.number().int().min(1).max(1440).default(180),
        weekends: z.boolean().default(false),
        seconds: seconds.prefault({}),
      })
      .strict()
      .prefault({}),
    offer: z
      .object({ category: z.enum(offerCategories).default('software') })
      .strict()
      .prefault({}),
    prospects: z
      .object({
        count: z.number().int().min(1).max(1_000_000).default(400),
        timezones: z
          .record(z.string(), z.number().min(0))
          .superRefine((m, ctx) => {
            for (const name of Object.keys(m))
              if (!isValidZone(name))
                ctx.addIssue({ code: 'custom', path: [name], message: `"${name}" is not an IANA time zone` });
          })
          .refine(someWeight, 'at least one share above 0')
          .default({
            'America/New_York': 0.45,
            'America/Chicago': 0.25,
            'America/Denver': 0.1,
            'America/Los_Angeles': 0.2,
          }),
        personas: mix(personas).default({
          'gatekeeper-fronted': 0.4,
          'edge-hours': 0.18,
          desk: 0.25,
          screener: 0.17,
        }),
        directDialShare: share.default(0.6),
        mobileShare: share.default(0.25),
        badNumberShare: share.default(0.1),
        stages: mix(['new', 'engaged', 'interested'] as const).default({
          new: 0.8,
          engaged: 0.15,
          interested: 0.05,
        }),
        alreadyHasProductShare: share.default(0.2),
        competitorRelationshipShare: share.default(0.15),
        valueMedian: z.number().positive().default(20_000),
      })
      .strict()
      .prefault({}),
    behaviour: behaviourSchema.prefault({}),
  })
  .strict();

export type World = z.infer<typeof worldSchema>;
export type Behaviour = World['behaviour'];

/** A world from its JSON text: every field defaulted, unknown fields named. */
export function parseWorld(input: unknown): World {
  return parseInput(worldSchema, input, 'world');
}

/** The world in a file, or the default world when no file is given. */
export function loadWorld(file: string | undefined): World {
  if (file === undefined) return parseWorld({});
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('unreadable_input', `cannot read the world file ${file}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError(
      'unreadable_input',
      `the world file ${file} is not JSON: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return parseWorld(json);
}
