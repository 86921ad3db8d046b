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

  it('the opener after a referral message named nobody: it names who sent the rep', () => {
    expect(
      suggestOpener({
        firstName: 'Cy',
        research: { priorityObjective: 'cut scrap on the press line', referredBy: 'Jane Roe' },
        message: { kind: 'referral', text: null, daysAgo: 3, weekday: 'Monday' },
      }),
    ).toBe(
      'Thanks for calling back, Cy. I left you a message on Monday because Jane Roe suggested I get in touch. It is about cutting scrap on the press line: do you have a few minutes now?',
    );
  });

  it('says a follow-up message followed up the last conversation', () => {
    expect(
      suggestOpener({
        firstName: 'Di',
        research: {},
        message: { kind: 'follow-up', text: null, daysAgo: 0, weekday: 'Friday' },
      }),
    ).toContain('I left you a message earlier today following up on our last conversation.');
  });
});
