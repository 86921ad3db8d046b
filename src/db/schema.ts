import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { TeamRule } from '../contracts/team-rules.ts';

const id = () => integer('id').primaryKey().generatedByDefaultAsIdentity();
/** Binary data (a recorded message's audio): a Buffer in, a Buffer out, on either engine. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const teamId = () =>
  integer('team_id')
    .notNull()
    .references(() => teams.id);

export const teams = pgTable('teams', {
  id: id(),
  name: text('name').notNull(),
  /** What the team sells: decides which voicemail rules apply. */
  offerCategory: text('offer_category').notNull().default('software'),
  defaultStrategy: text('default_strategy').notNull().default('rules'),
  defaultCountry: text('default_country').notNull().default('US'),
  callingHoursStart: text('calling_hours_start').notNull().default('08:00'),
  callingHoursEnd: text('calling_hours_end').notNull().default('21:00'),
  maxDialsPerDay: smallint('max_dials_per_day').notNull().default(2),
  maxDialsPerWeek: smallint('max_dials_per_week').notNull().default(5),
  maxMessagesPerProspect: smallint('max_messages_per_prospect').notNull().default(8),
  territoryZones: text('territory_zones').array().notNull().default(sql`'{}'::text[]`),
  /** The voice of the scripts when a prospect's owner has no name and number of their own. */
  repName: text('rep_name'),
  repPhone: text('rep_phone'),
  /** The company the rep speaks for, as said in a message: "Sam with Northwind". */
  sellerName: text('seller_name'),
  /** Pipeline value an hour of a rep's time books: the yardstick for keep-or-drop; learned from the book when null. */
  repHourlyValue: bigint('rep_hourly_value', { mode: 'number' }),
  /** Where email steps are sent: `smtp://user:pass@host:587` or `smtps://…:465`; without it they stay drafts. */
  smtpUrl: text('smtp_url'),
  /** The sender of email steps: `Sam Rivera <sam@northwind.example>`. */
  emailFrom: text('email_from'),
  /** The company's postal address: under every email, as the law expects, and atop every letter. */
  postalAddress: text('postal_address'),
  /** The currency deal values are in (ISO 4217), for every "worth" a rep reads. */
  currency: text('currency').notNull().default('USD'),
  /** Whom the team calls: `consumer` (the strict reading) keeps every rule; `b2b` drops those that exempt business calls. */
  callingAudience: text('calling_audience').notNull().default('consumer'),
  /** The team's own calling rules (compliance/team-rules.ts): they only ever narrow the law's. */
  callingRules: jsonb('calling_rules').$type<TeamRule[]>().notNull().default([]),
  /** Days a prospect who said "not interested" rests before another approach. */
  nurtureDays: smallint('nurture_days').notNull().default(90),
  /** How calls are placed: `none` (the desk's tel: link) or `twilio` (telephony/, calls that log themselves). */
  telephony: text('telephony').notNull().default('none'),
  twilioAccountSid: text('twilio_account_sid'),
  /** Signs Twilio's webhooks and Reach's requests to it: written, never read back or exported. */
  twilioAuthToken: text('twilio_auth_token'),
  /** Where Twilio's REST API answers; its own address unless a stand-in is configured. */
  twilioApiUrl: text('twilio_api_url'),
  /** An API key (SK…) of the account: signs the access tokens a rep's browser phone registers with. */
  twilioApiKeySid: text('twilio_api_key_sid'),
  /** The API key's secret: written, never read back or exported. */
  twilioApiKeySecret: text('twilio_api_key_secret'),
  /** The address Twilio reaches this server at (`https://reach.example.com`): webhooks are signed against it. */
  publicUrl: text('public_url'),
  /** The number prospects see when a rep without one of their own calls: a Twilio number or a verified caller ID. */
  callerId: text('caller_id'),
  /** Whether calls are recorded: `off` (the default) or `on`, with each jurisdiction's consent rule obeyed. */
  recording: text('recording').notNull().default('off'),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: id(),
    teamId: teamId(),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    timezone: text('timezone'),
    /** The number prospects see when this rep calls through Reach; the team's when null. */
    callerId: text('caller_id'),
    /** How a call reaches this rep: `phone` (their own phone rings first, then the prospect's) or `browser`. */
    reachBy: text('reach_by').notNull().default('phone'),
    /**
     * The rep's own calling hours (in the called person's clock) and dial limits per prospect,
     * within the team's: the stricter of the two holds for every dial the rep is proposed or places.
     */
    callingHoursStart: text('calling_hours_start'),
    callingHoursEnd: text('calling_hours_end'),
    maxDialsPerDay: integer('max_dials_per_day'),
    maxDialsPerWeek: integer('max_dials_per_week'),
    /** What this user may do: `rep`, `manager` or `admin` (accounts/roles.ts). */
    role: text('role').notNull().default('rep'),
    /** The argon2id hash of the password; null for a person who cannot log in (a prospect owner named by an import). */
    passwordHash: text('password_hash'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    /** When an admin disabled the account: no login, no session, no token from then on. */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    // An account logs in by its email, across every team of the server.
    uniqueIndex('users_login_email').on(sql`lower(${t.email})`).where(sql`${t.passwordHash} is not null`),
  ],
);

