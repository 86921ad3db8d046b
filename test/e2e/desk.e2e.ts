/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Desk, openDesk } from './desk.ts';

type Call = { id: number; outcome: string; note: string | null };
type Lookup = { messages: { id: number; text: string | null; callbackId: number | null }[] };

let desk: Desk;

beforeAll(async () => {
  desk = await openDesk();
});
afterAll(async () => {
  await desk?.close();
});

const selectedName = () => desk.page.locator('.queue-row.selected .who strong').innerText();
const selectedId = async (): Promise<number> => {
  const href = await desk.page.locator('#card-name a').getAttribute('href');
  return Number(href?.split('/').pop());
};
const callsOf = async (id: number) => (await desk.api<{ items: Call[] }>(`/calls?prospect=${id}`)).items;
const blur = () => desk.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

/** Fails when an element of the call card is drawn outside it (hidden off screen, or overflowing). */
async function expectInsideCard(selector: string): Promise<void> {
  const card = await desk.page.locator('.call-card').boundingBox();
  const box = await desk.page.locator(selector).boundingBox();
  expect(card && box).toBeTruthy();
  expect(box!.x).toBeGreaterThanOrEqual(card!.x);
  expect(box!.x + box!.width).toBeLessThanOrEqual(card!.x + card!.width);
  expect(box!.height).toBeGreaterThan(20);
}

/** Waits until the card shows the selected queue row, so a keystroke lands on the right prospect. */
async function cardReady(): Promise<{ id: number; name: string }> {
  const { page } = desk;
  await page.locator('.queue-row.selected').waitFor();
  const name = await selectedName();
  await expect.poll(() => page.locator('#card-name').innerText()).toBe(name);
  await page.locator('.call-card .voicemail h3').waitFor();
  return { id: await selectedId(), name };
}

/** Presses an outcome key and waits for the desk to say it was logged. */
async function logByKey(key: string, label: string): Promise<{ id: number; name: string }> {
  const who = await cardReady();
  const before = (await callsOf(who.id)).length;
  await desk.page.keyboard.press(key);
  await desk.page.getByText(`Logged ${label} for ${who.name}`).first().waitFor();
  await expect.poll(async () => (await callsOf(who.id)).length).toBe(before + 1);
  return who;
}

