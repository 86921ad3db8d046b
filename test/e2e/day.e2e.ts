/// <reference lib="dom" />
import { DateTime } from 'luxon';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intelTypes } from '../../src/contracts/intel.contract.ts';
import { createRandom } from '../../src/shared/random.ts';
import { type DayDesk, engines, openDay } from './day.ts';

type Call = {
  id: number;
  at: string;
  prospectId: number;
  number: string | null;
  outcome: string;
  result: string | null;
  resultAt: string | null;
  durationSeconds: number | null;
  note: string | null;
};
type Fact = {
  id: number;
  type: string;
  sourceAttemptId: number | null;
  from: string | null;
  to: string | null;
  until: string | null;
};
type Queue = { at: string; entries: { prospect: { id: number }; number: { e164: string } }[] };

/** What the rep did on one call, as the card showed it: the test checks the book against this. */
type Expected = {
  prospectId: number;
  name: string;
  number: string;
  zone: string;
  outcome: string;
  note?: string;
  result?: string;
  /** The result's time as typed, on the prospect's clock. */
  resultLocal?: string;
  facts: string[];
  seconds?: number;
};

const OUTCOMES = {
  r: 'reached',
  g: 'gatekeeper',
  v: 'voicemail, no message',
  l: 'left a message',
  n: 'no answer',
  b: 'bad number',
} as const;
const API_OUTCOME: Record<keyof typeof OUTCOMES, string> = {
  r: 'reached',
  g: 'gatekeeper',
  v: 'voicemail',
  l: 'voicemail-left',
  n: 'no-answer',
  b: 'bad-number',
};
const FACT_KINDS = intelTypes;
const CALLS = 64;
const MINUTE = 60_000;