/** A logged-in desk: the cookie holds a secret, the row its SHA-256 only. */
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    digest: text('digest').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    address: text('address'),
    agent: text('agent'),
  },
  (t) => [uniqueIndex('sessions_digest').on(t.digest), index('sessions_user').on(t.userId)],
);

/** A personal API token for scripts and the CLI: shown once, kept as its SHA-256. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    digest: text('digest').notNull(),
    /** The token's first characters, so that its owner can tell it from another. */
    prefix: text('prefix').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_tokens_digest').on(t.digest), index('api_tokens_user').on(t.userId)],
);

/** A one-time link that sets an account's password (a new account without one, or an admin's reset). */
export const passwordLinks = pgTable(
  'password_links',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    digest: text('digest').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('password_links_digest').on(t.digest)],
);

/** Security-relevant actions, who did them and from where: readable by admins, kept with the backup. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    /** The team the action concerns; null for the server's own (a login by an unknown email). */
    teamId: integer('team_id').references(() => teams.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: integer('actor_id').references(() => users.id),
    /** Who acted, in words that survive the account: `sam@northwind.example`, `operator`. */
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    subject: text('subject'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    address: text('address'),
  },
  (t) => [index('audit_log_team_at').on(t.teamId, t.at), index('audit_log_action_at').on(t.action, t.at)],
);

export const companies = pgTable(
  'companies',
  {
    id: id(),
    teamId: teamId(),
    name: text('name').notNull(),
    domain: text('domain'),
    industry: text('industry'),
    address: text('address'),
    city: text('city'),
    region: text('region'),
    country: text('country'),
    timezone: text('timezone'),
    /** Dials to anyone at the company and decision-maker answers, by prospect-local hour 0-23 (queue/reach-stats.repository.ts). */
    hourDials: integer('hour_dials').array().notNull().default(sql`array_fill(0, array[24])`),
    hourReached: integer('hour_reached').array().notNull().default(sql`array_fill(0, array[24])`),
    createdAt: createdAt(),
  },
  (t) => [
    index('companies_team_domain').on(t.teamId, sql`lower(${t.domain})`),
    index('companies_team_name').on(t.teamId, sql`lower(${t.name})`),
  ],
);

/**
 * The title's seniority, computed by the database so imports, edits and summaries agree:
 * 0 unknown, 1 executive, 2 vice president or head, 3 director, 4 manager, 5 other staff.
 */
const seniorityOfTitle = sql`CASE
  WHEN title IS NULL OR btrim(title) = '' THEN 0
  WHEN title ~* '(\\m(vp|svp|evp|avp)\\M|vice[- ]president|\\mhead of\\M)' THEN 2
  WHEN title ~* '(\\m(ceo|cfo|cto|coo|cio|cmo|cro|cso|cpo|chief|president|owner|founder|co-founder|partner|principal)\\M|managing director|general manager)' THEN 1
  WHEN title ~* '\\mdirector\\M' THEN 3
  WHEN title ~* '\\m(manager|lead|supervisor)\\M' THEN 4
  ELSE 5 END`;

