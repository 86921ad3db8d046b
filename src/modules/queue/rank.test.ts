import { describe, expect, it } from 'vitest';
import { bookRates, NO_EFFORT, NO_TOTALS } from '../pursuit/keep-or-drop.ts';
import { gatekeeperAbsence, intelEvidence } from './intel-evidence.ts';
import type { DialLimits } from './may-dial.ts';
import {
  type Candidate,
  exploreSlots,
  hourWords,
  queueSeed,
  type RankInput,
  rankAt,
  SECOND_DIAL_WEIGHT,
  type SlotTable,
  slotKey,
  worthFloor,
} from './rank.ts';
import { hourSlot, Scope } from './reach-cells.ts';

const limits: DialLimits = {
  callingHoursStart: '08:00',
  callingHoursEnd: '21:00',
  maxDialsPerDay: 2,
  maxDialsPerWeek: 5,
  territoryZones: ['America/New_York'],
};

let nextId = 1;
function candidate(over: Partial<Candidate['prospect']> = {}, extra: Partial<Candidate> = {}): Candidate {
  const id = nextId++;
  return {
    prospect: {
      id,
      name: `P${id}`,
      company: 'Acme',
      companyId: 1,
      title: 'CFO',
      seniority: 1,
      stage: 'new',
      value: 10_000,
      timezone: 'America/New_York',
      timezoneCandidates: [],
      optedOut: false,
      dials: 0,
      hourDials: Array(24).fill(0),
      hourReached: Array(24).fill(0),
      ...over,
    },
    phones: [
      {
        id: id * 10,
        e164: `+1212555${String(id).padStart(4, '0')}`,
        kind: 'direct',
        valid: true,
        onDnc: false,
        source: 'import',
      },
    ],
    intel: { dmHours: [], gatekeeper: [] },
    outOfOfficeUntil: null,
    effort: NO_EFFORT,
    dials: [],
    messages: [],
    callbacks: [],
    cadenceCall: null,
    ...extra,
  };
}

const rank = (at: string, input: Partial<RankInput> & { candidates: Candidate[] }) =>
  rankAt(new Date(at), {
    counts: new Map(),
    limits,
    typicalValue: 10_000,
    limit: 20,
    mode: 'mean',
    seed: 's',
    pursuit: youngBook,
    ...input,
  });

const youngBook: RankInput['pursuit'] = {
  rates: bookRates({ totals: NO_TOTALS, typicalValue: 10_000, teamHourlyValue: null }),
  reach: { book: { dials: 0, reached: 0 }, groups: new Map() },
};

// 2026-03-03 is a Tuesday; New York is UTC-5 that day.
const TUESDAY_10AM = '2026-03-03T15:00:00Z';

describe('hourWords', () => {
  it('says hours the way people do', () => {
    expect(hourWords(7)).toBe('7-8am');
    expect(hourWords(11)).toBe('11am-12pm');
    expect(hourWords(13)).toBe('1-2pm');
    expect(hourWords(18)).toBe('6-7pm');
  });
});

describe('intel evidence', () => {
  const gk = {
    dmHours: [],
    gatekeeper: [{ arrives: '08:30', leaves: '17:00', lunchFrom: '13:00', lunchTo: '14:00' }],
  };
  it('knows when the gatekeeper is away', () => {
    expect(gatekeeperAbsence('08:10', gk)).toEqual({ why: 'before-arrival', arrives: '08:30' });
    expect(gatekeeperAbsence('13:15', gk)).toEqual({ why: 'lunch', from: '13:00', to: '14:00' });
    expect(gatekeeperAbsence('17:45', gk)).toEqual({ why: 'after-leaving', leaves: '17:00' });
    expect(gatekeeperAbsence('10:00', gk)).toBeNull();
    expect(gatekeeperAbsence('20:00', gk)).toBeNull();
  });
  it("makes the decision maker's own line likely in the gatekeeper's absence, and the main line not", () => {
    const lunch = intelEvidence({ kind: 'direct', clock: '13:15', intel: gk });
    const desk = intelEvidence({ kind: 'direct', clock: '10:00', intel: gk });
    const main = intelEvidence({ kind: 'main', clock: '13:15', intel: gk });
    expect(lunch.reached / (lunch.reached + lunch.missed)).toBeGreaterThan(0.5);
    expect(desk.reached).toBe(0);
    expect(main.reached).toBe(0);
  });
  it("does not take the decision maker's hours for the main line's: it reaches them only through whoever answers", () => {
    const hours = { dmHours: [{ from: '07:30', to: '18:30' }], gatekeeper: [] };
    expect(intelEvidence({ kind: 'main', clock: '17:45', intel: hours }).reached).toBe(0);
    expect(intelEvidence({ kind: 'direct', clock: '17:45', intel: hours }).reached).toBeGreaterThan(0);
    expect(intelEvidence({ kind: 'main', clock: '19:00', intel: hours }).missed).toBeGreaterThan(0);
  });
  it('counts a gatekeeper at her desk as someone who answers the main line, and her absence as nobody', () => {
    expect(intelEvidence({ kind: 'main', clock: '10:00', intel: gk }).gatekeeper).toBeGreaterThan(0);
    expect(intelEvidence({ kind: 'main', clock: '13:15', intel: gk }).gatekeeper).toBe(0);
  });
});

