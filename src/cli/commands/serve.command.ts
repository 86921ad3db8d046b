import { Command } from 'commander';
import { AppError } from '../../shared/errors.ts';
import { out, printJson, reportError } from '../output.ts';
import { common } from '../run.ts';

export function serveCommand(): Command {
  return common(new Command('serve'))
    .description('serve the HTTP API (and, later, the web app) on this machine')
    .option('--port <port>', 'port to listen on', '4100')
    .option('--host <host>', 'address to listen on (loopback unless REACH_TOKEN is set)', '127.0.0.1')
    .option('--no-worker', 'do not run the cadence worker here (another process runs `reach worker`)')
    .action(async (o) => {
      try {
        const port = Number(o.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new AppError('validation', `--port: not a port number: ${o.port}`);
        const { startServer } = await import('../../http/server.ts');
        const server = await startServer({
          port,
          host: o.host,
          data: o.data,
          databaseUrl: process.env['DATABASE_URL'],
          token: process.env['REACH_TOKEN'],
          trustProxy: ['1', 'true', 'yes'].includes(process.env['REACH_TRUST_PROXY'] ?? ''),
          worker: o.worker,
        });
        const stop = async () => {
          await server.close();
          process.exit(0);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      } catch (error) {
        process.exitCode = reportError(error, o.json ?? false);
      }
    });
}

export function migrateCommand(): Command {
  return common(new Command('migrate'))
    .description('bring the database schema up to date (every command also does this on open)')
    .action(async (o) => {
      try {
        const { openBook } = await import('../../app/open-book.ts');
        const book = await openBook({
          data: o.data,
          databaseUrl: process.env['DATABASE_URL'],
          holder: { kind: 'cli' },
        });
        await book.close();
        if (o.json) printJson({ status: 'up to date', database: book.database.kind });
        else out(`Schema up to date (${book.where})`);
      } catch (error) {
        process.exitCode = reportError(error, o.json ?? false);
      }
    });
}
