/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Desk, openDesk } from './desk.ts';

let desk: Desk;

beforeAll(async () => {
  desk = await openDesk();
});
afterAll(async () => {
  await desk?.close();
});

describe('logins at the desk', () => {
  it('the first run makes an admin who keeps the book; a rep added with a one-time link logs in, and a wrong password is told', async () => {
    const { page } = desk;
    await desk.open('now');
    await page.locator('.queue-row').first().waitFor();
    await page.getByRole('link', { name: 'Set up logins' }).click();
    await page.getByRole('heading', { name: 'Set up logins' }).waitFor();
    await page.getByLabel('Your name (as prospects hear it)').fill('Ana Admin');
    await page.getByLabel('Email').fill('ana@northwind.example');
    await page.getByLabel(/^New password/).fill('correct horse battery');
    await page.getByLabel('The same again').fill('correct horse battery');
    await desk.shot('first-run');
    await page.getByRole('button', { name: 'Make me the admin' }).click();
    await page.getByText('Ana Admin · admin').waitFor();
    // The book is still there, now owned by its first admin.
    await page.getByRole('heading', { name: 'People' }).waitFor();
    // Nothing is served without logging in now.
    const anonymous = await fetch(`${desk.server.url}/api/v1/prospects`);
    expect(anonymous.status).toBe(401);

    await page.getByLabel('Name', { exact: true }).fill('Sam Rep');
    await page.getByLabel('Email', { exact: true }).fill('sam@northwind.example');
    await page.getByRole('button', { name: 'Add person' }).click();
    const link = await page.locator('.people .notice code').innerText();
    expect(link).toMatch(/#\/password\?token=reach_l_/);
    await desk.shot('people', true);

    // The admin reads each rep's week under Insights.
    await page.goto(`${desk.server.url}/#/insights`);
    await page.getByRole('heading', { name: 'Reps, the last seven days' }).waitFor();
    await page.locator('table.reps tbody tr').first().waitFor();
    await page.getByRole('heading', { name: 'Reps, the last seven days' }).scrollIntoViewIfNeeded();
    await desk.shot('rep-figures');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in to Reach' }).waitFor();
    await page.getByLabel('Email').fill('ana@northwind.example');
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('Wrong email or password').waitFor();
    await desk.shot('login-refused');

    // Sam opens the link on another browser: sets a password and is in, as a rep.
    const other = await desk.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const sam = await other.newPage();
    await sam.goto(link.replace(/^https?:\/\/[^/]+/, desk.server.url));
    await sam.getByRole('heading', { name: 'Set your password' }).waitFor();
    await sam.getByLabel(/^New password/).fill('sams own passphrase');
    await sam.getByLabel('The same again').fill('sams own passphrase');
    await sam.getByRole('button', { name: 'Set it and log in' }).click();
    await sam.getByText('Sam Rep · rep').waitFor();
    // A change from the logged-in desk carries its CSRF token and is accepted.
    await sam.goto(`${desk.server.url}/#/settings`);
    await sam.getByLabel('Your phone (rung first for a call through Reach)').fill('(312) 555-0142');
    await sam.getByRole('button', { name: 'Save', exact: true }).click();
    await sam.getByText('Saved: scripts and calls use your own voice.').waitFor();
    // A rep does not manage accounts: no Add person form.
    expect(await sam.getByRole('button', { name: 'Add person' }).count()).toBe(0);
    await other.close();
  });
});
