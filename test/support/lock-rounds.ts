import { acquireLock } from '../../src/db/data-dir.ts';

/**
 * One contender in the lock race: at each round's start (wall clock, shared by all contenders)
 * it tries the data directory's lock, holds it a while when it gets it, and prints what happened.
 * Usage: lock-rounds.ts DIR START_MS ROUNDS ROUND_MS
 */
const [dir = '', start = '0', rounds = '12', roundMs = '400'] = process.argv.slice(2);
const sleepUntil = (at: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
for (let round = 0; round < Number(rounds); round++) {
  const at = Number(start) + round * Number(roundMs);
  await sleepUntil(at);
  try {
    const release = await acquireLock(dir, { kind: 'cli' });
    console.log(`${round} held`);
    await sleepUntil(at + Number(roundMs) / 2);
    await release();
  } catch {
    console.log(`${round} refused`);
  }
}
