import { createReadStream } from 'node:fs';
import { createDb, type DbOptions } from '../src/db/create-db.ts';
import { importCsv } from '../src/modules/imports/import.service.ts';
import { loadTeam } from '../src/modules/team/team.service.ts';

/**
 * One import of a messy file in a process of its own, so its peak RSS is the import's and the
 * book's alone. Usage: messy-import.ts FILE pglite DIR | messy-import.ts FILE postgres URL.
 * Prints one JSON line: rows, imported, rejected rows, problems streamed, seconds, the RSS
 * with the book open before the first row, and the peak RSS.
 */
const [file = '', engine = 'pglite', where = ''] = process.argv.slice(2);
const options: DbOptions =
  engine === 'pglite' ? { kind: 'pglite', dataDir: where } : { kind: 'postgres', url: where };
const database = await createDb(options);
if (file === '-') {
  // Only create the book: a rep imports into a book that exists, so initdb's memory is not the import's.
  await database.close();
  process.exit(0);
}
const team = await loadTeam(database.db);
const openRssMb = process.memoryUsage().rss / 2 ** 20;
let streamed = 0;
const started = process.hrtime.bigint();
const report = await importCsv(
  { db: database.db, team },
  {
    input: createReadStream(file),
    onRejected: () => {
      streamed++;
    },
  },
);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
await database.close();
console.log(
  JSON.stringify({
    rows: report.rows,
    imported: report.imported,
    rejectedRows: report.rejectedRows,
    streamed,
    seconds,
    openRssMb,
    peakRssMb: (process.resourceUsage().maxRSS * 1024) / 2 ** 20,
  }),
);
