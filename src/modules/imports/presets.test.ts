import { describe, expect, it } from 'vitest';
import { detectPreset, hubspotZone, mapRecord } from './presets.ts';

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
});