describe('rankAt', () => {
  it('puts a promised callback first, whatever its value, and says when it was promised', () => {
    const rich = candidate({ value: 500_000 });
    const promised = candidate(
      { value: 1_000, dials: 1 },
      { callbacks: [new Date('2026-03-03T21:30:00Z')], dials: [new Date('2026-03-03T20:45:00Z')] },
    );
    const entries = rank('2026-03-03T21:25:00Z', { candidates: [rich, promised] });
    expect(entries[0]?.prospect.id).toBe(promised.prospect.id);
    expect(entries[0]?.callbackDue).toBe(true);
    expect(entries[0]?.reasons[0]).toBe('callback promised for 16:30');
  });

  it('lets a dm-hours window dominate inside it, and not outside', () => {
    const plain = candidate({ value: 20_000 });
    const told = candidate({}, { intel: { dmHours: [{ from: '18:00', to: '19:00' }], gatekeeper: [] } });
    const evening = rank('2026-03-03T23:15:00Z', { candidates: [plain, told] });
    expect(evening[0]?.prospect.id).toBe(told.prospect.id);
    expect(evening[0]?.reasons[0]).toBe('direct line; picks up 18:00-19:00, as recorded');
    const morning = rank(TUESDAY_10AM, { candidates: [plain, told] });
    expect(morning[0]?.prospect.id).toBe(plain.prospect.id);
  });

  it('skips a Do-Not-Call number and dials the other one', () => {
    const c = candidate();
    c.phones = [
      { id: 1, e164: '+12125550001', kind: 'direct', valid: true, onDnc: true, source: 'import' },
      { id: 2, e164: '+12125550002', kind: 'main', valid: true, onDnc: false, source: 'import' },
    ];
    expect(rank(TUESDAY_10AM, { candidates: [c] })[0]?.number.e164).toBe('+12125550002');
    c.phones[1]!.valid = false;
    expect(rank(TUESDAY_10AM, { candidates: [c] })).toEqual([]);
  });

  it('moves to another number when one keeps failing at this hour, and says so', () => {
    const c = candidate({ dials: 3 });
    c.phones = [
      { id: 7, e164: '+12125550007', kind: 'main', valid: true, onDnc: false, source: 'import' },
      { id: 8, e164: '+12125550008', kind: 'mobile', valid: true, onDnc: false, source: 'import' },
    ];
    const counts: SlotTable = new Map([
      [
        slotKey({ scope: Scope.number, id: 7, kind: 'main', slot: hourSlot(10) }),
        { dials: 3, reached: 0, gatekeeper: 3 },
      ],
    ]);
    const [entry] = rank(TUESDAY_10AM, { candidates: [c], counts });
    expect(entry?.number.kind).toBe('mobile');
    expect(entry?.reasons).toContain('main line unanswered 3 times at 10-11am: trying the mobile');
  });

  it('prefers a main line a gatekeeper answers to one only an auto-attendant picks up, long before either has put anyone through', () => {
    const onlyMain = (id: number) =>
      candidate(
        { companyId: id },
        {
          phones: [{ id, e164: `+1212555${id}`, kind: 'main', valid: true, onDnc: false, source: 'import' }],
        },
      );
    const attendant = onlyMain(9001);
    const answered = onlyMain(9002);
    const at10 = (scope: number, id: number) => slotKey({ scope, id, kind: 'main', slot: hourSlot(10) });
    const counts: SlotTable = new Map([
      // The book: main lines at 10am reach a gatekeeper half the time, who puts one call in ten through.
      [at10(Scope.book, 0), { dials: 200, reached: 10, gatekeeper: 90 }],
      [at10(Scope.number, 9001), { dials: 4, reached: 0, gatekeeper: 0 }],
      [at10(Scope.number, 9002), { dials: 4, reached: 0, gatekeeper: 4 }],
    ]);
    const entries = rank(TUESDAY_10AM, { candidates: [attendant, answered], counts });
    expect(entries.map((e) => e.prospect.id)).toEqual([answered.prospect.id, attendant.prospect.id]);
    expect(entries[0]!.probability).toBeGreaterThan(1.25 * entries[1]!.probability);
  });

  it('tries the evening after unanswered mornings', () => {
    const hourDials = Array(24).fill(0);
    hourDials[9] = 2;
    hourDials[10] = 1;
    const c = candidate({ dials: 3, hourDials });
    const [entry] = rank('2026-03-03T23:30:00Z', { candidates: [c] });
    expect(entry?.reasons).toContain('3 unanswered mornings: trying evening');
  });

  it('finds the hour a prospect picks up from their own dials', () => {
    const counts: SlotTable = new Map([
      [
        slotKey({ scope: Scope.book, id: 0, kind: 'direct', slot: hourSlot(10) }),
        { dials: 1000, reached: 50, gatekeeper: 0 },
      ],
      [
        slotKey({ scope: Scope.number, id: 990, kind: 'direct', slot: hourSlot(10) }),
        { dials: 3, reached: 2, gatekeeper: 0 },
      ],
    ]);
    const c = candidate({ dials: 3 });
    c.phones[0]!.id = 990;
    const other = candidate();
    const entries = rank(TUESDAY_10AM, { candidates: [other, c], counts });
    expect(entries[0]?.prospect.id).toBe(c.prospect.id);
    expect(entries[0]?.probability).toBeGreaterThan(0.25);
    expect(entries[0]?.reasons).toContain('picked up 2 of 3 dials on the direct line at 10-11am');
  });

  it('draws the same ranking for the same seed, and explores differently for another', () => {
    const book = Array.from({ length: 40 }, () => candidate());
    const ids = (seed: string) =>
      rank(TUESDAY_10AM, { candidates: book, mode: 'sample', seed }).map((e) => e.prospect.id);
    expect(ids('a')).toEqual(ids('a'));
    expect(ids('a')).not.toEqual(ids('b'));
  });
});

