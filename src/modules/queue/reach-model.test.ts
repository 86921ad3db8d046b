import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../shared/random.ts';
import { pooledBelief, productBelief, sampleBelief } from './reach-model.ts';

const none = { dials: 0, reached: 0 };

describe('pooledBelief', () => {
  it('falls back to the book prior when nothing is known', () => {
    expect(pooledBelief([]).mean).toBeCloseTo(0.05);
    expect(pooledBelief([none, none, none, none]).mean).toBeCloseTo(0.05);
  });

  it('lets a prospect with three dials borrow from the book, and one with thirty speak for itself', () => {
    const book = { dials: 10_000, reached: 500 };
    const few = pooledBelief([book, none, none, { dials: 3, reached: 3 }]);
    const many = pooledBelief([book, none, none, { dials: 30, reached: 21 }]);
    expect(few.mean).toBeGreaterThan(0.3);
    expect(few.mean).toBeLessThan(0.7);
    expect(many.mean).toBeGreaterThan(0.6);
  });

  it('carries a company window learned from one prospect to a colleague with no dials there', () => {
    const book = { dials: 10_000, reached: 500 };
    const colleague = pooledBelief([book, none, { dials: 8, reached: 6 }, none]);
    expect(colleague.mean).toBeGreaterThan(0.3);
  });

  it('always lies between the narrowest level own rate and its parent belief', () => {
    const counts = fc
      .integer({ min: 0, max: 200 })
      .chain((dials) =>
        fc.record({ dials: fc.constant(dials), reached: fc.integer({ min: 0, max: dials }) }),
      );
    fc.assert(
      fc.property(fc.array(counts, { minLength: 1, maxLength: 4 }), (levels) => {
        const parent = pooledBelief(levels.slice(0, -1));
        const own = levels[levels.length - 1]!;
        const belief = pooledBelief(levels);
        expect(belief.mean).toBeGreaterThanOrEqual(0);
        expect(belief.mean).toBeLessThanOrEqual(1);
        if (own.dials > 0) {
          const rate = own.reached / own.dials;
          expect(belief.mean).toBeGreaterThanOrEqual(Math.min(rate, parent.mean) - 1e-9);
          expect(belief.mean).toBeLessThanOrEqual(Math.max(rate, parent.mean) + 1e-9);
        } else {
          expect(belief.mean).toBeCloseTo(parent.mean, 9);
        }
      }),
    );
  });
});

describe('sampleBelief', () => {
  it('draws around the belief mean, and the same seed draws the same values', () => {
    const belief = pooledBelief([{ dials: 40, reached: 10 }]);
    const draws = (seed: number) => {
      const rng = createRandom(seed);
      return Array.from({ length: 4000 }, () => sampleBelief(rng, belief));
    };
    const values = draws(7);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeCloseTo(belief.mean, 2);
    expect(values.every((v) => v > 0 && v < 1)).toBe(true);
    expect(draws(7)).toEqual(values);
  });

  it('explores more where evidence is thin', () => {
    const spread = (belief: ReturnType<typeof pooledBelief>) => {
      const rng = createRandom(3);
      const values = Array.from({ length: 2000 }, () => sampleBelief(rng, belief));
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
    };
    expect(spread(pooledBelief([{ dials: 2, reached: 1 }]))).toBeGreaterThan(
      2 * spread(pooledBelief([{ dials: 400, reached: 200 }])),
    );
  });
});

describe('productBelief', () => {
  it('has the mean of the product and a spread that narrows with evidence on both sides', () => {
    const sure = productBelief(
      pooledBelief([{ dials: 400, reached: 200 }]),
      pooledBelief([{ dials: 400, reached: 40 }]),
    );
    const unsure = productBelief(
      pooledBelief([{ dials: 4, reached: 2 }]),
      pooledBelief([{ dials: 4, reached: 1 }]),
    );
    expect(sure.mean).toBeCloseTo(
      pooledBelief([{ dials: 400, reached: 200 }]).mean * pooledBelief([{ dials: 400, reached: 40 }]).mean,
    );
    const sd = (b: typeof sure) =>
      Math.sqrt((b.alpha * b.beta) / ((b.alpha + b.beta) ** 2 * (b.alpha + b.beta + 1)));
    expect(sd(unsure)).toBeGreaterThan(2 * sd(sure));
    for (const b of [sure, unsure]) {
      expect(b.alpha).toBeGreaterThan(0);
      expect(b.beta).toBeGreaterThan(0);
    }
  });
});