describe.each(engines)('a day at the desk on %s', (engine) => {
  let day: DayDesk;
  let now: number;
  const expected: Expected[] = [];

  beforeAll(async () => {
    day = await openDay(engine);
    now = day.start.getTime();
  }, 180_000);
  afterAll(async () => {
    await day?.close();
  });

  const page = () => day.page;
  const advance = async (ms: number) => {
    now += ms;
    await page().clock.fastForward(ms);
  };
  const blur = () => page().evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  /** The card as the rep sees it: whose it is, which number, whose clock. */
  async function card(): Promise<{ id: number; name: string; number: string; zone: string }> {
    const article = page().locator('article.call-card');
    await article.waitFor();
    await article.locator('.voicemail h3').waitFor();
    return {
      id: Number(await article.getAttribute('data-prospect')),
      name: await page().locator('#card-name').innerText(),
      number: (await article.getAttribute('data-number')) ?? '',
      zone: (await article.getAttribute('data-zone')) ?? '',
    };
  }

  async function addFact(
    type: (typeof FACT_KINDS)[number],
    fill: (fact: Locator) => Promise<void>,
  ): Promise<void> {
    await page().locator('article.call-card').getByLabel('Add a fact heard').selectOption(type);
    await fill(page().locator(`article.call-card .fact[data-fact="${type}"]`).last());
  }

  /** Fills one fact of each kind in turn, as a gatekeeper or a greeting would reveal it. */
  async function hear(type: (typeof FACT_KINDS)[number], zone: string): Promise<void> {
    const times = (f: Locator) => f.locator('input[type="time"]');
    switch (type) {
      case 'gatekeeper-name':
        return addFact(type, (f) => f.getByLabel('Name').fill('Janet'));
      case 'champion':
        return addFact(type, (f) => f.getByLabel('Name').fill('Lee Park in finance'));
      case 'gatekeeper-hours':
        return addFact(type, async (f) => {
          await times(f).nth(0).fill('08:30');
          await times(f).nth(1).fill('13:00');
          await times(f).nth(2).fill('14:00');
          await times(f).nth(3).fill('17:15');
        });
      case 'dm-hours':
        return addFact(type, async (f) => {
          await times(f).nth(0).fill('18:00');
          await times(f).nth(1).fill('19:00');
          await f.getByLabel('As said').fill('in until seven');
        });
      case 'private-line':
        return addFact(type, async (f) => {
          await f.getByLabel('Number').fill(`(312) 555-${String(1000 + expected.length).slice(-4)}`);
          await times(f).nth(0).fill('18:00');
          await times(f).nth(1).fill('19:00');
        });
      case 'route':
        return addFact(type, async (f) => {
          await f.locator('select').selectOption('press-0');
        });
      case 'prefers':
        return addFact(type, async (f) => {
          await f.locator('select').selectOption('email');
        });
      case 'deterrent':
        return addFact(type, (f) => f.getByLabel('The words').fill('Vendor calls will not be returned.'));
      case 'alternate-contact':
        return addFact(type, (f) => f.getByLabel('Who, extension or number').fill('Pat Lee, extension 214'));
      case 'number-confirmed':
        return addFact(type, (f) => f.getByLabel('Number').fill('+13125550142'));
      case 'out-of-office': {
        const back = DateTime.fromMillis(now, { zone }).plus({ days: 9 }).toISODate()!;
        return addFact(type, (f) => f.locator('input[type="date"]').fill(back));
      }
    }
  }

  /** Types the result's date and time on the card, on the prospect's clock. */
  async function typeResult(result: 'meeting' | 'callback-scheduled', local: DateTime): Promise<string> {
    const c = page().locator('article.call-card');
    await c.getByLabel('Result (reached or gatekeeper)').selectOption(result);
    await c.locator('.their-time input[type="date"]').fill(local.toISODate()!);
    await c.locator('.their-time input[type="time"]').fill(local.toFormat('HH:mm'));
    await expect.poll(() => c.locator('.their-time').innerText()).toContain('their time');
    return local.toFormat("yyyy-MM-dd'T'HH:mm");
  }

  async function logKey(key: keyof typeof OUTCOMES, who: { name: string; number: string }): Promise<void> {
    await blur();
    await page().keyboard.press(key);
    await page().getByText(`Logged ${OUTCOMES[key]} for ${who.name} on ${who.number}`).first().waitFor();
  }

  it('gives the same queue order in the API, the CLI and the desk at the same instant', async () => {
    await advance(5 * MINUTE);
    await page().keyboard.press('Shift+R');
    const at = new Date(now).toISOString();
    await expect
      .poll(() => page().getByTestId('queue-status').innerText())
      .toContain(DateTime.fromMillis(now, { zone: 'Asia/Kolkata' }).toFormat('HH:mm'));
    const desk = await page()
      .locator('.queue-row')
      .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-prospect'))));
    const api = await day.api<Queue>(`/queue?at=${encodeURIComponent(at)}&limit=25`);
    const cli = JSON.parse(await day.cli(['queue', '--at', at, '--limit', '25', '--json'])) as Queue;
    expect(desk.length).toBeGreaterThan(5);
    expect(api.entries.map((e) => e.prospect.id)).toEqual(desk);
    expect(cli.entries.map((e) => e.prospect.id)).toEqual(desk);
  }, 120_000);

  it('a refresh moved the card and the next key logged on someone else: a whole day of calls lands on the prospect and number on the card, at the times meant on their clock, with every fact heard', async () => {
    const rng = createRandom(engine === 'pglite' ? 7 : 11);
    let factKind = 0;
    let undone = false;
    for (let i = 0; expected.length < CALLS; i++) {
      if (i % 9 === 4) await page().keyboard.press('j');
      const who = await card();
      const zone = who.zone || 'America/New_York';
      const plan: Expected = {
        prospectId: who.id,
        name: who.name,
        number: who.number,
        zone,
        outcome: '',
        facts: [],
      };
      let key: keyof typeof OUTCOMES = (['n', 'g', 'v', 'l', 'r', 'n', 'g', 'n'] as const)[i % 8]!;
      if (i === 30) key = 'b';

      // A long call: the timer runs and the queue's own refresh comes and goes under the card.
      if (i % 6 === 1) {
        await page().keyboard.press('t');
        await advance(3 * MINUTE + 12_000);
        plan.seconds = 192;
        expect((await card()).id).toBe(who.id);
      }
      // A note typed across a refresh: it stays whole, on this prospect.
      if (i % 5 === 2) {
        const note = `Call ${i}: asked about the freight audit`;
        await page().keyboard.press('e');
        await page().keyboard.type(note.slice(0, 12));
        await advance(61_000);
        await page().keyboard.type(note.slice(12));
        await page().keyboard.press('Escape');
        expect((await card()).id).toBe(who.id);
        plan.note = note;
      }
      if (key === 'g' || key === 'r') {
        // Every kind of intelligence in turn; a Werth call carries three at once.
        const kinds =
          i % 16 === 6
            ? (['gatekeeper-name', 'private-line', 'gatekeeper-hours'] as const)
            : [FACT_KINDS[factKind++ % FACT_KINDS.length]!];
        for (const kind of kinds) {
          await hear(kind, zone);
          plan.facts.push(kind, ...(kind === 'private-line' ? ['dm-hours'] : []));
        }
        const timed =
          key === 'r' && i % 16 === 4 ? 'meeting' : key === 'g' && i % 8 === 6 ? 'callback-scheduled' : null;
        if (timed) {
          const local =
            timed === 'meeting'
              ? DateTime.fromMillis(now, { zone }).plus({ days: 1 }).set({ hour: 15, minute: 0 })
              : DateTime.fromMillis(now, { zone }).plus({ minutes: 40 }).startOf('minute');
          plan.result = timed;
          plan.resultLocal = await typeResult(timed, local);
        } else if (key === 'r') {
          plan.result = rng.pick(['interested', 'not-interested']);
          await page()
            .locator('article.call-card')
            .getByLabel('Result (reached or gatekeeper)')
            .selectOption(plan.result);
        }
      }
      plan.outcome = API_OUTCOME[key];
      await logKey(key, who);
      expected.push(plan);

      // Once, a slip taken back within the minute.
      if (!undone && i === 10) {
        await page().keyboard.press('u');
        await page().getByText(`Undone: the call to ${who.name} is no longer logged.`).waitFor();
        expected.pop();
        undone = true;
      }
      await advance((4 + rng.int(0, 5)) * MINUTE);
    }
    await day.shot(`day-now-${engine}`);

    const calls = (
      await day.api<{ items: Call[] }>(
        `/calls?since=${encodeURIComponent(day.start.toISOString())}&limit=1000`,
      )
    ).items
      .slice()
      .reverse();
    // Nothing doubled, nothing lost, nothing on the wrong prospect or number.
    expect(calls).toHaveLength(expected.length);
    for (const [n, plan] of expected.entries()) {
      const call = calls[n]!;
      expect({ n, prospect: call.prospectId, number: call.number, outcome: call.outcome }).toEqual({
        n,
        prospect: plan.prospectId,
        number: plan.number,
        outcome: plan.outcome,
      });
      if (plan.note) expect(call.note).toBe(plan.note);
      if (plan.seconds) expect(call.durationSeconds).toBeGreaterThanOrEqual(plan.seconds);
      if (plan.result) expect(call.result).toBe(plan.result);
      // Every typed time is the prospect's local time the rep meant, whatever the browser's zone.
      if (plan.resultLocal)
        expect(DateTime.fromISO(call.resultAt!, { zone: plan.zone }).toFormat("yyyy-MM-dd'T'HH:mm")).toBe(
          plan.resultLocal,
        );
      if (plan.facts.length > 0) {
        const facts = (await day.api<{ items: Fact[] }>(`/prospects/${plan.prospectId}/intel`)).items.filter(
          (f) => f.sourceAttemptId === call.id,
        );
        expect(facts.map((f) => f.type).sort()).toEqual([...plan.facts].sort());
        for (const f of facts.filter((x) => x.type === 'out-of-office'))
          expect(DateTime.fromISO(f.until!, { zone: plan.zone }).toFormat('HH:mm')).toBe('00:00');
      }
    }
  }, 900_000);

  it('pops a promised callback as a reminder and opens its card', async () => {
    await page().goto(`${day.server.url}/#/now`);
    const who = await card();
    const local = DateTime.fromMillis(now, { zone: who.zone }).plus({ minutes: 40 }).startOf('minute');
    await typeResult('callback-scheduled', local);
    await logKey('g', who);
    await page().keyboard.press('j');
    await advance(15 * MINUTE);
    const reminder = page().locator('.reminder', { hasText: `Callback promised to ${who.name}` });
    await reminder.waitFor();
    expect(await reminder.innerText()).toContain(`${local.toFormat('HH:mm')} their time`);
    await day.shot(`day-reminder-${engine}`);
    await reminder.getByRole('link', { name: 'Open the card' }).click();
    await expect.poll(async () => (await card()).id).toBe(who.id);
  }, 120_000);

  it('records callbacks with what they came to, one after the other, and attaches an unknown caller', async () => {
    const left = expected.find((e) => e.outcome === 'voicemail-left')!;
    await blur();
    await page().keyboard.press('/');
    await page().keyboard.type(left.number);
    await page().keyboard.press('Enter');
    await page().locator('#callback-title').waitFor();
    await page().getByLabel('What it came to').selectOption('meeting');
    const meeting = DateTime.fromMillis(now, { zone: left.zone })
      .plus({ days: 2 })
      .set({ hour: 10, minute: 30 });
    await page().locator('.their-time input[type="date"]').fill(meeting.toISODate()!);
    await page().locator('.their-time input[type="time"]').fill('10:30');
    await page().getByRole('button', { name: 'Record this callback' }).click();
    await page().getByText('Callback recorded').first().waitFor();
    await day.shot(`day-callback-${engine}`);

    // The next caller at once, without reloading: an unknown number, attached to a prospect.
    await page().keyboard.press('/');
    await page().keyboard.press('Control+A');
    await page().keyboard.type('+1 312 555 0199');
    await page().keyboard.press('Enter');
    await page().getByText('Nobody in the book has this number').waitFor();
    await page().getByRole('button', { name: 'Record this callback' }).click();
    // The whole name, of someone nobody else in the book shares it with: the search lists by name.
    const book = await day.api<{ items: { id: number; name: string }[] }>('/prospects?limit=1000');
    const other = expected.find(
      (e) => e.prospectId !== left.prospectId && book.items.filter((p) => p.name === e.name).length === 1,
    )!;
    await page().getByLabel('Find by name, company or email').fill(other.name);
    await page()
      .getByRole('button', { name: `Attach to ${other.name}` })
      .first()
      .click();
    await page().getByText(`Callback attached to ${other.name}`).waitFor();

    const timeline = await day.api<{ entries: { type: string; text: string }[] }>(
      `/prospects/${left.prospectId}/timeline`,
    );
    expect(timeline.entries.some((t) => t.type === 'callback')).toBe(true);
    const tasks = await day.api<{ items: { kind: string; dueAt: string; prospect: { id: number } }[] }>(
      `/tasks?at=${encodeURIComponent(new Date(now).toISOString())}&dueBefore=${encodeURIComponent(meeting.plus({ days: 1 }).toISO()!)}`,
    );
    const booked = tasks.items.find((t) => t.kind === 'meeting' && t.prospect.id === left.prospectId);
    expect(booked && DateTime.fromISO(booked.dueAt, { zone: left.zone }).toFormat('HH:mm')).toBe('10:30');
    const attached = await day.api<{ entries: { type: string }[] }>(
      `/prospects/${other.prospectId}/timeline`,
    );
    expect(attached.entries.some((t) => t.type === 'callback')).toBe(true);
  }, 120_000);

  it('corrects a call after the minute to undo it, and the book follows', async () => {
    const first = expected.find((e) => e.outcome === 'no-answer')!;
    await advance(61_000); // the last log's notice, and its offer to undo, run out
    await page().goto(`${day.server.url}/#/prospects/${first.prospectId}`);
    await page().locator('#prospect-title').waitFor();
    const before = (await day.api<{ items: Call[] }>(`/calls?prospect=${first.prospectId}`)).items.find(
      (c) => c.outcome === 'no-answer' && Date.parse(c.at) >= day.start.getTime(),
    )!;
    await page()
      .locator('.timeline li', { hasText: 'no-answer' })
      .first()
      .getByRole('button', { name: 'Correct' })
      .click();
    const form = page().getByRole('form', { name: `Correct call ${before.id}` });
    await form.getByLabel('Outcome').selectOption('voicemail');
    await form.getByLabel('Why the correction').fill('pressed n for a voicemail');
    await form.getByRole('button', { name: 'Save the correction' }).click();
    await page().getByText(`Call ${before.id} corrected.`).waitFor();
    const after = (await day.api<{ items: Call[] }>(`/calls?prospect=${first.prospectId}`)).items.find(
      (c) => c.id === before.id,
    )!;
    expect(after.outcome).toBe('voicemail');
    const timeline = await day.api<{ entries: { type: string; text: string }[] }>(
      `/prospects/${first.prospectId}/timeline`,
    );
    expect(
      timeline.entries.some((t) => t.type === 'correction' && t.text.includes('pressed n for a voicemail')),
    ).toBe(true);
    await day.shot(`day-correction-${engine}`, true);
  }, 120_000);
});

