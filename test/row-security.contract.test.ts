import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { prospects } from '../src/db/schema.ts';
import { forServer, inTeam } from '../src/db/team-scope.ts';
import { createApp } from '../src/http/app.ts';
import { freshDb, type TestDb } from './support/databases.ts';

// biome-ignore lint/suspicious/noExplicitAny: answers are read loosely here; REACH_CHECK_ANSWERS holds them to their contracts
type Json = Record<string, any>;

/**
 * Row-level security on a PostgreSQL server: the suites' databases are owned by a role that is
 * neither superuser nor BYPASSRLS, as a production book should be, so the policies hold.
 */
describe.runIf(process.env['TEST_DATABASE_URL'])('row-level security on PostgreSQL', () => {
  let t: TestDb | undefined;
  afterEach(async () => {
    await t?.drop();
    t = undefined;
  });

  it("a query that forgot its team showed another team's prospects: the team's wall keeps them out of a request, and refuses a row written for another team", async () => {
    t = await freshDb('postgres');
    const app = createApp({ ctx: t.ctx, databaseKind: t.kind });
    const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
      const response = await app.request(`/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      return {
        status: response.status,
        body: (await response.json()) as Json,
        cookie: response.headers.get('set-cookie'),
      };
    };
    const desk = (answer: { body: Json; cookie: string | null }) => ({
      cookie: answer.cookie!.split(';')[0]!,
      'x-reach-csrf': answer.body['csrf'] as string,
    });
    const ana = desk(
      await post('/auth/setup', { email: 'ana@one.example', name: 'Ana', password: 'ana passphrase 1' }),
    );
    const made = await post(
      '/teams',
      { name: 'Two', admin: { email: 'bo@two.example', name: 'Bo', password: 'bo passphrase 22' } },
      ana,
    );
    expect(made.status).toBe(201);
    const two = made.body['team']['id'] as number;
    const bo = desk(await post('/auth/login', { email: 'bo@two.example', password: 'bo passphrase 22' }));
    const person = (firstName: string, number: string) => ({
      firstName,
      lastName: 'Reyes',
      timezone: 'America/Chicago',
      phones: [{ number, kind: 'direct' }],
    });
    expect((await post('/prospects', person('Dana', '+13125550101'), ana)).status).toBe(201);
    expect((await post('/prospects', person('Lee', '+13125550102'), bo)).status).toBe(201);

    // A repository that forgot `team_id = …`: within a request of team one, team two's rows are not there.
    const one = t.ctx.team.id;
    // (Awaited inside: a query builder runs when awaited, and must be awaited within the work.)
    const forgot = async () => await t!.db.select({ name: prospects.firstName }).from(prospects);
    expect((await inTeam(one, forgot)).map((p) => p.name)).toEqual(['Dana']);
    expect((await inTeam(two, forgot)).map((p) => p.name)).toEqual(['Lee']);
    // Nor can it change them, nor write a row into team two.
    const renamed = await inTeam(
      one,
      async () =>
        await t!.db.update(prospects).set({ title: 'CEO' }).where(eq(prospects.firstName, 'Lee')).returning(),
    );
    expect(renamed).toHaveLength(0);
    await expect(
      inTeam(
        one,
        async () =>
          await t!.db.insert(prospects).values({ teamId: two, firstName: 'Mallory', lastName: 'X' }),
      ),
    ).rejects.toMatchObject({ cause: { code: '42501' } });
    // In a transaction too: the connection it holds is told the team.
    expect(
      (
        await inTeam(one, () =>
          t!.db.transaction((tx) => tx.select({ name: prospects.firstName }).from(prospects)),
        )
      ).map((p) => p.name),
    ).toEqual(['Dana']);
    // Work for the whole server (every team's calls folded, the CLI on the database) sees both.
    expect((await forServer(forgot)).map((p) => p.name).sort()).toEqual(['Dana', 'Lee']);
    const role = (
      await t.executeSql('select rolsuper, rolbypassrls from pg_roles where rolname = current_user')
    ).rows as Json[];
    expect(role[0]).toEqual({ rolsuper: false, rolbypassrls: false });

    // Another program's connection, never told a team, saw every team: now it sees none.
    const stranger = new pg.Client({ connectionString: t.url! });
    await stranger.connect();
    try {
      const count = async (table: string) =>
        Number((await stranger.query(`select count(*)::int as n from ${table}`)).rows[0].n);
      for (const table of ['prospects', 'users', 'teams', 'sessions', 'audit_log'])
        expect(await count(table)).toBe(0);
      await stranger.query("select set_config('reach.team', '', false)");
      expect(await count('prospects')).toBe(0);
      await stranger.query("select set_config('reach.team', $1, false)", [String(two)]);
      expect(await count('prospects')).toBe(1);
      await stranger.query("select set_config('reach.team', '*', false)");
      expect(await count('prospects')).toBe(2);
    } finally {
      await stranger.end();
    }

    // Sessions, tokens and stage changes belong to a team through their account or prospect, and
    // a team sees only its own row of teams.
    const walled = async (team: number) =>
      inTeam(team, async () => {
        const read = async (table: string) =>
          Number(((await t!.executeSql(`select count(*)::int as n from ${table}`)).rows as Json[])[0]!['n']);
        return {
          teams: await read('teams'),
          sessions: await read('sessions'),
          users: await read('users'),
          stageChanges: await read('stage_changes'),
        };
      });
    const all = await forServer(async () => ({
      sessions: Number(
        ((await t!.executeSql('select count(*)::int as n from sessions')).rows as Json[])[0]!['n'],
      ),
      stageChanges: Number(
        ((await t!.executeSql('select count(*)::int as n from stage_changes')).rows as Json[])[0]!['n'],
      ),
    }));
    const seen = [await walled(one), await walled(two)];
    expect(seen.map((s) => s.teams)).toEqual([1, 1]);
    expect(seen[0]!.sessions + seen[1]!.sessions).toBe(all.sessions);
    expect(seen[0]!.sessions).toBeGreaterThan(0);
    expect(seen[1]!.sessions).toBeGreaterThan(0);
    expect(seen[0]!.stageChanges + seen[1]!.stageChanges).toBe(all.stageChanges);
  });
});
