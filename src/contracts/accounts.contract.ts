import { z } from 'zod';
import { MAX_ID } from '../shared/ids.ts';
import { type Operation, operation } from './operation.ts';

import { type Role, roles } from './vocabulary.ts';

export { type Role, roles };

/**
 * Who may run an operation: at least this role. `owner` is the server's owner: the operator
 * (REACH_TOKEN, the CLI on the database itself, a book without accounts) or an admin of the first team.
 */
export const accessLevels = [...roles, 'owner'] as const satisfies readonly NonNullable<
  Operation['access']
>[];
export type Access = (typeof accessLevels)[number];

/** The shortest password an account may have (ASVS 5.0 6.2.1 asks for at least 8; 12 is kept). */
export const MIN_PASSWORD = 12;
/** The longest: argon2 takes any length, 128 keeps requests small and passphrases possible. */
export const MAX_PASSWORD = 128;

const email = z
  .string()
  .trim()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an email address such as sam@northwind.example')
  .transform((e) => e.toLowerCase());
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD, `at least ${MIN_PASSWORD} characters`)
  .max(MAX_PASSWORD, `at most ${MAX_PASSWORD} characters`);

export const accountSchema = z.object({
  id: z.number().int(),
  teamId: z.number().int(),
  name: z.string(),
  email: z.string().nullable(),
  role: z.enum(roles),
  /** Whether the account can log in: a password is set and it is not disabled. */
  active: z.boolean(),
  disabledAt: z.string().nullable(),
  /** The rep's own voice in scripts and calls, within the team's. */
  phone: z.string().nullable(),
  callerId: z.string().nullable(),
  timezone: z.string().nullable(),
  reachBy: z.enum(['phone', 'browser']),
  /** The rep's own calling hours (the called person's clock) and dials per prospect; null: the team's. */
  callingHoursStart: z.string().nullable(),
  callingHoursEnd: z.string().nullable(),
  maxDialsPerDay: z.number().int().nullable(),
  maxDialsPerWeek: z.number().int().nullable(),
  createdAt: z.string(),
});
export type Account = z.infer<typeof accountSchema>;

/** A time of day as `HH:MM`. */
const clockOfDay = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'a time as HH:MM, for example 09:30');

/** Who a request runs as. */
export const whoAmISchema = z.object({
  /** Whether the server has accounts: without any, a loopback book serves its single user as today. */
  accounts: z.boolean(),
  /** How this request was authenticated. */
  via: z.enum(['session', 'token', 'operator', 'open']),
  user: accountSchema.nullable(),
  team: z.object({ id: z.number().int(), name: z.string() }),
  /** What a cookie-authenticated desk sends as `x-reach-csrf` with every change; null otherwise. */
  csrf: z.string().nullable(),
  /** Whether this principal is the server's owner (manages teams). */
  owner: z.boolean(),
});
export type WhoAmI = z.infer<typeof whoAmISchema>;

export const loginSchema = z.object({ email, password: z.string().min(1).max(MAX_PASSWORD) });
export const setupSchema = z.object({
  email,
  name: z.string().trim().min(1).max(100),
  password: passwordSchema,
});
export const linkPasswordSchema = z.object({
  token: z.string().min(20).max(200),
  password: passwordSchema,
});

const addUserSchema = z.object({
  email,
  name: z.string().trim().min(1).max(100),
  role: z.enum(roles).default('rep'),
  /** The password; left out, the answer carries a one-time link to set one. */
  password: passwordSchema.optional(),
  /** The team (id), for the server's owner adding to another team; the caller's own otherwise. */
  team: z.number().int().positive().optional(),
});

const updateUserSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    role: z.enum(roles),
    disabled: z.boolean(),
    phone: z.string().trim().min(7).max(40).nullable(),
    callerId: z.string().trim().min(7).max(40).nullable(),
    timezone: z.string().trim().min(1).max(64).nullable(),
    reachBy: z.enum(['phone', 'browser']),
    /** One's own calling hours and limits, within the team's (null: the team's). */
    callingHoursStart: clockOfDay.nullable(),
    callingHoursEnd: clockOfDay.nullable(),
    maxDialsPerDay: z.number().int().min(1).max(50).nullable(),
    maxDialsPerWeek: z.number().int().min(1).max(200).nullable(),
  })
  .partial();
export type UpdateUser = z.infer<typeof updateUserSchema>;

const userKey = z.object({ key: z.string().min(1).max(254) });

export const passwordLinkSchema = z.object({
  user: accountSchema,
  /** The path to open once (on the desk's address): it sets the password and expires after a day. */
  link: z.string(),
  expiresAt: z.string(),
});

const addedUserSchema = z.object({ user: accountSchema, setup: passwordLinkSchema.nullable() });

export const tokenSchema = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
const createdTokenSchema = tokenSchema.extend({
  /** The token itself: shown this once, kept only as its hash. */
  token: z.string(),
});

export const sessionSchema = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  address: z.string().nullable(),
  agent: z.string().nullable(),
  /** Whether it is the session this request came with. */
  current: z.boolean(),
});

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  teamId: z.number().int().nullable(),
  actor: z.string(),
  action: z.string(),
  subject: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  address: z.string().nullable(),
});

