import { localClock } from '../../shared/local-clock.ts';
import type { Random } from '../../shared/random.ts';
import type { SimNumber, SimProspect } from './territory.ts';
import type { Behaviour } from './world.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What a dial ends in, as the rep hears it. */
export type Heard = 'reached' | 'gatekeeper' | 'voicemail' | 'no-answer' | 'bad-number';

export type MessageKind = 'information' | 'invitation' | 'introduction' | 'curiosity' | 'generic';

/** A message left, as the prospect received it. */
export type Received = { at: number; kind: MessageKind; words: Set<string>; tailored: boolean };

/** The hidden, changing state of one prospect: what the calls so far did to them. */
export type Hidden = {
  dials: number[];
  /** Dials that rang the decision maker's own phone and were not answered. */
  unanswered: number[];
  messages: Received[];
  annoyance: number;
  /** Asked to be put on the Do-Not-Call list. */
  optedOut: boolean;
  /** Called the rep back once: a screener now knows the number. */
  knowsNumber: boolean;
  privateRevealed: boolean;
  /** What their last conversation came to, and when: they live on after it, and remember it. */
  closed: 'meeting' | 'not-interested' | null;
  closedAt: number | null;
};

export const freshHidden = (): Hidden => ({
  dials: [],
  unanswered: [],
  messages: [],
  annoyance: 0,
  optedOut: false,
  knowsNumber: false,
  privateRevealed: false,
  closed: null,
  closedAt: null,
});

/** The prospect's wall clock: local minute of day, ISO weekday and a day number. */
export type Wall = { minute: number; weekday: number; day: number };

export function wallOf(at: number, zone: string): Wall {
  const local = localClock(new Date(at), zone)!;
  return {
    minute: local.hour * 60 + local.minute,
    weekday: local.weekday,
    day: Math.floor((at + local.offset * 60_000) / DAY),
  };
}

/** A uniform number in [0, 1) from a few integers: the same inputs, the same draw. */
export function hashUnit(a: number, b: number, c: number): number {
  let h =
    Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35) ^ Math.imul(c, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  h ^= h >>> 15;
  return (h >>> 0) / 4_294_967_296;
}

const workday = (w: Wall): boolean => w.weekday <= 5;
const inside = (minute: number, span: { from: number; to: number }): boolean =>
  minute >= span.from && minute < span.to;

/** Within the decision maker's working day (weekdays, between arriving and leaving): when the mobile is answered. */
export const dmDay = (p: SimProspect, w: Wall): boolean => workday(w) && inside(w.minute, p.dm);

/** Away all day (travel, leave): drawn once per prospect and day. */
export const awayToday = (p: SimProspect, w: Wall, b: Behaviour): boolean =>
  hashUnit(p.meetingSeed, w.day, 99) < b.awayDayShare;

/** At the office today, between arriving and leaving. */
export const dmIn = (p: SimProspect, w: Wall, b: Behaviour): boolean => dmDay(p, w) && !awayToday(p, w, b);

/** In a meeting this hour: drawn once per prospect, day and hour. */
export const inMeeting = (p: SimProspect, w: Wall, b: Behaviour): boolean =>
  hashUnit(p.meetingSeed, w.day, Math.floor(w.minute / 60)) < b.meetingShare;

/** At the desk and free to answer: in, not in a meeting, not at lunch. */
export const dmFree = (p: SimProspect, w: Wall, b: Behaviour): boolean =>
  dmIn(p, w, b) && !inMeeting(p, w, b) && !inside(w.minute, p.dmLunch);

export const gatekeeperAtDesk = (p: SimProspect, w: Wall): boolean =>
  p.gatekeeper !== null &&
  workday(w) &&
  inside(w.minute, p.gatekeeper.day) &&
  !inside(w.minute, p.gatekeeper.lunch);

const recent = (instants: number[], at: number, span: number): number =>
  instants.filter((t) => t <= at && at - t < span).length;

/** Each unanswered ring in the last week makes the next pick-up less likely. */
export const fatigue = (h: Hidden, at: number): number => 0.93 ** recent(h.unanswered, at, 7 * DAY);

/** The chance the decision maker answers their own desk or private line when in and free. */
export function ownLinePickup(d: Pick<DialAt, 'prospect' | 'hidden' | 'at' | 'behaviour'>): number {
  const { prospect: p, hidden: h, at, behaviour: b } = d;
  if (h.optedOut) return 0;
  const base = p.persona === 'screener' && h.knowsNumber ? 0.6 : b.pickup[p.persona];
  const callerId = p.persona === 'screener' || p.persona === 'desk' ? 0.8 ** h.messages.length : 1;
  return base * fatigue(h, at) * callerId;
}

/** The chance the decision maker answers the mobile: in their day, near it, or not at all. */
export function mobilePickup(d: Pick<DialAt, 'prospect' | 'hidden' | 'at' | 'wall'>): number {
  const { prospect: p, hidden: h, at, wall: w } = d;
  if (h.optedOut || !workday(w)) return 0;
  const near = w.minute >= p.dm.from - 120 && w.minute < p.dm.to + 120;
  const base = dmDay(p, w) ? 0.25 : near ? 0.1 : 0;
  return base * fatigue(h, at);
}

