export { cadenceHandlers } from './cadences.operations.ts';
export { endCadences } from './enrollments.repository.ts';
export { callStepDone } from './enrollments.service.ts';
export { callStepUndone, taskOfTeam } from './tasks.repository.ts';
export { problemOf, type TaskList } from './tasks.service.ts';