describe('exploration that is deliberate and explained', () => {
  /** A book where some numbers are well known (20-30%) and others barely tried. */
  function mixedBook(): { candidates: Candidate[]; counts: SlotTable } {
    const counts: SlotTable = new Map();
    const candidates = Array.from({ length: 40 }, (_, i) => {
      const known = i % 2 === 0;
      const c = candidate({ dials: known ? 30 : 1, value: 10_000 });
      counts.set(slotKey({ scope: Scope.number, id: c.phones[0]!.id, kind: 'direct', slot: hourSlot(10) }), {
        dials: known ? 30 : 1,
        reached: known ? 6 + (i % 4) : 0,
        gatekeeper: 0,
      });
      return c;
    });
    return { candidates, counts };
  }
  const seed = queueSeed({ scope: '1|team', day: '2026-03-03' });

  it('the order reshuffles on every request: two requests twelve seconds apart give the same queue', () => {
    const book = mixedBook();
    const at = (iso: string) => rank(iso, { ...book, mode: 'sample', seed }).map((e) => e.number.id);
    expect(at('2026-03-03T15:00:03Z')).toEqual(at('2026-03-03T15:00:15Z'));
    expect(at('2026-03-03T15:00:03Z')).toEqual(at('2026-03-03T15:41:00Z'));
  });

  it('lets at most a fifth of the list explore, each marked and with its reason', () => {
    const entries = rank(TUESDAY_10AM, { ...mixedBook(), mode: 'sample', seed, limit: 20 });
    const exploring = entries.filter((e) => e.exploring);
    expect(exploring.length).toBeGreaterThan(0);
    expect(exploring.length).toBeLessThanOrEqual(exploreSlots(20));
    // At every depth: one in the first five, two in the first ten.
    for (let n = 1; n <= entries.length; n++)
      expect(entries.slice(0, n).filter((e) => e.exploring).length).toBeLessThanOrEqual(Math.ceil(n / 5));
    for (const e of exploring) expect(e.reasons.some((r) => r.startsWith('exploring'))).toBe(true);
    for (const e of entries.filter((x) => !x.exploring))
      expect(e.reasons.some((r) => r.startsWith('exploring'))).toBe(false);
  });

  it('never ranks a barely-tried number above a well-known better one unless it is marked exploring', () => {
    for (const day of ['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']) {
      const entries = rank(TUESDAY_10AM, {
        ...mixedBook(),
        mode: 'sample',
        seed: queueSeed({ scope: '1|team', day }),
      });
      const plain = entries.filter((e) => !e.exploring).map((e) => e.score);
      expect(plain).toEqual([...plain].sort((a, b) => b - a));
      for (const e of entries.filter((x) => !x.exploring)) expect(e.score).toBe(e.expectedValue);
    }
  });

  it("draws anew for a prospect once they are dialled, and holds everyone else's draw", () => {
    const book = mixedBook();
    const draws = (candidates: Candidate[]) =>
      new Map(
        rank(TUESDAY_10AM, { ...book, candidates, mode: 'sample', seed, limit: 40, exploreShare: 1 }).map(
          (e) => [e.prospect.id, e.score],
        ),
      );
    const before = draws(book.candidates);
    const dialled = book.candidates.filter((c) => c.prospect.dials === 1);
    const changed = book.candidates.map((c) =>
      dialled.includes(c) ? { ...c, prospect: { ...c.prospect, dials: 2 } } : c,
    );
    const after = draws(changed);
    const kept = book.candidates.filter((c) => !dialled.includes(c));
    for (const c of kept) expect(after.get(c.prospect.id)).toBe(before.get(c.prospect.id));
    expect(dialled.some((c) => after.get(c.prospect.id) !== before.get(c.prospect.id))).toBe(true);
  });

  it('ranks by the mean alone in a plan: nothing explores', () => {
    const entries = rank(TUESDAY_10AM, { ...mixedBook(), mode: 'mean' });
    expect(entries.some((e) => e.exploring)).toBe(false);
  });
});

