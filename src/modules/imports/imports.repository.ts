import { inArray, sql, TransactionRollbackError } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { prospects } from '../../db/schema.ts';

/** Refreshes the planner's statistics of the tables an import grows. */
export async function analyzeBook(db: Db): Promise<void> {
  await db.execute(sql`analyze prospects, phone_numbers, companies, queue_slots`);
}

/** Gives these prospects the list's voicemail strategy and the list's name, whichever are given. */
export async function labelImported(
  db: Db,
  input: { prospectIds: number[]; strategy?: string | undefined; list?: string | undefined },
): Promise<void> {
  await db
    .update(prospects)
    .set({
      ...(input.strategy ? { voicemailStrategy: input.strategy } : {}),
      ...(input.list ? { list: input.list } : {}),
    })
    .where(inArray(prospects.id, input.prospectIds));
}

/** Whether an error is the database layer's word that a transaction was rolled back on purpose. */
export function isRollback(error: unknown): boolean {
  return error instanceof TransactionRollbackError;
}
