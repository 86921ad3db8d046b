import { getCountries } from 'libphonenumber-js/max';

/** Zones of the US states; split states list every zone they span. */
// biome-ignore format: a lookup table reads best packed
const usStates: Record<string, string[]> = {
  AL: ['America/Chicago'], AK: ['America/Anchorage', 'America/Adak'], AZ: ['America/Phoenix', 'America/Denver'],
  AR: ['America/Chicago'], CA: ['America/Los_Angeles'], CO: ['America/Denver'], CT: ['America/New_York'],
  DE: ['America/New_York'], DC: ['America/New_York'], FL: ['America/New_York', 'America/Chicago'],
  GA: ['America/New_York'], HI: ['Pacific/Honolulu'], ID: ['America/Boise', 'America/Los_Angeles'],
  IL: ['America/Chicago'], IN: ['America/Indiana/Indianapolis', 'America/Chicago'], IA: ['America/Chicago'],
  KS: ['America/Chicago', 'America/Denver'], KY: ['America/New_York', 'America/Chicago'],
  LA: ['America/Chicago'], ME: ['America/New_York'], MD: ['America/New_York'], MA: ['America/New_York'],
  MI: ['America/Detroit', 'America/Menominee'], MN: ['America/Chicago'], MS: ['America/Chicago'],
  MO: ['America/Chicago'], MT: ['America/Denver'], NE: ['America/Chicago', 'America/Denver'],
  NV: ['America/Los_Angeles', 'America/Denver'], NH: ['America/New_York'], NJ: ['America/New_York'], NM: ['America/Denver'],
  NY: ['America/New_York'], NC: ['America/New_York'], ND: ['America/Chicago', 'America/Denver'],
  OH: ['America/New_York'], OK: ['America/Chicago'], OR: ['America/Los_Angeles', 'America/Boise'],
  PA: ['America/New_York'], RI: ['America/New_York'], SC: ['America/New_York'],
  SD: ['America/Chicago', 'America/Denver'], TN: ['America/Chicago', 'America/New_York'],
  TX: ['America/Chicago', 'America/Denver'], UT: ['America/Denver'], VT: ['America/New_York'],
  VA: ['America/New_York'], WA: ['America/Los_Angeles'], WV: ['America/New_York'], WI: ['America/Chicago'],
  WY: ['America/Denver'], PR: ['America/Puerto_Rico'],
};

// biome-ignore format: a lookup table reads best packed
const usStateNames: Record<string, string> = {
  alabama: 'AL', alaska: 'AK', arizona: 'AZ', arkansas: 'AR', california: 'CA', colorado: 'CO',
  connecticut: 'CT', delaware: 'DE', 'district of columbia': 'DC', florida: 'FL', georgia: 'GA',
  hawaii: 'HI', idaho: 'ID', illinois: 'IL', indiana: 'IN', iowa: 'IA', kansas: 'KS', kentucky: 'KY',
  louisiana: 'LA', maine: 'ME', maryland: 'MD', massachusetts: 'MA', michigan: 'MI', minnesota: 'MN',
  mississippi: 'MS', missouri: 'MO', montana: 'MT', nebraska: 'NE', nevada: 'NV', 'new hampshire': 'NH',
  'new jersey': 'NJ', 'new mexico': 'NM', 'new york': 'NY', 'north carolina': 'NC', 'north dakota': 'ND',
  ohio: 'OH', oklahoma: 'OK', oregon: 'OR', pennsylvania: 'PA', 'rhode island': 'RI',
  'south carolina': 'SC', 'south dakota': 'SD', tennessee: 'TN', texas: 'TX', utah: 'UT', vermont: 'VT',
  virginia: 'VA', washington: 'WA', 'west virginia': 'WV', wisconsin: 'WI', wyoming: 'WY',
  'puerto rico': 'PR',
};

