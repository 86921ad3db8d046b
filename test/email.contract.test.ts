import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { performNamed } from '../src/app/operations.ts';
import { prospects } from '../src/db/schema.ts';
import { startCadence } from '../src/modules/cadences/enrollments.service.ts';
import { emailDraft, letterFor, recordEmailAnswer, sendEmail } from '../src/modules/email/email.service.ts';
import { addProspect, editProspect } from '../src/modules/prospects/prospects.service.ts';
import { teamConfig } from '../src/modules/team/team.service.ts';
import { addPoint } from '../src/modules/voicemail/talking-points.service.ts';
import { addDnc, updateTeamConfig } from './support/checked.ts';
import { drivers, freshDb, type TestDb } from './support/databases.ts';
import { type LoopbackSmtp, type Received, startLoopbackSmtp } from './support/smtp.ts';

let smtp: LoopbackSmtp;
let inbox: Received[] = [];
let port = 0;

beforeAll(async () => {
  smtp = await startLoopbackSmtp();
  inbox = smtp.inbox;
  port = smtp.port;
});
afterAll(() => smtp.close());

const START = '2026-03-02T11:00:00Z';

describe.each(drivers)('email steps on %s', (driver) => {
  let t: TestDb;
  let ann: number;
  beforeEach(async () => {
    inbox.length = 0;
    t = await freshDb(driver);
    await updateTeamConfig(t.ctx, {
      repName: 'Sam Rivera',
      repPhone: '312-555-0147',
      sellerName: 'Northwind',
    });
    const p = await addProspect(t.ctx, {
      firstName: 'Ann',
      email: 'ann@acme.example',
      company: 'Acme Freight',
      timezone: 'America/Chicago',
      phones: [{ number: '312-555-0142', kind: 'direct' }],
    });
    ann = p.id;
    await editProspect(t.ctx, {
      key: ann,
      body: {
        research: {
          priorityObjective: 'cutting empty miles',
          benefits: ['fewer empty miles', 'dispatchers off the phone'],
        },
      },
    });
    await addPoint(t.ctx, { kind: 'news', title: 'Acme Freight opened a cross-dock in Reno', prospect: ann });
    await startCadence(t.ctx, { cadence: 'warm-follow-up', prospects: [ann], at: START });
  });
  afterEach(async () => {
    await t.drop();
  });

  /** The team sends through the test's SMTP server, as Sam, with the company's postal address. */
  const pointAtLoopbackSmtp = () =>
    updateTeamConfig(t.ctx, {
      smtpUrl: `smtp://127.0.0.1:${port}`,
      emailFrom: 'Sam Rivera <sam@northwind.example>',
      postalAddress: 'Northwind, 200 W Madison St, Chicago, IL 60606',
    });
  const emailTask = async () =>
    (
      await performNamed(t.ctx, 'listTasks', { query: { at: START, dueBefore: '2026-03-03T00:00:00Z' } })
    ).items.find((i) => i.kind === 'email')!;

  it('drafts an email step from the research, with the unsubscribe line, and a mailto: link without a server', async () => {
    const task = await emailTask();
    const draft = await emailDraft(t.ctx, { id: task.id, query: { at: START } });
    expect(draft).toMatchObject({
      to: 'ann@acme.example',
      kind: 'information',
      subject: 'Acme Freight opened a cross-dock in Reno',
    });
    expect(draft.text).toContain('Hi Ann,');
    expect(draft.text).toContain('fewer empty miles, and dispatchers off the phone');
    expect(draft.text).toContain('reply "unsubscribe" and I will not write again');
    expect(draft.checks.find((c) => c.code === 'unsubscribe')).toMatchObject({ severity: 'fail' });
    expect(draft.mailto).toMatch(/^mailto:ann@acme\.example\?subject=Acme%20Freight/);
    await expect(sendEmail(t.ctx, { id: task.id, body: { at: START } })).rejects.toThrow(/no SMTP server/);
  });

  it('sends through the SMTP server the team set, and the message arrives whole', async () => {
    await pointAtLoopbackSmtp();
    const task = await emailTask();
    const sent = await sendEmail(t.ctx, { id: task.id, body: { at: '2026-03-02T22:00:00Z' } });
    expect(sent.sent?.messageId).toBeTruthy();
    expect(inbox).toHaveLength(1);
    const mail = inbox[0]!;
    expect(mail.from).toBe('sam@northwind.example');
    expect(mail.to).toEqual(['ann@acme.example']);
    expect(mail.raw).toMatch(/^Subject: Acme Freight opened a cross-dock in Reno/m);
    expect(mail.raw).toMatch(/^List-Unsubscribe: <mailto:sam@northwind\.example\?subject=unsubscribe>/m);
    expect(mail.raw).toContain('200 W Madison St');
    // The step is done; with nothing new to say, the next email is refused as a repeat.
    const left = await performNamed(t.ctx, 'listTasks', {
      query: { at: START, dueBefore: '2026-04-01T00:00:00Z' },
    });
    expect(left.items.some((i) => i.id === task.id)).toBe(false);
    const next = left.items.find((i) => i.kind === 'email')!;
    const again = await emailDraft(t.ctx, { id: next.id, query: {} });
    expect(again.checks).toContainEqual(expect.objectContaining({ code: 'repeat', severity: 'fail' }));
    await expect(sendEmail(t.ctx, { id: next.id, body: {} })).rejects.toThrow(/fails its checks/);
    expect(inbox).toHaveLength(1);
    // The password is written, never read back.
    const team = await updateTeamConfig(t.ctx, { smtpUrl: `smtp://sam:secret@127.0.0.1:${port}` });
    expect(teamConfig(team).smtpUrl).toBe(`smtp://sam:***@127.0.0.1:${port}`);
  });

  it('pauses on a reply, stops for good on "unsubscribe", and skips the other email steps on a bounce', async () => {
    await pointAtLoopbackSmtp();
    const task = await emailTask();
    await expect(recordEmailAnswer(t.ctx, { id: task.id, body: { answer: 'reply' } })).rejects.toThrow(
      /not a sent email/,
    );
    await sendEmail(t.ctx, { id: task.id, body: { at: '2026-03-02T22:00:00Z' } });
    const later = { at: START, dueBefore: '2026-04-01T00:00:00Z' };
    const bounced = await recordEmailAnswer(t.ctx, { id: task.id, body: { answer: 'bounce' } });
    expect(bounced.effect).toBe('1 later email step skipped');
    expect(
      (await performNamed(t.ctx, 'listTasks', { query: later })).items.some((i) => i.kind === 'email'),
    ).toBe(false);
    const replied = await recordEmailAnswer(t.ctx, {
      id: task.id,
      body: { answer: 'reply', note: 'call me Thursday' },
    });
    expect(replied.effect).toBe('warm-follow-up paused');
    expect((await performNamed(t.ctx, 'listTasks', { query: later })).items).toEqual([]);
    const stop = await recordEmailAnswer(t.ctx, { id: task.id, body: { answer: 'unsubscribe' } });
    expect(stop.effect).toBe('on the Do-Not-Call list; the cadence stopped');
    const [prospect] = await t.db.select().from(prospects).where(eq(prospects.id, ann));
    expect(prospect!.optedOut).toBe(true);
    await expect(
      performNamed(t.ctx, 'recordEmailAnswer', {
        params: { id: task.id },
        body: { answer: 'maybe' as 'reply' },
      }),
    ).rejects.toMatchObject({
      issues: [{ field: 'answer' }],
    });
  });

  it('prints a letter step from the company address to the prospect, and refuses one without that address', async () => {
    await performNamed(t.ctx, 'stopCadence', { params: { key: ann }, body: { at: START } });
    await startCadence(t.ctx, { cadence: 'cold-3-weeks', prospects: [ann], at: START });
    const steps = (
      await performNamed(t.ctx, 'listTasks', { query: { at: START, dueBefore: '2026-04-01T00:00:00Z' } })
    ).items;
    const letter = steps.find((i) => i.kind === 'letter')!;
    await expect(letterFor(t.ctx, { id: letter.id, query: {} })).rejects.toMatchObject({
      issues: [{ field: 'postalAddress' }],
    });
    await updateTeamConfig(t.ctx, { postalAddress: 'Northwind, 200 W Madison St, Chicago, IL 60606' });
    // A letter goes to the prospect: naming someone else is an error, not ignored.
    await expect(letterFor(t.ctx, { id: letter.id, query: { to: 'lee@granite.example' } })).rejects.toThrow(
      /to/,
    );
    const { html } = await letterFor(t.ctx, { id: letter.id, query: { at: '2026-03-19T15:00:00Z' } });
    expect(html).toContain('<p class="date">March 19, 2026</p>');
    expect(html).toContain('<address class="to">Ann<br>Acme Freight</address>');
    expect(html).toContain('<p>Dear Ann,</p>');
    expect(html).toContain('Acme Freight opened a cross-dock in Reno');
    const call = steps.find((i) => i.kind === 'call')!;
    await expect(letterFor(t.ctx, { id: call.id, query: {} })).rejects.toThrow(
      /is a call step, not a letter/,
    );
  });

  it('drafts an invitation step from an event and sends a referral request to the champion, never to the prospect', async () => {
    await pointAtLoopbackSmtp();
    await performNamed(t.ctx, 'stopCadence', { params: { key: ann }, body: { at: START } });
    await startCadence(t.ctx, { cadence: 'persistent-value', prospects: [ann], at: START });
    const steps = (
      await performNamed(t.ctx, 'listTasks', { query: { at: START, dueBefore: '2026-06-01T00:00:00Z' } })
    ).items;
    const invitation = steps.find((i) => i.kind === 'invitation')!;
    await expect(emailDraft(t.ctx, { id: invitation.id, query: {} })).rejects.toThrow(
      /no event to invite them to/,
    );
    await addPoint(t.ctx, {
      kind: 'event',
      title: 'the Freight Operations Summit',
      prospect: ann,
      on: '2026-04-16',
      online: true,
      at: START,
    });
    const invite = await emailDraft(t.ctx, { id: invitation.id, query: { at: START } });
    expect(invite).toMatchObject({ kind: 'invitation', to: 'ann@acme.example' });
    expect(invite.subject).toBe('An invitation: the Freight Operations Summit');

    const referral = steps.find((i) => i.kind === 'referral-request')!;
    const champion = 'Lee Park <lee@granite.example>';
    const ask = await emailDraft(t.ctx, { id: referral.id, query: { at: START, to: champion } });
    expect(ask).toMatchObject({ kind: 'referral', to: champion, subject: 'An introduction to Ann?' });
    expect(ask.text).toMatch(/^Hi Lee,\n\nCould I ask a favour\? I would like to meet Ann at Acme Freight: /);
    expect(ask.mailto).toMatch(/^mailto:lee@granite\.example\?subject=/);
    await expect(sendEmail(t.ctx, { id: referral.id, body: {} })).rejects.toThrow(
      /the champion or customer you ask/,
    );
    await expect(
      performNamed(t.ctx, 'emailDraft', { params: { id: referral.id }, query: { to: 'Lee Park' } }),
    ).rejects.toMatchObject({
      issues: [{ field: 'to' }],
    });
    await sendEmail(t.ctx, { id: referral.id, body: { at: START, to: champion } });
    expect(inbox.map((m) => m.to)).toEqual([['lee@granite.example']]);
    expect(inbox[0]!.raw).toContain('Subject: An introduction to Ann?');
  });

  it('never emails someone who asked to stop', async () => {
    await pointAtLoopbackSmtp();
    const task = await emailTask();
    await addDnc(t.ctx, { prospect: ann, at: START });
    await expect(sendEmail(t.ctx, { id: task.id, body: {} })).rejects.toThrow(
      /not open|already cancelled|asked not/,
    );
    expect(inbox).toHaveLength(0);
  });
});
