import fc from 'fast-check';
import { timezones } from 'libphonenumber-geo-carrier';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { zoneOfDialledNumber } from '../src/modules/phones/resolve-timezone.ts';
import { readZone } from '../src/modules/phones/zone-names.ts';
import { recordZone } from '../src/modules/prospects/upsert-prospects.ts';
import { bookRates, NO_EFFORT, NO_TOTALS } from '../src/modules/pursuit/keep-or-drop.ts';
import type { DialLimits } from '../src/modules/queue/may-dial.ts';
import { type Candidate, rankAt } from '../src/modules/queue/rank.ts';
import { createRandom } from '../src/shared/random.ts';
import { legalByHand } from './support/law-by-hand.ts';

/**
 * Numbers from every family of zone trouble: exchanges that keep another clock than their
 * area code, places that span zones, islands, a country the plan misfiles, mobiles that may
 * ring anywhere, toll-free numbers, both hemispheres.
 */
// biome-ignore format: a table reads best packed
const families: { prefix: string; digits: number; place?: { region?: string; country: string } }[] = [
  { prefix: '+1212555', digits: 4, place: { region: 'NY', country: 'US' } },
  { prefix: '+1312555', digits: 4, place: { region: 'IL', country: 'US' } },
  { prefix: '+1310555', digits: 4, place: { region: 'CA', country: 'US' } },
  { prefix: '+1602555', digits: 4, place: { region: 'AZ', country: 'US' } },
  { prefix: '+1808555', digits: 4, place: { region: 'HI', country: 'US' } },
  { prefix: '+1907555', digits: 4, place: { region: 'AK', country: 'US' } },
  { prefix: '+1208241', digits: 4, place: { region: 'ID', country: 'US' } },
  { prefix: '+1208245', digits: 4, place: { region: 'ID', country: 'US' } },
  { prefix: '+1928871', digits: 4, place: { region: 'AZ', country: 'US' } },
  { prefix: '+1928674', digits: 4, place: { region: 'AZ', country: 'US' } },
  { prefix: '+1915555', digits: 4, place: { region: 'TX', country: 'US' } },
  { prefix: '+1305555', digits: 4, place: { region: 'FL', country: 'US' } },
  { prefix: '+1850555', digits: 4, place: { region: 'FL', country: 'US' } },
  { prefix: '+1807468', digits: 4, place: { region: 'ON', country: 'CA' } },
  { prefix: '+1807344', digits: 4, place: { region: 'ON', country: 'CA' } },
  { prefix: '+1709896', digits: 4, place: { region: 'NL', country: 'CA' } },
  { prefix: '+1709722', digits: 4, place: { region: 'NL', country: 'CA' } },
  { prefix: '+1250426', digits: 4, place: { region: 'BC', country: 'CA' } },
  { prefix: '+1250428', digits: 4, place: { region: 'BC', country: 'CA' } },
  { prefix: '+1604555', digits: 4, place: { region: 'BC', country: 'CA' } },
  { prefix: '+1418986', digits: 4, place: { region: 'QC', country: 'CA' } },
  { prefix: '+1416555', digits: 4, place: { region: 'ON', country: 'CA' } },
  { prefix: '+1306555', digits: 4, place: { region: 'SK', country: 'CA' } },
  { prefix: '+4420', digits: 8, place: { country: 'GB' } },
  { prefix: '+447700', digits: 6, place: { country: 'GB' } },
  { prefix: '+331', digits: 8, place: { country: 'FR' } },
  { prefix: '+336', digits: 8, place: { country: 'FR' } },
  { prefix: '+3491', digits: 7, place: { country: 'ES' } },
  { prefix: '+34928', digits: 6, place: { country: 'ES' } },
  { prefix: '+34612', digits: 6, place: { country: 'ES' } },
  { prefix: '+35121', digits: 7, place: { country: 'PT' } },
  { prefix: '+351296', digits: 6, place: { country: 'PT' } },
  { prefix: '+212522', digits: 6, place: { country: 'MA' } },
  { prefix: '+2126', digits: 8, place: { country: 'MA' } },
  { prefix: '+6129', digits: 7, place: { region: 'NSW', country: 'AU' } },
  { prefix: '+6126563', digits: 4, place: { region: 'NSW', country: 'AU' } },
  { prefix: '+6188087', digits: 4, place: { region: 'NSW', country: 'AU' } },
  { prefix: '+6189', digits: 7, place: { region: 'WA', country: 'AU' } },
  { prefix: '+61412', digits: 6, place: { region: 'QLD', country: 'AU' } },
  { prefix: '+649', digits: 7, place: { country: 'NZ' } },
  { prefix: '+643305', digits: 4, place: { country: 'NZ' } },
  { prefix: '+6421', digits: 7, place: { country: 'NZ' } },
  { prefix: '+9122', digits: 8, place: { country: 'IN' } },
  { prefix: '+1410555', digits: 4, place: { region: 'MD', country: 'US' } },
  { prefix: '+1405555', digits: 4, place: { region: 'OK', country: 'US' } },
  { prefix: '+1205555', digits: 4, place: { region: 'AL', country: 'US' } },
  { prefix: '+1504555', digits: 4, place: { region: 'LA', country: 'US' } },
  { prefix: '+1601555', digits: 4, place: { region: 'MS', country: 'US' } },
  { prefix: '+1801555', digits: 4, place: { region: 'UT', country: 'US' } },
  { prefix: '+1401555', digits: 4, place: { region: 'RI', country: 'US' } },
  { prefix: '+1800555', digits: 4 },
  { prefix: '+1888555', digits: 4 },
];

