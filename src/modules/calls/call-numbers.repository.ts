import { asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../context/context.ts';
import type { Db } from '../../db/create-db.ts';
import { phoneNumbers } from '../../db/schema.ts';
import { AppError } from '../../shared/errors.ts';
import { BAD_NUMBER_LIMIT } from '../outcomes/index.ts';
import { normalizePhone } from '../phones/index.ts';
import type { PhoneKind, PhoneRow, ProspectRow } from '../prospects/index.ts';

/**
 * The number dialled: the one given (added to the prospect when new), else one of the kind
 * given. Left unsaid on a new log (`unsaid`): the number the queue proposes now, else the only
 * one in use, else the rep is asked which, never silently the first on file. Otherwise the
 * first valid one.
 */
export async function choosePhone(
  tx: Db,
  input: {
    ctx: Ctx;
    prospect: ProspectRow;
    number?: string | undefined;
    kind?: PhoneKind | undefined;
    unsaid?: { proposed: string | null };
  },
): Promise<PhoneRow | null> {
  const { ctx, prospect, number, kind } = input;
  const own = await tx
    .select()
    .from(phoneNumbers)
    .where(eq(phoneNumbers.prospectId, prospect.id))
    .orderBy(asc(phoneNumbers.id));
  if (number) {
    const parsed = normalizePhone(number, ctx.team.defaultCountry);
    if (!parsed.ok)
      throw new AppError('validation', `number: invalid phone "${number}": ${parsed.reason}`, {
        issues: [{ field: 'number', reason: parsed.reason }],
      });
    const known = own.find((p) => p.e164 === parsed.e164);
    if (known) return known;
    const [added] = await tx
      .insert(phoneNumbers)
      .values({
        teamId: ctx.team.id,
        prospectId: prospect.id,
        e164: parsed.e164,
        kind: kind ?? 'other',
        extension: parsed.extension,
        source: 'call',
      })
      .returning();
    return added ?? null;
  }
  if (kind) {
    const ofKind = own.filter((p) => p.kind === kind);
    if (ofKind.length === 0)
      throw new AppError('validation', `kind: prospect ${prospect.id} has no ${kind} number`, {
        issues: [{ field: 'kind', reason: `no ${kind} number` }],
      });
    return ofKind.find((p) => p.valid) ?? ofKind[0]!;
  }
  if (input.unsaid && own.length > 1) {
    const proposed = own.find((p) => p.e164 === input.unsaid?.proposed);
    if (proposed) return proposed;
    const inUse = own.filter((p) => p.valid);
    if (inUse.length === 1) return inUse[0]!;
    const listed = own.map((p) => `${p.kind} ${p.e164}${p.valid ? '' : ' (out of use)'}`).join(', ');
    throw new AppError(
      'validation',
      `number: say which number was dialled; the queue proposes none of them now: ${listed}`,
      { issues: [{ field: 'number', reason: `say which was dialled: ${listed}` }] },
    );
  }
  return own.find((p) => p.valid) ?? own[0] ?? null;
}

/** Counts a bad result against the number; true when this one takes it out of use. */
export async function countBad(
  tx: Db,
  input: { phone: PhoneRow; carrierFailure: boolean },
): Promise<boolean> {
  const bad = input.phone.badCount + 1;
  const invalid = input.phone.valid && (input.carrierFailure || bad >= BAD_NUMBER_LIMIT);
  await tx
    .update(phoneNumbers)
    .set({
      badCount: bad,
      ...(invalid
        ? {
            valid: false,
            invalidReason: input.carrierFailure
              ? 'carrier: number does not exist'
              : `${bad} bad-number results`,
          }
        : {}),
    })
    .where(eq(phoneNumbers.id, input.phone.id));
  return invalid;
}

/**
 * Takes one bad result back off the number (an undone or corrected call); true when that puts
 * it back in use: no bad result left, or the count alone had taken it out.
 */
export async function uncountBad(tx: Db, phone: PhoneRow): Promise<boolean> {
  const bad = Math.max(0, phone.badCount - 1);
  const restored =
    !phone.valid && (bad === 0 || phone.invalidReason === `${phone.badCount} bad-number results`);
  await tx
    .update(phoneNumbers)
    .set({ badCount: bad, ...(restored ? { valid: true, invalidReason: null } : {}) })
    .where(eq(phoneNumbers.id, phone.id));
  return restored;
}
