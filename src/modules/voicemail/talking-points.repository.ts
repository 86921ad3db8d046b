import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { companies, talkingPoints } from '../../db/schema.ts';

export type PointRow = typeof talkingPoints.$inferSelect;
export type NewPointRow = typeof talkingPoints.$inferInsert;

/** Stores a talking point and gives it back as stored. */
export async function addTalkingPoint(db: Db, input: { point: NewPointRow }): Promise<PointRow> {
  const [row] = await db.insert(talkingPoints).values(input.point).returning();
  return row!;
}

/** The team's first company whose name or domain is this one, any case, or null. */
export async function companyIdNamed(
  db: Db,
  input: { teamId: number; name: string },
): Promise<number | null> {
  const [row] = await db
    .select({ id: companies.id })
    .from(companies)
    .where(
      and(
        eq(companies.teamId, input.teamId),
        or(
          sql`lower(${companies.name}) = lower(${input.name})`,
          sql`lower(${companies.domain}) = lower(${input.name})`,
        ),
      ),
    )
    .orderBy(asc(companies.id))
    .limit(1);
  return row?.id ?? null;
}

/** Points not yet stale at `at`. */
const timelyAt = (at: Date) => or(isNull(talkingPoints.validUntil), gt(talkingPoints.validUntil, at));

/** The team's points, of one kind when given, still timely at `at` when given, by kind then id. */
export async function pointsOfTeam(
  db: Db,
  input: { teamId: number; kind?: string | undefined; at?: Date | undefined },
): Promise<PointRow[]> {
  return db
    .select()
    .from(talkingPoints)
    .where(
      and(
        eq(talkingPoints.teamId, input.teamId),
        input.kind ? eq(talkingPoints.kind, input.kind) : undefined,
        input.at ? timelyAt(input.at) : undefined,
      ),
    )
    .orderBy(asc(talkingPoints.kind), asc(talkingPoints.id));
}

/** Deletes the team's point with this id: how many went (none when it is not the team's). */
export async function removeTalkingPoint(db: Db, input: { teamId: number; id: number }): Promise<number> {
  const rows = await db
    .delete(talkingPoints)
    .where(and(eq(talkingPoints.teamId, input.teamId), eq(talkingPoints.id, input.id)))
    .returning({ id: talkingPoints.id });
  return rows.length;
}

/**
 * The team's points still timely at `at` for one prospect: its own, its company's, and those
 * for no one in particular that fit its industry (or any industry), with every reference;
 * the latest dated first.
 */
export async function timelyPointsFor(
  db: Db,
  input: { teamId: number; prospectId: number; companyId: number | null; industry: string | null; at: Date },
): Promise<PointRow[]> {
  return db
    .select()
    .from(talkingPoints)
    .where(
      and(
        eq(talkingPoints.teamId, input.teamId),
        timelyAt(input.at),
        or(
          eq(talkingPoints.prospectId, input.prospectId),
          and(
            isNull(talkingPoints.prospectId),
            input.companyId ? eq(talkingPoints.companyId, input.companyId) : sql`false`,
          ),
          and(
            isNull(talkingPoints.prospectId),
            isNull(talkingPoints.companyId),
            or(
              isNull(talkingPoints.industry),
              input.industry ? sql`lower(${talkingPoints.industry}) = lower(${input.industry})` : sql`false`,
              eq(talkingPoints.kind, 'reference'),
            ),
          ),
        ),
      ),
    )
    .orderBy(sql`${talkingPoints.on} desc nulls last`, asc(talkingPoints.id));
}