/** The jurisdiction each family's numbers are in, as a rep would read the area code. */
// biome-ignore format: a table reads best packed
const jurisdictionOf: [string, string][] = [
  ['+1212', 'US-NY'], ['+1312', 'US-IL'], ['+1310', 'US-CA'], ['+1602', 'US-AZ'], ['+1808', 'US-HI'],
  ['+1907', 'US-AK'], ['+1208', 'US-ID'], ['+1928', 'US-AZ'], ['+1915', 'US-TX'], ['+1305', 'US-FL'],
  ['+1850', 'US-FL'], ['+1410', 'US-MD'], ['+1405', 'US-OK'], ['+1205', 'US-AL'], ['+1504', 'US-LA'],
  ['+1601', 'US-MS'], ['+1801', 'US-UT'], ['+1401', 'US-RI'], ['+1800', 'US'], ['+1888', 'US'],
  ['+1807', 'CA'], ['+1709', 'CA'], ['+1250', 'CA'], ['+1604', 'CA'], ['+1418', 'CA'], ['+1416', 'CA'],
  ['+1306', 'CA'], ['+44', 'GB'], ['+33', 'FR'], ['+34', 'ES'], ['+351', 'PT'], ['+212', 'MA'], ['+61', 'AU'],
  ['+64', 'NZ'], ['+91', 'IN'],
];
const jurisdictionOfNumber = (e164: string): string =>
  jurisdictionOf.find(([prefix]) => e164.startsWith(prefix))?.[1] ?? 'none';
const jurisdictionOfPlace = (
  place: { region?: string | undefined; country: string } | undefined,
): string | null =>
  !place ? null : place.country === 'US' && place.region ? `US-${place.region}` : place.country;

/** Facts the plan gets wrong or leaves wide, written here apart from the product's own table. */
function knownTruth(e164: string, plan: string[]): string[] {
  if (e164.startsWith('+212')) return ['Africa/Casablanca'];
  const add: string[] = [];
  if (e164.startsWith('+1250428')) add.push('America/Creston');
  if (e164.startsWith('+6126563')) add.push('Australia/Lord_Howe');
  if (e164.startsWith('+614'))
    add.push('Australia/Perth', 'Australia/Adelaide', 'Australia/Darwin', 'Australia/Brisbane');
  if (e164.startsWith('+642')) add.push('Pacific/Chatham');
  if (e164.startsWith('+346')) add.push('Atlantic/Canary');
  return [...new Set([...plan, ...add])];
}

/** Zones of the places in the pool, written here apart from the product's table. */
// biome-ignore format: a table reads best packed
const placeZones: Record<string, string[]> = {
  'US-NY': ['America/New_York'], 'US-IL': ['America/Chicago'], 'US-CA': ['America/Los_Angeles'],
  'US-AZ': ['America/Phoenix', 'America/Denver'], 'US-HI': ['Pacific/Honolulu'],
  'US-AK': ['America/Anchorage', 'America/Adak'], 'US-ID': ['America/Boise', 'America/Los_Angeles'],
  'US-TX': ['America/Chicago', 'America/Denver'], 'US-FL': ['America/New_York', 'America/Chicago'],
  'US-MD': ['America/New_York'], 'US-OK': ['America/Chicago'], 'US-AL': ['America/Chicago'],
  'US-LA': ['America/Chicago'], 'US-MS': ['America/Chicago'], 'US-UT': ['America/Denver'], 'US-RI': ['America/New_York'],
  'CA-ON': ['America/Toronto', 'America/Winnipeg'], 'CA-NL': ['America/St_Johns', 'America/Goose_Bay'],
  'CA-BC': ['America/Vancouver', 'America/Edmonton', 'America/Creston'], 'CA-QC': ['America/Toronto', 'America/Halifax'],
  'CA-SK': ['America/Regina'], GB: ['Europe/London'], FR: ['Europe/Paris'], ES: ['Europe/Madrid', 'Atlantic/Canary'],
  PT: ['Europe/Lisbon', 'Atlantic/Azores'], MA: ['Africa/Casablanca'], IN: ['Asia/Kolkata'],
  'AU-NSW': ['Australia/Sydney', 'Australia/Broken_Hill', 'Australia/Lord_Howe'], 'AU-WA': ['Australia/Perth'],
  'AU-QLD': ['Australia/Brisbane'], NZ: ['Pacific/Auckland', 'Pacific/Chatham'],
};
const zonesOfPlace = (place: { region?: string | undefined; country: string } | undefined): string[] =>
  place ? (placeZones[place.region ? `${place.country}-${place.region}` : place.country] ?? []) : [];

