import { type Ctx, nowOf } from '../../context/context.ts';
import type { HoldView } from '../../contracts/prospects.contract.ts';
import { AppError } from '../../shared/errors.ts';
import { principalOf } from '../accounts/index.ts';
import { type Hold, hasMainLine, otherHold, releaseHold, takeHold } from './holds.repository.ts';
import type { ProspectRow } from './prospects.repository.ts';
import { displayName, resolveProspect } from './prospects.service.ts';

/** How long a prospect stays held after the desk that opened it last said so (it renews while open). */
export const HOLD_MINUTES = 5;

const clock = (at: Date): string => `${at.toISOString().slice(11, 16)} UTC`;

/** The company a hold on this prospect also holds: theirs, when they are reached through its main line. */
async function heldCompany(ctx: Ctx, prospect: ProspectRow): Promise<number | null> {
  return prospect.companyId !== null && (await hasMainLine(ctx.db, prospect.id)) ? prospect.companyId : null;
}

/** Another rep's hold that keeps this user off the prospect now (on them, or on their company's main line). */
export async function holdAgainst(
  ctx: Ctx,
  prospect: ProspectRow,
  at: Date = nowOf(ctx),
): Promise<Hold | null> {
  const p = principalOf(ctx);
  return otherHold(ctx.db, {
    teamId: ctx.team.id,
    prospectId: prospect.id,
    companyId: await heldCompany(ctx, prospect),
    userId: p.kind === 'user' ? p.id : null,
    at,
  });
}

/** Words for a hold that refuses: who has whom open, until when. */
export const holdText = (hold: Hold, prospect: ProspectRow): string =>
  hold.prospectId === prospect.id
    ? `${hold.name} has ${displayName(prospect)} open (until ${clock(hold.until)} unless they close it)`
    : `${hold.name} has someone at their company open through its main line (until ${clock(hold.until)})`;

/**
 * Holds a prospect for the rep who opened them, for HOLD_MINUTES (renewed while the card stays
 * open): no other rep is proposed them, or may dial them, meanwhile. Refused (409) while another
 * rep holds them or their company's main line. Without an account (the operator) nothing is held.
 */
export async function holdProspect(ctx: Ctx, key: string | number): Promise<HoldView> {
  const prospect = await resolveProspect(ctx, key);
  const p = principalOf(ctx);
  if (p.kind !== 'user') return { held: false, until: null, by: null };
  const at = nowOf(ctx);
  const companyId = await heldCompany(ctx, prospect);
  const other = await holdAgainst(ctx, prospect, at);
  if (other) throw new AppError('conflict', holdText(other, prospect));
  const until = new Date(at.getTime() + HOLD_MINUTES * 60_000);
  const hold = await takeHold(ctx.db, {
    teamId: ctx.team.id,
    prospectId: prospect.id,
    userId: p.id,
    companyId,
    at,
    until,
  });
  if (!hold.taken) {
    const now = await holdAgainst(ctx, prospect, at);
    throw new AppError(
      'conflict',
      now ? holdText(now, prospect) : `${displayName(prospect)} was just opened by another rep`,
    );
  }
  return { held: true, until: hold.until.toISOString(), by: { id: p.id, name: p.name } };
}

/** Lets go of a prospect this rep held (closing the card); nothing when they held none. */
export async function releaseProspect(ctx: Ctx, key: string | number): Promise<HoldView> {
  const prospect = await resolveProspect(ctx, key);
  const p = principalOf(ctx);
  if (p.kind === 'user') await releaseHold(ctx.db, { prospectId: prospect.id, userId: p.id });
  return { held: false, until: null, by: null };
}
