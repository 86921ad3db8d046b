import { describe, expect, it } from 'vitest';
import { type ClaimRecord, checkClaims, NO_CLAIMS } from './check-claims.ts';
import { claimsIn } from './claims.ts';
import { honestyCorpus, scoreCorpus, writtenApart } from './honesty-corpus.ts';

const blank: ClaimRecord = NO_CLAIMS;
const failed = (text: string, record: ClaimRecord | null = blank) =>
  checkClaims(text, record).filter((f) => f.severity === 'fail');

describe('the claims a message makes', () => {
  it('reads a paraphrased earlier call as one, whatever the words', () => {
    for (const text of [
      'Like we talked about on Tuesday, here it is.',
      'Picking up where we left off.',
      'You and I chatted briefly a few weeks ago.',
      'Thanks again for your time.',
    ])
      expect(
        claimsIn(text).map((c) => c.kind),
        text,
      ).toContain('earlier-call');
  });

  it('names the person a referral claims', () => {
    expect(claimsIn('Jordan Blake suggested I give you a call.')).toEqual([
      { kind: 'referral', sentence: 'Jordan Blake suggested I give you a call.', person: 'Jordan Blake' },
    ]);
    expect(claimsIn('At Grace’s suggestion I am calling.')[0]).toMatchObject({ person: 'Grace' });
  });

  it('takes a question that only asks as no claim', () => {
    expect(claimsIn('Have we spoken before?')).toEqual([]);
  });
});

describe('checking claims against the record', () => {
  it('a paraphrased earlier call fails when the record shows none, and passes when it does', () => {
    const text = 'Following up on our conversation from Monday.';
    expect(failed(text)[0]).toMatchObject({
      code: 'false-familiarity',
      text: expect.stringContaining('"Following up on our conversation from Monday."'),
      fix: expect.stringContaining('first call'),
    });
    expect(failed(text, { ...blank, spokeBefore: true })).toEqual([]);
  });

  it('a follow-up on a message fails without one on record', () => {
    expect(failed('Did you get the email I sent on Friday?')).toHaveLength(1);
    expect(failed('Did you get the email I sent on Friday?', { ...blank, messagesLeft: 1 })).toEqual([]);
  });

  it('a referral by someone the record does not name fails; by someone it names, passes', () => {
    const text = 'Hector from your finance team told me you were the right person.';
    expect(failed(text)[0]).toMatchObject({
      code: 'false-referral',
      text: expect.stringContaining('by Hector'),
    });
    expect(failed(text, { ...blank, referrers: ['Hector Diaz'] })).toEqual([]);
    expect(failed(text, { ...blank, referrers: ['Dana Reyes'] })).toHaveLength(1);
  });

  it('an account or vendor relationship fails unless they are a customer', () => {
    expect(failed('I am calling from your IT provider about an update.')[0]).toMatchObject({
      code: 'pretext',
    });
    expect(
      failed('I am calling about your renewal with us next month.', { ...blank, customer: true }),
    ).toEqual([]);
  });

  it('a deadline or scarcity fails unless a real offer carries it', () => {
    expect(failed('The discount is only good until Thursday.')[0]).toMatchObject({ code: 'urgency' });
    expect(failed('Spots are filling up fast.')[0]).toMatchObject({ code: 'urgency' });
    const offers = [{ name: 'spring pricing', deadline: '2026-03-31', limited: true }];
    expect(failed('Our spring pricing ends on March 31.', { ...blank, offers })).toEqual([]);
    expect(failed('Only three pilot spots left.', { ...blank, offers })).toEqual([]);
  });

  it('a prize or a survey fails whatever the record', () => {
    const everything = { ...blank, spokeBefore: true, inquired: true, customer: true };
    expect(failed('Congratulations, your company has been selected.', everything)[0]).toMatchObject({
      code: 'pretext',
    });
    expect(failed('This is not a sales call.', everything)).toHaveLength(1);
  });

  it('with no record, a claim about the past warns instead of failing', () => {
    expect(checkClaims('As we discussed, it fits.', null)).toEqual([
      expect.objectContaining({ code: 'false-familiarity', severity: 'warn' }),
    ]);
  });

  it('passes honest, tailored first touches', () => {
    for (const text of [
      'I saw your team opened a Denver office.',
      'Companies like Acme cut their month-end close by four days with us.',
      'My call is about one thing: getting invoices out the same day.',
      'Thanks for your time, Sam, 312 555 0147.',
      'We have not spoken before, so briefly: we help finance teams close faster.',
    ])
      expect(failed(text), text).toEqual([]);
  });
});

