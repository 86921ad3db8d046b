/// <reference lib="dom" />
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerOf, type Desk, type Json, openDesk, type Session, SHOTS, sessionOf } from './desk.ts';

let desk: Desk;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  desk = await openDesk();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await desk?.close();
});

describe('two teams on one server, each with a manager and two reps', () => {
  it("each rep works their own queue in their own voice, two reps never get one prospect at once, and a manager moves a prospect and reads each rep's figures", async () => {
    const url = desk.server.url;
    const call = callerOf(url);
    const session = sessionOf;
    const password = (name: string) => `${name} passphrase 2026`;
    const login = async (email: string, name: string) =>
      session(await call('/auth/login', { body: { email, password: password(name) } }));

    // Team one (Northwind): the demo book, its first admin, a manager and two reps with their own lines.
    const ana = session(
      await call('/auth/setup', {
        body: { email: 'ana@north.example', name: 'Ana Admin', password: password('Ana') },
      }),
    );
    const people: Record<string, { id: number; email: string; name: string; phone?: string }> = {};
    const addPerson = async (
      as: Session,
      person: { key: string; name: string; role: string; phone?: string },
    ) => {
      const email = `${person.key}@${as === ana ? 'north' : 'south'}.example`;
      const added = await call('/users', {
        as,
        body: { email, name: person.name, role: person.role, password: password(person.key) },
      });
      const id = added.body['user']['id'] as number;
      if (person.phone)
        await call(`/users/${id}`, {
          as,
          method: 'PATCH',
          body: { phone: person.phone, callerId: person.phone },
        });
      people[person.key] = { id, email, name: person.name, ...(person.phone ? { phone: person.phone } : {}) };
    };
    await addPerson(ana, { key: 'mia', name: 'Mia Manager', role: 'manager' });
    await addPerson(ana, { key: 'sam', name: 'Sam Ortiz', role: 'rep', phone: '+13125550111' });
    await addPerson(ana, { key: 'kit', name: 'Kit Baker', role: 'rep', phone: '+13125550121' });
    const northIds = ((await call('/prospects?limit=500', { as: ana })).body['items'] as Json[]).map(
      (p) => p['id'] as number,
    );
    expect(northIds.length).toBeGreaterThan(20);
    const pooled = northIds[0]!;
    const samIds = northIds.filter((_, i) => i % 2 === 1);
    const kitIds = northIds.filter((_, i) => i > 0 && i % 2 === 0);
    await call('/prospects/reassign', { as: ana, body: { to: String(people['sam']!.id), ids: samIds } });
    await call('/prospects/reassign', { as: ana, body: { to: String(people['kit']!.id), ids: kitIds } });
    await call('/prospects/reassign', { as: ana, body: { to: 'pool', ids: [pooled] } });

    // Team two (Southwind) on the same server: its own demo book, admin, manager and reps.
    await call('/teams', {
      as: ana,
      body: {
        name: 'Southwind',
        admin: { email: 'bo@south.example', name: 'Bo Admin', password: password('Bo') },
      },
    });
    const bo = await login('bo@south.example', 'Bo');
    await call('/demo', { as: bo, body: { at: desk.at } });
    await addPerson(bo, { key: 'max', name: 'Max Manager', role: 'manager' });
    await addPerson(bo, { key: 'lee', name: 'Lee Park', role: 'rep', phone: '+14045550131' });
    await addPerson(bo, { key: 'ray', name: 'Ray Cole', role: 'rep', phone: '+14045550141' });
    const southIds = ((await call('/prospects?limit=500', { as: bo })).body['items'] as Json[]).map(
      (p) => p['id'] as number,
    );
    await call('/prospects/reassign', {
      as: bo,
      body: { to: String(people['lee']!.id), ids: southIds.filter((_, i) => i % 2 === 0) },
    });
    await call('/prospects/reassign', {
      as: bo,
      body: { to: String(people['ray']!.id), ids: southIds.filter((_, i) => i % 2 === 1) },
    });

    /** A browser of one's own, logged in at the desk. */
    const deskOf = async (key: string): Promise<Page> => {
      const context = await desk.browser.newContext({ viewport: { width: 1280, height: 800 } });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${url}/?at=${encodeURIComponent(desk.at)}#/now`);
      await page.getByRole('heading', { name: 'Log in to Reach' }).waitFor();
      await page.getByLabel('Email').fill(people[key]!.email);
      await page.getByLabel('Password').fill(password(key));
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByText(`${people[key]!.name} · `).waitFor();
      return page;
    };
    const queueOf = async (page: Page): Promise<number[]> => {
      await page.locator('.queue-row').first().waitFor();
      return page
        .locator('.queue-row')
        .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-prospect'))));
    };
    const scriptOf = async (page: Page) => {
      const card = page.locator('article.call-card');
      await card.locator('.voicemail h3').waitFor();
      return card.locator('.voicemail').innerText();
    };
    /** The message a rep would leave for a prospect (a strategy that leaves one), as the API gives it to their desk. */
    const voiceFor = async (as: Session, id: number) =>
      JSON.stringify(
        (
          await call(`/prospects/${id}/voicemail?strategy=persistent&at=${encodeURIComponent(desk.at)}`, {
            as,
          })
        ).body,
      );

    // Each rep's queue is their own book (and the pool), never a teammate's or another team's.
    const sam = await deskOf('sam');
    const samQueue = await queueOf(sam);
    expect(samQueue.length).toBeGreaterThan(0);
    for (const id of samQueue) expect([...samIds, pooled]).toContain(id);
    const samScript = await scriptOf(sam);
    expect(samScript).toContain('Sam');
    expect(samScript).toMatch(/312\D{0,2}555\D?0111/);
    await desk.shot('teams-rep-queue');

    const kit = await deskOf('kit');
    const kitQueue = await queueOf(kit);
    for (const id of kitQueue) expect([...kitIds, pooled]).toContain(id);
    const kitVoice = await voiceFor(await login('kit@north.example', 'kit'), kitQueue[0]!);
    expect(kitVoice).toContain('Kit');
    expect(kitVoice).not.toContain('Sam');

    const lee = await deskOf('lee');
    const leeQueue = await queueOf(lee);
    for (const id of leeQueue) expect(southIds).toContain(id);
    for (const id of leeQueue) expect(northIds).not.toContain(id);
    const leeVoice = await voiceFor(await login('lee@south.example', 'lee'), leeQueue[0]!);
    expect(leeVoice).toContain('Lee');
    expect(leeVoice).not.toContain('Kit');

    // No two reps on one prospect: Sam opens the pool's prospect; Kit is told and not proposed them.
    await sam.goto(`${url}/?at=${encodeURIComponent(desk.at)}#/now/${pooled}`);
    await sam.locator(`article.call-card[data-prospect="${pooled}"]`).waitFor();
    await kit.goto(`${url}/?at=${encodeURIComponent(desk.at)}#/now/${pooled}`);
    await kit.getByRole('alert').filter({ hasText: 'Sam Ortiz has' }).waitFor();
    await kit.screenshot({ path: `${SHOTS}/teams-held.png` });
    await kit.goto(`${url}/?at=${encodeURIComponent(desk.at)}#/now`);
    expect(await queueOf(kit)).not.toContain(pooled);

    // Sam, who has the card, logs his dial to them from the keyboard.
    await sam.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await sam.keyboard.press('n');
    await sam
      .getByText(/Logged no answer for/)
      .first()
      .waitFor();

    // Mia, Northwind's manager, moves one of Sam's prospects to Kit from its page…
    const mia = await deskOf('mia');
    const moved = samIds[0]!;
    await mia.goto(`${url}/?at=${encodeURIComponent(desk.at)}#/prospects/${moved}`);
    // Passing over names with the arrow keys moves nothing; Move does.
    await mia.getByLabel('Whose book').focus();
    await mia.keyboard.press('ArrowDown');
    await mia.getByRole('button', { name: 'Don’t move', exact: true }).click();
    expect((await call(`/prospects/${moved}`, { as: ana })).body['ownerId']).toBe(people['sam']!.id);
    await mia.getByLabel('Whose book').selectOption(String(people['kit']!.id));
    await mia.getByRole('button', { name: 'Move', exact: true }).click();
    await mia.getByText(/is now in Kit Baker’s book/).waitFor();
    await mia.screenshot({ path: `${SHOTS}/teams-manager-book.png` });
    const kitSession = await login('kit@north.example', 'kit');
    expect((await call(`/prospects/${moved}`, { as: kitSession })).body['ownerId']).toBe(people['kit']!.id);
    await expect(
      call(`/prospects/${moved}`, { as: await login('sam@north.example', 'sam') }),
    ).rejects.toThrow(/404/);
    const audit = (await call('/audit', { as: ana })).body['entries'] as Json[];
    expect(audit.some((e) => e['action'] === 'owner_changed' && e['actor'] === 'mia@north.example')).toBe(
      true,
    );

    // …and reads each rep's week: Sam's dial is there, and Southwind's reps are not.
    // (Ten minutes on: each rehearsing desk's clock runs from when its page was opened.)
    const later = new Date(Date.parse(desk.at) + 10 * 60_000).toISOString();
    await mia.goto(`${url}/?at=${encodeURIComponent(later)}#/insights`);
    const reps = mia.locator('table.reps');
    await reps.locator('tbody tr').first().waitFor();
    const samRow = reps.locator('tbody tr', { hasText: 'Sam Ortiz' });
    await expect.poll(() => samRow.locator('td').nth(1).innerText()).toBe('1');
    expect(await reps.innerText()).toContain('Kit Baker');
    expect(await reps.innerText()).not.toContain('Lee Park');
    await reps.scrollIntoViewIfNeeded();
    await mia.screenshot({ path: `${SHOTS}/teams-rep-figures.png` });
  }, 240_000);
});