export const prospects = pgTable(
  'prospects',
  {
    id: id(),
    teamId: teamId(),
    companyId: integer('company_id').references(() => companies.id),
    ownerId: integer('owner_id').references(() => users.id),
    externalId: text('external_id'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    title: text('title'),
    email: text('email'),
    stage: text('stage').notNull().default('new'),
    /**
     * Where the pursuit stands (pursuit/pursuit-state.ts), kept from the latest conversation,
     * callback or hand change so the queue reads it in one pass: the state, when it began,
     * when it ends by itself, and why.
     */
    pursuit: text('pursuit').notNull().default('open'),
    pursuitSince: timestamp('pursuit_since', { withTimezone: true }),
    pursuitUntil: timestamp('pursuit_until', { withTimezone: true }),
    pursuitReason: text('pursuit_reason'),
    /** When the pursuit columns were last computed from the record; null marks a row from before they were kept. */
    pursuitCheckedAt: timestamp('pursuit_checked_at', { withTimezone: true }).defaultNow(),
    /** Estimated deal value in whole units of the team's currency. */
    value: bigint('value', { mode: 'number' }),
    alreadyHasProduct: boolean('already_has_product').notNull().default(false),
    competitorRelationship: boolean('competitor_relationship').notNull().default(false),
    research: jsonb('research').$type<Research>().notNull().default({}),
    researchedAt: timestamp('researched_at', { withTimezone: true }),
    city: text('city'),
    region: text('region'),
    country: text('country'),
    /** A single IANA zone when known; null when unknown or ambiguous. */
    timezone: text('timezone'),
    /** Candidate zones when the sources disagree or a number spans zones. */
    timezoneCandidates: text('timezone_candidates').array().notNull().default(sql`'{}'::text[]`),
    timezoneSource: text('timezone_source'),
    /** The zone the record states (a CRM's column, a rep's entry), read as IANA; kept apart since it only adds candidates. */
    statedTimezone: text('stated_timezone'),
    /** When the zone was last resolved by the current rules; null marks a row an upgrade must re-resolve. */
    zoneCheckedAt: timestamp('zone_checked_at', { withTimezone: true }).defaultNow(),
    /** The prospect asked to stop: never undone silently. */
    optedOut: boolean('opted_out').notNull().default(false),
    /** The list the prospect came in with (`reach import --list`): a team's calling rules may be scoped to it. */
    list: text('list'),
    /** A voicemail strategy for this prospect (or the list it came in with) instead of the team's. */
    voicemailStrategy: text('voicemail_strategy'),
    /** Seniority read from the title, one of `seniorities` in queue/persona.ts: a persona-like group for pooling. */
    seniority: smallint('seniority').generatedAlwaysAs(seniorityOfTitle),
    // Summaries kept as dials are logged, so the queue never rescans history (queue/reach-stats.repository.ts).
    dials: integer('dials').notNull().default(0),
    reachedCount: integer('reached_count').notNull().default(0),
    /** Effort so far, for keep-or-drop: messages left, the rep's seconds, meetings booked. */
    messages: integer('messages').notNull().default(0),
    repSeconds: integer('rep_seconds').notNull().default(0),
    meetings: integer('meetings').notNull().default(0),
    lastDialAt: timestamp('last_dial_at', { withTimezone: true }),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
    /** The latest dials, newest first, for the courtesy limits. */
    recentDials: timestamp('recent_dials', { withTimezone: true })
      .array()
      .notNull()
      .default(sql`'{}'::timestamptz[]`),
    /** Dials and decision-maker answers by prospect-local hour of day, 0-23 at index 1-24. */
    hourDials: integer('hour_dials').array().notNull().default(sql`array_fill(0, array[24])`),
    hourReached: integer('hour_reached').array().notNull().default(sql`array_fill(0, array[24])`),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('prospects_team_external').on(t.teamId, t.externalId),
    index('prospects_team_email').on(t.teamId, sql`lower(${t.email})`),
    index('prospects_company').on(t.companyId),
    index('prospects_team_stage').on(t.teamId, t.stage),
    index('prospects_team_timezone').on(t.teamId, t.timezone),
    index('prospects_pursuit_unchecked').on(t.id).where(sql`${t.pursuitCheckedAt} is null`),
    // Matches nameKeySql in prospects.repository.ts: the last-resort identity of a keyless import row.
    index('prospects_team_name_key').on(
      t.teamId,
      sql`(lower(coalesce(${t.firstName}, '') || '|' || coalesce(${t.lastName}, '') || '|' || coalesce(${t.companyId}::text, '')))`,
    ),
  ],
);

export type Research = {
  background?: string;
  priorityObjective?: string;
  referenceClients?: string;
  benefits?: string[];
  preferredChannel?: string;
  notes?: string;
  /** Who sent the rep to this prospect, for a referral opener. */
  referredBy?: string;
};

export const phoneNumbers = pgTable(
  'phone_numbers',
  {
    id: id(),
    teamId: teamId(),
    prospectId: integer('prospect_id').references(() => prospects.id),
    companyId: integer('company_id').references(() => companies.id),
    e164: text('e164').notNull(),
    kind: text('kind').notNull(),
    extension: text('extension'),
    source: text('source').notNull().default('import'),
    valid: boolean('valid').notNull().default(true),
    invalidReason: text('invalid_reason'),
    badCount: smallint('bad_count').notNull().default(0),
    /** The carrier's line type (telephony's lookup): landline, mobile, fixedVoip…; null until looked up. */
    lineType: text('line_type'),
    lineTypeAt: timestamp('line_type_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('phone_numbers_prospect_e164').on(t.prospectId, t.e164),
    index('phone_numbers_team_e164').on(t.teamId, t.e164),
    index('phone_numbers_company').on(t.companyId),
  ],
);

export const callAttempts = pgTable(
  'call_attempts',
  {
    id: id(),
    teamId: teamId(),
    prospectId: integer('prospect_id')
      .notNull()
      .references(() => prospects.id),
    phoneId: integer('phone_id').references(() => phoneNumbers.id),
    userId: integer('user_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** Prospect-local clock at dial time, frozen so learning survives later zone edits. */
    timezone: text('timezone'),
    localMinuteOfDay: smallint('local_minute_of_day'),
    localWeekday: smallint('local_weekday'),
    outcome: text('outcome').notNull(),
    result: text('result'),
    resultAt: timestamp('result_at', { withTimezone: true }),
    durationSeconds: integer('duration_seconds'),
    /** The rep's time the attempt took: the talk when logged, else the usual for its outcome, plus wrap-up (calls/call-rules.ts). */
    repSeconds: integer('rep_seconds').notNull().default(0),
    note: text('note'),
    idempotencyKey: text('idempotency_key'),
    /** A digest of the request the key was first used with: the same key with another request is refused. */
    idempotencyFingerprint: text('idempotency_fingerprint'),
    /** What was wrong with the dial when it was made, such as `dnc-number`: kept, since lists change. */
    flags: text('flags').array().notNull().default(sql`'{}'::text[]`),
    /** With a `referred` result: the person the prospect sent the rep to. */
    referredProspectId: integer('referred_prospect_id').references((): AnyPgColumn => prospects.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('call_attempts_prospect_at').on(t.prospectId, t.at),
    index('call_attempts_team_at').on(t.teamId, t.at),
    uniqueIndex('call_attempts_team_idem').on(t.teamId, t.idempotencyKey),
  ],
);

/**
 * Dials and outcomes counted per level and slot, kept as dials are logged: the learned
 * reachability the queue pools (queue/reach-stats.repository.ts). `scope` is 0 book, 1 persona group,
 * 2 company, 3 phone number; `slot` is 0-167 for local hour of week, 200-223 for local hour
 * of day, 255 for all hours.
 */
export const reachCounts = pgTable(
  'reach_counts',
  {
    teamId: teamId(),
    scope: smallint('scope').notNull(),
    scopeId: integer('scope_id').notNull(),
    kind: text('kind').notNull(),
    slot: smallint('slot').notNull(),
    dials: integer('dials').notNull().default(0),
    reached: integer('reached').notNull().default(0),
    gatekeeper: integer('gatekeeper').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.scope, t.scopeId, t.kind, t.slot] })],
);

/**
 * What the queue's stored scores were computed with: the book's answer rate by local hour and
 * the typical value, and how far a re-scoring to new ones has come.
 */
export const queueBooks = pgTable('queue_books', {
  teamId: integer('team_id')
    .primaryKey()
    .references(() => teams.id, { onDelete: 'cascade' }),
  prior: doublePrecision('prior').array(),
  typical: doublePrecision('typical'),
  rescoredAt: timestamp('rescored_at', { withTimezone: true }),
  /** While the stored scores are being brought to a new prior: the last prospect id done so far. */
  rescoreAfter: integer('rescore_after'),
});

/**
 * The book's effort totals keep-or-drop weighs, kept by a trigger as prospects change
 * (migration 0018) in sixteen stripes by prospect id, so reps logging at once do not queue
 * behind one row; read as their sum.
 */
export const bookTotals = pgTable(
  'book_totals',
  {
    teamId: integer('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    stripe: smallint('stripe').notNull(),
    dials: bigint('dials', { mode: 'number' }).notNull().default(0),
    reached: bigint('reached', { mode: 'number' }).notNull().default(0),
    messages: bigint('messages', { mode: 'number' }).notNull().default(0),
    repSeconds: bigint('rep_seconds', { mode: 'number' }).notNull().default(0),
    meetings: bigint('meetings', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.stripe] })],
);

