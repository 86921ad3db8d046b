import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createDb } from '../src/db/create-db.ts';
import { startServer } from '../src/http/server.ts';
import { WEB_DIST } from '../src/http/web-app.ts';
import { loadTeam } from '../src/modules/team/team.service.ts';
import { launchChromium } from '../test/support/chromium.ts';
import { readyBook } from './queue-book.ts';

export type DeskResult = {
  prospects: number;
  loads: number;
  queueMedianMs: number;
  cardMedianMs: number;
  cardP95Ms: number;
  apiMedianMs: number;
  scriptKb: number;
};

const AT = '2026-03-02T15:00:00Z';
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!;

/**
 * The desk's first load on a book of `prospects` (PGlite, served by `reach serve`), in Debian's
 * Chromium on a fresh page each time: from navigation to the queue's first row, and to the call
 * card complete (prospect, timeline, intelligence and the voicemail decision), against the
 * queue API answering alone.
 */
export async function deskRun(input: {
  prospects: number;
  loads: number;
  work: string;
}): Promise<DeskResult> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error('build the desk first: npm run build:web');
  const dataDir = join(input.work, `desk-${input.prospects}`);
  const database = await createDb({ kind: 'pglite', dataDir });
  const team = await loadTeam(database.db);
  await readyBook(database.db, {
    teamId: team.id,
    prospects: input.prospects,
    attemptsPerProspect: 10,
    before: new Date(AT),
  });
  await database.close();
  const server = await startServer({ port: 0, host: '127.0.0.1', data: dataDir, log: () => undefined });
  const browser = await launchChromium();
  try {
    const api: number[] = [];
    const queue: number[] = [];
    const card: number[] = [];
    for (let i = 0; i <= input.loads; i++) {
      const started = performance.now();
      const response = await fetch(`${server.url}/api/v1/queue?at=${AT}&limit=25`);
      await response.json();
      if (i > 0) api.push(performance.now() - started);
    }
    for (let i = 0; i <= input.loads; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const started = performance.now();
      await page.goto(`${server.url}/?at=${AT}#/now`);
      await page.locator('.queue-row').first().waitFor();
      const shown = performance.now() - started;
      await page.locator('.call-card .voicemail h3').waitFor();
      const ready = performance.now() - started;
      await page.close();
      // The first load warms the server's and the browser's caches; it is not counted.
      if (i > 0) {
        queue.push(shown);
        card.push(ready);
      }
    }
    const assets = join(WEB_DIST, 'assets');
    const entry = readdirSync(assets).filter((f) => f.startsWith('index-') && f.endsWith('.js'));
    const scriptKb = entry.reduce((n, f) => n + gzipSync(readFileSync(join(assets, f))).length, 0) / 1024;
    return {
      prospects: input.prospects,
      loads: input.loads,
      queueMedianMs: median(queue),
      cardMedianMs: median(card),
      cardP95Ms: p95(card),
      apiMedianMs: median(api),
      scriptKb,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
