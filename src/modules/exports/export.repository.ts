import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { callAttempts, companies, phoneNumbers, prospects } from '../../db/schema.ts';

export type ProspectRow = typeof prospects.$inferSelect;
export type CompanyRow = typeof companies.$inferSelect;
export type PhoneRow = typeof phoneNumbers.$inferSelect;
export type CallRow = typeof callAttempts.$inferSelect;

/** A page of the team's prospects after the id `after`, in id order, each with its company. */
export async function prospectsAfter(
  db: Db,
  input: { teamId: number; after: number; limit: number },
): Promise<{ p: ProspectRow; c: CompanyRow | null }[]> {
  return db
    .select({ p: prospects, c: companies })
    .from(prospects)
    .leftJoin(companies, eq(companies.id, prospects.companyId))
    .where(and(eq(prospects.teamId, input.teamId), gt(prospects.id, input.after)))
    .orderBy(asc(prospects.id))
    .limit(input.limit);
}

/** Every number of these prospects, in the order they were added. */
export async function phonesOfProspects(db: Db, input: { prospectIds: number[] }): Promise<PhoneRow[]> {
  return db
    .select()
    .from(phoneNumbers)
    .where(inArray(phoneNumbers.prospectId, input.prospectIds))
    .orderBy(asc(phoneNumbers.id));
}

/** A page of the team's calls after the id `after`, in id order, each with its prospect and the number dialled. */
export async function callsAfter(
  db: Db,
  input: { teamId: number; after: number; limit: number },
): Promise<{ a: CallRow; p: ProspectRow; ph: PhoneRow | null }[]> {
  return db
    .select({ a: callAttempts, p: prospects, ph: phoneNumbers })
    .from(callAttempts)
    .innerJoin(prospects, eq(prospects.id, callAttempts.prospectId))
    .leftJoin(phoneNumbers, eq(phoneNumbers.id, callAttempts.phoneId))
    .where(and(eq(callAttempts.teamId, input.teamId), gt(callAttempts.id, input.after)))
    .orderBy(asc(callAttempts.id))
    .limit(input.limit);
}