/**
 * Where a number truly rings, as the rules read the record: its plan's zones, narrowed by an
 * address that agrees with them; a number with no place rings where the record says, else
 * anywhere in the territory.
 */
function trueZones(
  number: Numbered,
  record: { address: string[]; explicit: string | null; territory: string[]; person: string[] },
): string[] {
  if (!number.truth) {
    if (record.explicit) return [record.explicit];
    if (record.address.length > 0) return record.address;
    return record.person.length > 0 ? record.person : record.territory;
  }
  const agreed = record.explicit ? [] : number.truth.filter((z) => record.address.includes(z));
  return agreed.length > 0 ? agreed : number.truth;
}

type Numbered = { e164: string; truth: string[] | null; place?: { region?: string; country: string } };
const pool: Numbered[] = [];

beforeAll(async () => {
  const rng = createRandom(20261204);
  for (const family of families) {
    for (let i = 0; i < 6; i++) {
      const tail = Array.from({ length: family.digits }, () => rng.int(0, 9)).join('');
      const e164 = `${family.prefix}${tail}`;
      const parsed = parsePhoneNumberFromString(e164);
      if (!parsed?.isValid()) continue;
      // The library's own lookup, file read and prefix walk: not the product's loader.
      const plan = ((await timezones(parsed as never)) ?? []).filter((z) => z !== 'Etc/Unknown');
      const placeless = plan.length > 6;
      pool.push({
        e164,
        truth: placeless ? null : knownTruth(e164, plan),
        ...(family.place ? { place: family.place } : {}),
      });
    }
  }
});

// Days when clocks change: the US, Europe, Morocco's Ramadan, Australia and New Zealand, both ways.
// biome-ignore format: a list reads best packed
const transitions = [
  '2026-02-15T02:00:00Z', '2026-03-08T08:00:00Z', '2026-03-22T02:00:00Z', '2026-03-29T01:00:00Z',
  '2026-04-05T03:00:00Z', '2026-09-27T02:00:00Z', '2026-10-04T02:00:00Z', '2026-10-25T01:00:00Z',
  '2026-11-01T07:00:00Z', '2027-03-14T08:00:00Z',
];
const territories = [['America/Chicago'], ['America/New_York', 'America/Los_Angeles'], ['Europe/Paris'], []];
const statedZones = ['EST', 'PST', 'America/Chicago', 'Europe/London', 'Australia/Sydney', 'MST'];

const prospectSpec = fc.record({
  numbers: fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 3 }),
  // Earlier dials, minutes before the book's first instant: enough near it to reach the rolling caps.
  dials: fc.array(
    fc.oneof(fc.integer({ min: 130, max: 30 * 60 }), fc.integer({ min: 0, max: 31 * 24 * 60 })),
    {
      maxLength: 5,
    },
  ),
  stated: fc.constantFrom('none', 'own', 'other', 'explicit'),
  explicit: fc.constantFrom(...statedZones),
  otherPlace: fc.nat(),
});
const bookSpec = fc.record({
  base: fc.constantFrom(...transitions),
  offsetMinutes: fc.integer({ min: -40 * 60, max: 40 * 60 }),
  territory: fc.constantFrom(...territories),
  window: fc.constantFrom(['08:00', '21:00'], ['09:00', '18:00']),
  prospects: fc.array(prospectSpec, { minLength: 1, maxLength: 5 }),
});
type Book = typeof bookSpec extends fc.Arbitrary<infer T> ? T : never;

const pursuit = {
  rates: bookRates({ totals: NO_TOTALS, typicalValue: 10_000, teamHourlyValue: null }),
  reach: { book: { dials: 0, reached: 0 }, groups: new Map() },
};

type Record_ = { address: string[]; explicit: string | null; jurisdictions: string[] };

