import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { callAttempts, intelFacts, phoneNumbers } from '../../db/schema.ts';
import { resolveAt, resolveDayOrAt } from '../../shared/clock.ts';
import { invalid, invalidFields } from '../../shared/errors.ts';
import { parseInput } from '../../shared/validate.ts';
import { normalizePhone } from '../phones/normalize-phone.ts';
import { resolveProspect } from '../prospects/prospects.service.ts';
import type { Ctx } from '../team/team.service.ts';
import { checkIntel, describeIntel, intelTypes } from './intel-rules.ts';

export const addIntelSchema = z
  .object({
    prospect: z.union([z.string().trim().min(1), z.number().int().positive()]),
    type: z.enum(intelTypes),
    value: z.string().trim().max(500).optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    arrives: z.string().optional(),
    leaves: z.string().optional(),
    until: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
    at: z.iso.datetime({ offset: true }).optional(),
    attemptId: z.number().int().positive().optional(),
  })
  .strict();

export type IntelFact = {
  id: number;
  type: string;
  text: string;
  from: string | null;
  to: string | null;
  value: Record<string, unknown>;
  until: string | null;
  recordedAt: string;
  sourceAttemptId: number | null;
};

/**
 * Records what a gatekeeper or a greeting revealed, as a typed fact with its source and date.
 * A private line also becomes one of the prospect's numbers.
 */
export async function addIntel(ctx: Ctx, body: unknown): Promise<IntelFact> {
  const input = parseInput(addIntelSchema, body);
  const at = resolveAt(input.at);
  const until = input.until ? resolveDayOrAt(input.until, 'until') : undefined;
  const issues = checkIntel({ ...input, at, until });
  if (issues.length > 0) throw invalidFields(issues);
  const prospect = await resolveProspect(ctx, input.prospect);
  let text = input.value ?? '';
  if (input.type === 'private-line') {
    const parsed = normalizePhone(text, ctx.team.defaultCountry);
    if (!parsed.ok) throw invalid('value', `invalid phone "${text}": ${parsed.reason}`);
    text = parsed.e164;
  }
  const row = await ctx.db.transaction(async (tx) => {
    if (input.attemptId !== undefined) {
      const [attempt] = await tx
        .select({ prospectId: callAttempts.prospectId })
        .from(callAttempts)
        .where(eq(callAttempts.id, input.attemptId));
      if (attempt?.prospectId !== prospect.id)
        throw invalid('attemptId', `call ${input.attemptId} is not a call to prospect ${prospect.id}`);
    }
    if (input.type === 'private-line') {
      await tx
        .insert(phoneNumbers)
        .values({
          teamId: ctx.team.id,
          prospectId: prospect.id,
          e164: text,
          kind: 'private',
          source: 'intel',
        })
        .onConflictDoNothing();
    }
    const value: Record<string, unknown> = { text };
    if (input.arrives) value['arrives'] = input.arrives;
    if (input.leaves) value['leaves'] = input.leaves;
    const [row] = await tx
      .insert(intelFacts)
      .values({
        teamId: ctx.team.id,
        prospectId: prospect.id,
        companyId: prospect.companyId,
        type: input.type,
        fromTime: input.from ?? null,
        toTime: input.to ?? null,
        value,
        validUntil: until ?? null,
        sourceAttemptId: input.attemptId ?? null,
        recordedAt: at,
      })
      .returning();
    return row!;
  });
  return toFact(row);
}

/** The prospect's facts, newest first. */
export async function listIntel(ctx: Ctx, key: string | number): Promise<IntelFact[]> {
  const prospect = await resolveProspect(ctx, key);
  const rows = await ctx.db
    .select()
    .from(intelFacts)
    .where(and(eq(intelFacts.teamId, ctx.team.id), eq(intelFacts.prospectId, prospect.id)))
    .orderBy(desc(intelFacts.recordedAt), desc(intelFacts.id));
  return rows.map(toFact);
}

function toFact(r: typeof intelFacts.$inferSelect): IntelFact {
  return {
    id: r.id,
    type: r.type,
    text: describeIntel(r),
    from: r.fromTime,
    to: r.toTime,
    value: r.value,
    until: r.validUntil?.toISOString() ?? null,
    recordedAt: r.recordedAt.toISOString(),
    sourceAttemptId: r.sourceAttemptId,
  };
}
