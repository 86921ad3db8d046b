import { describe, expect, it } from 'vitest';
import type { Material } from '../voicemail/index.ts';
import { composeEmail, composeReferralRequest } from './compose-email.ts';

const material = (over: Partial<Material> = {}): Material => ({
  firstName: 'Dana',
  company: 'Acme Freight',
  industry: 'Transportation',
  objective: 'cutting empty miles',
  benefits: ['fewer empty miles', 'dispatchers off the phone'],
  referredBy: null,
  news: [],
  events: [],
  contacts: [],
  references: [],
  voice: { name: 'Sam Rivera', phone: '+13125550147', seller: 'Northwind' },
  when: () => 'on Thursday, March 12',
  ...over,
});
const ADDRESS = 'Northwind, 200 W Madison St, Chicago, IL 60606';
const point = (title: string) => ({ id: 1, title, detail: null, on: null, industry: null });

describe('composeEmail', () => {
  it('opens with the freshest thing to say: news, then an event, a contact, a reference, the objective', () => {
    const kind = (over: Partial<Material>) =>
      composeEmail({ material: material(over), earlier: [], postalAddress: ADDRESS, note: null })?.kind;
    expect(
      kind({ news: [point('Acme opened a cross-dock in Reno')], events: [point('the Operations Summit')] }),
    ).toBe('information');
    expect(kind({ events: [point('the Operations Summit')] })).toBe('invitation');
    expect(kind({ contacts: [point('Dana Lee at Freight Partners')] })).toBe('introduction');
    expect(
      kind({
        references: [
          { key: 'r', name: 'Granite Carriers', result: 'cut empty miles by 14%', industry: null },
        ],
      }),
    ).toBe('reference');
    expect(kind({})).toBe('objective');
    expect(kind({ objective: null })).toBeUndefined();
  });

  it('says how to stop the emails, and fails its check without the postal address', () => {
    const email = composeEmail({ material: material(), earlier: [], postalAddress: null, note: null })!;
    expect(email.text).toMatch(
      /--\nIf you would rather not hear from me, reply "unsubscribe" and I will not write again\.$/,
    );
    expect(email.checks).toContainEqual(expect.objectContaining({ code: 'unsubscribe', severity: 'fail' }));
    const lawful = composeEmail({ material: material(), earlier: [], postalAddress: ADDRESS, note: null })!;
    expect(lawful.text.endsWith(ADDRESS)).toBe(true);
    expect(lawful.checks.filter((c) => c.severity === 'fail')).toEqual([]);
  });

  it('writes nothing without the rep’s name and number, and never the same news twice', () => {
    expect(
      composeEmail({ material: material({ voice: null }), earlier: [], postalAddress: ADDRESS, note: null }),
    ).toBeNull();
    const news = [point('Acme opened a cross-dock in Reno'), point('Acme hired a new COO')];
    const first = composeEmail({
      material: material({ news }),
      earlier: [],
      postalAddress: ADDRESS,
      note: null,
    })!;
    const second = composeEmail({
      material: material({ news }),
      earlier: [first.text],
      postalAddress: ADDRESS,
      note: null,
    })!;
    expect(first.subject).toBe('Acme opened a cross-dock in Reno');
    expect(second.subject).toBe('Acme hired a new COO');
  });

  it('counts words, not spoken seconds, and keeps the honesty checks', () => {
    const email = composeEmail({ material: material(), earlier: [], postalAddress: ADDRESS, note: null })!;
    expect(email.checks[0]).toMatchObject({
      code: 'length',
      severity: 'ok',
      text: expect.stringMatching(/^\d+ words$/),
    });
    expect(email.checks.some((c) => ['short', 'number-once'].includes(c.code))).toBe(false);
  });
});

describe('an invitation step', () => {
  it('opens with an event, and has nothing to say without one the prospect has not been sent', () => {
    const invite = (over: Partial<Material>, earlier: string[] = []) =>
      composeEmail({
        material: material(over),
        earlier,
        postalAddress: ADDRESS,
        note: null,
        purpose: 'invitation',
      });
    const email = invite({
      news: [point('Acme opened a cross-dock in Reno')],
      events: [point('the Operations Summit')],
    })!;
    expect(email.kind).toBe('invitation');
    expect(email.subject).toBe('An invitation: the Operations Summit');
    expect(email.text).toContain('We are holding the Operations Summit on Thursday, March 12');
    expect(invite({ news: [point('Acme opened a cross-dock in Reno')] })).toBeNull();
    expect(invite({ events: [point('the Operations Summit')] }, [email.text])).toBeNull();
  });
});

describe('composeReferralRequest', () => {
  const ask = { champion: 'Lee Park', prospect: { name: 'Dana Cho', title: 'VP Operations' } };
  it('asks the champion for an introduction: who, why it is worth it, and an easy way out', () => {
    const note = composeReferralRequest({
      material: material({
        references: [
          { key: 'r', name: 'Granite Carriers', result: 'cut empty miles by 14%', industry: null },
        ],
      }),
      ask,
      earlier: [],
    })!;
    expect(note.kind).toBe('referral');
    expect(note.subject).toBe('An introduction to Dana Cho?');
    expect(note.text).toMatch(
      /^Hi Lee,\n\nCould I ask a favour\? I would like to meet Dana Cho, VP Operations at Acme Freight: /,
    );
    expect(note.text).toContain(
      'Acme Freight is working on cutting empty miles, and we helped Granite Carriers cut empty miles by 14%',
    );
    expect(note.text).toContain('If you know Dana,');
    expect(note.text).not.toContain('unsubscribe');
    expect(note.checks.every((c) => c.severity !== 'fail')).toBe(true);
  });
  it('greets a champion not yet named plainly, and says nothing without the rep’s voice', () => {
    const note = composeReferralRequest({
      material: material(),
      ask: { ...ask, champion: null },
      earlier: [],
    })!;
    expect(note.text.startsWith('Hi,\n\n')).toBe(true);
    expect(note.text).toContain('it could mean fewer empty miles and dispatchers off the phone for them');
    expect(composeReferralRequest({ material: material({ voice: null }), ask, earlier: [] })).toBeNull();
  });
});