// biome-ignore format: a lookup table reads best packed
const caProvinces: Record<string, string[]> = {
  ON: ['America/Toronto', 'America/Winnipeg', 'America/Atikokan'],
  QC: ['America/Toronto', 'America/Halifax', 'America/Blanc-Sablon'],
  BC: ['America/Vancouver', 'America/Edmonton', 'America/Creston', 'America/Dawson_Creek', 'America/Fort_Nelson'],
  AB: ['America/Edmonton'], MB: ['America/Winnipeg'], SK: ['America/Regina'], NS: ['America/Halifax'],
  NB: ['America/Moncton'], NL: ['America/St_Johns', 'America/Goose_Bay'], PE: ['America/Halifax'], YT: ['America/Whitehorse'],
  NT: ['America/Yellowknife'], NU: ['America/Iqaluit'],
};
// biome-ignore format: a lookup table reads best packed
const caProvinceNames: Record<string, string> = {
  ontario: 'ON', quebec: 'QC', québec: 'QC', 'british columbia': 'BC', alberta: 'AB', manitoba: 'MB',
  saskatchewan: 'SK', 'nova scotia': 'NS', 'new brunswick': 'NB', 'newfoundland and labrador': 'NL',
  'prince edward island': 'PE', yukon: 'YT', 'northwest territories': 'NT', nunavut: 'NU',
};

// biome-ignore format: a lookup table reads best packed
const auStates: Record<string, string[]> = {
  NSW: ['Australia/Sydney', 'Australia/Broken_Hill', 'Australia/Lord_Howe'], ACT: ['Australia/Sydney'], VIC: ['Australia/Melbourne'],
  QLD: ['Australia/Brisbane'], SA: ['Australia/Adelaide'], WA: ['Australia/Perth'],
  TAS: ['Australia/Hobart'], NT: ['Australia/Darwin'],
};
// biome-ignore format: a lookup table reads best packed
const auStateNames: Record<string, string> = {
  'new south wales': 'NSW', 'australian capital territory': 'ACT', victoria: 'VIC', queensland: 'QLD',
  'south australia': 'SA', 'western australia': 'WA', tasmania: 'TAS', 'northern territory': 'NT',
};

/** Countries whose land and islands span zones: an address there is legal only in all of them. */
// biome-ignore format: a lookup table reads best packed
const countryZones: Record<string, string[]> = {
  PT: ['Europe/Lisbon', 'Atlantic/Azores'], ES: ['Europe/Madrid', 'Atlantic/Canary'],
  NZ: ['Pacific/Auckland', 'Pacific/Chatham'],
};

/** Countries inside one zone (for business purposes). Multi-zone ones need a region. */
// biome-ignore format: a lookup table reads best packed
const countryZone: Record<string, string> = {
  GB: 'Europe/London', IE: 'Europe/Dublin', FR: 'Europe/Paris', DE: 'Europe/Berlin', NL: 'Europe/Amsterdam',
  BE: 'Europe/Brussels', LU: 'Europe/Luxembourg', CH: 'Europe/Zurich', AT: 'Europe/Vienna', IT: 'Europe/Rome',
  DK: 'Europe/Copenhagen', SE: 'Europe/Stockholm', NO: 'Europe/Oslo',
  FI: 'Europe/Helsinki', IS: 'Atlantic/Reykjavik', PL: 'Europe/Warsaw', CZ: 'Europe/Prague', SK: 'Europe/Bratislava',
  HU: 'Europe/Budapest', RO: 'Europe/Bucharest', BG: 'Europe/Sofia', GR: 'Europe/Athens', HR: 'Europe/Zagreb',
  SI: 'Europe/Ljubljana', RS: 'Europe/Belgrade', EE: 'Europe/Tallinn', LV: 'Europe/Riga', LT: 'Europe/Vilnius',
  UA: 'Europe/Kyiv', TR: 'Europe/Istanbul', IL: 'Asia/Jerusalem', AE: 'Asia/Dubai', SA: 'Asia/Riyadh',
  QA: 'Asia/Qatar', EG: 'Africa/Cairo', ZA: 'Africa/Johannesburg', NG: 'Africa/Lagos', KE: 'Africa/Nairobi',
  MA: 'Africa/Casablanca', IN: 'Asia/Kolkata', PK: 'Asia/Karachi', SG: 'Asia/Singapore', MY: 'Asia/Kuala_Lumpur',
  TH: 'Asia/Bangkok', VN: 'Asia/Ho_Chi_Minh', PH: 'Asia/Manila', HK: 'Asia/Hong_Kong', TW: 'Asia/Taipei',
  CN: 'Asia/Shanghai', JP: 'Asia/Tokyo', KR: 'Asia/Seoul', AR: 'America/Argentina/Buenos_Aires',
  CO: 'America/Bogota', PE: 'America/Lima', VE: 'America/Caracas', UY: 'America/Montevideo', CR: 'America/Costa_Rica',
  PA: 'America/Panama', GT: 'America/Guatemala', DO: 'America/Santo_Domingo', JM: 'America/Jamaica', PR: 'America/Puerto_Rico',
};

