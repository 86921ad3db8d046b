import { describe, expect, it } from 'vitest';
import { asNounPhrase, asVerbPhrase, gerund } from './phrasing.ts';

describe('fitting research notes into sentences', () => {
  it('glued a verb goal after "an idea for": it becomes its -ing form', () => {
    expect(asNounPhrase('cut scrap on the press line')).toBe('cutting scrap on the press line');
    expect(asNounPhrase('Reduce returns.')).toBe('reducing returns');
    expect(asNounPhrase('lower the cost of returns')).toBe('lowering the cost of returns');
    expect(asNounPhrase('hire faster for the new site')).toBe('hiring faster for the new site');
  });

  it('keeps a goal already written as a thing, lower-casing a leading article', () => {
    expect(asNounPhrase('A maintenance plan that prevents stops')).toBe(
      'a maintenance plan that prevents stops',
    );
    expect(asNounPhrase('filling every appointment slot')).toBe('filling every appointment slot');
    expect(asNounPhrase('fill rate above 95%')).toBe('fill rate above 95%');
    expect(asNounPhrase('on-time delivery above 98%')).toBe('on-time delivery above 98%');
  });

  it('turns a result in any tense into what a client was helped to do', () => {
    expect(asVerbPhrase('reduced short-dated waste by 22%')).toBe('reduce short-dated waste by 22%');
    expect(asVerbPhrase('dropped stock-outs by 40%')).toBe('drop stock-outs by 40%');
    expect(asVerbPhrase('grew repeat orders')).toBe('grow repeat orders');
    expect(asVerbPhrase('halve changeover time')).toBe('halve changeover time');
    expect(asVerbPhrase('a 30% cut in scrap')).toBe('reach a 30% cut in scrap');
  });

  it('spells -ing forms', () => {
    expect(['cut', 'reduce', 'lower', 'stop', 'free', 'see'].map(gerund)).toEqual([
      'cutting',
      'reducing',
      'lowering',
      'stopping',
      'freeing',
      'seeing',
    ]);
  });
});
