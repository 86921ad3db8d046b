export { teamHandlers } from './team.operations.ts';
export { everyTeam, numberOfAnotherTeam, teamWithId } from './team.repository.ts';
export {
  type Ctx,
  findOrAddUser,
  findUser,
  loadTeam,
  numberTaken,
  repClockZone,
  type Team,
} from './team.service.ts';
