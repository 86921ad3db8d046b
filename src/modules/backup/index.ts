export { backupLines, restoreBackup } from './backup.service.ts';
