import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  lineTypes,
  PRERECORDED_RULES,
  prerecordedCheck,
  RECORDING_RULES,
  recordingPlan,
} from './message-rules.ts';

const AT = new Date('2026-12-01T15:00:00Z');
const us = (region: string | null) => ({ country: 'US', region });

describe('recorded messages (voicemail drop) obey the law of every place the number may be in', () => {
  it('plays to a business landline in Texas without consent, naming the federal rule', () => {
    const check = prerecordedCheck({
      places: [us('TX')],
      at: AT,
      lineType: 'landline',
      phoneKind: 'direct',
      consent: null,
    });
    expect(check).toEqual({ ok: true, rules: ['us-tcpa-prerecorded'] });
  });

  it('never plays to a mobile, a VoIP line or a line of unknown type without recorded consent', () => {
    for (const lineType of ['mobile', 'nonFixedVoip', 'fixedVoip', 'unknown', null] as const) {
      const check = prerecordedCheck({
        places: [us('TX')],
        at: AT,
        lineType,
        phoneKind: 'direct',
        consent: null,
      });
      expect(check.ok, String(lineType)).toBe(false);
      if (!check.ok) expect(check.refusals[0]!.text).toContain('47 U.S.C. § 227(b)(1)(A)(iii)');
    }
    // A landline the book calls a person's own (private) may be a home: consent needed.
    const home = prerecordedCheck({
      places: [us('TX')],
      at: AT,
      lineType: 'landline',
      phoneKind: 'private',
      consent: null,
    });
    expect(home.ok).toBe(false);
  });

  it('plays to a mobile once the person’s written consent is recorded; oral consent is not enough under the TCPA', () => {
    const mobile = { places: [us('TX')], at: AT, lineType: 'mobile' as const, phoneKind: 'mobile' };
    expect(prerecordedCheck({ ...mobile, consent: 'written' }).ok).toBe(true);
    const oral = prerecordedCheck({ ...mobile, consent: 'oral' });
    expect(oral.ok).toBe(false);
    if (!oral.ok)
      expect(oral.refusals[0]!.text).toContain('the consent on record is oral, and it must be written');
  });

  it('in Washington no consent lifts the ban on recorded sales messages', () => {
    const wa = prerecordedCheck({
      places: [us('WA')],
      at: AT,
      lineType: 'landline',
      phoneKind: 'main',
      consent: 'written',
    });
    expect(wa.ok).toBe(false);
    if (!wa.ok) expect(wa.refusals.map((r) => r.ruleId)).toEqual(['us-wa-80-36-400']);
  });

  it('a US number whose state cannot be told gets no recorded message, and a recorded call to it is disclosed', () => {
    const check = prerecordedCheck({
      places: [us(null)],
      at: AT,
      lineType: 'landline',
      phoneKind: 'main',
      consent: 'written',
    });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.refusals[0]!.ruleId).toBe('region-unknown');
    expect(recordingPlan({ mode: 'on', places: [us(null)], at: AT })).toMatchObject({
      record: true,
      disclose: true,
    });
    expect(recordingPlan({ mode: 'on', places: [us('TX')], at: AT, mobile: true }).disclose).toBe(true);
  });

  it('refuses in a state whose law bars automatic dialing-announcing devices without consent, even to a business landline', () => {
    const check = prerecordedCheck({
      places: [us('IN')],
      at: AT,
      lineType: 'landline',
      phoneKind: 'main',
      consent: null,
    });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.refusals.map((r) => r.ruleId)).toEqual(['us-in-24-5-14']);
  });

  it('refuses where Reach knows no rule, and where the number’s place cannot be told', () => {
    const de = prerecordedCheck({
      places: [{ country: 'DE', region: null }],
      at: AT,
      lineType: 'landline',
      phoneKind: 'main',
      consent: 'written',
    });
    expect(de.ok).toBe(false);
    if (!de.ok) expect(de.refusals[0]!.ruleId).toBe('no-known-rule');
    expect(
      prerecordedCheck({ places: [], at: AT, lineType: 'landline', phoneKind: 'main', consent: 'written' })
        .ok,
    ).toBe(false);
  });

  it('refuses when any one of the places the number may be in refuses', () => {
    const check = prerecordedCheck({
      places: [us('TX'), us('MN')],
      at: AT,
      lineType: 'landline',
      phoneKind: 'main',
      consent: null,
    });
    expect(check.ok).toBe(false);
  });

  it('every rule carries a source, a date and a summary', () => {
    for (const rule of [...PRERECORDED_RULES, ...RECORDING_RULES]) {
      expect(rule.source.citation.length, rule.id).toBeGreaterThan(5);
      expect(rule.source.url, rule.id).toMatch(/^https?:\/\//);
      expect(rule.effective, rule.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(rule.summary.length, rule.id).toBeGreaterThan(10);
    }
  });
});

