import { z } from 'zod';
import { atParam } from '../shared/validate.ts';
import { operation } from './operation.ts';
import { teamRuleSchema } from './team-rules.ts';
import { strategies } from './vocabulary.ts';

/** How calls are placed: the desk's tel: link, or through Twilio with calls that log themselves. */
export const telephonyProviders = ['none', 'twilio'] as const;

/**
 * Whether calls through the provider are recorded: `off`; `on`, with a disclosure first wherever
 * the law wants every party's consent or a notice; `one-party`, only where a party's consent suffices.
 */
export const recordingModes = ['off', 'on', 'one-party'] as const;
export type RecordingMode = (typeof recordingModes)[number];

export const offerCategories = [
  'software',
  'services',
  'insurance',
  'financial-planning',
  'securities',
  'charity',
  'other',
] as const;

export const audiences = ['consumer', 'b2b'] as const;

const clock = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'a time as HH:MM, for example 08:00');

/** A currency code the runtime can format: ISO 4217, three letters. */
export function supportedCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  return Intl.supportedValuesOf('currency').includes(code);
}

/**
 * Team settings a rep or manager may change; every field optional in an update. Territory zones
 * are read as zones by the team feature (an abbreviation or a city names one), naming the entry.
 */
export const teamConfigSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    offerCategory: z.enum(offerCategories),
    defaultStrategy: z.enum(strategies),
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
    territoryZones: z.array(z.string()),
    callingAudience: z.enum(audiences),
    callingRules: z.array(teamRuleSchema),
    telephony: z.enum(telephonyProviders),
    twilioAccountSid: z
      .string()
      .trim()
      .regex(/^AC[0-9a-fA-F]{32}$/, 'an account SID: AC and 32 hexadecimal digits')
      .nullable(),
    /** Stored to sign and check requests; never read back, printed or exported. */
    twilioAuthToken: z.string().trim().min(16).max(128).nullable(),
    /** Where Twilio's REST API answers: its own address unless a stand-in is set. */
    twilioApiUrl: z.url({ protocol: /^https?$/ }).nullable(),
    /** An API key of the account (SK…), for reps whose phone is the browser: it signs their access tokens. */
    twilioApiKeySid: z
      .string()
      .trim()
      .regex(/^SK[0-9a-fA-F]{32}$/, 'an API key SID: SK and 32 hexadecimal digits')
      .nullable(),
    /** The API key's secret: stored to sign access tokens; never read back, printed or exported. */
    twilioApiKeySecret: z.string().trim().min(16).max(128).nullable(),
    /** The address Twilio reaches this server at; its webhooks are signed against it. */
    publicUrl: z.url({ protocol: /^https?$/ }).nullable(),
    callerId: z.string().trim().min(7).max(40).nullable(),
    recording: z.enum(recordingModes),
  })
  .partial()
  .strict();
export type TeamConfigPatch = z.infer<typeof teamConfigSchema>;

/** The team's settings as the API reads them: the SMTP password masked. */
export const teamConfigViewSchema = z.object({
  name: z.string(),
  offerCategory: z.enum(offerCategories),
  defaultStrategy: z.enum(strategies),
  defaultCountry: z.string(),
  callingHoursStart: z.string(),
  callingHoursEnd: z.string(),
  maxDialsPerDay: z.number(),
  maxDialsPerWeek: z.number(),
  maxMessagesPerProspect: z.number(),
  territoryZones: z.array(z.string()),
  repName: z.string().nullable(),
  repPhone: z.string().nullable(),
  sellerName: z.string().nullable(),
  repHourlyValue: z.number().nullable(),
  smtpUrl: z.string().nullable(),
  emailFrom: z.string().nullable(),
  postalAddress: z.string().nullable(),
  currency: z.string(),
  callingAudience: z.enum(audiences),
  callingRules: z.array(teamRuleSchema),
  nurtureDays: z.number(),
  telephony: z.enum(telephonyProviders),
  twilioAccountSid: z.string().nullable(),
  /** `set` when a token is stored; the token itself is never read back. */
  twilioAuthToken: z.literal('set').nullable(),
  twilioApiUrl: z.string().nullable(),
  twilioApiKeySid: z.string().nullable(),
  /** `set` when a secret is stored; the secret itself is never read back. */
  twilioApiKeySecret: z.literal('set').nullable(),
  publicUrl: z.string().nullable(),
  callerId: z.string().nullable(),
  recording: z.enum(recordingModes),
});
export type TeamConfig = z.infer<typeof teamConfigViewSchema>;

