import { importPresets as presetNames } from '../../contracts/vocabulary.ts';
import { unescapeCell } from '../../shared/csv-safety.ts';
import { type PhoneKind, parseYesNo, type RawProspect } from '../prospects/index.ts';

export { presetNames };
export type PresetName = (typeof presetNames)[number];

/** `currentVendor`: a column naming the vendor they buy from now, read as a competitor relationship. */
type Field = Exclude<keyof RawProspect, 'phones'> | `phone:${PhoneKind}` | 'currentVendor';

/**
 * Neither tool has a standard property for these; teams add their own, and an export heads the
 * column with its label. Only labels that can mean nothing else are read: not "Competitor" (on a
 * contact it as often marks someone who works for one) nor "Existing Customer" (ours: a stage).
 */
// biome-ignore format: a lookup table reads best packed
const customColumns: Record<string, Field> = {
  'already has product': 'alreadyHasProduct', 'has product': 'alreadyHasProduct',
  'competitor relationship': 'competitorRelationship', 'existing vendor relationship': 'competitorRelationship',
  'current vendor': 'currentVendor', 'current provider': 'currentVendor', 'incumbent vendor': 'currentVendor',
  // A CRM's "Do Not Call" box records the person's own request.
  'do not call': 'optedOut', donotcall: 'optedOut',
};

/** Column header (as exported by each tool) to the prospect field it fills. */
// biome-ignore format: a lookup table reads best packed
export const presetColumns: Record<PresetName, Record<string, Field>> = {
  generic: {
    external_id: 'externalId', first_name: 'firstName', last_name: 'lastName', title: 'title',
    company: 'company', company_domain: 'companyDomain', industry: 'industry', email: 'email',
    phone_direct: 'phone:direct', phone_mobile: 'phone:mobile', phone_main: 'phone:main',
    phone_assistant: 'phone:assistant', phone_private: 'phone:private', phone_other: 'phone:other', extension: 'extension', timezone: 'timezone', city: 'city',
    region: 'region', country: 'country', stage: 'stage', value: 'value', notes: 'notes',
    already_has_product: 'alreadyHasProduct', competitor_relationship: 'competitorRelationship',
    opted_out: 'optedOut', do_not_call: 'doNotCall',
  },
  hubspot: {
    'record id': 'externalId', 'first name': 'firstName', 'last name': 'lastName', email: 'email',
    'phone number': 'phone:direct', 'mobile phone number': 'phone:mobile', 'company name': 'company',
    'job title': 'title', city: 'city', 'state/region': 'region', 'country/region': 'country',
    'time zone': 'timezone', 'lifecycle stage': 'stage', industry: 'industry', 'website url': 'companyDomain',
    ...customColumns,
  },
  salesforce: {
    'lead id': 'externalId', 'first name': 'firstName', 'last name': 'lastName', title: 'title',
    company: 'company', email: 'email', phone: 'phone:direct', mobile: 'phone:mobile', city: 'city',
    'state/province': 'region', country: 'country', industry: 'industry', 'lead status': 'stage',
    website: 'companyDomain', description: 'notes',
    ...customColumns,
  },
};

/** The column naming whose book a row goes to: a user's email or name (HubSpot's "Contact owner", Salesforce's "Lead Owner"). */
export const ownerColumns: Record<PresetName, string[]> = {
  generic: ['owner', 'owner_email', 'rep'],
  hubspot: ['contact owner', 'hubspot owner', 'owner'],
  salesforce: ['lead owner', 'owner', 'owner name'],
};

/** The owner a record names, when its preset has an owner column and the cell is not empty. */
export function ownerOf(preset: PresetName, headers: string[], record: string[]): string | undefined {
  const names = ownerColumns[preset];
  const i = headers.findIndex((h) => names.includes(normalizeHeader(h)));
  const cell = i < 0 ? undefined : record[i]?.trim();
  return cell ? unescapeCell(cell) : undefined;
}

/** Headers that only one preset's exports carry, to tell them apart. */
const signature: Record<PresetName, string[]> = {
  generic: ['first_name', 'last_name', 'phone_direct', 'phone_main', 'external_id'],
  hubspot: [
    'lifecycle stage',
    'phone number',
    'mobile phone number',
    'company name',
    'state/region',
    'country/region',
  ],
  salesforce: ['lead status', 'state/province', 'mobile', 'lead id', 'company'],
};

export const normalizeHeader = (h: string): string => h.trim().toLowerCase();

