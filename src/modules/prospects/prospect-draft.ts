import {
  NOTES_MAX,
  type PhoneKind,
  phoneKinds,
  type Stage,
  stages,
  TEXT_MAX,
} from '../../contracts/vocabulary.ts';
import type { FieldIssue } from '../../shared/errors.ts';
import { countryCode, normalizePhone, readZone } from '../phones/index.ts';

export { NOTES_MAX, type PhoneKind, phoneKinds, type Stage, stages, TEXT_MAX };

/** A prospect as it arrives from a CSV row, a form or the API: every field optional text. */
export type RawProspect = {
  externalId?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  title?: string | undefined;
  email?: string | undefined;
  company?: string | undefined;
  companyDomain?: string | undefined;
  industry?: string | undefined;
  stage?: string | undefined;
  value?: string | number | undefined;
  timezone?: string | undefined;
  city?: string | undefined;
  region?: string | undefined;
  country?: string | undefined;
  notes?: string | undefined;
  extension?: string | undefined;
  /** A boolean from the API; yes/no text from a CSV cell. */
  alreadyHasProduct?: boolean | string | undefined;
  competitorRelationship?: boolean | string | undefined;
  /** The person asked not to be contacted (an export's `opted_out`, a CRM's "Do Not Call"): binds them on import. */
  optedOut?: boolean | string | undefined;
  /** Numbers of theirs on the Do-Not-Call list, separated by `;` (an export's `do_not_call`). */
  doNotCall?: string | undefined;
  phones?: { number: string; kind: PhoneKind; extension?: string | undefined }[] | undefined;
};

export type DraftPhone = { e164: string; kind: PhoneKind; extension: string | null };

/** A validated prospect: `undefined` means "not given", so an update leaves the stored value alone. */
export type ProspectDraft = {
  externalId?: string;
  firstName?: string;
  lastName?: string;
  title?: string;
  email?: string;
  company?: { name: string; domain: string | null; industry: string | null };
  stage?: Stage;
  value?: number;
  timezone?: string;
  city?: string;
  region?: string;
  country?: string;
  notes?: string;
  alreadyHasProduct?: boolean;
  competitorRelationship?: boolean;
  /** Only ever adds a stop request: `no` never lifts one. */
  optedOut?: boolean;
  doNotCall?: string[];
  phones: DraftPhone[];
};

/**
 * A draft, with what was dropped from it (`warnings`), or why it was refused. Only an import
 * drops anything: a second phone that cannot be read, when another one can.
 */
export type DraftResult =
  | { ok: true; draft: ProspectDraft; warnings: FieldIssue[] }
  | { ok: false; issues: FieldIssue[] };

const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const clean = (v: string | undefined): string | undefined => {
  const t = v?.trim();
  return t ? t : undefined;
};

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

/** Reads yes/no, y/n, true/false or 1/0 in any case; null when it is none of them. */
export function parseYesNo(input: string): boolean | null {
  const word = input.trim().toLowerCase();
  return YES.has(word) ? true : NO.has(word) ? false : null;
}

/** The CSV column each yes/no field is read from, which a rejected row names. */
const yesNoColumns = {
  alreadyHasProduct: 'already_has_product',
  competitorRelationship: 'competitor_relationship',
  optedOut: 'opted_out',
} as const;

/** The largest deal value Reach keeps: a trillion in the team's currency. */
export const MAX_VALUE = 1_000_000_000_000;

/** Parses "20000", "$20,000", "20k" or "1.5M" as a whole amount; null when it is not an amount or beyond MAX_VALUE. */
export function parseValue(input: string | number): number | null {
  const amount = readAmount(input);
  return amount !== null && amount <= MAX_VALUE ? amount : null;
}

function readAmount(input: string | number): number | null {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? Math.round(input) : null;
  const m = /^\s*[$€£]?\s*(\d[\d,]*(?:\.\d+)?)\s*([kKmM])?\s*$/.exec(input);
  if (!m?.[1]) return null;
  const base = Number(m[1].replaceAll(',', ''));
  const scale = m[2] === undefined ? 1 : m[2].toLowerCase() === 'k' ? 1_000 : 1_000_000;
  return Number.isFinite(base) ? Math.round(base * scale) : null;
}

