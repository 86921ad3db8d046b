import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { dncEntries } from '../../db/schema.ts';
import type { Screening } from '../compliance/index.ts';

/** Which of these numbers are on the active Do-Not-Call list. */
export async function blockedNumbers(
  db: Db,
  input: { teamId: number; numbers: string[] },
): Promise<Set<string>> {
  if (input.numbers.length === 0) return new Set();
  const rows = await db
    .select({ e164: dncEntries.e164 })
    .from(dncEntries)
    .where(
      and(
        eq(dncEntries.teamId, input.teamId),
        inArray(dncEntries.e164, input.numbers),
        isNull(dncEntries.removedAt),
      ),
    );
  return new Set(rows.flatMap((r) => (r.e164 ? [r.e164] : [])));
}

/** The national registers the team has loaded as Do-Not-Call sources (`reach dnc import FILE --source TPS`). */
export async function screenedRegisters(db: Db, teamId: number): Promise<Screening[]> {
  const rows = await db
    .selectDistinct({ source: sql<string>`upper(${dncEntries.source})` })
    .from(dncEntries)
    .where(
      and(
        eq(dncEntries.teamId, teamId),
        isNull(dncEntries.removedAt),
        sql`upper(${dncEntries.source}) in ('TPS', 'CTPS')`,
      ),
    );
  return rows.map((r) => r.source as Screening);
}
