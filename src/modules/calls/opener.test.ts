import { describe, expect, it } from 'vitest';
import { suggestOpener } from './opener.ts';

describe('suggestOpener', () => {
  it('refers to the message that earned the call and gets to their priority', () => {
    expect(
      suggestOpener({
        firstName: 'Ann',
        research: { priorityObjective: 'cutting freight cost by 10% this year.' },
        message: { kind: 'information', text: null, daysAgo: 1, weekday: 'Tuesday' },
      }),
    ).toBe(
      'Thanks for calling back, Ann. I left you a message yesterday with some news I thought you should have. It is about cutting freight cost by 10% this year: do you have a few minutes now?',
    );
  });

  it('never claims a message that was not left, and says what research is missing', () => {
    const opener = suggestOpener({ firstName: 'Bo', research: {}, message: null });
    expect(opener).not.toContain('message');
    expect(opener).toContain('Add their priority objective');
  });
});
