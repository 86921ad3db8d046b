import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { performNamed } from '../src/app/operations.ts';
import { voicemails } from '../src/db/schema.ts';
import { recordCallback } from '../src/modules/calls/callbacks.service.ts';
import { importCsv } from '../src/modules/imports/import.service.ts';
import { addProspect, editProspect, type ProspectView } from '../src/modules/prospects/prospects.service.ts';
import { messageStats } from '../src/modules/voicemail/message-stats.service.ts';
import { addPoint, listPoints } from '../src/modules/voicemail/talking-points.service.ts';
import { checkMessageFor, voicemailAdvice } from '../src/modules/voicemail/voicemail.service.ts';
import { addDnc, addIntel, logCall, updateTeamConfig } from './support/checked.ts';
import { drivers, freshDb, type TestDb, textInput } from './support/databases.ts';

// Tuesday 3 March 2026, 17:30 in Chicago: after hours, inside calling hours.
const AT = '2026-03-03T23:30:00Z';
const later = (hours: number) => new Date(Date.parse(AT) + hours * 3_600_000).toISOString();

describe.each(drivers)('voicemail advice on %s', (driver) => {
  let t: TestDb;
  let dana: ProspectView;
  beforeEach(async () => {
    t = await freshDb(driver);
    await updateTeamConfig(t.ctx, {
      repName: 'Sam Ortiz',
      repPhone: '(312) 555-0147',
      sellerName: 'Tallgrass',
    });
    dana = await addProspect(t.ctx, {
      firstName: 'Dana',
      lastName: 'Reyes',
      email: 'dana@acmefreight.com',
      company: 'Acme Freight',
      industry: 'Transportation',
      timezone: 'America/Chicago',
      city: 'Chicago',
      region: 'Illinois',
      value: 90_000,
      phones: [
        { number: '312-555-0100', kind: 'main' },
        { number: '312-555-0101', kind: 'direct' },
      ],
      research: {
        priorityObjective: 'cutting empty miles on regional lanes',
        benefits: ['fewer empty miles', 'dispatchers freed from phone tag'],
        referenceClients: 'Granite State Carriers: cut empty miles by 14% in one quarter',
      },
    });
    await addPoint(t.ctx, {
      kind: 'news',
      company: 'Acme Freight',
      title: 'Acme Freight opened a cross-dock in Reno',
      on: '2026-02-25',
      at: AT,
    });
    await addPoint(t.ctx, {
      kind: 'event',
      title: 'the Midwest Operations Breakfast',
      detail: 'a short talk on peak season, in Chicago',
      on: '2026-03-12',
      city: 'Chicago',
      region: 'IL',
      at: AT,
    });
  });
  afterEach(async () => {
    await t.drop();
  });

  it('scripts a message under the persistent strategy, in the rep’s voice, and stores what was left', async () => {
    const advice = await voicemailAdvice(t.ctx, {
      prospect: dana.id,
      query: { at: AT, strategy: 'persistent' },
    });
    expect(advice.decision).toBe('leave');
    expect(advice.strategyFrom).toBe('asked');
    expect(advice.reasons.map((r) => r.code)).toEqual(['high-value', 'series']);
    const script = advice.script!;
    expect(script.kind).toBe('information');
    expect(script.text).toContain('Acme Freight opened a cross-dock in Reno');
    expect(script.text.match(/312 555 0147/g)).toHaveLength(2);
    expect(script.seconds).toBeGreaterThanOrEqual(15);
    expect(script.seconds).toBeLessThanOrEqual(30);
    expect(script.checks.every((c) => c.severity === 'ok')).toBe(true);

    await logCall(t.ctx, {
      body: {
        prospect: dana.id,
        outcome: 'voicemail-left',
        at: AT,
        message: {
          kind: script.kind,
          text: script.text,
          template: script.template,
          strategy: advice.strategy,
        },
      },
      now: new Date(AT),
    });
    const [stored] = await t.db.select().from(voicemails).where(eq(voicemails.prospectId, dana.id));
    expect(stored).toMatchObject({
      kind: 'information',
      template: script.template,
      strategy: 'persistent',
      seconds: script.seconds,
    });

    const tomorrow = await voicemailAdvice(t.ctx, {
      prospect: dana.id,
      query: { at: later(20), strategy: 'persistent' },
    });
    expect(tomorrow.decision).toBe('skip');
    expect(tomorrow.reasons.at(-1)?.code).toBe('message-24h');
    expect(tomorrow.instead.map((i) => i.code)).toContain('next-window');

    const nextWeek = await voicemailAdvice(t.ctx, {
      prospect: dana.id,
      query: { at: later(24 * 4), strategy: 'persistent' },
    });
    expect(nextWeek.decision).toBe('leave');
    expect(nextWeek.script!.kind).not.toBe('information');
    expect(nextWeek.script!.text).not.toContain('Reno');
  });

  it('credits a callback to the message, its template and its strategy', async () => {
    const advice = await voicemailAdvice(t.ctx, {
      prospect: dana.id,
      query: { at: AT, strategy: 'curiosity' },
    });
    expect(advice.script?.kind).toBe('curiosity');
    await logCall(t.ctx, {
      body: {
        prospect: dana.id,
        outcome: 'voicemail-left',
        at: AT,
        message: {
          kind: 'curiosity',
          text: advice.script!.text,
          template: advice.script!.template,
          strategy: 'curiosity',
        },
      },
      now: new Date(AT),
    });
    const back = await recordCallback(t.ctx, { from: '312-555-0101', at: later(15) });
    const [message] = await t.db.select().from(voicemails).where(eq(voicemails.id, back.attributedTo!));
    expect(message).toMatchObject({
      kind: 'curiosity',
      strategy: 'curiosity',
      template: advice.script!.template,
    });
    await logCall(t.ctx, {
      body: {
        prospect: dana.id,
        outcome: 'voicemail-left',
        at: later(24 * 5),
        message: { kind: 'information', text: 'News.' },
      },
      now: new Date(later(24 * 5)),
    });
    const stats = await messageStats(t.ctx, {});
    expect(stats).toMatchObject({ messages: 2, callbacks: 1 });
    expect(stats.byKind).toEqual([
      { key: 'curiosity', messages: 1, callbacks: 1, rate: 1 },
      { key: 'information', messages: 1, callbacks: 0, rate: 0 },
    ]);
    expect(stats.byStrategy[0]).toEqual({ key: 'curiosity', messages: 1, callbacks: 1, rate: 1 });
    expect(stats.byTemplate.map((r) => r.key)).toEqual([advice.script!.template.split('|')[0], '(none)']);
    expect((await messageStats(t.ctx, { since: later(24) })).byKind.map((r) => r.key)).toEqual([
      'information',
    ]);
  });

  it("follows the prospect's own strategy over the team's, and the team's default otherwise", async () => {
    expect((await voicemailAdvice(t.ctx, { prospect: dana.id, query: { at: AT } })).strategyFrom).toBe(
      'team',
    );
    await editProspect(t.ctx, { key: dana.id, body: { voicemailStrategy: 'never' } });
    const advice = await voicemailAdvice(t.ctx, { prospect: dana.id, query: { at: AT } });
    expect(advice).toMatchObject({ decision: 'skip', strategy: 'never', strategyFrom: 'prospect' });
    expect(advice.instead.map((i) => i.code)).toEqual(
      expect.arrayContaining(['next-window', 'route', 'email']),
    );
  });

  it('gives an imported list its own strategy', async () => {
    const report = await importCsv(t.ctx, {
      input: textInput(
        'first_name,email,phone,company,timezone\nLee,lee@acmefreight.com,312-555-0190,Acme Freight,America/Chicago\n',
      ),
      strategy: 'curiosity',
    });
    expect(report.imported).toBe(1);
    const advice = await voicemailAdvice(t.ctx, { prospect: 'lee@acmefreight.com', query: { at: AT } });
    expect(advice).toMatchObject({ strategy: 'curiosity', strategyFrom: 'prospect', decision: 'leave' });
    await expect(
      importCsv(t.ctx, { input: textInput('first_name\nX\n'), strategy: 'often' }),
    ).rejects.toMatchObject({
      issues: [{ field: 'strategy' }],
    });
  });

  it('skips a cold first call under the rules and says what to do instead', async () => {
    const advice = await voicemailAdvice(t.ctx, {
      prospect: dana.id,
      query: { at: AT, strategy: 'rules', number: '312-555-0101' },
    });
    expect(advice.decision).toBe('skip');
    expect(advice.reasons).toEqual([{ code: 'cold-call', text: 'cold first call: no message' }]);
    const other = advice.instead.find((i) => i.code === 'other-number');
    expect(other?.number).toBe('+13125550100');
    const next = advice.instead.find((i) => i.code === 'next-window')!;
    expect(Date.parse(next.at!)).toBeGreaterThanOrEqual(Date.parse(AT) + 2 * 3_600_000);
  });

  it('never leaves a message to a number on the Do-Not-Call list, or when they prefer email', async () => {
    await addDnc(t.ctx, { number: '312-555-0101', reason: 'asked', at: AT });
    const dnc = await voicemailAdvice(t.ctx, {
      prospect: dana.id,
      query: { at: later(1), strategy: 'persistent', number: '312-555-0101' },
    });
    expect(dnc.reasons.at(-1)?.code).toBe('do-not-call');
    await addIntel(t.ctx, { prospect: dana.id, type: 'prefers', value: 'email', at: AT });
    const email = await voicemailAdvice(t.ctx, {
      prospect: dana.id,
      query: { at: later(1), strategy: 'persistent', number: '312-555-0100' },
    });
    expect(email.reasons.at(-1)?.code).toBe('prefers-channel');
    expect(email.instead).toEqual([{ code: 'email', text: 'send an email to dana@acmefreight.com' }]);
  });

  it('checks a message against what is true of the prospect', async () => {
    const text =
      'Hi Dana, Sam Ortiz, 312 555 0147. As we discussed, a few minutes this week? Sam, 312 555 0147.';
    const before = await checkMessageFor(t.ctx, { text, prospect: dana.id, at: AT });
    expect(before.verdict).toBe('fail');
    expect(before.checks.find((c) => c.code === 'false-familiarity')?.severity).toBe('fail');
    await logCall(t.ctx, { body: { prospect: dana.id, outcome: 'reached', at: AT }, now: new Date(AT) });
    const after = await checkMessageFor(t.ctx, { text, prospect: dana.id, at: later(1) });
    expect(after.checks.find((c) => c.code === 'false-familiarity')).toBeUndefined();
  });

  it('invited a prospect in Oregon to a breakfast in Chicago: an invitation goes only to an event in their region, or online', async () => {
    const person = (firstName: string, place: { city: string; region: string }, number: string) =>
      addProspect(t.ctx, {
        firstName,
        lastName: 'Fox',
        company: `${firstName} Logistics`,
        timezone: 'America/Chicago',
        ...place,
        value: 90_000,
        phones: [{ number, kind: 'direct' }],
      });
    const near = await person('Kim', { city: 'Naperville', region: 'IL' }, '630-555-0100');
    const far = await person('Lou', { city: 'Portland', region: 'Oregon' }, '503-555-0100');
    const advise = async (p: ProspectView) =>
      (await voicemailAdvice(t.ctx, { prospect: p.id, query: { at: AT, strategy: 'persistent' } })).script
        ?.text ?? '';
    expect(await advise(near)).toContain('the Midwest Operations Breakfast');
    expect(await advise(far)).not.toContain('the Midwest Operations Breakfast');
    await addPoint(t.ctx, {
      kind: 'event',
      title: 'our spring webinar',
      on: '2026-03-19',
      online: true,
      at: AT,
    });
    expect(await advise(far)).toContain('our spring webinar');
    await expect(
      performNamed(t.ctx, 'addPoint', {
        body: { kind: 'event', title: 'a fair somewhere', on: '2026-03-19', at: AT },
      }),
    ).rejects.toMatchObject({
      issues: [{ field: 'region', reason: expect.stringContaining('where the event is') }],
    });
    await expect(
      performNamed(t.ctx, 'addPoint', { body: { kind: 'news', title: 'x', city: 'Chicago', at: AT } }),
    ).rejects.toMatchObject({ issues: [{ field: 'region', reason: 'only an event has a place' }] });
  });

  it('keeps talking points timely and refuses what cannot be used, naming the field', async () => {
    await expect(
      performNamed(t.ctx, 'addPoint', {
        body: { kind: 'event', title: 'Old fair', on: '2026-01-10', online: true, at: AT },
      }),
    ).rejects.toMatchObject({
      issues: [{ field: 'on', reason: expect.stringContaining('past') }],
    });
    await expect(
      performNamed(t.ctx, 'addPoint', { body: { kind: 'reference', title: 'Harbor Lines', at: AT } }),
    ).rejects.toMatchObject({
      issues: [{ field: 'detail', reason: expect.stringContaining('what you helped it do') }],
    });
    await expect(
      performNamed(t.ctx, 'addPoint', { body: { kind: 'news', title: 'x', company: 'Nobody Inc' } }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect((await listPoints(t.ctx, { at: AT })).map((p) => p.kind)).toEqual(['event', 'news']);
    expect((await listPoints(t.ctx, { at: '2026-06-01T00:00:00Z' })).map((p) => p.kind)).toEqual([]);
    const [news] = await listPoints(t.ctx, { kind: 'news' });
    expect(await performNamed(t.ctx, 'removePoint', { params: { id: String(news!.id) } })).toEqual({
      removed: 1,
    });
    await expect(
      performNamed(t.ctx, 'removePoint', { params: { id: String(news!.id) } }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await listPoints(t.ctx, { kind: 'news' })).toEqual([]);
  });
});
