import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { phoneNumbers, prospectHolds, users } from '../../db/schema.ts';

export type Hold = {
  prospectId: number;
  userId: number;
  name: string;
  companyId: number | null;
  until: Date;
};

/**
 * Takes or renews a hold, unless another user's holds the prospect now: the hold as it stands
 * (this user's when taken, the other's when not). One statement, so two reps at once get one hold.
 */
export async function takeHold(
  db: Db,
  input: {
    teamId: number;
    prospectId: number;
    userId: number;
    companyId: number | null;
    at: Date;
    until: Date;
  },
): Promise<{ taken: boolean; userId: number; until: Date }> {
  const [taken] = await db
    .insert(prospectHolds)
    .values(input)
    .onConflictDoUpdate({
      target: prospectHolds.prospectId,
      set: { userId: input.userId, companyId: input.companyId, at: input.at, until: input.until },
      setWhere: sql`${prospectHolds.userId} = ${input.userId} or ${prospectHolds.until} <= ${input.at.toISOString()}::timestamptz`,
    })
    .returning({ userId: prospectHolds.userId, until: prospectHolds.until });
  if (taken) return { taken: true, ...taken };
  const [held] = await db
    .select({ userId: prospectHolds.userId, until: prospectHolds.until })
    .from(prospectHolds)
    .where(eq(prospectHolds.prospectId, input.prospectId));
  return { taken: false, userId: held?.userId ?? input.userId, until: held?.until ?? input.until };
}

/**
 * Another user's live hold on the prospect, or on its company's main line when `companyId` is
 * given (the gatekeeper hears one rep at a time); null when there is none.
 */
export async function otherHold(
  db: Db,
  input: { teamId: number; prospectId: number; companyId: number | null; userId: number | null; at: Date },
): Promise<Hold | null> {
  const [row] = await db
    .select({
      prospectId: prospectHolds.prospectId,
      userId: prospectHolds.userId,
      name: users.name,
      companyId: prospectHolds.companyId,
      until: prospectHolds.until,
    })
    .from(prospectHolds)
    .innerJoin(users, eq(users.id, prospectHolds.userId))
    .where(
      and(
        eq(prospectHolds.teamId, input.teamId),
        gt(prospectHolds.until, input.at),
        input.userId === null ? undefined : sql`${prospectHolds.userId} <> ${input.userId}`,
        input.companyId === null
          ? eq(prospectHolds.prospectId, input.prospectId)
          : sql`(${prospectHolds.prospectId} = ${input.prospectId} or ${prospectHolds.companyId} = ${input.companyId})`,
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function releaseHold(db: Db, input: { prospectId: number; userId: number }): Promise<void> {
  await db
    .delete(prospectHolds)
    .where(and(eq(prospectHolds.prospectId, input.prospectId), eq(prospectHolds.userId, input.userId)));
}

/** Whether the prospect is reached through a company's main line (a gatekeeper-fronted number). */
export async function hasMainLine(db: Db, prospectId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: phoneNumbers.id })
    .from(phoneNumbers)
    .where(and(eq(phoneNumbers.prospectId, prospectId), eq(phoneNumbers.kind, 'main')))
    .limit(1);
  return row !== undefined;
}