describe('the labelled corpus', () => {
  const items = honestyCorpus();
  const fails = (item: (typeof items)[number]) =>
    checkClaims(item.text, item.record).some((f) => f.severity === 'fail');

  it('holds at least 200 messages across every family, honest ones among them', () => {
    expect(items.length).toBeGreaterThanOrEqual(200);
    const families = new Set(items.map((i) => i.family));
    for (const family of [
      'earlier-call',
      'earlier-message',
      'meeting',
      'inquiry',
      'referral',
      'relationship',
      'deadline',
      'scarcity',
      'prize',
      'survey',
      'honest',
      'honest-supported',
    ])
      expect(families, family).toContain(family);
  });

  it('fails at least 98% of the dishonest messages and at most 5% of the honest ones', () => {
    const figures = scoreCorpus(items, fails);
    expect(figures.missed.map((m) => m.text)).toEqual([]);
    expect(figures.recall).toBeGreaterThanOrEqual(0.98);
    expect(figures.falsePositiveRate).toBeLessThanOrEqual(0.05);
    const heldOut = scoreCorpus(
      items.filter((i) => i.heldOut),
      fails,
    );
    expect(heldOut.recall).toBeGreaterThanOrEqual(0.98);
    expect(heldOut.falsePositiveRate).toBeLessThanOrEqual(0.05);
  });
});

describe('messages written apart from the check', () => {
  const fails = (item: { text: string; record: Parameters<typeof checkClaims>[1] }) =>
    checkClaims(item.text, item.record).some((f) => f.severity === 'fail');
  const sets = writtenApart();

  it('paraphrases a phrase list missed (phone tag, a brochure couriered across, a parcel that needs a signature, prices that reset on the first) fail in every set taught from', () => {
    for (const set of sets.filter((s) => !s.sealed)) {
      const figures = scoreCorpus(set.items, fails);
      expect(
        figures.missed.map((m) => m.text),
        set.name,
      ).toEqual([]);
      expect(
        figures.wronged.map((m) => m.text),
        set.name,
      ).toEqual([]);
    }
  });

  it('a sealed set, never taught from, keeps its measured floor: at least 80% of its dishonest messages fail, at most 6% of its honest ones', () => {
    for (const set of sets.filter((s) => s.sealed)) {
      const figures = scoreCorpus(set.items, fails);
      expect(figures.recall, set.name).toBeGreaterThanOrEqual(0.8);
      expect(figures.falsePositiveRate, set.name).toBeLessThanOrEqual(0.06);
    }
  });

  it('the sets cover every family, each with honest messages and some the record supports', () => {
    for (const set of sets) {
      const families = new Set(set.items.map((i) => i.family));
      for (const family of ['earlier-message', 'relationship', 'honest'])
        expect(families, `${set.name} ${family}`).toContain(family);
      const supported = set.items.some(
        (i) => !i.dishonest && Object.values(i.record).some((v) => v === true),
      );
      expect(supported, set.name).toBe(true);
    }
    const all = new Set(sets.flatMap((set) => set.items.map((i) => i.family)));
    for (const family of [
      'earlier-call',
      'earlier-message',
      'meeting',
      'inquiry',
      'referral',
      'relationship',
      'deadline',
      'scarcity',
      'survey',
      'prize',
    ])
      expect(all, family).toContain(family);
  });
});
