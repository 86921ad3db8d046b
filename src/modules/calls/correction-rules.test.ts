import { describe, expect, it } from 'vitest';
import { type CallFields, describeCorrection, mergeCorrection, restage } from './correction-rules.ts';

const meeting: CallFields = {
  outcome: 'reached',
  result: 'meeting',
  resultAt: '2026-03-09T16:00:00.000Z',
  number: '+13125550142',
  note: 'Tuesday works',
  durationSeconds: 240,
  message: null,
};

describe('mergeCorrection', () => {
  it('keeps what the correction leaves out', () => {
    expect(mergeCorrection(meeting, { note: null })).toEqual({ ...meeting, note: null });
  });

  it('drops a result and its time the new outcome cannot carry, unless the correction names them', () => {
    expect(mergeCorrection(meeting, { outcome: 'no-answer' })).toMatchObject({
      result: null,
      resultAt: null,
    });
    expect(mergeCorrection(meeting, { outcome: 'busy', result: 'meeting' })).toMatchObject({
      result: 'meeting',
      resultAt: meeting.resultAt,
    });
  });

  it('drops the time of a meeting that became interest, and keeps it for a promised callback', () => {
    expect(mergeCorrection(meeting, { result: 'interested' })).toMatchObject({ resultAt: null });
    expect(mergeCorrection(meeting, { result: 'callback-scheduled' })).toMatchObject({
      resultAt: meeting.resultAt,
    });
  });

  it("keeps a message's words when only its kind is corrected, and drops it with the voicemail", () => {
    const left: CallFields = { ...meeting, outcome: 'voicemail-left', result: null, resultAt: null };
    const withText = { ...left, message: { kind: 'information' as const, text: 'Ann, Sam here.' } };
    expect(mergeCorrection(withText, { message: { kind: 'curiosity' } }).message).toEqual({
      kind: 'curiosity',
      text: 'Ann, Sam here.',
    });
    expect(mergeCorrection(withText, { outcome: 'voicemail' }).message).toBeNull();
  });
});

describe('describeCorrection', () => {
  it('says the outcome change first, then each other field, who and why', () => {
    const after = mergeCorrection(meeting, { result: 'interested', durationSeconds: 300 });
    expect(
      describeCorrection({ attemptId: 123, before: meeting, after, by: 'Sam', reason: 'misheard' }),
    ).toBe(
      'corrected call 123: result meeting → interested, resultAt 2026-03-09 16:00 → none, durationSeconds 240 s → 300 s, by Sam: misheard',
    );
    const outcome = mergeCorrection(
      { ...meeting, result: null, resultAt: null, outcome: 'no-answer' },
      {
        outcome: 'voicemail',
      },
    );
    expect(
      describeCorrection({
        attemptId: 123,
        before: { ...outcome, outcome: 'no-answer' },
        after: outcome,
        by: 'Sam',
        reason: 'wrong key',
      }),
    ).toBe('corrected call 123: no-answer → voicemail, by Sam: wrong key');
  });
});

describe('restage', () => {
  it('takes the call back to where it found the prospect while they are still where it put them', () => {
    expect(
      restage({
        current: 'interested',
        own: { from: 'contacted', to: 'interested' },
        after: { outcome: 'reached', result: 'interested' },
      }),
    ).toEqual({
      from: 'contacted',
      takeBack: true,
      move: { to: 'engaged', reason: 'conversation: interested' },
    });
  });

  it('never moves a prospect back who has moved on since the call', () => {
    expect(
      restage({
        current: 'customer',
        own: { from: 'contacted', to: 'interested' },
        after: { outcome: 'reached', result: 'interested' },
      }),
    ).toEqual({ from: 'customer', takeBack: false, move: null });
  });

  it('moves a prospect on from where they are when the call had not moved them', () => {
    expect(
      restage({ current: 'contacted', own: null, after: { outcome: 'reached', result: 'meeting' } }),
    ).toEqual({ from: 'contacted', takeBack: false, move: { to: 'interested', reason: 'meeting booked' } });
  });
});
