import { IANAZone } from 'luxon';
import { zonesForAddress } from './region-zones.ts';

export type ZoneSource = 'explicit' | 'address' | 'phone';
export type ResolvedZone = { timezone: string | null; candidates: string[]; source: ZoneSource | null };

const validity = new Map<string, boolean>();

/** Whether the zone is a real IANA zone; memoised, because each check builds an Intl formatter. */
export function isValidZone(zone: string): boolean {
  let valid = validity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (validity.size < 10_000) validity.set(zone, valid);
  }
  return valid;
}

/**
 * Picks a prospect's zone: an explicit zone, else the address, else the phone number. Where a
 * source spans several zones, another source may narrow it; otherwise every candidate is kept
 * so that callers can stay inside legal hours in all of them.
 */
export function resolveTimezone(input: {
  explicit?: string | null;
  address: { region?: string | null; country?: string | null };
  phoneZones: string[];
}): ResolvedZone {
  if (input.explicit && isValidZone(input.explicit)) {
    return { timezone: input.explicit, candidates: [input.explicit], source: 'explicit' };
  }
  const fromAddress = zonesForAddress(input.address);
  const fromPhone = input.phoneZones.filter(isValidZone);
  if (fromAddress.length > 0) {
    const narrowed = fromAddress.length > 1 ? fromAddress.filter((z) => fromPhone.includes(z)) : fromAddress;
    return decide(narrowed.length > 0 ? narrowed : fromAddress, 'address');
  }
  return fromPhone.length > 0 ? decide(fromPhone, 'phone') : { timezone: null, candidates: [], source: null };
}

function decide(zones: string[], source: ZoneSource): ResolvedZone {
  const unique = [...new Set(zones)].sort();
  return { timezone: unique.length === 1 ? (unique[0] ?? null) : null, candidates: unique, source };
}
