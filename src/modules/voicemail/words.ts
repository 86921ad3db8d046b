/** A run of digits with spaces, dots, dashes or brackets between them: a phone number when it has 7 digits or more. */
const DIGIT_RUN = /\+?\d[\d\s().-]{5,}\d/g;
const PHONE_DIGITS = 7;

/** Every phone number said in the text, as its digits only. */
export const phoneNumbersIn = (text: string): string[] =>
  [...text.matchAll(DIGIT_RUN)].map((m) => m[0].replace(/\D/g, '')).filter((d) => d.length >= PHONE_DIGITS);

/** Words a message is spoken as: a phone number is read digit by digit, however it is grouped. */
export function spokenWords(text: string): number {
  let words = 0;
  const rest = text.replace(DIGIT_RUN, (number) => {
    const digits = number.replace(/\D/g, '').length;
    if (digits < PHONE_DIGITS) return number;
    words += digits;
    return ' ';
  });
  for (const token of rest.split(/\s+/)) if (/[\p{L}\d]/u.test(token)) words++;
  return words;
}

/** Spoken at about 150 words a minute, the pace of a clear voicemail. */
export const WORDS_PER_MINUTE = 150;

export const spokenSeconds = (text: string): number =>
  Math.round((spokenWords(text) * 60) / WORDS_PER_MINUTE);

const normalWords = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[’']/g, '')
    .split(/[^\p{L}\d]+/u)
    .filter(Boolean);

/** The message's word 3-grams, with punctuation and case ignored. */
export function trigrams(text: string): Set<string> {
  const words = normalWords(text);
  const grams = new Set<string>();
  for (let i = 0; i + 2 < words.length; i++) grams.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return grams;
}

/**
 * The largest share of the message's word 3-grams found in any one earlier message, with
 * which message that was: 0 when it says nothing said before, 1 when it is a repeat.
 */
export function overlap(text: string, earlier: readonly string[]): { share: number; index: number } {
  const grams = trigrams(text);
  let best = { share: 0, index: -1 };
  if (grams.size === 0) return best;
  earlier.forEach((previous, index) => {
    const seen = trigrams(previous);
    let shared = 0;
    for (const g of grams) if (seen.has(g)) shared++;
    const share = shared / grams.size;
    if (share > best.share) best = { share, index };
  });
  return best;
}

/** A message that shares more than this share of its 3-grams with an earlier one repeats it. */
export const REPEAT_SHARE = 0.5;
