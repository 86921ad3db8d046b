export { teamHandlers } from './team.operations.ts';
export { everyTeam } from './team.repository.ts';
export { type Ctx, findOrAddUser, findUser, loadTeam, repClockZone, type Team } from './team.service.ts';
