import { Command } from 'commander';
import { roles } from '../../contracts/vocabulary.ts';
import {
  addedTeamLines,
  addedUserLines,
  auditLines,
  linkLines,
  sessionLines,
  sessionListLines,
  teamListLines,
  tokenLines,
  tokenListLines,
  userLines,
  userListLines,
  whoAmILines,
} from '../../modules/accounts/accounts.print.ts';
import { repFiguresLines } from '../../modules/insights/insights.print.ts';
import { AppError } from '../../shared/errors.ts';
import { show } from '../output.ts';
import { common, withClient } from '../run.ts';

/** A password read from standard input (a pipe or a prompt), its final line break dropped. */
async function passwordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (then Enter, and Ctrl-D): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (!text) throw new AppError('validation', 'password: nothing was read from standard input');
  return text;
}

const roleHelp = roles.join('|');

export function usersCommand(): Command {
  const cmd = new Command('users').description(
    "the team's people and their accounts: roles (rep, manager, admin), logins, their own voice in scripts and calls",
  );
  common(cmd.command('add <email>'))
    .description(
      'add an account; without --password-stdin a one-time link to set the password is printed (the first admin of a book owns its prospects so far)',
    )
    .requiredOption('--name <name>', 'the name prospects hear and scripts say')
    .option('--role <role>', roleHelp, 'rep')
    .option('--password-stdin', 'read the password from standard input')
    .option('--team <id>', "another team's id (the server's owner only)")
    .action((email: string, o) =>
      withClient(o, async (client) => {
        const password = o.passwordStdin ? await passwordFromStdin() : undefined;
        const added = await client.addUser({
          body: {
            email,
            name: o.name,
            role: o.role,
            ...(password ? { password } : {}),
            ...(o.team ? { team: Number(o.team) } : {}),
          },
        });
        show(o.json, added, addedUserLines);
        return 0;
      }),
    );
  common(cmd.command('list'))
    .description("the team's people")
    .action((o) =>
      withClient(o, async (client) => {
        show(o.json, await client.users(), userListLines);
        return 0;
      }),
    );
  const update = (input: { user: string; body: object; options: { json?: boolean; data?: string } }) =>
    withClient(input.options, async (client) => {
      const answer = await client.updateUser({ params: { key: input.user }, body: input.body as never });
      show(input.options.json, answer, userLines);
      return 0;
    });
  common(cmd.command('role <user> <role>'))
    .description(`give a user (id or email) another role: ${roleHelp}`)
    .action((user: string, role: string, options) => update({ user, body: { role }, options }));
  common(cmd.command('disable <user>'))
    .description('stop an account: its sessions and tokens end at once; its data stays')
    .action((user: string, options) => update({ user, body: { disabled: true }, options }));
  common(cmd.command('enable <user>'))
    .description('let a disabled account log in again')
    .action((user: string, options) => update({ user, body: { disabled: false }, options }));
  common(cmd.command('set <user>'))
    .description("a user's own voice: name, phone (for call-me-first), caller ID, zone, how calls reach them")
    .option('--name <name>')
    .option('--phone <number>', 'their own phone, rung first for a call placed through Reach')
    .option('--caller-id <number>', "the number prospects see when they call (the team's when unset)")
    .option('--zone <zone>', 'their clock, for "today" (an IANA zone, an abbreviation or a city)')
    .option('--reach-by <how>', 'phone|browser')
    .option(
      '--hours <start-end>',
      "their own calling hours in the called person's clock, within the team's (09:30-17:00); `team` for the team's",
    )
    .option(
      '--max-per-day <n>',
      "their own dials per prospect per day, within the team's; `team` for the team's",
    )
    .option(
      '--max-per-week <n>',
      "their own dials per prospect per week, within the team's; `team` for the team's",
    )
    .action((user: string, o) =>
      withClient(o, async (client) => {
        const answer = await client.updateUser({
          params: { key: user },
          body: {
            ...(o.name ? { name: o.name } : {}),
            ...(o.phone ? { phone: o.phone } : {}),
            ...(o.callerId ? { callerId: o.callerId } : {}),
            ...(o.zone ? { timezone: o.zone } : {}),
            ...(o.reachBy ? { reachBy: o.reachBy } : {}),
            ...(o.hours ? ownHours(o.hours) : {}),
            ...(o.maxPerDay ? { maxDialsPerDay: ownCount(o.maxPerDay, '--max-per-day') } : {}),
            ...(o.maxPerWeek ? { maxDialsPerWeek: ownCount(o.maxPerWeek, '--max-per-week') } : {}),
          },
        });
        show(o.json, answer, userLines);
        return 0;
      }),
    );
  common(cmd.command('figures'))
    .description(
      "each rep's dials, connect rate, conversations, meetings, messages, callbacks per message kind and meetings per hour (managers)",
    )
    .option('--since <iso>', 'from this instant (default: a week before --until)')
    .option('--until <iso>', 'until this instant (default: now)')
    .action((o) =>
      withClient(o, async (client) => {
        const query = { ...(o.since ? { since: o.since } : {}), ...(o.until ? { until: o.until } : {}) };
        show(o.json, await client.repFigures({ query }), repFiguresLines);
        return 0;
      }),
    );
  common(cmd.command('reset <user>'))
    .description("an admin's reset: the old password and every session end; a one-time link sets a new one")
    .action((user: string, o) =>
      withClient(o, async (client) => {
        show(o.json, await client.resetPassword({ params: { key: user } }), linkLines);
        return 0;
      }),
    );
  return cmd;
}

