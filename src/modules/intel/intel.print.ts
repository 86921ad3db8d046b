import type { GreetingRead, IntelFact } from '../../contracts/intel.contract.ts';

/** `reach intel add`: the fact as recorded. */
export const recordedFactLines = (fact: IntelFact): string[] => [`Recorded: ${fact.text}`];

/** `reach intel list`: a prospect's intelligence, newest first, each with the day it was recorded. */
export const factLines = (items: IntelFact[]): string[] =>
  items.map((f) => `${f.recordedAt.slice(0, 10)}  ${f.text}`);

/** `reach intel greeting`: what the greeting says, and the facts recorded from it. */
export const greetingLines = (read: GreetingRead): string[] =>
  read.findings.length === 0
    ? ['Nothing in these words Reach can use: no warning, absence, other contact, name or channel.']
    : [
        ...read.findings.map((f) => `${f.text}  ("${f.quote}")`),
        ...read.facts.map((f) => `  recorded: ${f.text}`),
      ];
