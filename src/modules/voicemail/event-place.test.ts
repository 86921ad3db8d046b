import { describe, expect, it } from 'vitest';
import { nearEnough } from './event-place.ts';

const at = (city: string | null, region: string | null, country: string | null = null) => ({
  city,
  region,
  country,
});
const held = (city: string | null, region: string | null, country: string | null = null) => ({
  online: false,
  ...at(city, region, country),
});

describe('which events a prospect may be invited to', () => {
  it('invites anyone to an online event', () => {
    expect(nearEnough({ ...held(null, null), online: true }, at(null, null), 'US').near).toBe(true);
  });

  it('reads a state by name or code, and keeps other regions out', () => {
    expect(nearEnough(held('Chicago', 'IL'), at('Naperville', 'Illinois'), 'US')).toEqual({
      near: true,
      why: 'in their region, Chicago, IL',
    });
    expect(nearEnough(held('Chicago', 'IL'), at('Portland', 'OR'), 'US').near).toBe(false);
    expect(nearEnough(held('Chicago', 'IL'), at(null, null), 'US').why).toBe(
      'their region is not recorded; the event is in Chicago, IL',
    );
  });

  it('keeps another country out, and reads a city alone as the city', () => {
    expect(nearEnough(held('London', null, 'UK'), at('Chicago', 'IL', 'US'), 'US').near).toBe(false);
    expect(nearEnough(held('London', null, 'United Kingdom'), at('london', null, 'GB'), 'US').near).toBe(
      true,
    );
    expect(nearEnough(held('Lyon', null, 'FR'), at('Paris', null, 'France'), 'US').near).toBe(false);
    expect(nearEnough(held(null, null, 'France'), at('Paris', null, 'FR'), 'US').near).toBe(true);
  });

  it('invites nobody to an event whose place is not recorded', () => {
    expect(nearEnough(held(null, null), at('Chicago', 'IL'), 'US').near).toBe(false);
  });
});
