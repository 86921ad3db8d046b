import { isValidZone } from './resolve-timezone.ts';

export type ZoneReading = { ok: true; zone: string; from: string | null } | { ok: false; reason: string };

/**
 * North American names a CRM writes in a time zone column, each mapped to the zone that
 * keeps the region's daylight saving: `EST` read as a fixed offset is an hour wrong all summer.
 */
// biome-ignore format: a table reads best packed
const northAmerican: Record<string, string> = {
  est: 'America/New_York', edt: 'America/New_York', et: 'America/New_York', eastern: 'America/New_York',
  'eastern time': 'America/New_York', 'eastern standard time': 'America/New_York', est5edt: 'America/New_York',
  'eastern time (us & canada)': 'America/New_York',
  cst: 'America/Chicago', cdt: 'America/Chicago', ct: 'America/Chicago', central: 'America/Chicago',
  'central time': 'America/Chicago', 'central standard time': 'America/Chicago', cst6cdt: 'America/Chicago',
  'central time (us & canada)': 'America/Chicago',
  mst: 'America/Denver', mdt: 'America/Denver', mt: 'America/Denver', mountain: 'America/Denver',
  'mountain time': 'America/Denver', 'mountain standard time': 'America/Denver', mst7mdt: 'America/Denver',
  'mountain time (us & canada)': 'America/Denver', arizona: 'America/Phoenix',
  pst: 'America/Los_Angeles', pdt: 'America/Los_Angeles', pt: 'America/Los_Angeles', pacific: 'America/Los_Angeles',
  'pacific time': 'America/Los_Angeles', 'pacific standard time': 'America/Los_Angeles',
  pst8pdt: 'America/Los_Angeles', 'pacific time (us & canada)': 'America/Los_Angeles',
  akst: 'America/Anchorage', akdt: 'America/Anchorage', alaska: 'America/Anchorage',
  hst: 'Pacific/Honolulu', hawaii: 'Pacific/Honolulu', hast: 'America/Adak', hadt: 'America/Adak',
  ast: 'America/Halifax', adt: 'America/Halifax', 'atlantic time (canada)': 'America/Halifax',
  nst: 'America/St_Johns', ndt: 'America/St_Johns', newfoundland: 'America/St_Johns',
};

/** Abbreviations that name several places: refused, with the places, unless the record's country decides. */
// biome-ignore format: a table reads best packed
const ambiguous: Record<string, { places: string; byCountry: Record<string, string> }> = {
  ist: { places: 'India, Israel and Ireland', byCountry: { IN: 'Asia/Kolkata', IL: 'Asia/Jerusalem', IE: 'Europe/Dublin' } },
  bst: { places: 'Britain in summer and Bangladesh', byCountry: { GB: 'Europe/London', BD: 'Asia/Dhaka' } },
  cet: { places: 'most of continental Europe', byCountry: {} },
  cest: { places: 'most of continental Europe', byCountry: {} },
  met: { places: 'most of continental Europe', byCountry: {} },
  eet: { places: 'eastern Europe, Egypt and Libya', byCountry: {} },
  wet: { places: 'Portugal, the Canaries and Morocco', byCountry: {} },
  gmt: { places: 'Britain, Ireland, Iceland and West Africa', byCountry: { GB: 'Europe/London', IE: 'Europe/Dublin' } },
};

const fixedOffset =
  /^(?:utc|gmt|etc\/(?:gmt|utc|uct|universal|zulu)|z|zulu|universal|uct)?\s*([+-]\s*\d{1,2}(?::?\d{2})?)?$/i;

/**
 * Reads a time zone as a person or a CRM writes it: an IANA zone, or a North American name or
 * abbreviation mapped to its IANA zone. A fixed offset (`UTC-5`, `GMT`, `Etc/GMT+5`) and an
 * abbreviation that names several places are refused with the reason.
 */
export function readZone(text: string, country?: string | null): ZoneReading {
  const input = text.trim();
  const key = input.toLowerCase();
  const mapped = northAmerican[key];
  if (mapped) return { ok: true, zone: mapped, from: input };
  const several = ambiguous[key];
  if (several) {
    const zone = country ? several.byCountry[country] : undefined;
    if (zone) return { ok: true, zone, from: input };
    return {
      ok: false,
      reason: `"${input}" is used in ${several.places}: give the city's zone, such as Europe/Paris or Asia/Kolkata`,
    };
  }
  if (fixedOffset.test(key)) {
    return {
      ok: false,
      reason: `"${input}" is a fixed offset, wrong for part of the year where clocks change: give the city's zone, such as America/New_York`,
    };
  }
  if (isValidZone(input)) return { ok: true, zone: input, from: null };
  return { ok: false, reason: `not a time zone: "${input}" (for example America/Chicago or EST)` };
}
