import { describe, expect, it } from 'vitest';
import { zonesForAddress } from './region-zones.ts';
import { resolveTimezone, zoneOfDialledNumber } from './resolve-timezone.ts';
import { zonesOfNumber } from './zone-from-phone.ts';
import { readZone } from './zone-names.ts';

const nowhere = { statedTimezone: null, region: null, country: null };

describe("a number's zone", () => {
  it('comes from the whole number, never from a neighbour looked up first', () => {
    expect(zonesOfNumber('+12082411234').zones).toEqual(['America/Denver']);
    // Same first six digits, another exchange: St. Maries keeps Pacific time.
    expect(zonesOfNumber('+12082451234').zones).toEqual(['America/Los_Angeles']);
    expect(zonesOfNumber('+12082411234').zones).toEqual(['America/Denver']);
  });

  it('reads Morocco as Africa/Casablanca, not the Canaries', () => {
    expect(zonesOfNumber('+212522123456')).toMatchObject({ zones: ['Africa/Casablanca'], country: 'MA' });
  });

  it('gives a toll-free or placeless number no zone of its own, never a list of 42 with Adak', () => {
    expect(zonesOfNumber('+18005551234')).toMatchObject({ zones: [], geographic: false });
    const tollFree = zoneOfDialledNumber('+18885551234', nowhere);
    expect(tollFree.candidates).toEqual([]);
    const withAddress = zoneOfDialledNumber('+18885551234', { ...nowhere, region: 'IL', country: 'US' });
    expect(withAddress).toMatchObject({ timezone: 'America/Chicago', source: 'address' });
  });

  it('names the state whose rules apply', () => {
    expect(zonesOfNumber('+13055551234')).toMatchObject({ country: 'US', region: 'FL' });
    expect(zonesOfNumber('+12082451234')).toMatchObject({ country: 'US', region: 'ID' });
    expect(zonesOfNumber('+14165551234')).toMatchObject({ country: 'CA', region: 'ON' });
  });

  it('keeps the exchanges that keep another clock than their area: Kenora, Navajo Nation, Creston, Lord Howe', () => {
    expect(zonesOfNumber('+18074681234').zones).toEqual(['America/Winnipeg']);
    expect(zonesOfNumber('+19288711234').zones).toEqual(['America/Denver', 'America/Phoenix']);
    expect(zonesOfNumber('+12504281234').zones).toContain('America/Creston');
    expect(zonesOfNumber('+61265631234').zones).toContain('Australia/Lord_Howe');
    expect(zonesOfNumber('+14189861234').zones).toEqual(['America/Halifax']);
    expect(zonesOfNumber('+351296123456').zones).toEqual(['Atlantic/Azores']);
    expect(zonesOfNumber('+34928123456').zones).toEqual(['Atlantic/Canary']);
    expect(zonesOfNumber('+6433051234').zones).toEqual(['Pacific/Chatham']);
  });

  it('lets a mobile that may ring anywhere in its country keep every candidate', () => {
    expect(zonesOfNumber('+61412345678').zones).toContain('Australia/Perth');
    expect(zonesOfNumber('+34612345678').zones).toEqual(['Atlantic/Canary', 'Europe/Madrid']);
  });
});

describe('the address', () => {
  it('lists every zone of a place that spans zones', () => {
    expect(zonesForAddress({ region: 'AZ', country: 'US' })).toContain('America/Denver');
    expect(zonesForAddress({ region: 'Ontario', country: 'CA' })).toContain('America/Winnipeg');
    expect(zonesForAddress({ region: 'NL', country: 'CA' })).toContain('America/Goose_Bay');
    expect(zonesForAddress({ region: 'BC', country: 'CA' })).toContain('America/Edmonton');
    expect(zonesForAddress({ region: 'QC', country: 'CA' })).toContain('America/Halifax');
    expect(zonesForAddress({ region: 'NSW', country: 'AU' })).toEqual(
      expect.arrayContaining(['Australia/Broken_Hill', 'Australia/Lord_Howe']),
    );
    expect(zonesForAddress({ country: 'Portugal' })).toContain('Atlantic/Azores');
    expect(zonesForAddress({ country: 'Spain' })).toContain('Atlantic/Canary');
    expect(zonesForAddress({ country: 'NZ' })).toContain('Pacific/Chatham');
  });

  it('narrows a number it agrees with and never overrides one that disagrees', () => {
    // Window Rock, on the Navajo Nation, with an Arizona address: the number's daylight saving stands.
    const navajo = zoneOfDialledNumber('+19288711234', { ...nowhere, region: 'AZ', country: 'US' });
    expect(navajo.candidates).toEqual(['America/Denver', 'America/Phoenix']);
    // Kenora with an Ontario address: Central time, not Toronto's.
    expect(zoneOfDialledNumber('+18074681234', { ...nowhere, region: 'ON', country: 'CA' })).toMatchObject({
      timezone: 'America/Winnipeg',
    });
    // A Los Angeles mobile on a New York record: both, so a call is legal in each.
    expect(
      resolveTimezone({ address: { region: 'NY', country: 'US' }, phoneZones: ['America/Los_Angeles'] })
        .candidates,
    ).toEqual(['America/Los_Angeles', 'America/New_York']);
  });

  it('gives each of a prospect’s numbers its own zone: a Chicago direct line and a Los Angeles mobile', () => {
    const record = { ...nowhere, region: 'IL', country: 'US' };
    expect(zoneOfDialledNumber('+13125550142', record).timezone).toBe('America/Chicago');
    expect(zoneOfDialledNumber('+13105550142', record).candidates).toEqual([
      'America/Chicago',
      'America/Los_Angeles',
    ]);
  });
});

describe('a time zone as a CRM writes it', () => {
  it('reads EST and MST as the zones that keep daylight saving, never as fixed offsets', () => {
    expect(readZone('EST')).toEqual({ ok: true, zone: 'America/New_York', from: 'EST' });
    expect(readZone('MST')).toMatchObject({ ok: true, zone: 'America/Denver' });
    expect(readZone('Pacific Time (US & Canada)')).toMatchObject({ ok: true, zone: 'America/Los_Angeles' });
    expect(readZone('America/Chicago')).toEqual({ ok: true, zone: 'America/Chicago', from: null });
  });

  it('refuses a fixed offset and an abbreviation of several places, with the reason', () => {
    for (const text of ['UTC-5', 'GMT+1', 'Etc/GMT+5', '+05:30', 'UTC']) {
      const read = readZone(text);
      expect(read.ok, text).toBe(false);
      if (!read.ok) expect(read.reason).toContain('fixed offset');
    }
    const ist = readZone('IST');
    expect(ist).toMatchObject({ ok: false });
    if (!ist.ok) expect(ist.reason).toContain('India, Israel and Ireland');
    expect(readZone('IST', 'IN')).toMatchObject({ ok: true, zone: 'Asia/Kolkata' });
    expect(readZone('Mars/Olympus')).toMatchObject({ ok: false });
  });
});
