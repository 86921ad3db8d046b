import { Command } from 'commander';
import { AppError } from '../../shared/errors.ts';
import { out, printJson, reportError } from '../output.ts';
import { common } from '../run.ts';

/** One swept step after the queue drained: sent, or left to the rep with the reason. */
type Swept = { taskId: number; prospectId: number; sent: boolean; problem: string | null };

export function workerCommand(): Command {
  return common(new Command('worker'))
    .description(
      "do the cadences' automatic steps (email steps marked auto) when they come due; several workers may share a PostgreSQL database (DATABASE_URL) and none does a step twice. `reach serve` runs one too",
    )
    .option('--once', 'send what is due now (or at --at) and exit when it is sent')
    .option('--at <iso>', 'with --once: the moment to sweep at (ISO 8601)')
    .action(async (o) => {
      const json = o.json ?? false;
      try {
        if (o.at && !o.once)
          throw new AppError('validation', '--at goes with --once: a running worker works in real time');
        const [{ inArray }, { openBook }, { tasks }, { problemOf }, { startWorker }, { resolveAt }] =
          await Promise.all([
            import('drizzle-orm'),
            import('../../app/open-book.ts'),
            import('../../db/schema.ts'),
            import('../../modules/cadences/index.ts'),
            import('../../modules/jobs/index.ts'),
            import('../../shared/clock.ts'),
          ]);
        const at = o.at ? resolveAt(o.at, '--at') : undefined;
        const book = await openBook({
          data: o.data,
          databaseUrl: process.env['DATABASE_URL'],
          holder: { kind: 'cli' },
        }).catch((error: unknown) => {
          // The embedded book is one process's alone: a server that holds it runs the worker itself.
          if (error instanceof AppError && error.code === 'data_locked' && /Reach server/.test(error.message))
            throw new AppError(
              'data_locked',
              `${error.message.replace(/\. Wait for it, or stop it first\.$/, '')}, which runs the cadence worker itself: automatic steps go out from there.`,
            );
          throw error;
        });
        const log = json ? () => {} : (line: string) => out(line);
        const worker = await startWorker({ database: book.database, schedule: !o.once, log });
        if (!o.once) {
          out(`Reach worker on ${book.where}: automatic steps go out when due (Ctrl-C stops)`);
          const stop = async () => {
            await worker.stop();
            await book.close();
            process.exit(0);
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
          return;
        }
        try {
          const ids = await worker.sweep(at);
          await worker.drain();
          const rows =
            ids.length === 0 ? [] : await book.database.db.select().from(tasks).where(inArray(tasks.id, ids));
          const swept: Swept[] = rows.map((r) => ({
            taskId: r.id,
            prospectId: r.prospectId,
            sent: r.status === 'done',
            problem: r.status === 'done' ? null : problemOf(r.payload),
          }));
          if (json) printJson({ at: (at ?? new Date()).toISOString(), steps: swept });
          else {
            const sent = swept.filter((s) => s.sent).length;
            out(`${sent} automatic email step${sent === 1 ? '' : 's'} sent`);
            for (const s of swept.filter((x) => !x.sent))
              out(`  task ${s.taskId} (prospect ${s.prospectId}) left to the rep: ${s.problem}`);
          }
        } finally {
          await worker.stop();
          await book.close();
        }
      } catch (error) {
        process.exitCode = reportError(error, json);
      }
    });
}
