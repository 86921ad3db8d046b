import type { z } from 'zod';
import type { Ctx } from '../../context/context.ts';
import type { PointKind } from '../../contracts/vocabulary.ts';
import type { addPointSchema, pointsQuerySchema, TalkingPoint } from '../../contracts/voicemail.contract.ts';
import { resolveAt, resolveDayOrAt } from '../../shared/clock.ts';
import { invalidFields, notFound } from '../../shared/errors.ts';
import { resolveProspect } from '../prospects/index.ts';
import {
  addTalkingPoint,
  companyIdNamed,
  type PointRow,
  pointsOfTeam,
  removeTalkingPoint,
  timelyPointsFor,
} from './talking-points.repository.ts';

/** News goes stale: a message built on it is timely for this many days. */
export const NEWS_DAYS = 45;
const DAY = 86_400_000;

/** The command line's `points` names the answer's type from here. */
export type { TalkingPoint };

/**
 * Adds what a message can be made of: news about a prospect, a company or an industry; an
 * event to invite to; a contact worth an introduction; a reference client with what was done
 * for it. Each kind says what it needs, and an event must be ahead.
 */
export async function addPoint(ctx: Ctx, input: z.output<typeof addPointSchema>): Promise<TalkingPoint> {
  const at = resolveAt(input.at);
  const on = input.on ? resolveDayOrAt(input.on, 'on') : null;
  const until = input.until ? resolveDayOrAt(input.until, 'until') : null;
  const issues: { field: string; reason: string }[] = [];
  if (input.kind === 'event' && !on) issues.push({ field: 'on', reason: 'an event needs its date' });
  if (input.kind === 'event' && on && on.getTime() + DAY <= at.getTime())
    issues.push({
      field: 'on',
      reason: `the event on ${input.on} is past: invitations are to what is ahead`,
    });
  const placed = Boolean(input.city || input.region || input.country);
  if (input.kind === 'event' && !input.online && !placed)
    issues.push({
      field: 'region',
      reason:
        'say where the event is: online, or its city and region, so it is offered only to prospects near it',
    });
  if (input.kind === 'event' && input.online && placed)
    issues.push({ field: 'online', reason: 'an event is online or in a place, not both' });
  if (input.kind !== 'event' && (input.online !== undefined || placed))
    issues.push({
      field: input.online !== undefined ? 'online' : 'region',
      reason: 'only an event has a place',
    });
  if (input.kind === 'reference' && !input.detail)
    issues.push({
      field: 'detail',
      reason: 'a reference needs what you helped it do, for example "cut dispatch time by a third"',
    });
  if (input.kind === 'contact' && !input.detail)
    issues.push({ field: 'detail', reason: 'say who the contact is and why they are worth knowing' });
  if (until && until <= at) issues.push({ field: 'until', reason: 'is already past' });
  if (issues.length > 0) throw invalidFields(issues);
  const prospect = input.prospect === undefined ? null : await resolveProspect(ctx, input.prospect);
  const companyId = input.company === undefined ? null : await companyNamed(ctx, input.company);
  const validUntil =
    until ??
    (input.kind === 'event'
      ? new Date(on!.getTime() + DAY)
      : input.kind === 'news'
        ? new Date((on ?? at).getTime() + NEWS_DAYS * DAY)
        : null);
  const row = await addTalkingPoint(ctx.db, {
    point: {
      teamId: ctx.team.id,
      kind: input.kind,
      title: input.title,
      detail: input.detail ?? null,
      prospectId: prospect?.id ?? null,
      companyId: companyId ?? prospect?.companyId ?? null,
      industry: input.industry ?? null,
      on,
      validUntil,
      online: input.online ?? false,
      city: input.city ?? null,
      region: input.region ?? null,
      country: input.country ?? null,
    },
  });
  return toPoint(row);
}

async function companyNamed(ctx: Ctx, name: string): Promise<number> {
  const id = await companyIdNamed(ctx.db, { teamId: ctx.team.id, name });
  if (id === null) throw notFound('Company', name);
  return id;
}

export async function listPoints(ctx: Ctx, q: z.output<typeof pointsQuerySchema>): Promise<TalkingPoint[]> {
  const rows = await pointsOfTeam(ctx.db, {
    teamId: ctx.team.id,
    kind: q.kind,
    at: q.at ? resolveAt(q.at) : undefined,
  });
  return rows.map(toPoint);
}

export async function removePoint(ctx: Ctx, pointId: number): Promise<{ removed: number }> {
  const removed = await removeTalkingPoint(ctx.db, { teamId: ctx.team.id, id: pointId });
  if (removed === 0) throw notFound('Talking point', pointId);
  return { removed };
}

/**
 * The points a message to this prospect may use at `at`: its own, its company's, its
 * industry's and the whole book's, still timely.
 */
export async function pointsFor(
  ctx: Ctx,
  input: { prospectId: number; companyId: number | null; industry: string | null; at: Date },
): Promise<TalkingPoint[]> {
  const rows = await timelyPointsFor(ctx.db, { teamId: ctx.team.id, ...input });
  return rows.map(toPoint);
}

function toPoint(r: PointRow): TalkingPoint {
  return {
    id: r.id,
    kind: r.kind as PointKind,
    title: r.title,
    detail: r.detail,
    prospectId: r.prospectId,
    companyId: r.companyId,
    industry: r.industry,
    on: r.on?.toISOString() ?? null,
    until: r.validUntil?.toISOString() ?? null,
    online: r.online,
    city: r.city,
    region: r.region,
    country: r.country,
  };
}
