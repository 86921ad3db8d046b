import { describe, expect, it } from 'vitest';
import { normalizePhone } from './normalize-phone.ts';
import { countryCode, zonesForAddress } from './region-zones.ts';
import { resolveTimezone } from './resolve-timezone.ts';
import { zonesForPhone } from './zone-from-phone.ts';

describe('normalizePhone', () => {
  it('reads national US formats with the default country', () => {
    expect(normalizePhone('(212) 555-0142', 'US')).toMatchObject({ ok: true, e164: '+12125550142' });
    expect(normalizePhone('212.555.0142 ext. 12', 'US')).toMatchObject({
      ok: true,
      e164: '+12125550142',
      extension: '12',
    });
  });

  it('keeps an international number whatever the default country', () => {
    expect(normalizePhone('+44 20 7946 0018', 'US')).toMatchObject({
      ok: true,
      e164: '+442079460018',
      country: 'GB',
    });
  });

  it('says why a number is rejected', () => {
    expect(normalizePhone('not a phone', 'US')).toEqual({ ok: false, reason: 'not a phone number' });
    expect(normalizePhone('12', 'US')).toMatchObject({ ok: false });
    expect(normalizePhone('+1 212 555', 'US')).toMatchObject({ ok: false });
  });
});

describe('time zones', () => {
  it('maps US states, including split ones, to their candidate zones', () => {
    expect(zonesForAddress({ region: 'NY', country: 'US' })).toEqual(['America/New_York']);
    expect(zonesForAddress({ region: 'Texas', country: 'United States' })).toEqual([
      'America/Chicago',
      'America/Denver',
    ]);
    expect(zonesForAddress({ region: 'IL', country: null })).toEqual(['America/Chicago']);
  });

  it('reads country names the way CRMs write them', () => {
    expect(countryCode('USA')).toBe('US');
    expect(countryCode('Germany')).toBe('DE');
    expect(countryCode('uk')).toBe('GB');
    expect(countryCode('Atlantis')).toBeNull();
  });

  it('narrows a number by what the record states, and keeps both when they disagree', () => {
    const phoneZones = ['America/Denver'];
    expect(
      resolveTimezone({ explicit: 'Europe/Paris', address: { region: 'NY', country: 'US' }, phoneZones }),
    ).toEqual({ timezone: null, candidates: ['America/Denver', 'Europe/Paris'], source: 'explicit' });
    expect(resolveTimezone({ address: { region: 'NY', country: 'US' }, phoneZones: [] })).toMatchObject({
      timezone: 'America/New_York',
      source: 'address',
    });
    expect(resolveTimezone({ address: {}, phoneZones })).toMatchObject({
      timezone: 'America/Denver',
      source: 'phone',
    });
  });

  it('finds the zone of a geographic number and gives a toll-free one none of its own', () => {
    expect(zonesForPhone('+13125550000')).toEqual(['America/Chicago']);
    expect(zonesForPhone('+442071234567')).toEqual(['Europe/London']);
    expect(zonesForPhone('+18005551234')).toEqual([]);
    expect(resolveTimezone({ address: {}, phoneZones: [] }).timezone).toBeNull();
  });
});
