import { once } from 'node:events';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { Command } from 'commander';
import { exportKinds, importPresets as presetNames } from '../../contracts/vocabulary.ts';
import type { Db } from '../../db/create-db.ts';
import { importReportLines, restoredLines } from '../../modules/imports/imports.print.ts';
import type { Rejection } from '../../modules/imports/index.ts';
import { AppError } from '../../shared/errors.ts';
import { reportError, show } from '../output.ts';
import { common, withClient } from '../run.ts';

/** Opens a file to stream, or says plainly why it cannot be read. */
export function openInput(file: string) {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error('not a file');
    return { stream: createReadStream(file), size: stat.size };
  } catch (error) {
    throw new AppError('unreadable_input', `Cannot read ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

export function importCommand(): Command {
  return common(new Command('import'))
    .argument('<file>', 'a CSV file (or, with --all, a backup written by export --all)')
    .description(
      'import prospects from CSV; exit 0 when all rows were accepted, 3 when some were rejected, 2 when the file cannot be read',
    )
    .option('--preset <name>', `column names of: ${presetNames.join('|')} (detected when not given)`)
    .option('--country <code>', 'read national phone numbers as this country (default: the team setting)')
    .option('--dry-run', 'check and count, write nothing')
    .option('--strategy <name>', "this list's voicemail strategy: never|rules|persistent|curiosity|adaptive")
    .option(
      '--list <name>',
      "the list's name, kept on its prospects: the team's calling rules may be scoped to it",
    )
    .option('--all', 'restore a whole backup into an empty book')
    .option('--rejects <file>', 'write every problem of every rejected row here, as CSV (line,field,reason)')
    .action(async (file: string, o) => {
      if (o.all) return restoreCommand(file, o);
      if (o.preset && !presetNames.includes(o.preset)) {
        process.exitCode = reportError(
          new AppError('validation', `--preset: use one of ${presetNames.join(', ')}`),
          o.json,
        );
        return;
      }
      let input: ReturnType<typeof openInput>;
      try {
        input = openInput(file);
      } catch (error) {
        process.exitCode = reportError(error, o.json);
        return;
      }
      await withClient(o, async (client) => {
        const bar =
          process.stderr.isTTY && !o.json
            ? new (await import('cli-progress')).SingleBar({
                format: 'importing [{bar}] {percentage}% | {rows} rows',
              })
            : null;
        bar?.start(input.size, 0, { rows: 0 });
        const rejects = o.rejects ? await rejectsFile(o.rejects) : null;
        const report = await client
          .importCsv({
            onRejected: rejects?.write,
            input: input.stream,
            preset: o.preset,
            country: o.country?.toUpperCase(),
            dryRun: o.dryRun,
            strategy: o.strategy,
            list: o.list,
            onProgress: (p) => bar?.update(p.bytes, { rows: p.rows }),
          })
          .finally(async () => {
            bar?.stop();
            await rejects?.close();
          });
        show(o.json, report, (r) => importReportLines(r, o.rejects));
        return report.rejected.length > 0 ? 3 : 0;
      });
    });
}

/** A CSV file the rejected rows' problems stream into as the import finds them. */
async function rejectsFile(
  path: string,
): Promise<{ write: (r: Rejection) => void; close: () => Promise<void> }> {
  const [{ stringify }, { escapeCell }] = await Promise.all([
    import('csv-stringify/sync'),
    import('../../shared/csv-safety.ts'),
  ]);
  const file = createWriteStream(path);
  file.write(stringify([['line', 'field', 'reason']]));
  return {
    write: (r) => {
      file.write(stringify([[r.line, escapeCell(r.field), escapeCell(r.reason)]]));
    },
    close: () => new Promise((resolve) => file.end(resolve)),
  };
}

export function exportCommand(): Command {
  return common(new Command('export'))
    .argument('[what]', `${exportKinds.join('|')}`)
    .description('export prospects or calls as CSV or JSON; --all writes a full backup')
    .option('--format <format>', 'csv|json', 'csv')
    .option('--out <file>', 'write to this file (default: standard output)')
    .option('--all', 'every table, as a backup that import --all restores')
    .action(async (what: string | undefined, o) => {
      if (o.all) return backupCommand(o);
      if (
        !what ||
        !(exportKinds as readonly string[]).includes(what) ||
        !['csv', 'json'].includes(o.format)
      ) {
        process.exitCode = reportError(
          new AppError('validation', `say what to export: ${exportKinds.join('|')}, as --format csv|json`),
          o.json,
        );
        return;
      }
      await withClient(o, async (client) => {
        const sink = o.out ? createWriteStream(o.out) : process.stdout;
        for await (const chunk of client.exportRows({ kind: what as never, format: o.format })) {
          if (!sink.write(chunk)) await once(sink, 'drain');
        }
        if (o.out)
          await new Promise((resolve) => (sink as ReturnType<typeof createWriteStream>).end(resolve));
        return 0;
      });
    });
}

/** Backups open the book themselves: they are the upgrade path, and must not need a server. */
async function withDirectDb<T>(o: { data?: string }, body: (db: Db) => Promise<T>): Promise<T> {
  const { openBook } = await import('../../app/open-book.ts');
  const book = await openBook({
    data: o.data,
    databaseUrl: process.env['DATABASE_URL'],
    holder: { kind: 'cli' },
  });
  try {
    return await body(book.database.db);
  } finally {
    await book.close().catch(() => undefined);
  }
}

async function backupCommand(o: { data?: string; json?: boolean; out?: string }) {
  try {
    const { backupLines } = await import('../../modules/backup/index.ts');
    await withDirectDb(o, async (db) => {
      const sink = o.out ? createWriteStream(o.out) : process.stdout;
      for await (const chunk of backupLines(db, new Date()))
        if (!sink.write(chunk)) await once(sink, 'drain');
      if (o.out) await new Promise((resolve) => (sink as ReturnType<typeof createWriteStream>).end(resolve));
    });
  } catch (error) {
    process.exitCode = reportError(error, o.json ?? false);
  }
}

async function restoreCommand(file: string, o: { data?: string; json?: boolean }) {
  try {
    const { restoreBackup } = await import('../../modules/backup/index.ts');
    const counts = await withDirectDb(o, (db) => restoreBackup(db, openInput(file).stream));
    show(o.json, { restored: counts }, restoredLines);
  } catch (error) {
    process.exitCode = reportError(error, o.json ?? false);
  }
}
