import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { localClient } from '../src/cli/client.ts';
import { httpClient } from '../src/cli/http-client.ts';
import { createApp } from '../src/http/app.ts';
import { Simulation, territoryOf } from '../src/modules/sim/engine.ts';
import { adaptive, curiosity } from '../src/modules/sim/product-strategies.ts';
import { onReachBook, type ReachDesk } from '../src/modules/sim/reach-rep.ts';
import type { DialChoice, SimStrategy, StrategyName, StrategySetup } from '../src/modules/sim/strategy.ts';
import { parseWorld } from '../src/modules/sim/world.ts';
import { drivers, freshDb, type TestDb } from './support/databases.ts';

const world = parseWorld({ days: 2, prospects: { count: 24 } });
const SEED = 5;
const territory = territoryOf(world, SEED);

/** Plays one strategy, keeping every dial it chose, in order. */
async function play(name: StrategyName, factory: (setup: StrategySetup) => SimStrategy) {
  const dials: (DialChoice & { at: string })[] = [];
  const sim = new Simulation(world, {
    territory,
    seed: SEED,
    name,
    factory: (setup) => {
      const rep = factory(setup);
      const next = rep.next.bind(rep);
      rep.next = async (at: Date) => {
        const choice = await next(at);
        if (choice) dials.push({ ...choice, at: at.toISOString() });
        return choice;
      };
      return rep;
    },
  });
  for (let day = 0; day < world.days; day++) await sim.runDay(day);
  return { result: sim.finish(), dials };
}

describe("the simulator on Reach's own book", () => {
  const opened: TestDb[] = [];
  const servers: ReturnType<typeof serve>[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
    for (const t of opened.splice(0)) await t.drop();
  });

  const book = async (driver: (typeof drivers)[number]) => {
    const t = await freshDb(driver);
    opened.push(t);
    return t;
  };

  async function overHttp(t: TestDb): Promise<ReachDesk> {
    const app = createApp({ ctx: t.ctx, databaseKind: t.kind });
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    servers.push(server);
    const { port } = server.address() as AddressInfo;
    return httpClient({ baseUrl: `http://127.0.0.1:${port}` });
  }

  it('the in-memory book, Reach in process and Reach through its HTTP API dial the same prospects and score the same, world and seed alike', async () => {
    const inMemory = await play('adaptive', adaptive);
    const inProcess = await play(
      'adaptive',
      onReachBook(localClient((await book(drivers[0]!)).ctx, 'test'), 'adaptive'),
    );
    const overApi = await play(
      'adaptive',
      onReachBook(await overHttp(await book(drivers.at(-1)!)), 'adaptive'),
    );
    expect(inMemory.dials.length).toBeGreaterThan(40);
    expect(inMemory.result.conversations).toBeGreaterThan(0);
    expect(inProcess.dials).toEqual(inMemory.dials);
    expect(inProcess.result).toEqual(inMemory.result);
    expect(overApi.dials).toEqual(inMemory.dials);
    expect(overApi.result).toEqual(inMemory.result);
  }, 600_000);

  it('an after-hours curiosity session on the book dials what the in-memory book dials', async () => {
    const inMemory = await play('curiosity', curiosity);
    const inProcess = await play(
      'curiosity',
      onReachBook(localClient((await book(drivers[0]!)).ctx, 'test'), 'curiosity'),
    );
    expect(inMemory.dials.length).toBeGreaterThan(10);
    expect(inProcess.dials).toEqual(inMemory.dials);
    expect(inProcess.result).toEqual(inMemory.result);
  }, 600_000);
});