describe('every screen at a laptop and a phone width', () => {
  let day: DayDesk;
  beforeAll(async () => {
    day = await openDay('pglite');
    await day.page.clock.fastForward(2 * 3_600_000);
  }, 180_000);
  afterAll(async () => {
    await day?.close();
  });

  it('draws each screen at 1440 px and 390 px with nothing wider than the window', async () => {
    const { page } = day;
    const someone = (
      await day.api<{ items: { id: number; phones: { e164: string }[] }[] }>('/prospects?limit=5')
    ).items.find((p) => p.phones.length > 0)!;
    const screens = [
      'now',
      'prospects',
      `prospects/${someone.id}`,
      'prospects/new',
      'import',
      'insights',
      'settings',
      'tasks',
      'plan',
      `callback/${encodeURIComponent(someone.phones[0]!.e164)}`,
    ];
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: width > 1000 ? 900 : 844 });
      for (const screen of screens) {
        await page.goto(`${day.server.url}/#/${screen}`);
        await page.locator('main h1, main h2').first().waitFor();
        await page.clock.fastForward(1_000);
        const name =
          screen.split('/')[0] +
          (screen.includes('/') ? (screen.startsWith('prospects/new') ? '-new' : '-one') : '');
        await day.shot(`screen-${name}-${width}`, true);
        // Nothing is cut off sideways: the page is never wider than the window.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect({ screen, width, overflow: overflow <= 1 }).toEqual({ screen, width, overflow: true });
      }
    }
    // On the phone the number is a tel: link that dials.
    await page.goto(`${day.server.url}/#/now`);
    await page.locator('article.call-card .dial a.number').waitFor();
    expect(await page.locator('article.call-card .dial a.number').getAttribute('href')).toMatch(
      /^tel:\+\d+$/,
    );
  }, 300_000);
});