/** The preset whose headers the file carries, or null when none is recognisable. */
export function detectPreset(headers: string[]): PresetName | null {
  const set = new Set(headers.map(normalizeHeader));
  let best: { name: PresetName; score: number } | null = null;
  for (const name of presetNames) {
    const known = Object.keys(presetColumns[name]).filter((h) => set.has(h)).length;
    const score = known + signature[name].filter((h) => set.has(h)).length;
    if (known >= 2 && (!best || score > best.score)) best = { name, score };
  }
  return best?.name ?? null;
}

// biome-ignore format: a lookup table reads best packed
const hubspotStages: Record<string, string> = {
  subscriber: 'new', lead: 'new', other: 'new', marketingqualifiedlead: 'engaged',
  salesqualifiedlead: 'interested', opportunity: 'interested', customer: 'customer', evangelist: 'customer',
};
// biome-ignore format: a lookup table reads best packed
const salesforceStages: Record<string, string> = {
  'open - not contacted': 'new', open: 'new', new: 'new', 'working - contacted': 'contacted',
  working: 'contacted', contacted: 'contacted', nurturing: 'engaged', qualified: 'interested',
  'closed - converted': 'customer', converted: 'customer', 'closed - not converted': 'lost', unqualified: 'lost',
};
// biome-ignore format: a lookup table reads best packed
const zoneLabels: Record<string, string> = {
  'eastern time': 'America/New_York', 'central time': 'America/Chicago', 'mountain time': 'America/Denver',
  'pacific time': 'America/Los_Angeles', arizona: 'America/Phoenix', alaska: 'America/Anchorage',
  hawaii: 'Pacific/Honolulu', london: 'Europe/London', dublin: 'Europe/Dublin', paris: 'Europe/Paris',
  berlin: 'Europe/Berlin', amsterdam: 'Europe/Amsterdam', madrid: 'Europe/Madrid',
};

/** Reads a HubSpot zone: "america_slash_new_york", "(GMT-05:00) Eastern Time (US & Canada)" or IANA. */
export function hubspotZone(value: string): string | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  if (v.includes('_slash_')) {
    return v
      .split('_slash_')
      .map((part) =>
        part
          .split('_')
          .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
          .join('_'),
      )
      .join('/');
  }
  const label = /^\(GMT[^)]*\)\s*(.+?)(\s*\(.*\))?$/i.exec(v)?.[1]?.toLowerCase();
  if (label) return zoneLabels[label];
  return v.includes('/') ? v : undefined;
}

/** Which field each column of the file fills under the preset; null for a column Reach does not read. */
export function columnMapping(
  preset: PresetName,
  headers: string[],
): { column: string; field: string | null }[] {
  const columns = presetColumns[preset];
  return headers.map((column) => {
    const field = columns[normalizeHeader(column)] ?? null;
    if (field === null && ownerColumns[preset].includes(normalizeHeader(column)))
      return { column, field: 'owner' };
    return { column, field: field === 'currentVendor' ? 'competitorRelationship' : field };
  });
}

const NO_VENDOR = new Set(['none', 'n/a', 'na', '-', '—']);

/** A vendor's name says there is a relationship; "none" says there is not; yes/no is read as such. */
function vendorAnswer(value: string): string {
  if (parseYesNo(value) !== null) return value;
  return NO_VENDOR.has(value.trim().toLowerCase()) ? 'no' : 'yes';
}

/** Translates one CSV record into a raw prospect under the preset's column meanings. */
export function mapRecord(preset: PresetName, headers: string[], record: string[]): RawProspect {
  const columns = presetColumns[preset];
  const raw: RawProspect = { phones: [] };
  headers.forEach((header, i) => {
    const field = columns[normalizeHeader(header)];
    const cell = record[i];
    if (field === undefined || cell === undefined || cell.trim() === '') return;
    const value = unescapeCell(cell);
    if (field.startsWith('phone:')) raw.phones!.push({ number: value, kind: field.slice(6) as PhoneKind });
    else if (field === 'currentVendor') raw.competitorRelationship = vendorAnswer(value);
    else (raw as Record<string, string>)[field] = value;
  });
  if (raw.extension)
    for (const phone of raw.phones!)
      if (phone.kind === 'direct' || phone.kind === 'main') phone.extension = raw.extension;
  if (preset === 'hubspot') {
    if (raw.stage) raw.stage = hubspotStages[raw.stage.toLowerCase().replace(/[\s-]/g, '')] ?? raw.stage;
    if (raw.timezone !== undefined) raw.timezone = hubspotZone(raw.timezone);
  }
  if (preset === 'salesforce' && raw.stage)
    raw.stage = salesforceStages[raw.stage.trim().toLowerCase()] ?? raw.stage;
  return raw;
}
