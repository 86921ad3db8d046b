export { HOLD_MINUTES, holdAgainst, holdText } from './holds.service.ts';
export { localTimeAt } from './local-time.ts';
export {
  type PhoneKind,
  type ProspectDraft,
  parseYesNo,
  type RawProspect,
  type Stage,
  validateProspect,
} from './prospect-draft.ts';
export { prospectHandlers } from './prospects.operations.ts';
export {
  attachPhones,
  type CompanyInput,
  type CompanyRow,
  companyById,
  companyKey,
  type ExistingProspect,
  type NewPhoneRow,
  type NewProspectRow,
  type PhoneRow,
  type ProspectRow,
} from './prospects.repository.ts';
export { displayName, ownImported, resolveProspect } from './prospects.service.ts';
export {
  type PreparedDraft,
  type ProspectPatch,
  type ProspectWriter,
  prepareDraft,
  upsertProspects,
  upsertWith,
} from './upsert-prospects.ts';
export { reresolveZones } from './zone-upgrade.service.ts';
