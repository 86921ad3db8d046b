export {
  type BookRates,
  type BookTotals,
  bookRates,
  type Effort,
  HORIZON,
  mayPursue,
  NO_EFFORT,
  NO_TOTALS,
  type Pursuit,
  priorReach,
  pursuitOf,
} from './keep-or-drop.ts';
export { standingHandlers } from './pursuit.operations.ts';
export { refreshPursuits, refreshUnkeptPursuits } from './pursuit.repository.ts';
export {
  PROMISE_EARLY_MINUTES,
  type PursuitEvent,
  pursuitAllows,
  pursuitStanding,
  pursuitWord,
  readStanding,
  type Standing,
  settableStates,
} from './pursuit-state.ts';
export type { StandingView } from './standing.service.ts';