/** Where a dial on this number lands now: who or what picks up. */
export type Route =
  | { to: 'dead' }
  | { to: 'auto-attendant' }
  | { to: 'gatekeeper' }
  | { to: 'own-line'; pickup: number }
  | { to: 'mobile'; pickup: number };

/** One dial as the telephone sees it: who, their state, which number, when. */
export type DialAt = {
  prospect: SimProspect;
  hidden: Hidden;
  number: SimNumber;
  at: number;
  wall: Wall;
  behaviour: Behaviour;
};

export function routeOf(input: DialAt): Route {
  const { prospect: p, number, wall: w, behaviour: b } = input;
  if (number.bad) return { to: 'dead' };
  const desk = gatekeeperAtDesk(p, w);
  switch (number.kind) {
    case 'main':
      return desk ? { to: 'gatekeeper' } : { to: 'auto-attendant' };
    case 'mobile':
      return { to: 'mobile', pickup: mobilePickup(input) };
    case 'direct':
      if (desk && p.persona === 'gatekeeper-fronted') return { to: 'gatekeeper' };
      return { to: 'own-line', pickup: dmFree(p, w, b) ? ownLinePickup(input) : 0 };
    case 'private':
      return { to: 'own-line', pickup: dmFree(p, w, b) ? ownLinePickup(input) : 0 };
  }
}

/**
 * The chance a dial reaches the decision maker, knowing everything hidden: the ceiling's
 * view. A gatekeeper puts a free decision maker through with the world's transfer rate.
 */
export function reachChance(input: DialAt): number {
  const route = routeOf(input);
  if (route.to === 'gatekeeper')
    return input.hidden.optedOut || !dmFree(input.prospect, input.wall, input.behaviour)
      ? 0
      : input.behaviour.transfer;
  if (route.to === 'own-line' || route.to === 'mobile') return route.pickup;
  return 0;
}

/** Words of a message, for telling a repeat: lower case, letters and digits. */
export const wordsOf = (text: string): Set<string> => new Set(text.toLowerCase().match(/[a-z0-9']+/g) ?? []);

/** More than half of the words of `words` were said in one earlier message. */
export function repeats(words: Set<string>, earlier: Received[]): boolean {
  if (words.size === 0) return true;
  return earlier.some((m) => {
    let shared = 0;
    for (const w of words) if (m.words.has(w)) shared++;
    return shared / words.size > 0.5;
  });
}

const POSITION = [1, 0.85, 0.7, 0.6];
const COLD_FIT_ZERO = new Set(['insurance', 'financial-planning', 'securities', 'charity']);

/**
 * The chance one message earns a callback: listen × base × position × fit. A repeat counts
 * as generic at a fifth of its base; a second message within a day fits nobody.
 */
export function callbackChance(input: {
  prospect: SimProspect;
  hidden: Hidden;
  message: { kind: MessageKind; words: Set<string>; at: number };
  stage: string;
  spokenBefore: boolean;
  offer: string;
  behaviour: Behaviour;
}): number {
  const { prospect: p, hidden: h, message: m, behaviour: b } = input;
  if (h.optedOut) return 0;
  const last = h.messages.at(-1);
  if (last && m.at - last.at < DAY) return 0;
  const cold = !input.spokenBefore && input.stage === 'new';
  if (cold && COLD_FIT_ZERO.has(input.offer)) return 0;
  let fit = p.hasProduct || p.competitor ? 0.4 : 1;
  if (input.stage === 'engaged' || input.stage === 'interested') fit *= 1.5;
  if (repeats(m.words, h.messages)) return b.listen * b.callbackBase.generic * 0.2 * fit;
  const base =
    m.kind === 'curiosity'
      ? b.callbackBase.curiosity
      : m.kind !== 'generic' && p.researched
        ? b.callbackBase.relevant
        : b.callbackBase.generic;
  const position = POSITION[h.messages.length] ?? 0.5;
  return b.listen * base * position * fit;
}

/**
 * When the prospect calls back: a log-normal delay (median as the world says) counted in the
 * decision maker's working hours, starting from the message.
 */
export function callbackAt(input: {
  prospect: SimProspect;
  from: number;
  rng: Random;
  medianHours: number;
}): number {
  const { prospect: p, rng } = input;
  const u = Math.max(rng.next(), Number.MIN_VALUE);
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
  let left = input.medianHours * 60 * Math.exp(0.75 * z);
  const step = 15 * 60_000;
  let t = input.from;
  for (let guard = 0; guard < 4 * 24 * 30 && left > 0; guard++) {
    t += step;
    const w = wallOf(t, p.zone);
    if (dmDay(p, w)) left -= 15;
  }
  return t;
}

/** Annoyance a dial adds: a dial beyond the first in a day, a message, a second message in a day. */
export function annoyanceOf(h: Hidden, at: number, messageLeft: boolean): number {
  return (recent(h.dials, at, DAY) >= 1 ? 0.1 : 0) + (messageLeft ? messageAnnoyance(h, at) : 0);
}

/** What leaving a message adds: a quarter, and one more for a second message within a day. */
export function messageAnnoyance(h: Hidden, at: number): number {
  const last = h.messages.at(-1);
  return 0.25 + (last && at - last.at < DAY ? 1 : 0);
}

export { DAY, HOUR };
