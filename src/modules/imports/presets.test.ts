import { describe, expect, it } from 'vitest';
import { validateProspect } from '../prospects/index.ts';
import { columnMapping, detectPreset, hubspotZone, mapRecord } from './presets.ts';

const hubspotHeaders = [
  'First Name',
  'Last Name',
  'Email',
  'Phone Number',
  'Mobile Phone Number',
  'Company Name',
  'Job Title',
  'City',
  'State/Region',
  'Country/Region',
  'Time Zone',
  'Lifecycle Stage',
  'Industry',
];
const salesforceHeaders = [
  'First Name',
  'Last Name',
  'Title',
  'Company',
  'Email',
  'Phone',
  'Mobile',
  'City',
  'State/Province',
  'Country',
  'Industry',
  'Lead Status',
];

describe('preset detection', () => {
  it('recognises HubSpot, Salesforce and generic exports by their headers', () => {
    expect(detectPreset(hubspotHeaders)).toBe('hubspot');
    expect(detectPreset(salesforceHeaders)).toBe('salesforce');
    expect(detectPreset(['first_name', 'last_name', 'email', 'phone_direct'])).toBe('generic');
    expect(detectPreset(['foo', 'bar'])).toBeNull();
  });
});

describe('mapping records', () => {
  it('translates HubSpot lifecycle stages and zones', () => {
    const raw = mapRecord('hubspot', hubspotHeaders, [
      'Ann',
      'Lee',
      'ann@x.com',
      '212-555-0142',
      '',
      'Acme',
      'CFO',
      'NYC',
      'NY',
      'United States',
      'america_slash_new_york',
      'Sales Qualified Lead',
      'Software',
    ]);
    expect(raw).toMatchObject({
      firstName: 'Ann',
      stage: 'interested',
      timezone: 'America/New_York',
      phones: [{ number: '212-555-0142', kind: 'direct' }],
    });
  });

  it('translates Salesforce lead statuses', () => {
    const raw = mapRecord('salesforce', salesforceHeaders, [
      'Bo',
      'Ek',
      'VP',
      'Beta',
      'bo@beta.com',
      '',
      '',
      '',
      '',
      '',
      '',
      'Working - Contacted',
    ]);
    expect(raw.stage).toBe('contacted');
  });

  it('reads the zone labels HubSpot writes', () => {
    expect(hubspotZone('(GMT-06:00) Central Time (US & Canada)')).toBe('America/Chicago');
    expect(hubspotZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(hubspotZone('somewhere')).toBeUndefined();
  });

  it('undoes the formula escape of an exported cell', () => {
    const raw = mapRecord('generic', ['first_name', 'phone_direct'], ["'=1+1", "'+12125550142"]);
    expect(raw).toMatchObject({ firstName: '=1+1', phones: [{ number: '+12125550142', kind: 'direct' }] });
  });

  it('reads yes or no for the product and the vendor relationship in any spelling, and an empty cell as not given', () => {
    const headers = ['first_name', 'already_has_product', 'competitor_relationship'];
    const read = (a: string, b: string) => {
      const result = validateProspect(mapRecord('generic', headers, ['Ann', a, b]), {
        defaultCountry: 'US',
        requireIdentity: true,
      });
      return result.ok
        ? [result.draft.alreadyHasProduct, result.draft.competitorRelationship]
        : result.issues;
    };
    expect(read('YES', 'n')).toEqual([true, false]);
    expect(read('1', 'False')).toEqual([true, false]);
    expect(read('y', 'true')).toEqual([true, true]);
    expect(read('', ' 0 ')).toEqual([undefined, false]);
    expect(read('sometimes', 'yes')).toEqual([
      {
        field: 'already_has_product',
        reason: 'not yes or no: "sometimes" (write yes, no, true, false, 1 or 0)',
      },
    ]);
  });

  it("reads a HubSpot custom property naming the current vendor as a relationship, and 'none' as none", () => {
    const headers = [...hubspotHeaders, 'Current Vendor', 'Has Product'];
    const row = (vendor: string, has: string) =>
      mapRecord('hubspot', headers, ['Ann', '', '', '', '', '', '', '', '', '', '', '', '', vendor, has]);
    expect(row('Salesforce', 'Yes')).toMatchObject({
      competitorRelationship: 'yes',
      alreadyHasProduct: 'Yes',
    });
    expect(row('None', 'No')).toMatchObject({ competitorRelationship: 'no' });
    expect(row('', '')).not.toHaveProperty('competitorRelationship');
    expect(columnMapping('hubspot', headers).slice(-2)).toEqual([
      { column: 'Current Vendor', field: 'competitorRelationship' },
      { column: 'Has Product', field: 'alreadyHasProduct' },
    ]);
    // "Competitor" on a contact may mean they work for one: not read.
    expect(columnMapping('hubspot', ['Competitor'])).toEqual([{ column: 'Competitor', field: null }]);
  });
});
