import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/http/server.ts';
import { launchChromium } from '../support/chromium.ts';
import { SHOTS } from './desk.ts';

type Drop = { name: string; contentType: string; seconds: number; bytes: number; transcript: string };

const WORDS =
  'Hi, this is Sam from Northwind. We help finance teams close the month in three days instead of ten. If that is on your list this quarter, call me back at 312 555 0199.';

/**
 * A rep records a message from the desk's microphone: Chromium's fake microphone plays a real
 * voice (espeak-ng's reading of the words), the desk turns the browser's recording into the
 * telephone-rate WAV the provider plays, and the server keeps it.
 */
describe('a recorded message made on the desk', () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let voice: string;
  const drops = async () =>
    ((await (await fetch(`${server.url}/api/v1/voicemail-drops`)).json()) as { items: Drop[] }).items;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reach-voice-'));
    voice = join(dir, 'sam.wav');
    execFileSync('espeak-ng', ['-v', 'en-us', '-s', '160', '-w', voice, WORDS]);
    server = await startServer({ port: 0, host: '127.0.0.1', data: join(dir, 'book'), log: () => undefined });
    // The words name the business: the team's seller name is what the honesty check reads them against.
    await fetch(`${server.url}/api/v1/config`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sellerName: 'Northwind' }),
    });
    browser = await launchChromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${voice}`,
    ]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['microphone'], { origin: server.url });
    page = await context.newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const fill = async (name: string) => {
    const form = page.getByRole('form', { name: 'Record a message' });
    await form.getByLabel('Message name').fill(name);
    await form.getByLabel('Kind').selectOption('curiosity');
    await form.getByLabel(/Its words/).fill(WORDS);
    return form;
  };

  it('a message could only be kept from a file on the command line: the desk records it from the microphone at telephone rate', async () => {
    await page.goto(`${server.url}/#/settings`);
    const form = await fill('month-end');
    await form.getByRole('button', { name: 'Record', exact: true }).click();
    await form.getByText('Recording from the microphone').waitFor();
    await page.waitForTimeout(4_500);
    await form.getByRole('button', { name: /^Stop/ }).click();
    const take = await form.getByTestId('take').innerText({ timeout: 15_000 });
    const seconds = Number(/A take of ([\d.]+) s/.exec(take)?.[1]);
    expect(seconds).toBeGreaterThan(3.5);
    expect(seconds).toBeLessThan(8);
    expect(await form.getByRole('alert').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'recorded-message.png'), fullPage: false });
    await form.getByRole('button', { name: 'Keep this message' }).click();
    await page.getByText('Kept “month-end”').waitFor();
    const [kept] = await drops();
    expect(kept).toMatchObject({ name: 'month-end', contentType: 'audio/wav', transcript: WORDS });
    // 8,000 samples of 16 bits a second, and a header: the take as the desk showed it.
    expect(Math.abs((kept!.bytes - 44) / 16_000 - seconds)).toBeLessThan(0.06);
    await page.getByRole('region', { name: 'Recorded messages' }).getByText('month-end').waitFor();
  }, 120_000);

  it('a recording made elsewhere is chosen as a file and kept at telephone rate, whatever its own rate', async () => {
    const original = Number(execFileSync('soxi', ['-D', voice]).toString());
    expect(Number(execFileSync('soxi', ['-r', voice]).toString())).toBe(22_050);
    const form = await fill('month-end-file');
    await form.locator('input[type="file"]').setInputFiles(voice);
    await form.getByText(/from sam\.wav/).waitFor();
    await form.getByRole('button', { name: 'Keep this message' }).click();
    await page.getByText('Kept “month-end-file”').waitFor();
    const kept = (await drops()).find((d) => d.name === 'month-end-file')!;
    expect(kept.contentType).toBe('audio/wav');
    expect((kept.bytes - 44) / 16_000).toBeCloseTo(original, 2);
  }, 120_000);

  it('dishonest words are refused with the reason, and nothing is kept', async () => {
    const form = await fill('no-name');
    await form.getByLabel(/Its words/).fill('Call me back, it is urgent, about your account.');
    await form.locator('input[type="file"]').setInputFiles(voice);
    await form.getByText(/from sam\.wav/).waitFor();
    await form.getByRole('button', { name: 'Keep this message' }).click();
    await form.getByRole('alert').waitFor();
    expect((await drops()).map((d) => d.name).sort()).toEqual(['month-end', 'month-end-file']);
  }, 60_000);
});
