export { dncHandlers } from './dnc.operations.ts';
export { dncRoutes } from './dnc.routes.ts';
export { addDnc } from './dnc.service.ts';
export { type DncImportReport, importDnc } from './dnc-import.service.ts';