export function validateProspect(
  raw: RawProspect,
  options: {
    defaultCountry: string;
    requireIdentity: boolean;
    /** Drop an unreadable phone with a warning when another phone of the row can be read (imports). */
    lenientPhones?: boolean;
  },
): DraftResult {
  const issues: FieldIssue[] = [];
  const phoneIssues: FieldIssue[] = [];
  const draft: ProspectDraft = { phones: [] };
  const text: [keyof RawProspect & keyof ProspectDraft, string | undefined][] = [
    ['externalId', clean(raw.externalId)],
    ['firstName', clean(raw.firstName)],
    ['lastName', clean(raw.lastName)],
    ['title', clean(raw.title)],
    ['city', clean(raw.city)],
    ['region', clean(raw.region)],
    ['country', clean(raw.country)],
    ['notes', clean(raw.notes)],
  ];
  for (const [key, value] of text) {
    if (value === undefined) continue;
    const max = key === 'notes' ? NOTES_MAX : TEXT_MAX;
    if (value.length > max)
      issues.push({
        field: snake(key),
        reason: `must be at most ${max.toLocaleString('en-US')} characters (it has ${value.length.toLocaleString('en-US')})`,
      });
    else (draft as Record<string, unknown>)[key] = value;
  }

  const email = clean(raw.email)?.toLowerCase();
  if (email !== undefined) {
    if (EMAIL.test(email)) draft.email = email;
    else issues.push({ field: 'email', reason: `not an email address: "${email}"` });
  }
  if (options.requireIdentity && !draft.firstName && !draft.lastName && email === undefined) {
    issues.push({ field: 'name', reason: 'missing name and email: a prospect needs one of them' });
  }
  const company = clean(raw.company);
  if (company !== undefined) {
    const domain = clean(raw.companyDomain)
      ?.toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/^www\./, '')
      .replace(/\/.*$/, '');
    draft.company = { name: company, domain: domain ?? null, industry: clean(raw.industry) ?? null };
  }
  const stage = clean(raw.stage)?.toLowerCase();
  if (stage !== undefined) {
    if ((stages as readonly string[]).includes(stage)) draft.stage = stage as Stage;
    else
      issues.push({
        field: 'stage',
        reason: `unknown stage "${raw.stage}": use one of ${stages.join(', ')}`,
      });
  }
  if (raw.value !== undefined && String(raw.value).trim() !== '') {
    const value = parseValue(raw.value);
    if (value === null)
      issues.push({
        field: 'value',
        reason: `not an amount from 0 to ${MAX_VALUE.toLocaleString('en-US')}: "${raw.value}"`,
      });
    else draft.value = value;
  }
  const zone = clean(raw.timezone);
  if (zone !== undefined) {
    const read = readZone(zone, countryCode(clean(raw.country)));
    if (read.ok) draft.timezone = read.zone;
    else issues.push({ field: 'timezone', reason: read.reason });
  }
  for (const [key, column] of Object.entries(yesNoColumns) as [keyof typeof yesNoColumns, string][]) {
    const given = raw[key];
    if (given === undefined || (typeof given === 'string' && given.trim() === '')) continue;
    const value = typeof given === 'boolean' ? given : parseYesNo(given);
    if (value === null)
      issues.push({
        field: column,
        reason: `not yes or no: "${given}" (write yes, no, true, false, 1 or 0)`,
      });
    else draft[key] = value;
  }

  const blocked = clean(raw.doNotCall);
  if (blocked !== undefined) {
    draft.doNotCall = [];
    for (const number of blocked
      .split(/[;,]/)
      .map((n) => n.trim())
      .filter(Boolean)) {
      const result = normalizePhone(number, options.defaultCountry);
      if (result.ok) draft.doNotCall.push(result.e164);
      else issues.push({ field: 'do_not_call', reason: `invalid phone "${number}": ${result.reason}` });
    }
  }
  for (const phone of raw.phones ?? []) {
    const number = phone.number.trim();
    if (number === '') continue;
    const result = normalizePhone(number, options.defaultCountry);
    const field = `phone_${phone.kind}`;
    if (!result.ok) {
      phoneIssues.push({ field, reason: `invalid phone "${number}": ${result.reason}` });
      continue;
    }
    const extension = clean(phone.extension) ?? result.extension;
    if (!draft.phones.some((p) => p.e164 === result.e164)) {
      draft.phones.push({ e164: result.e164, kind: phone.kind, extension });
    }
  }
  // A row whose other phone reads is still a prospect to call: the unreadable one is dropped, said aloud.
  const dropped = options.lenientPhones === true && draft.phones.length > 0;
  if (!dropped) issues.push(...phoneIssues);
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    draft,
    warnings: dropped
      ? phoneIssues.map((i) => ({ ...i, reason: `${i.reason}; dropped, the row's other phone kept` }))
      : [],
  };
}