/**
 * Each callable prospect's shortlist score at each local hour the queue may dial (value times
 * stage weight times an optimistic reading of their own, their company's and the book's record
 * at that hour), and at hour -1 the value of one never dialled: the queue reads the best of an
 * open zone and hour straight from the index instead of scoring the book. A trigger lists each
 * prospect whose score may have changed in `queue_stale`; `queue/slot-scores.ts` scores them
 * again from the queue's own constants before the queue is read.
 */
export const queueSlots = pgTable(
  'queue_slots',
  {
    prospectId: integer('prospect_id').notNull(),
    hour: smallint('hour').notNull(),
    teamId: integer('team_id').notNull(),
    ownerId: integer('owner_id'),
    /** The prospect's zone, the first candidate when it is ambiguous, '' when unknown (called in the territory's). */
    zone: text('zone').notNull(),
    score: doublePrecision('score').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.prospectId, t.hour] }),
    index('queue_slots_by_zone').on(t.teamId, t.zone, t.hour, t.score.desc(), t.prospectId),
    index('queue_slots_by_owner')
      .on(t.ownerId, t.zone, t.hour, t.score.desc(), t.prospectId)
      .where(sql`${t.ownerId} is not null`),
  ],
);

/** Prospects whose stored scores may be out of date (a value, stage, owner, zone or hour record changed). */
export const queueStale = pgTable(
  'queue_stale',
  {
    prospectId: integer('prospect_id').primaryKey(),
    teamId: integer('team_id').notNull(),
  },
  (t) => [index('queue_stale_team').on(t.teamId)],
);

