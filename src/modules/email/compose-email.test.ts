import { describe, expect, it } from 'vitest';
import type { Material } from '../voicemail/compose.ts';
import { composeEmail } from './compose-email.ts';

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