describe('a second dial within a day', () => {
  it('ranks a prospect dialled this morning below an equal one not dialled today, and says why', () => {
    const dialled = candidate({}, { dials: [new Date('2026-03-03T12:30:00Z')] });
    const fresh = candidate();
    const entries = rank(TUESDAY_10AM, { candidates: [dialled, fresh] });
    expect(entries.map((e) => e.prospect.id)).toEqual([fresh.prospect.id, dialled.prospect.id]);
    expect(entries[1]!.score).toBeCloseTo(entries[0]!.score * SECOND_DIAL_WEIGHT, 4);
    expect(entries[1]!.reasons.at(-1)).toBe('dialled 3h ago: a second try today ranks lower');
    expect(entries[1]!.expectedValue).toBe(entries[0]!.expectedValue);
  });

  it('counts in full again a day after the last dial, and at a promised callback', () => {
    const yesterday = candidate({}, { dials: [new Date('2026-03-02T14:30:00Z')] });
    const promised = candidate(
      {},
      { dials: [new Date('2026-03-03T12:30:00Z')], callbacks: [new Date(TUESDAY_10AM)] },
    );
    const fresh = candidate();
    const [a, b, c] = rank(TUESDAY_10AM, { candidates: [yesterday, promised, fresh] });
    expect(a!.prospect.id).toBe(promised.prospect.id);
    expect(b!.score).toBe(c!.score);
  });
});