describe('the rep works the queue from the keyboard', () => {
  it('shows the queue with local time, number kind, probability and reason, and the call card', async () => {
    const { page } = desk;
    await desk.open('now');
    const rows = page.locator('.queue-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(5);
    const first = await rows.first().innerText();
    expect(first).toMatch(/\d{2}:\d{2}/);
    expect(first).toMatch(/\d+%/);
    expect(first).toMatch(/direct|main|mobile|private|assistant|other/);
    await cardReady();
    await expectInsideCard('.call-card .voicemail');
    await expect(page.locator('.call-card .dial a.number').getAttribute('href')).resolves.toMatch(/^tel:\+/);
    const box = await page.locator('.queue-row').first().boundingBox();
    await page.keyboard.press('Shift+R');
    await page.getByRole('button', { name: 'Refresh', exact: true }).waitFor();
    expect(await page.locator('.queue-row').first().boundingBox()).toEqual(box);
    await desk.shot('now');
  });

  it('logs reached with a note, typed without leaving the keyboard', async () => {
    const { page } = desk;
    await cardReady();
    await page.keyboard.press('e');
    await page.keyboard.type('Interested in the freight audit; call after Q1 planning');
    await page.keyboard.press('Escape');
    const who = await logByKey('r', 'reached');
    const [call] = await callsOf(who.id);
    expect(call).toMatchObject({
      outcome: 'reached',
      note: 'Interested in the freight audit; call after Q1 planning',
    });
  });

  it('logs a gatekeeper with the name heard, recorded as intelligence', async () => {
    const { page } = desk;
    await cardReady();
    await page.getByLabel('Add a fact heard').selectOption('gatekeeper-name');
    await page.locator('.fact[data-fact="gatekeeper-name"]').getByLabel('Name').fill('Martha');
    await blur();
    const who = await logByKey('g', 'gatekeeper');
    const intel = await desk.api<{ items: { text: string }[] }>(`/prospects/${who.id}/intel`);
    expect(intel.items.map((f) => f.text).join(' ')).toContain('Martha');
  });

  it('leaves a voicemail following the script, stored word for word', async () => {
    const { page } = desk;
    let advice = '';
    for (let step = 0; step < 15; step++) {
      await cardReady();
      advice = await page.locator('.call-card .voicemail h3').innerText();
      if (advice.includes('leave a message') && !advice.includes('do not')) break;
      await page.keyboard.press('j');
    }
    expect(advice).toContain('leave a message');
    const script = await page.locator('.script blockquote').innerText();
    const number = (await page.locator('.call-card .dial a.number').innerText()).trim();
    await desk.shot('call-card-voicemail');
    const who = await logByKey('l', 'left a message');
    // The rehearsal clock has run on from desk.at: look up as of now.
    const card = await desk.api<Lookup>(`/lookup?number=${encodeURIComponent(number)}`);
    expect(card.messages[0]?.text).toBe(script);
    messageLeft = { number, prospectId: who.id, name: who.name };
  });

  it('logs no answer, undoes it within the minute, and logs a bad number', async () => {
    const { page } = desk;
    const who = await cardReady();
    const before = (await callsOf(who.id)).length;
    await logByKey('n', 'no answer');
    await page.keyboard.press('u');
    await page.getByText(`Undone: the call to ${who.name}`).waitFor();
    expect((await callsOf(who.id)).length).toBe(before);
    await logByKey('n', 'no answer');
    await logByKey('b', 'bad number');
  });
});

let messageLeft: { number: string; prospectId: number; name: string };

describe('a callback, an import and the insights', () => {
  it('opens the callback card from the box and credits the message that earned it', async () => {
    const { page } = desk;
    const before = await desk.api<{ callbacks: number }>('/message-stats');
    await page.keyboard.press('/');
    await page.keyboard.type(messageLeft.number);
    await page.keyboard.press('Enter');
    await page.locator('#callback-title').waitFor();
    await expect(page.locator('.callback h2').innerText()).resolves.toBe(messageLeft.name);
    await page.locator('.opener').waitFor();
    await page.getByRole('button', { name: 'Record this callback' }).click();
    await page.getByText('Callback recorded and credited to the').waitFor();
    await page.locator('.messages li.credited').waitFor();
    const after = await desk.api<{ callbacks: number }>('/message-stats');
    expect(after.callbacks).toBe(before.callbacks + 1);
    await desk.shot('callback');
  });

  it('imports a CSV with bad rows: preview, mapping, progress, and the rejected rows as CSV', async () => {
    const { page } = desk;
    await page.keyboard.press('3');
    const csv = [
      'first_name,last_name,title,company,email,phone_direct,region,country',
      'Ada,Quill,CFO,Quill Freight,ada@quillfreight.example,(312) 555-0199,IL,US',
      'Bo,Strand,Controller,Strand Foods,not-an-email,(415) 555-0123,CA,US',
      'Cy,Vale,VP Sales,Vale Tools,cy@valetools.example,12,TX,US',
      'Di,Moss,COO,Moss Labs,di@mosslabs.example,(617) 555-0142,MA,US',
    ].join('\n');
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('generic export · 4 rows · 2 can be imported').waitFor();
    await expect(page.locator('table.mapping').innerText()).resolves.toContain('phone:direct');
    await expect(page.locator('table.preview tr.bad').count()).resolves.toBe(2);
    await desk.shot('import-preview');
    await page.getByRole('button', { name: 'Import 4 rows' }).click();
    await page.locator('#report-title').waitFor();
    await expect(
      page.locator('#import-progress').evaluate((p) => (p as HTMLProgressElement).value),
    ).resolves.toBe(1);
    await expect(page.locator('.import').innerText()).resolves.toContain('2 new');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download rejected rows (CSV)' }).click(),
    ]);
    const rejected = await readFile((await download.path())!, 'utf8');
    expect(rejected.split('\n')[0]).toBe(
      'first_name,last_name,title,company,email,phone_direct,region,country,reach_problem',
    );
    expect(rejected).toContain('Bo,Strand');
    expect(rejected).toContain('Cy,Vale');
    expect(rejected).not.toContain('Ada,Quill');
    const found = await desk.api<{ total: number }>('/prospects?q=quillfreight');
    expect(found.total).toBe(1);
    await desk.shot('import-done');
  });

  it('shows insights as charts with the numbers behind them', async () => {
    const { page } = desk;
    await page.keyboard.press('4');
    await expect.poll(() => page.locator('.chart svg').count()).toBeGreaterThanOrEqual(5);
    const heatmap = page.locator('.chart').first();
    await expect(heatmap.getAttribute('aria-label')).resolves.toContain('Reach rate by weekday and hour');
    await desk.shot('insights', true);
    await heatmap.locator('svg g[aria-label="cell"] rect').first().hover();
    await page.locator('g[aria-label="tip"]').first().waitFor();
    await expect(page.locator('g[aria-label="tip"]').first().textContent()).resolves.toMatch(/dials reached/);
    await desk.shot('insights', true);
  });

  it('shows a prospect whole, with keep-or-drop and editable research notes', async () => {
    const { page } = desk;
    await desk.open(`prospects/${messageLeft.prospectId}`);
    await page.locator('#prospect-title').waitFor();
    await expect(page.locator('.timeline').innerText()).resolves.toContain('callback');
    const advice = page.getByRole('region', { name: 'Keep or drop' });
    await expect(advice.innerText()).resolves.toMatch(
      /Keep or drop: (Continue|Slow down|Drop)[\s\S]*attempts?, [\s\S]*chance of a conversation/,
    );
    await page.getByLabel('Priority objective').fill('cut freight cost per order');
    await page.getByRole('button', { name: 'Save research' }).click();
    await page.getByText(`Research notes for ${messageLeft.name} saved`).waitFor();
    const prospect = await desk.api<{ research: { priorityObjective?: string } }>(
      `/prospects/${messageLeft.prospectId}`,
    );
    expect(prospect.research.priorityObjective).toBe('cut freight cost per order');
    await desk.shot('prospect');
  });

  it("lists the day's cadence steps in the prospect's clock and marks one done from the keyboard", async () => {
    const { page } = desk;
    const report = await desk.api<{ started: { prospectId: number; name: string }[] }>('/enrollments', {
      method: 'POST',
      body: JSON.stringify({ cadence: 'cold-3-weeks', prospects: [4, 5, 6], at: desk.at }),
    });
    expect(report.started.length).toBeGreaterThan(0);
    await page.keyboard.press('6');
    await page.locator('#tasks-title').waitFor();
    await page.getByRole('button', { name: 'Next 7 days' }).click();
    const rows = page.locator('table.tasks tbody tr');
    await rows.first().waitFor();
    const before = await rows.count();
    expect(before).toBeGreaterThanOrEqual(report.started.length);
    await expect(rows.first().innerText()).resolves.toMatch(/call[\s\S]*cold-3-weeks 1\/12/);
    // The cold cadence's emails go out by themselves, and say so.
    await expect(rows.filter({ hasText: 'cold-3-weeks 2/12' }).first().innerText()).resolves.toMatch(
      /email\s*auto/,
    );
    await desk.shot('tasks');
    await blur();
    await page.keyboard.press('d');
    await page
      .getByText(/ for .* done\./)
      .first()
      .waitFor();
    await expect.poll(() => rows.count()).toBe(before - 1);
  });

  it('refuses calling hours outside the legal window, in words, and lists the shortcuts', async () => {
    const { page } = desk;
    await page.keyboard.press('5');
    const from = page.getByLabel('Calling hours from (prospect local)');
    // The form shows the team's settings once they load; a change typed before then would be overwritten.
    await expect.poll(() => from.inputValue()).not.toBe('');
    await from.fill('07:00');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('.team small.error').waitFor();
    await expect(page.getByRole('alert').first().innerText()).resolves.toContain('callingHoursStart');
    await desk.shot('settings');
    await blur();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await desk.shot('shortcuts');
    await page.keyboard.press('Escape');
  });

  it('lifts a Do-Not-Call entry only with a sentence of a reason and a name, and a person only with their consent', async () => {
    const { page } = desk;
    await desk.open('settings');
    await page.getByRole('textbox', { name: 'Number' }).fill('+1 312 555 0199');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const row = page.locator('table.grid tr', { hasText: '+13125550199' });
    await row.waitFor();
    await row.getByRole('button', { name: 'Lift…' }).click();
    const form = page.getByRole('form', { name: 'Lift +13125550199' });
    await form.getByLabel(/Why may they be called again/).fill('oops');
    await form.getByLabel('Your name').fill('Sam Rivera');
    await form.getByRole('button', { name: 'Lift' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'Lifting a Do-Not-Call entry' }).first();
    await expect(refused.innerText()).resolves.toContain('say why in a sentence');
    await form.getByLabel(/Why may they be called again/).fill('the number was reassigned to a new owner');
    await desk.shot('dnc-lift');
    await form.getByRole('button', { name: 'Lift' }).click();
    await expect.poll(() => row.count()).toBe(0);
    const history = await desk.api<{ items: { action: string; by: string }[] }>('/dnc/history');
    expect(history.items[0]).toMatchObject({ action: 'lifted', by: 'Sam Rivera' });
  });

  it("a teammate's call logged on another desk takes that prospect off this queue at once, not at the next minute's refresh", async () => {
    const { page } = desk;
    await desk.open('now');
    await cardReady();
    const rows = page.locator('.queue-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(2);
    const second = await rows.nth(1).getAttribute('data-prospect');
    expect(second).toBeTruthy();
    // Another desk (the API, as a teammate's desk would call it) dials the second prospect.
    await desk.api('/calls', {
      method: 'POST',
      body: JSON.stringify({ prospect: second, outcome: 'no-answer', at: desk.at }),
    });
    // The courtesy gap keeps them off the queue for two hours; the live event refreshes it within seconds.
    await expect
      .poll(() => page.locator(`.queue-row[data-prospect="${second}"]`).count(), { timeout: 10_000 })
      .toBe(0);
  });

  it('fits a narrow laptop window', async () => {
    const { page } = desk;
    await page.setViewportSize({ width: 900, height: 800 });
    await desk.open('now');
    await cardReady();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(900);
    await expectInsideCard('.call-card .voicemail');
    await desk.shot('now-narrow');
  });
});
