import { messageKinds, outcomes, results } from '../../contracts/vocabulary.ts';

// biome-ignore format: a lookup table reads best packed
export const shortOutcomes: Record<string, string> = {
  r: 'reached', g: 'gatekeeper', v: 'voicemail', l: 'voicemail-left', vm: 'voicemail-left',
  n: 'no-answer', na: 'no-answer', b: 'busy', bad: 'bad-number', w: 'wrong-person',
};
// biome-ignore format: a lookup table reads best packed
export const shortResults: Record<string, string> = {
  m: 'meeting', cb: 'callback-scheduled', i: 'interested', ni: 'not-interested', ref: 'referred', dnc: 'do-not-call',
};
export const shortKinds: Record<string, string> = {
  info: 'information',
  inv: 'invitation',
  intro: 'introduction',
  cur: 'curiosity',
  fu: 'follow-up',
  gen: 'generic',
};

/** A short form to its full word; anything else passes through for the service to judge. */
export const expand = (table: Record<string, string>, value: string | undefined): string | undefined =>
  value === undefined ? undefined : (table[value] ?? value);

const known = (table: Record<string, string>, full: readonly string[], token: string) =>
  token in table || full.includes(token);

/**
 * One dial as a rep types it between calls: `PROSPECT OUTCOME [KIND] [RESULT] [WHEN] [-- text]`,
 * for example `42 n`, `43 l cur -- Ann, Sam Reed here…`, `44 g cb 2026-03-04T15:00:00Z -- lunches 1-2`.
 * The text after `--` is the message left on a voicemail-left, and the note otherwise.
 */
export function parseLogLine(line: string): { body: Record<string, unknown> } | { error: string } {
  const [head = '', ...tail] = line.split(' -- ');
  const text = tail.join(' -- ').trim();
  const [prospect, outcome, ...rest] = head.trim().split(/\s+/);
  if (!prospect || !outcome) return { error: 'write PROSPECT OUTCOME, for example "42 n"' };
  const body: Record<string, unknown> = { prospect, outcome: expand(shortOutcomes, outcome) };
  for (const token of rest) {
    if (known(shortKinds, messageKinds, token)) body['message'] = { kind: expand(shortKinds, token) };
    else if (known(shortResults, results, token)) body['result'] = expand(shortResults, token);
    else if (/^\d{4}-\d{2}-\d{2}T/.test(token)) body['resultAt'] = token;
    else return { error: `"${token}" is not a message kind, a result or a time` };
  }
  if (!outcomes.includes(body['outcome'] as never)) {
    return {
      error: `"${outcome}" is not an outcome: ${Object.keys(shortOutcomes).join(' ')} or ${outcomes.join(', ')}`,
    };
  }
  if (text) {
    if (body['outcome'] === 'voicemail-left')
      body['message'] = { kind: 'generic', ...(body['message'] as object), text };
    else body['note'] = text;
  }
  return { body };
}