// biome-ignore format: a lookup table reads best packed
const countryAliases: Record<string, string> = {
  usa: 'US', 'u.s.': 'US', 'u.s.a.': 'US', 'united states of america': 'US', america: 'US', uk: 'GB',
  'u.k.': 'GB', 'great britain': 'GB', england: 'GB', scotland: 'GB', wales: 'GB', 'northern ireland': 'GB',
  holland: 'NL', 'the netherlands': 'NL', deutschland: 'DE', 'south korea': 'KR', 'czech republic': 'CZ',
  uae: 'AE', 'republic of ireland': 'IE',
};

let countryNames: Map<string, string> | undefined;
const isoCodes = new Set<string>(getCountries());

/** ISO 3166 alpha-2 code for a country as written in a CRM ("United States", "USA", "us", "Deutschland"). */
export function countryCode(input: string | null | undefined): string | null {
  const key = input?.trim().toLowerCase();
  if (!key) return null;
  if (!countryNames) {
    const display = new Intl.DisplayNames(['en'], { type: 'region' });
    countryNames = new Map(getCountries().map((code) => [display.of(code)?.toLowerCase() ?? code, code]));
  }
  const alias = countryAliases[key];
  if (alias) return alias;
  if (/^[a-z]{2}$/.test(key)) return isoCodes.has(key.toUpperCase()) ? key.toUpperCase() : null;
  return countryNames.get(key) ?? null;
}

const subdivisions: Record<string, { codes: Record<string, string[]>; names: Record<string, string> }> = {
  US: { codes: usStates, names: usStateNames },
  CA: { codes: caProvinces, names: caProvinceNames },
  AU: { codes: auStates, names: auStateNames },
};

/** The code of a state or province as written ("Florida", "fl", "Ontario") in a country that has them, or null. */
export function regionCode(region: string | null | undefined, country: string): string | null {
  const table = subdivisions[country];
  const key = region?.trim();
  if (!table || !key) return null;
  return table.codes[key.toUpperCase()] ? key.toUpperCase() : (table.names[key.toLowerCase()] ?? null);
}

function regionZones(region: string | null | undefined, country: string): string[] {
  const code = regionCode(region, country);
  return code ? (subdivisions[country]?.codes[code] ?? []) : [];
}

/** Candidate zones for an address: one when the place decides it, several when it spans zones, none when unknown. */
export function zonesForAddress(address: { region?: string | null; country?: string | null }): string[] {
  const country =
    countryCode(address.country) ?? (address.region ? guessCountryFromRegion(address.region) : null);
  switch (country) {
    case null:
      return [];
    case 'US':
    case 'CA':
    case 'AU':
      return regionZones(address.region, country);
    default: {
      const zones = countryZones[country];
      if (zones) return zones;
      const zone = countryZone[country];
      return zone ? [zone] : [];
    }
  }
}

// HubSpot and Salesforce exports often fill the state but leave the country blank for US records.
function guessCountryFromRegion(region: string): string | null {
  const key = region.trim();
  if (usStates[key.toUpperCase()] || usStateNames[key.toLowerCase()]) return 'US';
  if (caProvinces[key.toUpperCase()] || caProvinceNames[key.toLowerCase()]) return 'CA';
  return null;
}

let zoneCountries: Map<string, string> | undefined;

/**
 * The country a zone belongs to, when Reach's tables place it in one (`Europe/Paris` → FR,
 * `America/Chicago` → US), for a book that knows zones but no addresses, such as a simulated one.
 */
export function countryOfZone(zone: string): string | null {
  if (!zoneCountries) {
    zoneCountries = new Map();
    const add = (country: string, zones: string[]) => {
      for (const z of zones) if (!zoneCountries!.has(z)) zoneCountries!.set(z, country);
    };
    for (const [country, code] of Object.entries(subdivisions))
      for (const zones of Object.values(code.codes)) add(country, zones);
    for (const [country, zones] of Object.entries(countryZones)) add(country, zones);
    for (const [country, zone] of Object.entries(countryZone)) add(country, [zone]);
  }
  return zoneCountries.get(zone) ?? null;
}
