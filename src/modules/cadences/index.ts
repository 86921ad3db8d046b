export { cadenceHandlers } from './cadences.operations.ts';
export { endCadences } from './enrollments.repository.ts';
export { callStepDone, callStepUndone } from './enrollments.service.ts';
export { problemOf, type TaskList } from './tasks.service.ts';
