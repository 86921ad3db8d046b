import type { intelTypes as intelTypesOf } from '../contracts/intel.contract.ts';
import type { pointKinds as pointKindsOf } from '../contracts/vocabulary.ts';
import type { exportKinds as exportKindsOf } from '../modules/exports/export.service.ts';
import type { presetNames as presetNamesOf } from '../modules/imports/presets.ts';

/**
 * Closed lists the command line names in its help, copied here so that defining the commands loads
 * no feature: each list's own module brings the database or the validation library with it (the
 * lists in contracts/vocabulary.ts load nothing, and are imported from there). The type checker
 * holds each copy to its source: a word added there or removed fails here.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
type Of<List extends readonly string[]> = List[number];

export const intelTypes = [
  'gatekeeper-name',
  'gatekeeper-hours',
  'dm-hours',
  'private-line',
  'route',
  'champion',
  'out-of-office',
  'prefers',
] as const;
export const exportKinds = ['prospects', 'calls'] as const;
export const presetNames = ['generic', 'hubspot', 'salesforce'] as const;
export const pointKinds = ['news', 'event', 'contact', 'reference'] as const;

export type SameAsSources = [
  Holds<Same<Of<typeof intelTypes>, Of<typeof intelTypesOf>>>,
  Holds<Same<Of<typeof exportKinds>, Of<typeof exportKindsOf>>>,
  Holds<Same<Of<typeof presetNames>, Of<typeof presetNamesOf>>>,
  Holds<Same<Of<typeof pointKinds>, Of<typeof pointKindsOf>>>,
];
