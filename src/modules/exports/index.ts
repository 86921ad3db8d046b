export { exportRoutes } from './export.routes.ts';
export { type ExportFormat, type ExportKind, exportRows } from './export.service.ts';