export const voicemails = pgTable(
  'voicemails',
  {
    id: id(),
    teamId: teamId(),
    prospectId: integer('prospect_id')
      .notNull()
      .references(() => prospects.id),
    attemptId: integer('attempt_id').references(() => callAttempts.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(),
    template: text('template'),
    strategy: text('strategy'),
    text: text('text'),
    seconds: smallint('seconds'),
    createdAt: createdAt(),
  },
  (t) => [index('voicemails_prospect_at').on(t.prospectId, t.at)],
);

/**
 * What a message can be made of: news (about a prospect, a company or an industry), an
 * event to invite to, a contact worth an introduction, a reference client and what was done
 * for it. A point with no prospect, company or industry applies to the whole book.
 */
export const talkingPoints = pgTable(
  'talking_points',
  {
    id: id(),
    teamId: teamId(),
    kind: text('kind').notNull(),
    prospectId: integer('prospect_id').references(() => prospects.id),
    companyId: integer('company_id').references(() => companies.id),
    industry: text('industry'),
    /** The headline, the event's name, the contact's or the client's name. */
    title: text('title').notNull(),
    /** Why it matters, where and when, who the contact is, what was done for the client. */
    detail: text('detail'),
    /** The event's date, or when the news broke. */
    on: timestamp('on', { withTimezone: true }),
    /** After this instant the point is stale: a past event, old news. */
    validUntil: timestamp('valid_until', { withTimezone: true }),
    /** Where an event is: online, or a place (city, region, country); an invitation goes only to prospects near it. */
    online: boolean('online').notNull().default(false),
    city: text('city'),
    region: text('region'),
    country: text('country'),
    createdAt: createdAt(),
  },
  (t) => [index('talking_points_team_kind').on(t.teamId, t.kind)],
);

export const intelFacts = pgTable(
  'intel_facts',
  {
    id: id(),
    teamId: teamId(),
    prospectId: integer('prospect_id').references(() => prospects.id),
    companyId: integer('company_id').references(() => companies.id),
    type: text('type').notNull(),
    fromTime: text('from_time'),
    toTime: text('to_time'),
    value: jsonb('value').$type<Record<string, unknown>>().notNull().default({}),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    sourceAttemptId: integer('source_attempt_id').references(() => callAttempts.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('intel_facts_prospect').on(t.prospectId), index('intel_facts_company').on(t.companyId)],
);

/** A team's own cadences, beside the built-in ones: the definition as checked by `cadenceSchema`. */
export const cadences = pgTable(
  'cadences',
  {
    id: id(),
    teamId: teamId(),
    name: text('name').notNull(),
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('cadences_team_name').on(t.teamId, t.name)],
);

/**
 * A prospect on a cadence: the definition as it was when started (a later edit does not move
 * a running series), and whether it runs, waits for the rep (paused) or ended.
 */
export const enrollments = pgTable(
  'enrollments',
  {
    id: id(),
    teamId: teamId(),
    prospectId: integer('prospect_id')
      .notNull()
      .references(() => prospects.id),
    cadence: text('cadence').notNull(),
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    zone: text('zone').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    /** `active`, `paused` (the prospect answered: the rep decides what next), `stopped`, `done`. */
    status: text('status').notNull().default('active'),
    statusReason: text('status_reason'),
    statusAt: timestamp('status_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('enrollments_team_status').on(t.teamId, t.status),
    // One running series per prospect.
    uniqueIndex('enrollments_prospect_running').on(t.prospectId).where(sql`status in ('active', 'paused')`),
  ],
);

export const tasks = pgTable(
  'tasks',
  {
    id: id(),
    teamId: teamId(),
    prospectId: integer('prospect_id')
      .notNull()
      .references(() => prospects.id),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('open'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    enrollmentId: integer('enrollment_id').references(() => enrollments.id),
    cadence: text('cadence'),
    step: smallint('step'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('tasks_team_status_due').on(t.teamId, t.status, t.dueAt),
    index('tasks_prospect').on(t.prospectId),
    index('tasks_enrollment').on(t.enrollmentId),
  ],
);

export const callbacks = pgTable(
  'callbacks',
  {
    id: id(),
    teamId: teamId(),
    prospectId: integer('prospect_id').references(() => prospects.id),
    fromE164: text('from_e164').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    voicemailId: integer('voicemail_id').references(() => voicemails.id),
    note: text('note'),
    /** What the conversation came to: a meeting booked when they called back, a promise, a refusal. */
    result: text('result'),
    resultAt: timestamp('result_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('callbacks_prospect').on(t.prospectId), uniqueIndex('callbacks_voicemail').on(t.voicemailId)],
);

/**
 * A call placed or answered through a telephony provider: who, which number, the legs' ids at the
 * provider, and what its callbacks said (telephony/call-state.ts folds them). Its attempt is the
 * log it wrote, or the rep's log that took its place.
 */
/**
 * A message the rep recorded in their own voice, played at the beep where the law allows a
 * prerecorded message and the strategy says leave. Its words are kept to check its honesty and
 * to log what was said.
 */
export const voicemailDrops = pgTable(
  'voicemail_drops',
  {
    id: id(),
    teamId: teamId(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    transcript: text('transcript').notNull(),
    contentType: text('content_type').notNull(),
    audio: bytea('audio').notNull(),
    seconds: smallint('seconds').notNull(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('voicemail_drops_team_name').on(t.teamId, sql`lower(${t.name})`)],
);

/**
 * A person's consent on one of their numbers, given or withdrawn, kept as it was recorded (never
 * overwritten: the latest says where it stands, the rest is the evidence): `prerecorded`, to
 * recorded messages. `form` says how it was given, for rules that want it in writing.
 */
export const numberConsents = pgTable(
  'number_consents',
  {
    id: id(),
    teamId: teamId(),
    phoneId: integer('phone_id')
      .notNull()
      .references(() => phoneNumbers.id),
    kind: text('kind').notNull(),
    given: boolean('given').notNull(),
    form: text('form'),
    source: text('source').notNull(),
    by: text('by'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('number_consents_phone').on(t.phoneId, t.kind, t.id)],
);

export const telephonyCalls = pgTable(
  'telephony_calls',
  {
    id: id(),
    teamId: teamId(),
    provider: text('provider').notNull(),
    direction: text('direction').notNull(),
    prospectId: integer('prospect_id').references(() => prospects.id),
    phoneId: integer('phone_id').references(() => phoneNumbers.id),
    userId: integer('user_id').references(() => users.id),
    /** The prospect's number, E.164: dialled, or calling in. */
    e164: text('e164').notNull(),
    /** The rep's leg (the rep's own phone, rung first) and the prospect's leg, as the provider names them. */
    repSid: text('rep_sid'),
    prospectSid: text('prospect_sid'),
    /** How the rep's leg reached them: `phone` (their own, rung first) or `browser` (the desk's phone, a `client:` leg). */
    repVia: text('rep_via').notNull().default('phone'),
    /** Where the call stands (telephony/call-state.ts): `placing`, `ringing`, `person`, `machine`, `beep`, `ended`… */
    state: text('state').notNull(),
    /** The provider's last word on the prospect's leg and its answering-machine detection. */
    status: text('status'),
    answeredBy: text('answered_by'),
    ringingAt: timestamp('ringing_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    beepAt: timestamp('beep_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    durationSeconds: integer('duration_seconds'),
    ringSeconds: integer('ring_seconds'),
    sipCode: integer('sip_code'),
    /** The attempt logged for the call, and whether the call or the rep wrote it. */
    attemptId: integer('attempt_id').references(() => callAttempts.id, { onDelete: 'set null' }),
    loggedBy: text('logged_by'),
    callbackId: integer('callback_id').references(() => callbacks.id, { onDelete: 'set null' }),
    recordingUrl: text('recording_url'),
    /** Recorded, and whether the prospect heard the disclosure first (compliance/message-rules.ts). */
    recorded: boolean('recorded').notNull().default(false),
    disclosed: boolean('disclosed').notNull().default(false),
    /** The recorded message played at the beep, and when. */
    dropId: integer('drop_id').references(() => voicemailDrops.id),
    droppedAt: timestamp('dropped_at', { withTimezone: true }),
    greeting: text('greeting'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('telephony_calls_prospect_sid').on(t.provider, t.prospectSid),
    uniqueIndex('telephony_calls_rep_sid').on(t.provider, t.repSid),
    index('telephony_calls_team_at').on(t.teamId, t.at),
  ],
);

/**
 * Every webhook a provider sent, once: kept as received (signature checked), folded into its call
 * by the call processor. `key` is a digest of the request, so a repeat is recognised.
 */
export const telephonyEvents = pgTable(
  'telephony_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    teamId: teamId(),
    callId: integer('call_id').references(() => telephonyCalls.id),
    kind: text('kind').notNull(),
    /** `rep` (the rep's own phone, rung first) or `prospect`: which leg of the call it speaks of. */
    leg: text('leg').notNull(),
    key: text('key').notNull(),
    params: jsonb('params').$type<Record<string, string>>().notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('telephony_events_key').on(t.key),
    index('telephony_events_call').on(t.callId, t.id),
    index('telephony_events_waiting').on(t.id).where(sql`processed_at is null`),
  ],
);

/** A logged call changed after the undo window: what it said before and after, who changed it and why. */
export const callCorrections = pgTable(
  'call_corrections',
  {
    id: id(),
    teamId: teamId(),
    attemptId: integer('attempt_id')
      .notNull()
      .references(() => callAttempts.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    by: text('by'),
    reason: text('reason').notNull(),
    before: jsonb('before').$type<Record<string, unknown>>().notNull(),
    after: jsonb('after').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('call_corrections_attempt').on(t.attemptId)],
);

export const dncEntries = pgTable(
  'dnc_entries',
  {
    id: id(),
    teamId: teamId(),
    e164: text('e164'),
    prospectId: integer('prospect_id').references(() => prospects.id),
    reason: text('reason').notNull(),
    source: text('source').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedReason: text('removed_reason'),
    /** An email address (lower case) that asked not to be contacted: suppressed on every record and import. */
    email: text('email'),
    /** The person's own stop request (not a list the team loaded): it binds every record of theirs. */
    bindsPerson: boolean('binds_person').notNull().default(false),
  },
  (t) => [
    index('dnc_team_e164').on(t.teamId, t.e164),
    index('dnc_prospect').on(t.prospectId),
    index('dnc_team_email').on(t.teamId, t.email),
  ],
);

/** Every Do-Not-Call entry added or lifted, by whom and why: the audit log of stop requests. */
export const dncEvents = pgTable(
  'dnc_events',
  {
    id: id(),
    teamId: teamId(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    action: text('action').notNull(),
    prospectId: integer('prospect_id').references(() => prospects.id),
    e164: text('e164'),
    email: text('email'),
    reason: text('reason').notNull(),
    source: text('source'),
    by: text('by'),
    /** For a lifted stop request: the user confirmed the person's consent to be called again. */
    consent: boolean('consent').notNull().default(false),
  },
  (t) => [index('dnc_events_team_at').on(t.teamId, t.at)],
);

/** What re-resolving a book's zones changed, and why: the report of a zone upgrade. */
export const zoneChanges = pgTable(
  'zone_changes',
  {
    id: id(),
    teamId: teamId(),
    prospectId: integer('prospect_id')
      .notNull()
      .references(() => prospects.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    before: text('before').array().notNull(),
    after: text('after').array().notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [index('zone_changes_team').on(t.teamId, t.at)],
);

export const stageChanges = pgTable(
  'stage_changes',
  {
    id: id(),
    prospectId: integer('prospect_id')
      .notNull()
      .references(() => prospects.id),
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    reason: text('reason').notNull(),
    attemptId: integer('attempt_id').references(() => callAttempts.id),
  },
  (t) => [index('stage_changes_prospect').on(t.prospectId)],
);

/** A rep's own move of a pursuit: the state, its end, who and why. */
export const pursuitChanges = pgTable(
  'pursuit_changes',
  {
    id: id(),
    teamId: teamId(),
    prospectId: integer('prospect_id')
      .notNull()
      .references(() => prospects.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    state: text('state').notNull(),
    until: timestamp('until', { withTimezone: true }),
    reason: text('reason').notNull(),
    by: text('by'),
    /** The account that decided (a rep's keep-or-drop), for each rep's figures; null when no account did. */
    userId: integer('user_id').references(() => users.id),
  },
  (t) => [index('pursuit_changes_prospect').on(t.prospectId, t.at)],
);

/**
 * A prospect a rep has open: no other rep is proposed them or may dial them until it lapses. A
 * prospect reached through the company's main line holds the company too (its gatekeeper hears
 * one rep at a time).
 */
export const prospectHolds = pgTable(
  'prospect_holds',
  {
    prospectId: integer('prospect_id')
      .primaryKey()
      .references(() => prospects.id),
    teamId: teamId(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    companyId: integer('company_id').references(() => companies.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    until: timestamp('until', { withTimezone: true }).notNull(),
  },
  (t) => [index('prospect_holds_company').on(t.companyId).where(sql`${t.companyId} is not null`)],
);

/** Every table, parents before children: the order for a full export and import. */
export const allTables = {
  teams,
  users,
  companies,
  prospects,
  phoneNumbers,
  callAttempts,
  voicemails,
  talkingPoints,
  intelFacts,
  cadences,
  enrollments,
  tasks,
  callbacks,
  dncEntries,
  stageChanges,
  callCorrections,
  zoneChanges,
  dncEvents,
  pursuitChanges,
  numberConsents,
  voicemailDrops,
  telephonyCalls,
  telephonyEvents,
  apiTokens,
  auditLog,
} as const;
