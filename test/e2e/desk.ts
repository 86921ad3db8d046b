import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type RunningServer, startServer } from '../../src/http/server.ts';
import { launchChromium } from '../support/chromium.ts';

/** Where the browser tests leave a picture of each screen (ignored by git). */
export const SHOTS = join(import.meta.dirname, '../../screenshots');

/**
 * The latest weekday 18:00 UTC at least four hours ago: midday across the US territory of the
 * demo, and in the past, so calls logged at that instant are not in the future.
 */
export function workingInstant(now: Date = new Date()): string {
  const at = new Date(now.getTime() - 4 * 3_600_000);
  at.setUTCHours(18, 0, 0, 0);
  if (at.getTime() > now.getTime() - 4 * 3_600_000) at.setUTCDate(at.getUTCDate() - 1);
  while (at.getUTCDay() === 0 || at.getUTCDay() === 6) at.setUTCDate(at.getUTCDate() - 1);
  return at.toISOString();
}

export type Desk = {
  server: RunningServer;
  browser: Browser;
  page: Page;
  at: string;
  /** The desk's address at the fixed instant, on a screen. */
  open: (screen?: string) => Promise<void>;
  api: <T>(path: string, init?: RequestInit) => Promise<T>;
  /** Saves a picture of the window (or of the whole page) to SHOTS. */
  shot: (name: string, fullPage?: boolean) => Promise<void>;
  close: () => Promise<void>;
};

// biome-ignore lint/suspicious/noExplicitAny: answers are read loosely here
export type Json = Record<string, any>;
/** A logged-in session as request headers: its cookie and the CSRF token its changes carry. */
export type Session = { cookie: string; 'x-reach-csrf': string };

/**
 * One API call to the server at `url` as someone (`as`: a session), thrown when refused; the
 * answer's body and the cookie it set.
 */
export const callerOf =
  (url: string) =>
  async (path: string, init: { body?: unknown; as?: Session; method?: string } = {}) => {
    const response = await fetch(`${url}/api/v1${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { 'content-type': 'application/json', ...init.as },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const body = (await response.json().catch(() => null)) as Json;
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
    return { body, cookie: response.headers.get('set-cookie') };
  };

/** The session an answer of /auth/setup or /auth/login opened. */
export const sessionOf = (answer: { body: Json; cookie: string | null }): Session => ({
  cookie: answer.cookie!.split(';')[0]!,
  'x-reach-csrf': answer.body['csrf'] as string,
});

/** Reach serving the demo territory on a fresh embedded book, and a browser on its web app. */
export async function openDesk(): Promise<Desk> {
  const dir = await mkdtemp(join(tmpdir(), 'reach-e2e-'));
  const at = workingInstant();
  // The server's clock runs from the same instant as the rehearsing desk: a call is placed at its now.
  const started = Date.now();
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    data: dir,
    log: () => undefined,
    clock: () => new Date(Date.parse(at) + (Date.now() - started)),
  });
  const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const response = await fetch(`${server.url}/api/v1${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
    });
    if (!response.ok && response.status !== 422)
      throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  await api('/demo', { method: 'POST', body: JSON.stringify({ at }) });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  await mkdir(SHOTS, { recursive: true });
  return {
    server,
    browser,
    page,
    at,
    api,
    open: async (screen = 'now') => {
      await page.goto(`${server.url}/?at=${encodeURIComponent(at)}#/${screen}`);
    },
    shot: async (name, fullPage = false) => {
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
    },
    close: async () => {
      await browser.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
