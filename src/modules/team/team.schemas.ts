import { z } from 'zod';
import { strategies as voicemailStrategies } from '../../contracts/vocabulary.ts';
import { readZone } from '../phones/zone-names.ts';
import { teamRuleSchema } from './team-rules.ts';

export const offerCategories = [
  'software',
  'services',
  'insurance',
  'financial-planning',
  'securities',
  'charity',
  'other',
] as const;

export { strategies, strategies as voicemailStrategies } from '../../contracts/vocabulary.ts';

const clock = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'a time as HH:MM, for example 08:00');

/** Team settings a rep or manager may change; every field optional in an update. */
export const teamConfigSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    offerCategory: z.enum(offerCategories),
    defaultStrategy: z.enum(voicemailStrategies),
    defaultCountry: z.string().regex(/^[A-Z]{2}$/, 'an ISO country code such as US or GB'),
    callingHoursStart: clock,
    callingHoursEnd: clock,
    maxDialsPerDay: z.number().int().min(1).max(20),
    maxDialsPerWeek: z.number().int().min(1).max(50),
    maxMessagesPerProspect: z.number().int().min(0).max(100),
    /** Days a prospect who said "not interested" rests before another approach. */
    nurtureDays: z.number().int().min(1).max(730),
    repName: z.string().trim().min(1).max(100).nullable(),
    repPhone: z.string().trim().min(7).max(40).nullable(),
    sellerName: z.string().trim().min(1).max(100).nullable(),
    /** Pipeline value an hour of calling books, for keep-or-drop; null learns it from the book. */
    repHourlyValue: z.number().int().min(1).max(1_000_000_000).nullable(),
    smtpUrl: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, 'an SMTP address such as smtp://user:pass@mail.example.com:587')
      .nullable(),
    emailFrom: z.string().trim().min(3).max(200).nullable(),
    postalAddress: z.string().trim().min(5).max(300).nullable(),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .refine((code) => supportedCurrency(code), 'an ISO 4217 currency code such as USD, EUR or GBP'),
    territoryZones: z.array(
      z.string().transform((text, ctx) => {
        const read = readZone(text);
        if (read.ok) return read.zone;
        ctx.addIssue({ code: 'custom', message: read.reason });
        return z.NEVER;
      }),
    ),
    callingAudience: z.enum(['consumer', 'b2b']),
    callingRules: z.array(teamRuleSchema),
  })
  .partial()
  .strict();

/** A currency code the runtime can format: ISO 4217, three letters. */
export function supportedCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  return Intl.supportedValuesOf('currency').includes(code);
}

export type TeamConfigPatch = z.infer<typeof teamConfigSchema>;

/** Legal calling hours are a ceiling: a team may narrow them, never widen them. */
export const LEGAL_START = '08:00';
export const LEGAL_END = '21:00';
