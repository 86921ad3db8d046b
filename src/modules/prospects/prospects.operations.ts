import type { Handlers } from '../../context/handler.ts';
import type { prospectOperations } from '../../contracts/prospects.contract.ts';
import { holdProspect, releaseProspect } from './holds.service.ts';
import { addProspect, editProspect, getProspect, listProspects, reassign } from './prospects.service.ts';
import { listZoneChanges } from './zone-upgrade.service.ts';

export const prospectHandlers: Handlers<typeof prospectOperations> = {
  zoneChanges: (ctx) => listZoneChanges(ctx),
  holdProspect: (ctx, { params }) => holdProspect(ctx, params.key),
  releaseProspect: (ctx, { params }) => releaseProspect(ctx, params.key),
  reassign: (ctx, { body }) => reassign(ctx, body),
  listProspects: (ctx, { query }) => listProspects(ctx, query),
  addProspect: (ctx, { body }) => addProspect(ctx, body),
  getProspect: (ctx, { params, query }) => getProspect(ctx, { key: params.key, at: query.at }),
  editProspect: (ctx, { params, query, body }) => editProspect(ctx, { key: params.key, at: query.at, body }),
};