const auditQuery = z.object({
  action: z.string().max(60).optional(),
  before: z.coerce.number().int().positive().max(MAX_ID).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const teamEntrySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  accounts: z.number().int(),
  prospects: z.number().int(),
  createdAt: z.string(),
});

/** Accounts, roles, tokens, sessions and the audit log. */
export const accountOperations = {
  whoAmI: operation({
    method: 'get',
    path: '/auth/session',
    tag: 'accounts',
    summary:
      'Who this request runs as: the account, its team and role, how it was authenticated, and (for a desk with a session cookie) the CSRF token its changes carry',
    output: whoAmISchema,
    answer: 'The principal',
  }),
  changePassword: operation({
    method: 'post',
    path: '/auth/password',
    tag: 'accounts',
    summary: "Change one's own password: every other session of the account ends",
    body: z.object({ current: z.string().min(1).max(MAX_PASSWORD), password: passwordSchema }),
    output: z.object({ changed: z.literal(true), sessionsEnded: z.number().int() }),
    answer: 'Changed, and how many other sessions ended',
  }),
  users: operation({
    method: 'get',
    path: '/users',
    tag: 'accounts',
    summary:
      "The team's people: accounts with their roles, and the owners named by imports who cannot log in",
    output: z.object({ users: z.array(accountSchema) }),
    answer: 'The users, in the order they were added',
  }),
  addUser: operation({
    method: 'post',
    path: '/users',
    tag: 'accounts',
    access: 'admin',
    summary:
      'Add an account (or let a person the book already names log in): with a password, or answered with a one-time link to set one',
    body: addUserSchema,
    output: addedUserSchema,
    status: 201,
    answer: 'The account, and the link when no password was given',
    otherAnswers: { 409: 'Another account logs in with this email' },
  }),
  updateUser: operation({
    method: 'patch',
    path: '/users/{key}',
    tag: 'accounts',
    summary:
      "Change a user: an admin changes anyone's role or disables an account (their sessions and tokens stop at once); anyone changes their own voice (name, phone, caller ID, zone, how calls reach them)",
    params: userKey,
    body: updateUserSchema,
    output: accountSchema,
    answer: 'The user as it stands now',
  }),
  resetPassword: operation({
    method: 'post',
    path: '/users/{key}/password-link',
    tag: 'accounts',
    access: 'admin',
    summary:
      "An admin's reset: a one-time link that sets the account's password; the old password and every session end now",
    params: userKey,
    output: passwordLinkSchema,
    status: 201,
    answer: 'The link, to hand to its owner',
  }),
  tokens: operation({
    method: 'get',
    path: '/tokens',
    tag: 'accounts',
    summary: "One's personal API tokens (an admin: the team's), never the tokens themselves",
    output: z.object({ tokens: z.array(tokenSchema) }),
    answer: 'The tokens, newest first',
  }),
  createToken: operation({
    method: 'post',
    path: '/tokens',
    tag: 'accounts',
    summary: 'A personal API token for scripts and the CLI (REACH_TOKEN): shown once, kept as its hash',
    body: z.object({
      name: z.string().trim().min(1).max(100),
      /** The account it is for (id or email), when the operator makes one for someone: the CLI on the database has no account. */
      user: z.string().trim().min(1).max(254).optional(),
    }),
    output: createdTokenSchema,
    status: 201,
    answer: 'The token, this once',
  }),
  revokeToken: operation({
    method: 'delete',
    path: '/tokens/{id}',
    tag: 'accounts',
    summary: 'Revoke a personal API token (one of your own; an admin: any of the team)',
    params: z.object({ id: z.string() }),
    output: tokenSchema,
    answer: 'The token, revoked',
  }),
  sessions: operation({
    method: 'get',
    path: '/sessions',
    tag: 'accounts',
    summary: "One's logged-in desks (an admin: the team's), newest first",
    output: z.object({ sessions: z.array(sessionSchema) }),
    answer: 'The sessions',
  }),
  revokeSession: operation({
    method: 'delete',
    path: '/sessions/{id}',
    tag: 'accounts',
    summary: 'End a logged-in desk (one of your own; an admin: any of the team)',
    params: z.object({ id: z.string() }),
    output: sessionSchema,
    answer: 'The session, ended',
  }),
  audit: operation({
    method: 'get',
    path: '/audit',
    tag: 'accounts',
    access: 'admin',
    summary:
      "The team's audit log, newest first: logins and failed logins, accounts, roles, tokens, sessions, owners, Do-Not-Call removals, exports",
    query: auditQuery,
    output: z.object({ entries: z.array(auditEntrySchema), next: z.number().int().nullable() }),
    answer: 'A page of entries and the `before` of the next',
  }),
  teams: operation({
    method: 'get',
    path: '/teams',
    tag: 'accounts',
    access: 'owner',
    summary: "The server's teams (the server's owner only)",
    output: z.object({ teams: z.array(teamEntrySchema) }),
    answer: 'The teams',
  }),
  addTeam: operation({
    method: 'post',
    path: '/teams',
    tag: 'accounts',
    access: 'owner',
    summary:
      'Add a team sharing this server, with its first admin (the server’s owner only): its book, settings and people are its own',
    body: z.object({ name: z.string().trim().min(1).max(200), admin: addUserSchema.omit({ team: true }) }),
    output: z.object({ team: teamEntrySchema, admin: addedUserSchema }),
    status: 201,
    answer: 'The team and its admin',
  }),
};
