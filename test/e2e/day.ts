import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type RunningServer, startServer } from '../../src/http/server.ts';
import { launchChromium } from '../support/chromium.ts';
import { freshDb } from '../support/databases.ts';
import { SHOTS } from './desk.ts';

/** The engines a day at the desk is played on: the embedded book, and PostgreSQL when the tests have one. */
export const engines = process.env['TEST_DATABASE_URL']
  ? (['pglite', 'postgres'] as const)
  : (['pglite'] as const);
export type Engine = (typeof engines)[number];

/** A zone no demo prospect is in: every time the rep types must still land on the prospect's clock. */
export const BROWSER_ZONE = 'Asia/Kolkata';

/**
 * The calling day played: a weekday at least two days back, from 08:00 in New York (13:00 UTC
 * in winter, 12:00 in summer), so every call is logged in the past and none is refused as future.
 */
export function dayStart(now: Date = new Date()): Date {
  const day = new Date(now.getTime() - 2 * 86_400_000);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() - 1);
  const iso = day.toISOString().slice(0, 10);
  const eightInNewYork = new Date(Date.parse(`${iso}T13:00:00Z`) - (isSummerInNewYork(iso) ? 3_600_000 : 0));
  return eightInNewYork;
}

const isSummerInNewYork = (iso: string): boolean =>
  new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', timeZoneName: 'short' })
    .format(new Date(`${iso}T12:00:00Z`))
    .endsWith('EDT');

export type DayDesk = {
  engine: Engine;
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  start: Date;
  api: <T>(path: string, init?: RequestInit) => Promise<T>;
  /** The `reach` command line against the same book, as a rep's script would run it. */
  cli: (args: string[]) => Promise<string>;
  shot: (name: string, fullPage?: boolean) => Promise<void>;
  close: () => Promise<void>;
};

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '../../bin/reach.js');

/**
 * Reach on a fresh book of the engine, the demo loaded up to the day (unless `demo: false`), and
 * a browser whose clock the test drives.
 */
export async function openDay(engine: Engine, options: { demo?: boolean } = {}): Promise<DayDesk> {
  const start = dayStart();
  let dir: string | undefined;
  let databaseUrl: string | undefined;
  let dropDb: (() => Promise<void>) | undefined;
  if (engine === 'postgres') {
    const db = await freshDb('postgres');
    databaseUrl = db.url;
    dropDb = db.drop;
  } else {
    dir = await mkdtemp(join(tmpdir(), 'reach-day-'));
  }
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    data: dir,
    databaseUrl,
    log: () => undefined,
  });
  const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const response = await fetch(`${server.url}/api/v1${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
    });
    if (!response.ok)
      throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  if (options.demo !== false)
    await api('/demo', { method: 'POST', body: JSON.stringify({ at: start.toISOString() }) });
  const browser = await launchChromium();
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    timezoneId: BROWSER_ZONE,
  });
  const page = await context.newPage();
  await page.clock.install({ time: new Date(start.getTime() - 1_000) });
  await page.clock.pauseAt(start);
  await page.goto(`${server.url}/#/now`);
  // The desk is ready when its queue is ranked: a key pressed before that reaches no listener,
  // and with the page's clock paused no refresh would come to make up for it.
  await page.getByTestId('queue-status').filter({ hasText: 'ranked at' }).waitFor();
  await mkdir(SHOTS, { recursive: true });
  return {
    engine,
    server,
    browser,
    context,
    page,
    start,
    api,
    cli: async (args) => {
      const env = { ...process.env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
      const { stdout } = await run(process.execPath, [BIN, ...args, ...(dir ? ['--data', dir] : [])], {
        env,
      });
      return stdout;
    },
    shot: async (name, fullPage = false) => {
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
    },
    close: async () => {
      await browser.close();
      await server.close();
      if (dir) await rm(dir, { recursive: true, force: true });
      await dropDb?.();
    },
  };
}
