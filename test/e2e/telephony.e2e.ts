/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwilioDouble, type TwilioDouble } from '../support/twilio-double.ts';
import { type Desk, openDesk } from './desk.ts';

type Call = { id: number; outcome: string; durationSeconds: number | null };
type LiveCall = { id: number; state: string; attemptId: number | null; direction: string; number: string };

let desk: Desk;
let twilio: TwilioDouble;

beforeAll(async () => {
  desk = await openDesk();
  twilio = await startTwilioDouble();
  // Call time runs at a fiftieth of real time, so a ring of seconds takes a blink.
  twilio.delivery.msPerSecond = 50;
  await desk.api('/config', {
    method: 'PATCH',
    body: JSON.stringify({
      telephony: 'twilio',
      twilioAccountSid: twilio.accountSid,
      twilioAuthToken: twilio.authToken,
      twilioApiUrl: twilio.url,
      publicUrl: desk.server.url,
      repPhone: '+13125550100',
      callerId: '+13125550199',
    }),
  });
});
afterAll(async () => {
  await twilio?.close();
  await desk?.close();
});

describe('calls through Reach from the desk (Twilio played by the loopback double)', () => {
  it('Call rings the prospect, a machine answers, the card shows the decision at the beep, and the call is logged once', async () => {
    const { page } = desk;
    await desk.open('now');
    await page.locator('.queue-row.selected').waitFor();
    await page.locator('.call-card .voicemail h3').waitFor();
    const number = await page.locator('.call-card').getAttribute('data-number');
    const id = Number(await page.locator('.call-card').getAttribute('data-prospect'));
    twilio.scenarios.set(number!, {
      answer: 'machine',
      ringSeconds: 6,
      greetingSeconds: 8,
      holdUntilHangup: true,
    });
    const before = (await desk.api<{ items: Call[] }>(`/calls?prospect=${id}`)).items.length;
    await page.getByRole('button', { name: /^Call/ }).waitFor();
    await page.keyboard.press('d');
    await page.locator('.live-call[data-state="beep"]').waitFor({ timeout: 15_000 });
    const beep = await page.locator('.at-beep').innerText();
    expect(beep).toMatch(/At the beep: (leave the message|hang up, leave nothing)/);
    await desk.shot('call-at-beep');
    const leave = beep.includes('leave the message');
    // What the greeting said, typed as heard: read and recorded as intelligence from the greeting.
    await page.getByLabel('The greeting, as you heard it').fill('Vendor calls will not be returned.');
    await page.keyboard.press('Enter');
    await page
      .getByText(/The greeting: warns sellers off/)
      .first()
      .waitFor();
    await desk.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const facts = await desk.api<{ items: { type: string; text: string }[] }>(`/prospects/${id}/intel`);
    expect(facts.items.find((f) => f.type === 'deterrent')?.text).toContain('(from the greeting)');
    await page.keyboard.press('h');
    await page.locator('.live-call[data-state="ended"]').waitFor({ timeout: 15_000 });
    await page.getByText(/Logged by the call as voicemail/).waitFor({ timeout: 15_000 });
    if (leave) {
      // The rep spoke the script at the beep: their word (a message left) takes the call's place.
      await page.keyboard.press('l');
      await page
        .getByText(/Logged left a message for/)
        .first()
        .waitFor();
    }
    await expect
      .poll(async () => (await desk.api<{ items: Call[] }>(`/calls?prospect=${id}`)).items.length)
      .toBe(before + 1);
    const [latest] = (await desk.api<{ items: Call[] }>(`/calls?prospect=${id}`)).items;
    expect(latest!.outcome).toBe(leave ? 'voicemail-left' : 'voicemail');
    expect(latest!.durationSeconds).toBeGreaterThan(0);
    const calls = (await desk.api<{ items: LiveCall[] }>('/telephony/calls')).items;
    expect(calls[0]).toMatchObject({ state: 'ended', attemptId: latest!.id });
  });

  it('at the beep the rep plays their own recording (real speech) with p; it plays where allowed and the call logs itself as that message left', async () => {
    const { page } = desk;
    // The rep's message, spoken: espeak-ng's WAV stands in for the rep's own voice.
    const words =
      'Hi, this is Sam Ortiz with Tallgrass Systems. We help distributors keep top sellers on the shelf. Call me back at 312 555 0100.';
    const wav = join(tmpdir(), `reach-drop-${process.pid}.wav`);
    execFileSync('espeak-ng', ['-w', wav, words]);
    await desk.api('/voicemail-drops', {
      method: 'POST',
      body: JSON.stringify({
        name: 'intro',
        kind: 'introduction',
        transcript: words,
        audio: readFileSync(wav).toString('base64'),
      }),
    });
    // A prospect in the desk's queue the strategy would leave a message for now, with their consent on record.
    const queue = await desk.api<{ entries: { prospect: { id: number }; number: { e164: string } }[] }>(
      `/queue?at=${encodeURIComponent(desk.at)}&limit=50`,
    );
    const leaveFor = new Map<number, string>();
    for (const entry of queue.entries) {
      const advice = await desk.api<{ decision: string }>(
        `/prospects/${entry.prospect.id}/voicemail?at=${encodeURIComponent(desk.at)}&number=${encodeURIComponent(entry.number.e164)}`,
      );
      if (advice.decision === 'leave') leaveFor.set(entry.prospect.id, entry.number.e164);
    }
    expect(leaveFor.size).toBeGreaterThan(0);
    await desk.open('now');
    await page.locator('.queue-row.selected').waitFor();
    let target: { id: number; e164: string } | null = null;
    for (let i = 0; i < 50 && !target; i++) {
      const id = Number(await page.locator('.call-card').getAttribute('data-prospect'));
      const e164 = leaveFor.get(id);
      if (e164 && (await page.locator('.call-card').getAttribute('data-number')) === e164)
        target = { id, e164 };
      else {
        await page.keyboard.press('j');
        await page.locator(`.call-card:not([data-prospect="${id}"])`).waitFor();
      }
    }
    expect(target).not.toBeNull();
    const { id, e164 } = target!;
    await desk.api(`/prospects/${id}/consent`, {
      method: 'POST',
      body: JSON.stringify({
        number: e164,
        prerecorded: true,
        form: 'written',
        source: 'signed the Q3 summit sign-up form, box 3',
      }),
    });
    twilio.scenarios.set(e164, {
      answer: 'machine',
      ringSeconds: 6,
      greetingSeconds: 8,
      holdUntilHangup: true,
    });
    await page.locator('.call-card .voicemail h3').waitFor();
    await page.keyboard.press('d');
    await page.locator('.live-call[data-state="beep"]').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: /Play “intro”/ }).waitFor();
    await desk.shot('call-drop-at-beep');
    await page.keyboard.press('p');
    await page.locator('.live-flags', { hasText: 'Recording “intro” played at the beep.' }).waitFor();
    await page.locator('.live-call[data-state="ended"]').waitFor({ timeout: 15_000 });
    await page.getByText(/Logged by the call as voicemail-left/).waitFor({ timeout: 15_000 });
    expect(twilio.played.at(-1)).toMatchObject({ status: 200, contentType: 'audio/wav' });
    expect(twilio.played.at(-1)!.bytes.equals(readFileSync(wav))).toBe(true);
    const [latest] = (await desk.api<{ items: Call[] }>(`/calls?prospect=${id}`)).items;
    expect(latest!.outcome).toBe('voicemail-left');
  });

  it('a call in from a prospect pops the callback card with the message that earned it', async () => {
    const { page } = desk;
    await desk.open('now');
    await page.locator('.queue-row.selected').waitFor();
    const [left] = (
      await desk.api<{ items: { prospectId: number; number: string | null; outcome: string }[] }>(
        '/calls?limit=200',
      )
    ).items.filter((c) => c.outcome === 'voicemail-left' && c.number);
    const from = left?.number ?? (await page.locator('.call-card').getAttribute('data-number'))!;
    const answer = await twilio.callIn({
      url: `${desk.server.url}/api/v1/telephony/twilio/inbound`,
      from,
      to: '+13125550199',
    });
    expect(answer.status).toBe(200);
    expect(answer.twiml).toContain('+13125550100</Number>');
    await page.waitForURL(/#\/callback\//, { timeout: 10_000 });
    await page.locator('.arrived').waitFor();
    expect(await page.locator('.arrived').innerText()).toMatch(/recorded as callback \d+/);
    await desk.shot('call-in');
  });
});