describe('the desk has no dead ends', () => {
  let day: DayDesk;
  beforeAll(async () => {
    day = await openDay('pglite', { demo: false });
  }, 180_000);
  afterAll(async () => {
    await day?.close();
  });

  it('an empty book said everyone was outside calling hours: it offers the demo and the import', async () => {
    const { page } = day;
    await page.getByText('Your book is empty').waitFor();
    expect(await page.getByRole('link', { name: 'Import a CSV' }).getAttribute('href')).toBe('#/import');
    await day.shot('first-steps');
    await page.getByRole('button', { name: 'Load the demo territory' }).click();
    await expect.poll(() => page.locator('.queue-row').count(), { timeout: 60_000 }).toBeGreaterThan(5);
  }, 120_000);

  it('a rehearsal in the future is refused in words, and the desk runs on the real clock', async () => {
    const { page } = day;
    await page.goto(`${day.server.url}/?at=2099-01-05T15:00:00Z#/now`);
    await page.getByRole('alert').filter({ hasText: 'is in the future' }).waitFor();
    await page.goto(`${day.server.url}/#/now`);
  });

  it('adds a prospect and a number from the desk, sets what they already have, and logs a call from their page', async () => {
    const { page } = day;
    await page.goto(`${day.server.url}/#/prospects/new`);
    await page.getByLabel('First name').fill('Nadia');
    await page.getByLabel('Last name').fill('Okafor');
    await page.getByLabel('Company').fill('Okafor Freight');
    await page.getByLabel('Phone').fill('(312) 555-0188');
    await page.getByLabel('State or region').fill('IL');
    await page.getByLabel(/^Deal value/).fill('25000');
    await page.getByLabel('Already has what we sell').check();
    await page.getByRole('button', { name: 'Add the prospect' }).click();
    await page.locator('#prospect-title', { hasText: 'Nadia Okafor' }).waitFor();
    expect(await page.locator('.prospect header').innerText()).toContain('deal value $25,000');
    const id = Number(page.url().split('/').pop());
    type Added = {
      alreadyHasProduct: boolean;
      timezone: string | null;
      phones: { e164: string; kind: string }[];
    };
    const added = await day.api<Added>(`/prospects/${id}`);
    expect(added).toMatchObject({ alreadyHasProduct: true, timezone: 'America/Chicago' });

    await page.getByLabel('New number').fill('(312) 555-0190');
    await page.getByLabel('Kind of number').selectOption('mobile');
    await page.getByRole('button', { name: 'Add number' }).click();
    await page.getByText('Added (312) 555-0190 (mobile) to Nadia Okafor.').waitFor();
    expect((await day.api<Added>(`/prospects/${id}`)).phones.map((p) => p.kind).sort()).toEqual([
      'direct',
      'mobile',
    ]);

    const fit = page.getByRole('form', { name: 'Fit' });
    await fit.getByLabel('Already has what we sell').uncheck();
    await fit.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved for Nadia Okafor.').waitFor();
    expect((await day.api<Added>(`/prospects/${id}`)).alreadyHasProduct).toBe(false);

    const log = page.getByRole('region', { name: 'Log a call' });
    await log.getByLabel('Number dialled').selectOption('+13125550190');
    await log.getByRole('button', { name: 'No answer' }).click();
    await page.getByText('Logged no answer for Nadia Okafor on +13125550190').waitFor();
    const calls = await day.api<{ items: { number: string; outcome: string }[] }>(`/calls?prospect=${id}`);
    expect(calls.items).toMatchObject([{ number: '+13125550190', outcome: 'no-answer' }]);
    await day.shot('prospect-added', true);
  }, 120_000);
});
