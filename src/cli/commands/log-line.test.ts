import { describe, expect, it } from 'vitest';
import { parseLogLine } from './log-line.ts';

describe('parseLogLine', () => {
  it.each([
    ['42 n', { prospect: '42', outcome: 'no-answer' }],
    [
      'ann@acme.com l cur -- Ann, Sam Reed here.',
      {
        prospect: 'ann@acme.com',
        outcome: 'voicemail-left',
        message: { kind: 'curiosity', text: 'Ann, Sam Reed here.' },
      },
    ],
    [
      '44 g cb 2026-03-04T15:00:00Z -- lunches 1-2',
      {
        prospect: '44',
        outcome: 'gatekeeper',
        result: 'callback-scheduled',
        resultAt: '2026-03-04T15:00:00Z',
        note: 'lunches 1-2',
      },
    ],
    ['45 reached interested', { prospect: '45', outcome: 'reached', result: 'interested' }],
  ])('reads "%s"', (line, body) => {
    expect(parseLogLine(line)).toEqual({ body });
  });

  it('says what is wrong with a line it cannot read', () => {
    expect(parseLogLine('42')).toEqual({ error: 'write PROSPECT OUTCOME, for example "42 n"' });
    expect(parseLogLine('42 x')).toMatchObject({ error: expect.stringContaining('"x" is not an outcome') });
    expect(parseLogLine('42 n soon')).toEqual({ error: '"soon" is not a message kind, a result or a time' });
  });
});
