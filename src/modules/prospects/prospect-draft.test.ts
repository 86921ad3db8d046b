import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseValue, validateProspect } from './prospect-draft.ts';

const options = { defaultCountry: 'US', requireIdentity: true };

describe('validateProspect', () => {
  it('accepts a complete prospect and normalises its numbers and email', () => {
    const result = validateProspect(
      {
        firstName: ' Ann ',
        email: 'Ann@Acme.COM',
        stage: 'Engaged',
        phones: [{ number: '212-555-0142', kind: 'direct' }],
      },
      options,
    );
    expect(result).toEqual({
      ok: true,
      draft: {
        firstName: 'Ann',
        email: 'ann@acme.com',
        stage: 'engaged',
        phones: [{ e164: '+12125550142', kind: 'direct', extension: null }],
      },
      warnings: [],
    });
  });

  it('rejects a row with neither a name nor an email', () => {
    const result = validateProspect({ title: 'CFO' }, options);
    expect(result).toEqual({
      ok: false,
      issues: [{ field: 'name', reason: 'missing name and email: a prospect needs one of them' }],
    });
  });

  it('names every bad field at once', () => {
    const result = validateProspect(
      {
        firstName: 'Bo',
        email: 'nope',
        stage: 'hot',
        value: 'lots',
        timezone: 'Mars/Base',
        phones: [{ number: '123', kind: 'mobile' }],
      },
      options,
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues.map((i) => i.field)).toEqual([
        'email',
        'stage',
        'value',
        'timezone',
        'phone_mobile',
      ]);
  });

  it('does not require a name when editing', () => {
    expect(validateProspect({ title: 'CEO' }, { ...options, requireIdentity: false }).ok).toBe(true);
  });

  it('never throws, whatever text arrives', () => {
    fc.assert(
      fc.property(
        fc.record({
          firstName: fc.string(),
          email: fc.string(),
          stage: fc.string(),
          value: fc.string(),
          timezone: fc.string(),
          phone: fc.string(),
        }),
        (r) => {
          const result = validateProspect({ ...r, phones: [{ number: r.phone, kind: 'direct' }] }, options);
          expect(typeof result.ok).toBe('boolean');
        },
      ),
    );
  });
});

describe('parseValue', () => {
  it.each([
    ['20000', 20000],
    ['$20,000', 20000],
    ['20k', 20000],
    ['1.5M', 1500000],
    ['€ 7 500', null],
    ['-5', null],
    ['abc', null],
  ])('reads %s as %s', (input, expected) => {
    expect(parseValue(input)).toBe(expected);
  });
});
