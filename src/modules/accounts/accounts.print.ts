import type { Account, WhoAmI } from '../../contracts/accounts.contract.ts';
import type { Operations, OutputOf } from '../../contracts/index.ts';
import { tableLines } from '../../shared/terminal-text.ts';

type Link = { user: Account; link: string; expiresAt: string };

/** `reach users list`: who is on the team, with role and whether they can log in. */
export function userListLines(answer: { users: Account[] }): string[] {
  return tableLines(
    ['id', 'name', 'email', 'role', 'login', 'phone', 'caller id', 'zone'],
    answer.users.map((u) => [
      u.id,
      u.name,
      u.email,
      u.role,
      u.disabledAt ? 'disabled' : u.active ? 'yes' : u.email ? 'no password yet' : 'no account',
      u.phone,
      u.callerId,
      u.timezone,
    ]),
  );
}

/** One account, as changed. */
export function userLines(u: Account): string[] {
  return [
    `User ${u.id} ${u.name}${u.email ? ` <${u.email}>` : ''}: ${u.role}, ${u.disabledAt ? `disabled since ${u.disabledAt}` : u.active ? 'can log in' : 'cannot log in yet'}`,
    ...(u.phone || u.callerId ? [`  phone ${u.phone ?? '-'}, caller ID ${u.callerId ?? "the team's"}`] : []),
    ...(u.timezone ? [`  zone ${u.timezone}`] : []),
    ...(u.callingHoursStart || u.callingHoursEnd || u.maxDialsPerDay || u.maxDialsPerWeek
      ? [
          `  own calling hours ${u.callingHoursStart ?? "the team's start"}-${u.callingHoursEnd ?? "the team's end"} (the called person's clock), at most ${u.maxDialsPerDay ?? "the team's"} dials per prospect a day and ${u.maxDialsPerWeek ?? "the team's"} a week`,
        ]
      : []),
  ];
}

/** A one-time link: to hand to its owner, opened on the desk's address. */
export function linkLines(link: Link): string[] {
  return [
    `One-time link for ${link.user.email ?? link.user.name}, good until ${link.expiresAt} (UTC):`,
    `  <the desk's address>${link.link}`,
    '  Opened once, it sets the password; hand it over in person or by a channel only they read.',
  ];
}

export function addedUserLines(answer: { user: Account; setup: Link | null }): string[] {
  return [...userLines(answer.user), ...(answer.setup ? linkLines(answer.setup) : [])];
}

export function whoAmILines(who: WhoAmI): string[] {
  const as =
    who.user === null
      ? who.via === 'open'
        ? 'the single user of a book without accounts'
        : 'the operator (REACH_TOKEN or the database itself)'
      : `${who.user.name} <${who.user.email}>, ${who.user.role}`;
  return [
    `You are ${as}, in team ${who.team.id} "${who.team.name}"${who.owner ? " (the server's owner)" : ''}.`,
    ...(who.accounts
      ? []
      : ['This server has no accounts yet: `reach users add EMAIL --role admin` makes the first admin.']),
  ];
}

type Token = OutputOf<Operations['revokeToken']>;

export function tokenListLines(answer: { tokens: Token[] }): string[] {
  return tableLines(
    ['id', 'user', 'name', 'starts', 'created (UTC)', 'last used (UTC)', 'revoked'],
    answer.tokens.map((t) => [
      t.id,
      t.userId,
      t.name,
      `${t.prefix}…`,
      t.createdAt,
      t.lastUsedAt,
      t.revokedAt,
    ]),
  );
}

export function tokenLines(token: Token & { token?: string }): string[] {
  return token.token
    ? [
        `Token ${token.id} "${token.name}": ${token.token}`,
        '  Shown this once: keep it where your scripts read it (REACH_TOKEN); Reach keeps only its hash.',
      ]
    : [
        `Token ${token.id} "${token.name}" (${token.prefix}…)${token.revokedAt ? ` revoked ${token.revokedAt}` : ''}`,
      ];
}

type Session = OutputOf<Operations['revokeSession']>;

export function sessionListLines(answer: { sessions: Session[] }): string[] {
  return tableLines(
    ['id', 'user', 'since (UTC)', 'last seen (UTC)', 'from', 'state'],
    answer.sessions.map((s) => [
      s.id,
      s.userId,
      s.createdAt,
      s.lastSeenAt,
      s.address,
      s.revokedAt ? `ended ${s.revokedAt}` : s.current ? 'this one' : 'live',
    ]),
  );
}

export function sessionLines(s: Session): string[] {
  return [`Session ${s.id} of user ${s.userId}: ${s.revokedAt ? `ended ${s.revokedAt}` : 'live'}`];
}

export function auditLines(answer: OutputOf<Operations['audit']>): string[] {
  return [
    ...tableLines(
      ['id', 'at (UTC)', 'who', 'action', 'subject', 'from', 'detail'],
      answer.entries.map((e) => [
        e.id,
        e.at,
        e.actor,
        e.action,
        e.subject,
        e.address,
        JSON.stringify(e.detail),
      ]),
    ),
    ...(answer.next !== null ? [`(older: --before ${answer.next})`] : []),
  ];
}

type TeamEntry = OutputOf<Operations['teams']>['teams'][number];

export function teamListLines(answer: { teams: TeamEntry[] }): string[] {
  return tableLines(
    ['id', 'name', 'accounts', 'prospects', 'since (UTC)'],
    answer.teams.map((t) => [t.id, t.name, t.accounts, t.prospects, t.createdAt]),
  );
}

export function addedTeamLines(answer: OutputOf<Operations['addTeam']>): string[] {
  return [`Team ${answer.team.id} "${answer.team.name}"`, ...addedUserLines(answer.admin)];
}
