export { importRoutes } from './import.routes.ts';
export { type ImportProgress, type ImportReport, importCsv, type Rejection } from './import.service.ts';
export type { PresetName } from './presets.ts';
