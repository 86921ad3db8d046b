import { describe, expect, it } from 'vitest';
import { queueSeed, rankAt, worthFloor } from '../src/modules/queue/rank.ts';
import type { SimBook } from '../src/modules/sim/book.ts';
import { Simulation, territoryOf } from '../src/modules/sim/engine.ts';
import { adaptive, curiosity, rules } from '../src/modules/sim/product-strategies.ts';
import type { DialChoice, SimStrategy, StrategyName, StrategySetup } from '../src/modules/sim/strategy.ts';
import { parseWorld } from '../src/modules/sim/world.ts';
import { isAfterHours, localClock } from '../src/shared/local-clock.ts';

const world = parseWorld({ days: 3, prospects: { count: 60 } });
const territory = territoryOf(world, 3);

/**
 * The queue a rep on the desk sees at `at`, asked here the way the desk asks it: the book's
 * shortlist (doubling as the database queue's does), `rankAt` with the rep's queue options.
 */
function deskQueue(
  book: SimBook,
  at: Date,
  input: { name: StrategyName; seed: number; worth: boolean; afterHours: boolean },
) {
  for (let size = 100, round = 1; ; size *= 2, round++) {
    const ids = book.shortlist(at, size);
    const entries = rankAt(at, {
      counts: book.counts,
      limits: setupLimits!,
      typicalValue: territory.typicalValue,
      pursuit: book.pursuitBook(),
      candidates: book.candidates(ids, at),
      limit: 10,
      mode: 'sample',
      seed: queueSeed({ scope: '1|team', day: localClock(at, setupLimits!.territoryZones[0]!)!.date }),
      hours: input.afterHours ? 'after-hours' : 'any',
      ...(input.worth ? { minChance: worthFloor(book.hourPrior()) } : {}),
    });
    if (entries.length >= 10 || ids.length < size || round === 4) return entries;
  }
}

let setupLimits: StrategySetup['limits'] | null = null;

describe('the simulated rep on Reach', () => {
  for (const [name, make, options] of [
    ['adaptive', adaptive, { worth: true, afterHours: false }],
    ['rules', rules, { worth: false, afterHours: false }],
    ['curiosity', curiosity, { worth: false, afterHours: true }],
  ] as const)
    it(`dials the queue's first entry, in order, with nothing in the simulator filtering it (${name})`, async () => {
      const dials: { at: Date; choice: DialChoice; first: DialChoice | null }[] = [];
      const sim = new Simulation(world, {
        territory,
        seed: 3,
        name,
        factory: (setup) => {
          setupLimits = setup.limits;
          const rep = make(setup) as SimStrategy & { book: SimBook };
          const next = rep.next.bind(rep);
          rep.next = async (at: Date) => {
            const [top] = deskQueue(rep.book, at, { name, seed: 3, ...options });
            const choice = await next(at);
            if (choice)
              dials.push({
                at,
                choice,
                first: top
                  ? { prospectId: top.prospect.id, numberId: rep.book.simNumberId(top.number.id) }
                  : null,
              });
            else expect(top).toBeUndefined();
            return choice;
          };
          return rep;
        },
      });
      for (let day = 0; day < 3; day++) await sim.runDay(day);
      expect(dials.length).toBeGreaterThan(20);
      for (const d of dials) expect(d.choice).toEqual(d.first);
      if (options.afterHours)
        for (const d of dials) {
          const p = territory.prospects[d.choice.prospectId - 1]!;
          expect(isAfterHours(localClock(d.at, p.zone)!)).toBe(true);
        }
    });
});
