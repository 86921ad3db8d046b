import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addProspect } from '../src/modules/prospects/prospects.service.ts';
import { loadCandidates, pursuitBook } from '../src/modules/queue/queue.repository.ts';
import { type QueueEntry, rankAt } from '../src/modules/queue/rank.ts';
import { hourPrior, typicalValue } from '../src/modules/queue/slot-scores.ts';
import { SimBook } from '../src/modules/sim/book.ts';
import { simLimits, territoryOf } from '../src/modules/sim/engine.ts';
import type { Territory } from '../src/modules/sim/territory.ts';
import { parseWorld } from '../src/modules/sim/world.ts';
import { addIntel, logCall } from './support/checked.ts';
import { drivers, freshDb, type TestDb } from './support/databases.ts';

const world = parseWorld({ prospects: { count: 8 } });
const limits = simLimits(world);
const DAY = 86_400_000;
const outcomes = [
  'no-answer',
  'gatekeeper',
  'voicemail',
  'reached',
  'no-answer',
  'bad-number',
  'voicemail-left',
] as const;

/** What a rep sees of an entry, numbers by their digits (the two books number phones differently). */
const seen = (entries: QueueEntry[]) =>
  entries.map((e) => ({
    prospect: e.prospect.id,
    number: e.number.e164,
    kind: e.number.kind,
    probability: e.probability,
    expectedValue: e.expectedValue,
    pursuit: e.pursuit,
    reasons: e.reasons,
  }));

describe.each(drivers)("the simulator's in-memory book against Reach's database on %s", (driver) => {
  let t: TestDb;
  let territory: Territory;
  let book: SimBook;
  beforeEach(async () => {
    t = await freshDb(driver);
    territory = territoryOf(world, 3);
    book = new SimBook({
      prospects: territory.prospects,
      limits,
      typicalValue: territory.typicalValue,
      offerCategory: 'software',
      start: new Date('2026-03-02T00:00:00Z'),
    });
    for (const p of territory.prospects) {
      const v = p.visible;
      const added = await addProspect(t.ctx, {
        firstName: v.firstName,
        lastName: v.lastName,
        title: v.title,
        company: v.company,
        timezone: v.timezone,
        value: v.value,
        stage: v.stage,
        phones: p.numbers.filter((n) => n.given).map((n) => ({ number: n.e164, kind: n.kind })),
      });
      expect(added.id).toBe(p.id);
    }
  });
  afterEach(async () => {
    await t.drop();
  });

  it('ranks the same prospects, numbers, chances and reasons after the same dials and intelligence', async () => {
    const now = new Date('2026-04-01T00:00:00Z');
    let k = 0;
    for (let day = 0; day < 4; day++) {
      for (const p of territory.prospects) {
        const at = new Date(Date.parse('2026-03-02T14:00:00Z') + day * DAY + p.id * 37 * 60_000);
        const number = p.numbers.filter((n) => n.given)[k % p.numbers.filter((n) => n.given).length]!;
        const outcome = outcomes[k++ % outcomes.length]!;
        if (book.stageOf(p.id) === 'lost') continue;
        const message = outcome === 'voicemail-left' ? { kind: 'information', text: 'News for you.' } : null;
        await logCall(t.ctx, {
          body: {
            prospect: p.id,
            number: number.e164,
            outcome,
            at: at.toISOString(),
            ...(message ? { message } : {}),
          },
          now,
        });
        book.log({
          prospectId: p.id,
          phoneId: book.phoneId(number.id),
          at,
          outcome,
          ...(message ? { message: { ...message, template: null } } : {}),
        });
      }
    }
    const fronted = territory.prospects.find((p) => p.gatekeeper !== null)!;
    const heard = {
      dm: [{ from: '07:30', to: '08:30' }],
      gatekeeper: { arrives: '08:30', leaves: '17:00', lunchFrom: '12:30', lunchTo: '13:30' },
    };
    await addIntel(t.ctx, {
      prospect: fronted.id,
      type: 'dm-hours',
      from: '07:30',
      to: '08:30',
      at: '2026-03-06T12:00:00Z',
    });
    await addIntel(t.ctx, {
      prospect: fronted.id,
      type: 'gatekeeper-hours',
      arrives: '08:30',
      leaves: '17:00',
      from: '12:30',
      to: '13:30',
      at: '2026-03-06T12:00:00Z',
    });
    book.recordHours(fronted.id, heard);

    const ids = territory.prospects.map((p) => p.id);
    expect(book.hourPrior()).toEqual(await hourPrior(t.ctx.db, t.ctx.team.id));
    expect(territory.typicalValue).toBe(await typicalValue(t.ctx.db, t.ctx.team.id));
    const pursuit = await pursuitBook(t.ctx.db, {
      teamId: t.ctx.team.id,
      typicalValue: territory.typicalValue,
      teamHourlyValue: null,
    });
    expect(book.pursuitBook()).toEqual(pursuit);
    for (const iso of ['2026-03-09T13:15:00Z', '2026-03-09T17:40:00Z', '2026-03-10T22:05:00Z']) {
      const at = new Date(iso);
      const fromDb = await loadCandidates(t.ctx.db, {
        teamId: t.ctx.team.id,
        ids,
        window: { from: new Date(at.getTime() - 7 * DAY), to: at },
        slots: null,
      });
      const options = {
        pursuit,
        limits,
        typicalValue: territory.typicalValue,
        limit: ids.length,
        mode: 'mean' as const,
        seed: '',
      };
      const expected = seen(rankAt(at, { ...options, ...fromDb }));
      const byId = new Map(fromDb.candidates.map((c) => [c.prospect.id, c.effort]));
      expect(book.candidates(ids, at).map((c) => c.effort)).toEqual(ids.map((id) => byId.get(id)));
      const actual = seen(
        rankAt(at, { ...options, candidates: book.candidates(ids, at), counts: book.counts }),
      );
      expect(actual).toEqual(expected);
      expect(actual.length).toBeGreaterThan(0);
    }
  });
});
