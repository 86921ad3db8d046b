import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { phoneNumbers } from '../../db/schema.ts';

/** The prospect's numbers in use. */
export async function numbersInUseOf(db: Db, input: { prospectId: number }): Promise<{ e164: string }[]> {
  return db
    .select({ e164: phoneNumbers.e164 })
    .from(phoneNumbers)
    .where(and(eq(phoneNumbers.prospectId, input.prospectId), eq(phoneNumbers.valid, true)));
}