describe('recording a call obeys every party’s consent where the law asks it', () => {
  it('is off unless the team turns it on', () => {
    expect(recordingPlan({ mode: 'off', places: [us('CA')], at: AT })).toMatchObject({
      record: false,
      disclose: false,
    });
  });

  it('records a Texas number without a disclosure, a California one after it', () => {
    expect(recordingPlan({ mode: 'on', places: [us('TX')], at: AT })).toMatchObject({
      record: true,
      disclose: false,
    });
    const ca = recordingPlan({ mode: 'on', places: [us('CA')], at: AT });
    expect(ca).toMatchObject({ record: true, disclose: true });
    expect(ca.why).toContain('Cal. Penal Code §§ 632, 632.7');
  });

  it('for a team recording only where one party suffices, leaves California unrecorded', () => {
    expect(recordingPlan({ mode: 'one-party', places: [us('CA')], at: AT })).toMatchObject({
      record: false,
      disclose: false,
    });
    expect(recordingPlan({ mode: 'one-party', places: [us('TX')], at: AT })).toMatchObject({
      record: true,
      disclose: false,
    });
  });

  it('discloses where a number may be in Texas or Florida, and where its place is unknown', () => {
    expect(recordingPlan({ mode: 'on', places: [us('TX'), us('FL')], at: AT }).disclose).toBe(true);
    expect(recordingPlan({ mode: 'on', places: [], at: AT }).disclose).toBe(true);
    expect(recordingPlan({ mode: 'on', places: [{ country: 'GB', region: null }], at: AT }).disclose).toBe(
      true,
    );
  });
});

/** The law as read, written out by hand: each state's rule on recorded messages, which need every party for recording. */
const STATE_PRERECORDED: Record<string, 'express' | 'written' | 'none'> = {
  IN: 'express',
  MT: 'written',
  MN: 'express',
  ND: 'express',
  CA: 'express',
  WA: 'none',
  FL: 'written',
  OK: 'written',
};
const ALL_PARTY = new Set(['CA', 'CT', 'DE', 'FL', 'IL', 'MD', 'MA', 'MI', 'MT', 'NV', 'NH', 'PA', 'WA']);
const COUNTRIES = ['US', 'CA', 'GB', 'FR', 'DE', null] as const;
const REGIONS = ['TX', 'NY', 'CA', 'FL', 'IN', 'MN', 'MT', 'ND', 'WA', 'OH', 'OK', 'MI', null] as const;
const KINDS = ['main', 'direct', 'mobile', 'private', 'assistant', 'other'] as const;

const placeArb = fc
  .record({ country: fc.constantFrom(...COUNTRIES), region: fc.constantFrom(...REGIONS) })
  .map((p) => ({ country: p.country, region: p.country === 'US' ? p.region : null }));

describe('the message rules against the law written out by hand', () => {
  it('a recorded message plays exactly when every place allows it', () => {
    fc.assert(
      fc.property(
        fc.record({
          places: fc.array(placeArb, { maxLength: 3 }),
          lineType: fc.constantFrom(...lineTypes, null),
          phoneKind: fc.constantFrom(...KINDS),
          consent: fc.constantFrom('written' as const, 'oral' as const, null),
        }),
        ({ places, lineType, phoneKind, consent }) => {
          const known = (p: { country: string | null }) =>
            p.country !== null && ['US', 'CA', 'GB', 'FR'].includes(p.country);
          const allows = (p: { country: string | null; region: string | null }) => {
            if (!known(p)) return false;
            if (p.country !== 'US') return consent !== null;
            if (p.region === null) return false;
            const state = STATE_PRERECORDED[p.region];
            const businessLandline =
              lineType === 'landline' && ['main', 'direct', 'assistant'].includes(phoneKind);
            const federal = consent === 'written' || businessLandline;
            const local =
              state === undefined ||
              (state === 'express' && consent !== null) ||
              (state === 'written' && consent === 'written');
            return federal && local;
          };
          const expected = places.length > 0 && places.every(allows);
          expect(prerecordedCheck({ places, at: AT, lineType, phoneKind, consent }).ok).toBe(expected);
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('a call is recorded without a disclosure only where every place is a known one-party US state', () => {
    fc.assert(
      fc.property(
        fc.array(placeArb, { maxLength: 3 }),
        fc.constantFrom('off', 'on', 'one-party' as const),
        (places, mode) => {
          const oneParty =
            places.length > 0 &&
            places.every((p) => p.country === 'US' && p.region !== null && !ALL_PARTY.has(p.region));
          const plan = recordingPlan({ mode, places, at: AT });
          expect(plan.record).toBe(mode === 'on' || (mode === 'one-party' && oneParty));
          expect(plan.disclose).toBe(mode === 'on' && !oneParty);
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
