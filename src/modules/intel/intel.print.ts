import type { IntelFact } from '../../contracts/intel.contract.ts';

/** `reach intel add`: the fact as recorded. */
export const recordedFactLines = (fact: IntelFact): string[] => [`Recorded: ${fact.text}`];

/** `reach intel list`: a prospect's intelligence, newest first, each with the day it was recorded. */
export const factLines = (items: IntelFact[]): string[] =>
  items.map((f) => `${f.recordedAt.slice(0, 10)}  ${f.text}`);