function candidatesOf(
  book: Book,
  start: number,
): { candidates: Candidate[]; numbers: Map<number, Numbered & Record_> } {
  const numbers = new Map<number, Numbered & Record_>();
  const candidates = book.prospects.map((spec, i): Candidate => {
    const own = spec.numbers.map((n) => pool[n % pool.length]!);
    const other = pool[spec.otherPlace % pool.length]!.place;
    const address = spec.stated === 'own' ? own[0]!.place : spec.stated === 'other' ? other : undefined;
    const read = readZone(spec.explicit);
    const explicit = spec.stated === 'explicit' && read.ok ? read.zone : null;
    const place = { region: address?.region ?? null, country: address?.country ?? null };
    const phones = own.map((n, j) => ({ e164: n.e164, kind: j === 0 ? 'direct' : 'mobile' }));
    const { zone } = recordZone({ explicit, address: place, phones });
    const stated = {
      statedTimezone: explicit,
      ...place,
      timezone: zone.timezone,
      timezoneCandidates: zone.candidates,
    };
    return {
      prospect: {
        id: i + 1,
        name: `P${i + 1}`,
        company: null,
        companyId: null,
        title: 'CFO',
        seniority: 1,
        stage: 'new',
        value: 10_000,
        timezone: zone.timezone,
        timezoneCandidates: zone.candidates,
        optedOut: false,
        dials: 0,
        hourDials: Array(24).fill(0),
        hourReached: Array(24).fill(0),
      },
      phones: own.map((n, j) => {
        const id = (i + 1) * 10 + j;
        const jurisdictions = [jurisdictionOfNumber(n.e164), jurisdictionOfPlace(address)];
        numbers.set(id, {
          ...n,
          address: zonesOfPlace(address),
          explicit,
          jurisdictions: [...new Set(jurisdictions.filter((j): j is string => j !== null))],
        });
        const rings = zoneOfDialledNumber(n.e164, stated);
        return {
          id,
          e164: n.e164,
          kind: j === 0 ? 'direct' : 'mobile',
          valid: true,
          onDnc: false,
          source: 'import',
          zone: {
            timezone: rings.timezone,
            timezoneCandidates: rings.candidates,
            note: rings.note,
            places: rings.places,
          },
        };
      }),
      intel: { dmHours: [], gatekeeper: [] },
      outOfOfficeUntil: null,
      effort: NO_EFFORT,
      dials: spec.dials.map((m) => new Date(start - m * 60_000)),
      messages: [],
      callbacks: [],
      cadenceCall: null,
    };
  });
  return { candidates, numbers };
}

/** Whether `at` is inside the window on each of these zones' wall clocks, read with luxon. */
const legalIn = (at: Date, zones: string[], window: readonly string[]): boolean =>
  zones.every((zone) => {
    const clock = DateTime.fromJSDate(at, { zone }).toFormat('HH:mm');
    return clock >= window[0]! && clock < window[1]!;
  });

// A hundred thousand rankings: seconds alone, longer beside other suites; never a wall-time assertion.
describe('the queue in real local time', { timeout: 300_000 }, () => {
  it('proposes no number outside the strictest rule of its places, in the zones it truly rings in, over 100,000 cases', () => {
    let cases = 0;
    let proposals = 0;
    fc.assert(
      fc.property(bookSpec, (book) => {
        const limits: DialLimits = {
          callingHoursStart: book.window[0]!,
          callingHoursEnd: book.window[1]!,
          maxDialsPerDay: 3,
          maxDialsPerWeek: 8,
          territoryZones: book.territory,
        };
        const start = new Date(book.base).getTime() + book.offsetMinutes * 60_000;
        const { candidates, numbers } = candidatesOf(book, start);
        for (let step = 0; step < 20; step++) {
          const at = new Date(start + step * 67 * 60_000);
          const entries = rankAt(at, {
            candidates,
            counts: new Map(),
            limits,
            typicalValue: 10_000,
            limit: 20,
            mode: 'sample',
            seed: book.base,
            pursuit,
          });
          cases++;
          for (const entry of entries) {
            proposals++;
            const number = numbers.get(entry.number.id)!;
            // A placeless number on an unplaced record rings where the person's other numbers put them.
            const person = candidates[entry.prospect.id - 1]!.prospect;
            const zones = trueZones(number, {
              ...number,
              territory: book.territory,
              person: person.timezone ? [person.timezone] : person.timezoneCandidates,
            });
            const dials = candidates[entry.prospect.id - 1]!.dials.filter((d) => d <= at);
            const unlawful = number.jurisdictions.find(
              (code) => !legalByHand(at, code, { attempts: dials, zones }),
            );
            if (unlawful)
              throw new Error(
                `${number.e164} proposed at ${at.toISOString()}: the law of ${unlawful} forbids it`,
              );
            if (!legalIn(at, zones, book.window))
              throw new Error(
                `${number.e164} proposed at ${at.toISOString()}: outside ${book.window.join('-')} in ${zones.join(', ')}`,
              );
          }
        }
      }),
      { numRuns: 5_000, seed: 4_122_026 },
    );
    expect(cases).toBeGreaterThanOrEqual(100_000);
    expect(proposals).toBeGreaterThan(50_000);
  });
});
