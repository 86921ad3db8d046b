import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inProcess } from '../src/app/operations.ts';
import type { Db } from '../src/db/create-db.ts';
import { exportRows } from '../src/modules/exports/export.service.ts';
import { importCsv } from '../src/modules/imports/import.service.ts';
import type { Ctx, Team } from '../src/modules/team/team.service.ts';
import { collect, freshDb, textInput } from './support/databases.ts';

const cell = fc.oneof(
  fc.string(),
  fc.constantFrom('a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', '=1+1', ' padded ', 'Zoë Åkesson', '  '),
);

describe('import line numbers', () => {
  // Every row lacks a name and an email, so every row is rejected before the database is reached.
  const untouchable = {
    team: { defaultCountry: 'US' } as Team,
    db: new Proxy(
      {},
      {
        get: () => {
          throw new Error('database touched');
        },
      },
    ) as Db,
  };

  it('reports each rejected row at the line an editor shows it on, whatever its cells hold', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        async (rows, crlf) => {
          const eol = crlf ? '\r\n' : '\n';
          const body = rows.map(([title, notes]) =>
            stringify([[title, notes]], { record_delimiter: eol, quoted_match: /[\r\n]/ }),
          );
          const text = `title,notes${eol}${body.join('')}`;
          let line = 2;
          const expected: number[] = [];
          for (let i = 0; i < rows.length; i++) {
            const [title, notes] = rows[i]!;
            if (`${title}${notes}`.trim() !== '') expected.push(line);
            line += (body[i]!.match(/\r\n|\r|\n/g) ?? []).length;
          }
          const report = await importCsv(untouchable as Ctx, {
            input: textInput(text, 5),
            preset: 'generic',
          });
          expect(report.rejected.map((r) => r.line)).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('export and import', () => {
  const person = fc.record({
    first_name: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== ''),
    last_name: cell,
    title: cell,
    company: cell,
    notes: cell,
    phone_direct: fc.constantFrom('', '(212) 555-0142', '+44 20 7946 0018', '312.555.0199'),
    region: fc.constantFrom('', 'NY', 'TX', 'Bavaria'),
    country: fc.constantFrom('', 'US', 'Germany'),
    value: fc.constantFrom('', '0', '25000', '1.5M'),
    already_has_product: fc.constantFrom('', 'yes', 'no', 'Y', 'false', '1'),
    competitor_relationship: fc.constantFrom('', 'no', 'TRUE', 'n', '0', 'Yes'),
  });

  it('is a fixed point: a book exported, imported into a new book and exported again reads the same', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(person, { minLength: 1, maxLength: 8 }), async (people) => {
        const headers = Object.keys(people[0]!);
        const csv = stringify([headers, ...people.map((p) => headers.map((h) => p[h as keyof typeof p]))]);
        const first = await freshDb('pglite');
        const second = await freshDb('pglite');
        try {
          const imported = await importCsv(first.ctx, { input: textInput(csv, 64) });
          expect(imported.rejected).toEqual([]);
          const exported = await collect(exportRows(first.ctx, { kind: 'prospects', format: 'csv' }));
          const answers = (await inProcess(first.ctx).listProspects({ query: { limit: 100 } })).items.map(
            (p) => [p.alreadyHasProduct, p.competitorRelationship],
          );
          const again = await importCsv(first.ctx, { input: textInput(exported, 64) });
          expect(again).toMatchObject({ imported: 0, updated: 0, rejected: [] });
          await importCsv(second.ctx, { input: textInput(exported, 64) });
          expect(await collect(exportRows(second.ctx, { kind: 'prospects', format: 'csv' }))).toBe(exported);
          const carried = (await inProcess(second.ctx).listProspects({ query: { limit: 100 } })).items.map(
            (p) => [p.alreadyHasProduct, p.competitorRelationship],
          );
          expect(carried).toEqual(answers);
        } finally {
          await Promise.all([first.drop(), second.drop()]);
        }
      }),
      { numRuns: 6 },
    );
    // Two new books per run: slow by nature, not a measure of speed.
  }, 180_000);
});
