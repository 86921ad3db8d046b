export { teamHandlers } from './team.operations.ts';
export { type Ctx, findOrAddUser, findUser, loadTeam, repClockZone, type Team } from './team.service.ts';
