import { describe, expect, it } from 'vitest';
import { readGreeting } from './greeting.ts';

/** Wednesday 2 December 2026, 10:00 in New York. */
const AT = new Date('2026-12-02T15:00:00Z');
const ZONE = 'America/New_York';
const read = (text: string, prospect = { firstName: 'Dana', lastName: 'Whitfield' }) =>
  readGreeting(text, { at: AT, zone: ZONE, prospect });

describe('reading a voicemail greeting', () => {
  it("recognises the CTO's warning to sellers", () => {
    const found = read(
      "Hi, you've reached Dana Whitfield. If you are calling to sell me something, don't hold your breath. Leave a message.",
    );
    expect(found.filter((f) => f.kind === 'deterrent')).toEqual([
      { kind: 'deterrent', quote: "If you are calling to sell me something, don't hold your breath." },
    ]);
    expect(found.find((f) => f.kind === 'name')).toMatchObject({ said: 'Dana Whitfield', theirs: true });
  });

  it('recognises other warnings, and not an ordinary greeting', () => {
    expect(read('We do not accept sales calls at this number.').map((f) => f.kind)).toEqual(['deterrent']);
    expect(read('Vendor calls will not be returned.').map((f) => f.kind)).toEqual(['deterrent']);
    expect(
      read("Hi, this is Dana. I can't take your call right now, please leave a message.").map((f) => f.kind),
    ).toEqual(['name']);
  });

  it('reads an absence until a date in their zone: a weekday, a month and day, a day of the month, M/D', () => {
    const until = (text: string) => read(text).find((f) => f.kind === 'out-of-office');
    expect(until('I am out of the office until Monday.')).toMatchObject({ until: '2026-12-07' });
    expect(until("I'm on vacation until January 4th, with limited access to voicemail.")).toMatchObject({
      until: '2027-01-04',
    });
    expect(until('I will be back on December 14.')).toMatchObject({ until: '2026-12-14' });
    expect(until('Out of office through the 10th.')).toMatchObject({ until: '2026-12-10' });
    expect(until('I am away until 1/5.')).toMatchObject({ until: '2027-01-05' });
    expect(until('Returning tomorrow.')).toMatchObject({ until: '2026-12-03' });
    expect(until('I am out of the office.')).toBeUndefined();
  });

  it('reads someone else to call: a name, an extension, a number', () => {
    const alt = read('For urgent matters please contact my assistant Pat Lee at extension 214.').find(
      (f) => f.kind === 'alternate-contact',
    );
    expect(alt).toMatchObject({ name: 'Pat Lee', extension: '214' });
    const number = read('In my absence, call Jordan at 312-555-0188.').find(
      (f) => f.kind === 'alternate-contact',
    );
    expect(number).toMatchObject({ name: 'Jordan', number: '3125550188' });
  });

  it("tells whether the name said is the prospect's", () => {
    expect(read("You've reached Sam Ortiz.").find((f) => f.kind === 'name')).toMatchObject({
      said: 'Sam Ortiz',
      theirs: false,
    });
  });

  it('hears a wish for email', () => {
    expect(read('The best way to reach me is by email.').map((f) => f.kind)).toEqual(['prefers-email']);
    expect(read('Or just email me.').map((f) => f.kind)).toEqual(['prefers-email']);
  });
});
