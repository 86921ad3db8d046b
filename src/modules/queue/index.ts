export type { HoursIntel } from './intel-evidence.ts';
export {
  CALLBACK_GRACE_MINUTES,
  type DialLimits,
  insideCallingHours,
  mayDial,
  zonesToRespect,
} from './may-dial.ts';
export { pursuitNow, pursuitsOf } from './pursuits.service.ts';
export { pursuitViewHandlers, queueHandlers, rulesHandlers } from './queue.operations.ts';
export {
  buildQueue,
  dialCheck,
  limitsOf,
  nextWindow,
  numberAt,
  type Yardsticks,
  yardsticks,
} from './queue.service.ts';
export {
  type Candidate,
  COVERAGE_EVERY,
  type PhoneZone,
  type PursuitBook,
  pursuitAt,
  type QueueEntry,
  queueSeed,
  rankAt,
  type SlotTable,
  STAGE_WEIGHT,
  slotKey,
  worthFloor,
} from './rank.ts';
export {
  ALL_HOURS,
  ANY_KIND,
  type DialFact,
  dialCells,
  hourSlot,
  Scope,
  WEEK_SLOTS,
  weekOfSlot,
} from './reach-cells.ts';
export { POOLING_STRENGTH, pooledBelief, type SlotCounts, sampleBelief } from './reach-model.ts';

export {
  ensureReachStats,
  rebuildReachStats,
  recordDial,
  rereadDialTimes,
} from './reach-stats.repository.ts';
export { prospectCallScope } from './rules.service.ts';
export { freshenScores } from './slot-scores.ts';