const screenings = ['TPS', 'CTPS'] as const;

export const ruleEntrySchema = z.object({
  id: z.string(),
  /** As a rep says it: "Florida", "US federal (TCPA)". */
  name: z.string(),
  jurisdiction: z.object({ country: z.string(), region: z.string().nullable() }),
  summary: z.string(),
  source: z.object({ citation: z.string(), url: z.string() }),
  /** ISO dates; `until` is exclusive. */
  effective: z.string(),
  until: z.string().nullable(),
  appliesTo: z.enum(['consumer', 'all']),
  b2bExempt: z.boolean(),
  /** What could not be confirmed from a primary source, or null. */
  verify: z.string().nullable(),
  /** Dropped for a team that calls businesses only, where the source exempts business calls. */
  dropped: z.boolean(),
});

/** A rule on what a call may do beyond the rep's voice: play a recorded message, or record. */
export const messageRuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  jurisdiction: z.object({ country: z.string(), region: z.string().nullable() }),
  /** Recorded messages: `business-landline` or `never` without consent; recording: `one-party`, `all-party`, `notice`. */
  reading: z.string(),
  summary: z.string(),
  source: z.object({ citation: z.string(), url: z.string() }),
  effective: z.string(),
  until: z.string().nullable(),
  verify: z.string().nullable(),
});

export const ruleListSchema = z.object({
  audience: z.enum(audiences),
  rules: z.array(ruleEntrySchema),
  teamRules: z.array(teamRuleSchema),
  /** When a recorded message (voicemail drop) may be played; a place without a rule gets none. */
  prerecorded: z.array(messageRuleSchema),
  /** Whose consent recording a call needs; a place without a rule gets the strict reading. */
  recording: z.array(messageRuleSchema),
});
export type RuleList = z.infer<typeof ruleListSchema>;

export const ruleCheckQuerySchema = z
  .object({
    number: z.string().trim().min(1, 'the number to check'),
    at: atParam('The moment of the call (ISO 8601); now when left out'),
  })
  .strict();
export type RuleCheckQuery = z.output<typeof ruleCheckQuerySchema>;

const refusalSchema = z.object({
  code: z.enum([
    'outside-hours',
    'day-forbidden',
    'holiday',
    'attempt-cap',
    'screening-required',
    'zone-unknown',
  ]),
  ruleId: z.string(),
  text: z.string(),
});

export const ruleCheckSchema = z.object({
  number: z.string(),
  at: z.string(),
  zones: z.array(z.object({ zone: z.string(), local: z.string() })),
  places: z.array(z.object({ country: z.string().nullable(), region: z.string().nullable() })),
  check: z.union([
    z.object({ ok: z.literal(true), screening: z.array(z.enum(screenings)) }),
    z.object({ ok: z.literal(false), refusals: z.array(refusalSchema) }),
  ]),
  /** The next moment every rule allows the call, within 14 days; null when none. */
  next: z.string().nullable(),
});
export type RuleCheck = z.infer<typeof ruleCheckSchema>;

export const teamOperations = {
  getConfig: operation({
    method: 'get',
    path: '/config',
    tag: 'config',
    summary: "The team's settings: what it sells, strategy, calling hours, courtesy limits",
    output: teamConfigViewSchema,
    answer: "The team's settings",
  }),
  updateConfig: operation({
    access: 'admin',
    method: 'patch',
    path: '/config',
    tag: 'config',
    summary: "Change the team's settings",
    body: teamConfigSchema,
    output: teamConfigViewSchema,
    answer: 'The settings as they stand now',
  }),
};

/** The calling rules and the check of a number against them (answered by the queue, which obeys them). */
export const rulesOperations = {
  rules: operation({
    method: 'get',
    path: '/rules',
    tag: 'compliance',
    summary:
      "Every calling rule Reach obeys (hours, days, holidays, attempt caps) with its source and effective date, whom the team calls, and the team's own rules",
    output: ruleListSchema,
    answer: 'The rules with their sources and dates',
  }),
  checkRules: operation({
    method: 'get',
    path: '/rules/check',
    tag: 'compliance',
    summary:
      "Whether the law and the team's rules allow calling a number at a moment, each refusal in words with its source, and the next moment they do",
    query: ruleCheckQuerySchema,
    output: ruleCheckSchema,
    answer: 'The verdict, each refusal with its rule, and the next allowed moment',
  }),
};