export function tokensCommand(): Command {
  const cmd = new Command('tokens').description(
    'personal API tokens for scripts and the CLI against a server (REACH_TOKEN=…): shown once, kept as their hash',
  );
  common(cmd.command('create <name>'))
    .description('a new token for the account this runs as (send it as REACH_TOKEN)')
    .option('--for <user>', 'the account it is for (id or email): the CLI on the database runs as no account')
    .action((name: string, o) =>
      withClient(o, async (client) => {
        const body = { name, ...(o.for ? { user: o.for } : {}) };
        show(o.json, await client.createToken({ body }), tokenLines);
        return 0;
      }),
    );
  common(cmd.command('list'))
    .description("your tokens (an admin: the team's), never the tokens themselves")
    .action((o) =>
      withClient(o, async (client) => {
        show(o.json, await client.tokens(), tokenListLines);
        return 0;
      }),
    );
  common(cmd.command('revoke <id>'))
    .description('revoke a token: it stops at once')
    .action((id: string, o) =>
      withClient(o, async (client) => {
        show(o.json, await client.revokeToken({ params: { id } }), tokenLines);
        return 0;
      }),
    );
  return cmd;
}

export function sessionsCommand(): Command {
  const cmd = new Command('sessions').description("logged-in desks: yours (an admin: the team's)");
  common(cmd.command('list'))
    .description('the sessions, live ones first')
    .action((o) =>
      withClient(o, async (client) => {
        show(o.json, await client.sessions(), sessionListLines);
        return 0;
      }),
    );
  common(cmd.command('end <id>'))
    .description('end a session: that desk must log in again')
    .action((id: string, o) =>
      withClient(o, async (client) => {
        show(o.json, await client.revokeSession({ params: { id } }), sessionLines);
        return 0;
      }),
    );
  return cmd;
}

export function teamsCommand(): Command {
  const cmd = new Command('teams').description(
    "teams sharing this server, each with its own book, settings and people (the server's owner only)",
  );
  common(cmd.command('list'))
    .description("the server's teams")
    .action((o) =>
      withClient(o, async (client) => {
        show(o.json, await client.teams(), teamListLines);
        return 0;
      }),
    );
  common(cmd.command('add <name>'))
    .description('add a team with its first admin')
    .requiredOption('--admin <email>', "the team's first admin")
    .requiredOption('--admin-name <name>', "the admin's name")
    .option(
      '--password-stdin',
      "read the admin's password from standard input (else a one-time link is printed)",
    )
    .action((name: string, o) =>
      withClient(o, async (client) => {
        const password = o.passwordStdin ? await passwordFromStdin() : undefined;
        const added = await client.addTeam({
          body: { name, admin: { email: o.admin, name: o.adminName, ...(password ? { password } : {}) } },
        });
        show(o.json, added, addedTeamLines);
        return 0;
      }),
    );
  return cmd;
}

export function whoamiCommand(): Command {
  return common(new Command('whoami'))
    .description(
      'who this CLI runs as: the account of REACH_TOKEN against a server, or the operator on the database',
    )
    .action((o) =>
      withClient(o, async (client) => {
        show(o.json, await client.whoAmI(), whoAmILines);
        return 0;
      }),
    );
}

export function auditCommand(): Command {
  return common(new Command('audit'))
    .description(
      "the team's audit log, newest first: logins, failed logins, accounts, roles, tokens, sessions, Do-Not-Call removals, exports (admins)",
    )
    .option('--action <action>', 'only this action: login_failed, role_changed, dnc_removed, export, …')
    .option('--before <id>', 'entries older than this one')
    .option('--limit <n>', 'how many', '100')
    .action((o) =>
      withClient(o, async (client) => {
        const answer = await client.audit({
          query: {
            limit: o.limit,
            ...(o.action ? { action: o.action } : {}),
            ...(o.before ? { before: o.before } : {}),
          },
        });
        show(o.json, answer, auditLines);
        return 0;
      }),
    );
}

/** `--hours 09:30-17:00` as the two clocks, or `team` for the team's. */
function ownHours(text: string): { callingHoursStart: string | null; callingHoursEnd: string | null } {
  if (text === 'team') return { callingHoursStart: null, callingHoursEnd: null };
  const match = /^(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/.exec(text.trim());
  if (!match)
    throw new AppError('validation', `--hours: "${text}" is not START-END, for example 09:30-17:00`);
  const pad = (clock: string) => clock.padStart(5, '0');
  return { callingHoursStart: pad(match[1]!), callingHoursEnd: pad(match[2]!) };
}

/** A count of dials, or `team` for the team's. */
function ownCount(text: string, flag: string): number | null {
  if (text === 'team') return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new AppError('validation', `${flag}: "${text}" is not a whole number of dials`);
  return n;
}
