import type { Random } from '../../shared/random.ts';

/** Dials in one slot (a number kind at a local weekday and hour) and how many reached the decision maker. */
export type SlotCounts = { dials: number; reached: number };

/** A Beta belief about the chance of reaching the decision maker in one slot. */
export type Belief = { alpha: number; beta: number; mean: number; evidence: number };

/**
 * How many dials of a parent level a child's own data is worth. Small, because individual
 * windows are sharp: a handful of a prospect's own dials should outweigh the book's average.
 */
export const POOLING_STRENGTH = 4;

/** A belief from its two Beta counts. */
const beta = (alpha: number, b: number, evidence = 0): Belief => ({
  alpha,
  beta: b,
  mean: alpha / (alpha + b),
  evidence,
});

/** The book-wide prior when nothing is known: about one dial in twenty reaches a decision maker. */
export const BOOK_PRIOR: Belief = beta(0.5, 9.5);

/**
 * Pools counts from the widest level to the narrowest (book ← group ← company ← prospect):
 * each level's belief is its own counts on top of its parent's mean, weighted as
 * `strength` (`POOLING_STRENGTH`) dials. A prospect with three dials borrows from similar
 * ones; one with thirty speaks for itself. The first level adds to `prior` (`BOOK_PRIOR`).
 */
export function pooledBelief(
  levels: SlotCounts[],
  options: { strength?: number; prior?: Belief } = {},
): Belief {
  const strength = options.strength ?? POOLING_STRENGTH;
  let belief = options.prior ?? BOOK_PRIOR;
  levels.forEach((counts, i) => {
    const weight = i === 0 ? belief.alpha + belief.beta : strength;
    const alpha = belief.mean * weight + counts.reached;
    const beta = (1 - belief.mean) * weight + (counts.dials - counts.reached);
    belief = { alpha, beta, mean: alpha / (alpha + beta), evidence: belief.evidence + counts.dials };
  });
  return belief;
}

/**
 * The belief in a chance that is the product of two independent ones (someone answers, and
 * it is the decision maker), as the Beta with the product's mean and variance.
 */
export function productBelief(a: Belief, b: Belief): Belief {
  const variance = (x: Belief) => (x.alpha * x.beta) / ((x.alpha + x.beta) ** 2 * (x.alpha + x.beta + 1));
  const mean = a.mean * b.mean;
  const v = (variance(a) + a.mean ** 2) * (variance(b) + b.mean ** 2) - mean ** 2;
  const size = v > 0 ? (mean * (1 - mean)) / v - 1 : Number.MAX_SAFE_INTEGER;
  return beta(mean * size, (1 - mean) * size, a.evidence);
}

/** A standard normal draw (Box-Muller), from the seeded generator. */
function normal(rng: Random): number {
  const u = Math.max(rng.next(), Number.MIN_VALUE);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** A Gamma(shape, 1) draw by Marsaglia and Tsang's method, boosted for shapes below one. */
function gamma(rng: Random, shape: number): number {
  if (shape < 1) return gamma(rng, shape + 1) * rng.next() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rng);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = rng.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** A Thompson-sampling draw from the belief: exploration that fades as evidence grows. */
export function sampleBelief(rng: Random, belief: Belief): number {
  const x = gamma(rng, belief.alpha);
  const y = gamma(rng, belief.beta);
  return x / (x + y);
}
