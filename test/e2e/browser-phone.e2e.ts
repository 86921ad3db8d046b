/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { startTwilioDouble, type TwilioDouble } from '../support/twilio-double.ts';
import { callerOf, type Desk, type Json, openDesk, type Session, SHOTS, sessionOf } from './desk.ts';

const KEY_SID = `SK${'fedcba9876543210'.repeat(2)}`;
const KEY_SECRET = 'api-key-secret-0123456789abcdef';
const PASSWORD = 'Sam passphrase 2026';

let desk: Desk;
let twilio: TwilioDouble;
let browser: Browser;
let page: Page;
let admin: Session;

/** One API call as someone (a session's cookie and CSRF token). */
const call = (path: string, init: Parameters<ReturnType<typeof callerOf>>[1] = {}) =>
  callerOf(desk.server.url)(path, init);

beforeAll(async () => {
  desk = await openDesk();
  // Twilio's clock agrees with the server's, which runs from the rehearsal's instant.
  const offset = Date.parse(desk.at) - Date.now();
  twilio = await startTwilioDouble({ now: () => Date.now() + offset });
  twilio.delivery.msPerSecond = 50;
  twilio.apiKeys.set(KEY_SID, KEY_SECRET);
  const setup = await call('/auth/setup', {
    body: { email: 'ana@north.example', name: 'Ana Admin', password: 'Ana passphrase 2026' },
  });
  admin = sessionOf(setup);
  await call('/config', {
    as: admin,
    method: 'PATCH',
    body: {
      telephony: 'twilio',
      twilioAccountSid: twilio.accountSid,
      twilioAuthToken: twilio.authToken,
      twilioApiUrl: twilio.url,
      twilioApiKeySid: KEY_SID,
      twilioApiKeySecret: KEY_SECRET,
      publicUrl: desk.server.url,
      repPhone: '+13125550100',
      callerId: '+13125550199',
    },
  });
  const sam = await call('/users', {
    as: admin,
    body: { email: 'sam@north.example', name: 'Sam Ortiz', role: 'rep', password: PASSWORD },
  });
  // The demo territory is Sam's book.
  const ids = ((await call('/prospects?limit=500', { as: admin })).body['items'] as Json[]).map(
    (p) => p['id'],
  );
  await call('/prospects/reassign', { as: admin, body: { to: String(sam.body['user']['id']), ids } });
  // A browser with a microphone (Chromium's fake one) that the desk may use without asking.
  browser = await launchChromium(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  // Twilio's Voice SDK speaks to Twilio's cloud: the desk gets a stand-in that speaks to the double.
  const standIn = readFileSync(new URL('../support/voice-sdk-stand-in.js', import.meta.url), 'utf8');
  await page.route('**/vendor/twilio-voice.min.js', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: standIn.replaceAll('__DOUBLE_URL__', twilio.url) }),
  );
});
afterAll(async () => {
  await browser?.close();
  await twilio?.close();
  await desk?.close();
});

const shot = (name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` });

describe('the desk as the rep’s phone (Twilio’s Voice SDK, its cloud played by the loopback double)', () => {
  it('a rep switches calls to the desk, dials with d and the desk answers by itself, mutes, hangs up, and the call is logged once; a call in rings the desk and is answered with a', async () => {
    await page.goto(`${desk.server.url}/?at=${encodeURIComponent(desk.at)}#/settings`);
    await page.getByRole('heading', { name: 'Log in to Reach' }).waitFor();
    await page.getByLabel('Email').fill('sam@north.example');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    // Sam's own choice: calls through Reach ring this desk.
    await page.getByLabel('Calls through Reach ring').selectOption('browser');
    await page
      .getByLabel('Calls through Reach ring')
      .locator('xpath=ancestor::form')
      .getByRole('button', { name: 'Save' })
      .click();
    await page.getByText('The desk phone is ready: calls ring here').waitFor({ timeout: 15_000 });

    // Dial from the card: Reach rings the desk's phone, which answers by itself, then the prospect.
    await page.goto(`${desk.server.url}/?at=${encodeURIComponent(desk.at)}#/now`);
    await page.locator('.queue-row.selected').waitFor();
    await page.locator('.call-card .voicemail h3').waitFor();
    const number = (await page.locator('.call-card').getAttribute('data-number'))!;
    const id = Number(await page.locator('.call-card').getAttribute('data-prospect'));
    twilio.scenarios.set(number, {
      answer: 'machine',
      ringSeconds: 6,
      greetingSeconds: 8,
      holdUntilHangup: true,
    });
    const logged = async () =>
      ((await call(`/calls?prospect=${id}`, { as: admin })).body['items'] as Json[]).length;
    const before = await logged();
    await page.getByRole('button', { name: /^Call/ }).waitFor();
    await page.keyboard.press('d');
    await page.locator('.live-call[data-state="beep"]').waitFor({ timeout: 15_000 });
    const offer = twilio.offers.at(-1)!;
    expect(offer).toMatchObject({ identity: expect.stringMatching(/^reach-\d+-\d+$/), result: 'answered' });
    expect(twilio.gathered).toEqual([]);
    await page.locator('.phone-on').waitFor();
    await page.keyboard.press('m');
    await page.getByText('On the call (muted)').waitFor();
    await shot('browser-phone-on-call');
    await page.keyboard.press('h');
    await page.locator('.live-call[data-state="ended"]').waitFor({ timeout: 15_000 });
    await page.locator('.phone-on').waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByText(/Logged by the call as voicemail/).waitFor({ timeout: 15_000 });
    await expect.poll(logged).toBe(before + 1);
    const live = (await call('/telephony/calls', { as: admin })).body['items'] as Json[];
    expect(live[0]).toMatchObject({ repVia: 'browser', state: 'ended', repSid: offer.sid });

    // A call in from a prospect of Sam's book rings the desk; the card pops, a answers, End here ends it.
    const answer = await twilio.callIn({
      url: `${desk.server.url}/api/v1/telephony/twilio/inbound`,
      from: number,
      to: '+13125550199',
    });
    expect(answer.twiml).toContain('<Client');
    await page.waitForURL(/#\/callback\//, { timeout: 10_000 });
    await page.locator('.phone-ringing').waitFor({ timeout: 10_000 });
    await shot('browser-phone-ringing');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('a');
    await page.locator('.phone-on').waitFor();
    await expect.poll(() => twilio.offers.at(-1)?.result).toBe('answered');
    const inboundId = Number(twilio.offers.at(-1)!.customParameters['reachCall']);
    await page.getByRole('button', { name: 'End here' }).click();
    await page.locator('.phone-on').waitFor({ state: 'detached', timeout: 15_000 });
    await expect
      .poll(
        async () => ((await call('/telephony/calls', { as: admin })).body['items'] as Json[])[0]?.['state'],
      )
      .toBe('ended');
    const inbound = ((await call('/telephony/calls', { as: admin })).body['items'] as Json[])[0]!;
    expect(inbound).toMatchObject({ id: inboundId, direction: 'inbound', repVia: 'browser' });
    expect(inbound['callbackId']).not.toBeNull();
  });
});
