/**
 * Fitting what a rep typed into a sentence. Research notes come as verb phrases ("cut scrap
 * on the press line") or as noun phrases ("less scrap", "a maintenance plan that prevents
 * stops"); a message needs one or the other in each place: "an idea for cutting scrap",
 * "we helped Ridgeway halve changeover time".
 */

/**
 * Verbs a business goal or result starts with, in their base form. Words as often a noun's
 * first word ("fill rate", "run rate", "free cash flow", "help desk") are left out: a goal
 * that starts with one is kept as written.
 */
const VERBS = new Set(
  (
    'add automate avoid boost bring build consolidate cut digitize double drop eliminate expand ' +
    'find fix get grow halve hire hit improve increase keep launch lower make manage meet migrate ' +
    'modernize modernise move optimize optimise pass prevent protect raise recover reduce remove ' +
    'replace retain save scale sell ship shorten simplify speed standardize standardise stop ' +
    'streamline take tighten trim triple turn upgrade win'
  ).split(' '),
);

/** Past tenses that are not the base form with -ed or -d. */
const IRREGULAR_PAST: Record<string, string> = {
  brought: 'bring',
  built: 'build',
  found: 'find',
  got: 'get',
  grew: 'grow',
  kept: 'keep',
  made: 'make',
  met: 'meet',
  sold: 'sell',
  took: 'take',
  won: 'win',
};

/** Verbs whose last consonant doubles before -ing: cut → cutting. */
const DOUBLING = new Set(['cut', 'drop', 'get', 'hit', 'ship', 'stop', 'trim', 'win']);

const split = (phrase: string): [string, string] => {
  const t = phrase.trim().replace(/[.!;]+$/, '');
  const space = t.search(/\s/);
  return space === -1 ? [t, ''] : [t.slice(0, space), t.slice(space)];
};

/** The base form of a phrase's first word when it is a verb the list knows, in any tense; else null. */
function baseVerb(word: string): string | null {
  const w = word.toLowerCase();
  if (VERBS.has(w)) return w;
  if (IRREGULAR_PAST[w]) return IRREGULAR_PAST[w]!;
  for (const stem of [
    w.replace(/ied$/, 'y'),
    w.replace(/ed$/, ''),
    w.replace(/d$/, ''),
    w.replace(/(.)\1ed$/, '$1'),
  ])
    if (stem !== w && VERBS.has(stem)) return stem;
  return null;
}

/** cut → cutting, reduce → reducing, lower → lowering, free → freeing. */
export function gerund(verb: string): string {
  if (DOUBLING.has(verb)) return `${verb}${verb.at(-1)}ing`;
  if (/ee$/.test(verb)) return `${verb}ing`;
  if (/ie$/.test(verb)) return `${verb.slice(0, -2)}ying`;
  if (/[^aeiou]e$/.test(verb)) return `${verb.slice(0, -1)}ing`;
  return `${verb}ing`;
}

/**
 * The phrase as a noun phrase, to follow "on", "about" or "for": a goal stated as a verb
 * becomes its -ing form ("cut scrap" → "cutting scrap"); anything else is kept, with a leading
 * article or possessive lower-cased ("The new plant" → "the new plant").
 */
export function asNounPhrase(phrase: string): string {
  const [first, rest] = split(phrase);
  const verb = baseVerb(first);
  if (verb && !/ing$/i.test(first)) return `${gerund(verb)}${rest}`;
  const lowered = /^(The|A|An|Their|Your|Its|Our|More|Less|Fewer|Faster|Better)$/.test(first)
    ? first.toLowerCase()
    : first;
  return `${lowered}${rest}`;
}

/**
 * The phrase as what someone was helped to do, after "helped them": a result stated as a verb
 * in any tense takes its base form ("reduced waste by 22%" → "reduce waste by 22%"); a result
 * stated as a thing becomes something reached ("a 30% cut in scrap" → "reach a 30% cut in scrap").
 */
export function asVerbPhrase(phrase: string): string {
  const [first, rest] = split(phrase);
  const verb = baseVerb(first);
  if (verb) return `${verb}${rest}`;
  return `reach ${asNounPhrase(phrase)}`;
}