describe('keep or drop in the queue', () => {
  const tried = (attempts: number, lastAttemptAt: string) => ({
    ...NO_EFFORT,
    attempts,
    repSeconds: attempts * 45,
    lastAttemptAt: new Date(lastAttemptAt),
  });

  it('leaves out a slowed-down prospect until a week after its last attempt, then says why it is back', () => {
    const slowed = candidate({ dials: 10, value: 5_000 }, { effort: tried(10, '2026-02-27T15:00:00Z') });
    const fresh = candidate();
    const now = rank(TUESDAY_10AM, { candidates: [slowed, fresh] });
    expect(now.map((e) => e.prospect.id)).toEqual([fresh.prospect.id]);
    const [back] = rank('2026-03-06T15:00:00Z', { candidates: [slowed] });
    expect(back!.pursuit.recommendation).toBe('slow-down');
    expect(back!.reasons).toContain('slowed down: a touch a week');
  });

  it('leaves out a dropped prospect for a quarter, and offers a nurture touch after', () => {
    const dropped = candidate({ dials: 12, value: 1_000 }, { effort: tried(12, '2026-03-02T15:00:00Z') });
    expect(rank(TUESDAY_10AM, { candidates: [dropped] })).toEqual([]);
    const [touch] = rank('2026-06-02T14:00:00Z', { candidates: [dropped] });
    expect(touch!.pursuit.recommendation).toBe('drop');
    expect(touch!.reasons).toContain('nurture touch: dropped for a quarter');
  });

  it('still puts a promised callback first, whatever keep-or-drop says', () => {
    const dropped = candidate(
      { dials: 12, value: 1_000 },
      { effort: tried(12, '2026-03-02T15:00:00Z'), callbacks: [new Date(TUESDAY_10AM)] },
    );
    const [entry] = rank(TUESDAY_10AM, { candidates: [dropped, candidate()] });
    expect(entry!.prospect.id).toBe(dropped.prospect.id);
    expect(entry!.callbackDue).toBe(true);
  });

  it('leaves a day between attempts to a prospect with many unanswered', () => {
    // Last tried Monday 3pm New York: not again before 3pm Tuesday.
    const paced = candidate({ dials: 7, value: 200_000 }, { effort: tried(7, '2026-03-02T20:00:00Z') });
    expect(rank(TUESDAY_10AM, { candidates: [paced] })).toEqual([]);
    expect(rank('2026-03-03T19:45:00Z', { candidates: [paced] })).toEqual([]);
    const [tomorrow] = rank('2026-03-03T20:00:00Z', { candidates: [paced] });
    expect(tomorrow!.pursuit).toMatchObject({ recommendation: 'continue' });
    expect(tomorrow!.pursuit.reason).toMatch(/7 unanswered, a day between attempts$/);
  });

  it('leaves out a dial below the worth floor when asked, and keeps a promised callback under it', () => {
    const plain = candidate();
    const promised = candidate(
      { dials: 1 },
      { callbacks: [new Date('2026-03-03T15:05:00Z')], dials: [new Date('2026-03-02T15:00:00Z')] },
    );
    const all = rank(TUESDAY_10AM, { candidates: [plain, promised] });
    expect(all).toHaveLength(2);
    const floor = all.find((e) => e.prospect.id === plain.prospect.id)!.probability + 0.01;
    const worth = rank(TUESDAY_10AM, { candidates: [plain, promised], minChance: floor });
    expect(worth.map((e) => e.prospect.id)).toEqual([promised.prospect.id]);
    expect(worthFloor(Array(24).fill(0.1))).toBeCloseTo(0.02);
  });

  it('proposes only numbers whose clock reads after hours in an after-hours session, each in its own zone', () => {
    const eastern = candidate();
    const western = candidate({ timezone: 'America/Los_Angeles' });
    // 17:30 in New York, 14:30 in Los Angeles.
    const at = '2026-03-03T22:30:00Z';
    expect(rank(at, { candidates: [eastern, western] })).toHaveLength(2);
    const late = rank(at, { candidates: [eastern, western], hours: 'after-hours' });
    expect(late.map((e) => e.prospect.id)).toEqual([eastern.prospect.id]);
    expect(rank(TUESDAY_10AM, { candidates: [eastern, western], hours: 'after-hours' })).toEqual([]);
  });
});
