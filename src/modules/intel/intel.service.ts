import type { z } from 'zod';
import type { Ctx } from '../../context/context.ts';
import type { addIntelSchema, HeardFact, IntelFact, IntelType } from '../../contracts/intel.contract.ts';
import type { Db } from '../../db/create-db.ts';
import { resolveAt, resolveDayOrAt } from '../../shared/clock.ts';
import { AppError, type FieldIssue, invalid, invalidFields } from '../../shared/errors.ts';
import { normalizePhone } from '../phones/index.ts';
import { resolveProspect } from '../prospects/index.ts';
import {
  addPrivateLines,
  factsAbout,
  factsHeardOn,
  type IntelFactRow,
  prospectOfAttempt,
  recordFacts,
} from './intel.repository.ts';
import { checkIntel, describeIntel } from './intel-rules.ts';

export type { IntelFact };

/** A fact checked for its type and ready to store: a private line's number is in E.164. */
export type PreparedFact = Omit<HeardFact, 'until' | 'type'> & {
  type: IntelType;
  text: string;
  until?: Date;
  /** Where it was heard, when not from a person: `greeting` (typed by the rep) or `transcription`. */
  source?: 'greeting' | 'transcription';
};

/**
 * Checks facts heard at `at` and normalises a private line's number, before anything is
 * written: every problem names its field, under `prefix` when given (`intel.1.until`).
 */
export function prepareFacts(
  ctx: Ctx,
  input: { facts: HeardFact[]; at: Date; prefix?: (index: number) => string },
): { facts: PreparedFact[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const facts = input.facts.map((fact, index) => {
    const prefix = input.prefix?.(index) ?? '';
    const own: FieldIssue[] = [];
    const until = fact.until === undefined ? undefined : dayOrAt(fact.until, own);
    own.push(...checkIntel({ ...fact, at: input.at, until }));
    let text = fact.value ?? '';
    if (fact.type === 'private-line' && own.length === 0) {
      const parsed = normalizePhone(text, ctx.team.defaultCountry);
      if (parsed.ok) text = parsed.e164;
      else own.push({ field: 'value', reason: `invalid phone "${text}": ${parsed.reason}` });
    }
    issues.push(...own.map((i) => ({ ...i, field: `${prefix}${i.field}` })));
    const { until: _until, ...rest } = fact;
    return { ...rest, text, ...(until ? { until } : {}) };
  });
  return { facts, issues };
}

function dayOrAt(value: string, issues: FieldIssue[]): Date | undefined {
  try {
    return resolveDayOrAt(value, 'until');
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    issues.push(...error.issues);
    return undefined;
  }
}

/**
 * Stores prepared facts inside the caller's transaction, with the call they were heard on. A
 * private line also becomes one of the prospect's numbers.
 */
export async function storeFacts(
  tx: Db,
  input: {
    teamId: number;
    prospect: { id: number; companyId: number | null };
    facts: PreparedFact[];
    attemptId: number | null;
    at: Date;
  },
): Promise<IntelFact[]> {
  const { teamId, prospect } = input;
  if (input.facts.length === 0) return [];
  const lines = input.facts.filter((f) => f.type === 'private-line');
  if (lines.length > 0)
    await addPrivateLines(tx, { teamId, prospectId: prospect.id, numbers: lines.map((f) => f.text) });
  const rows = await recordFacts(tx, {
    facts: input.facts.map((f) => {
      const value: Record<string, unknown> = { text: f.text };
      if (f.arrives) value['arrives'] = f.arrives;
      if (f.leaves) value['leaves'] = f.leaves;
      if (f.source) value['source'] = f.source;
      return {
        teamId,
        prospectId: prospect.id,
        companyId: prospect.companyId,
        type: f.type,
        fromTime: f.from ?? null,
        toTime: f.to ?? null,
        value,
        validUntil: f.until ?? null,
        sourceAttemptId: input.attemptId,
        recordedAt: input.at,
      };
    }),
  });
  return rows.sort((x, y) => x.id - y.id).map(toFact);
}

/**
 * Records what a gatekeeper or a greeting revealed, as a typed fact with its source and date.
 * A private line also becomes one of the prospect's numbers.
 */
export async function addIntel(ctx: Ctx, body: z.output<typeof addIntelSchema>): Promise<IntelFact> {
  const { prospect: key, at: heardAt, attemptId, ...fact } = body;
  const at = resolveAt(heardAt);
  const prepared = prepareFacts(ctx, { facts: [fact], at });
  if (prepared.issues.length > 0) throw invalidFields(prepared.issues);
  const prospect = await resolveProspect(ctx, key);
  const [stored] = await ctx.db.transaction(async (tx) => {
    if (attemptId !== undefined) {
      const prospectId = await prospectOfAttempt(tx, { attemptId });
      if (prospectId !== prospect.id)
        throw invalid('attemptId', `call ${attemptId} is not a call to prospect ${prospect.id}`);
    }
    return storeFacts(tx, {
      teamId: ctx.team.id,
      prospect,
      facts: prepared.facts,
      attemptId: attemptId ?? null,
      at,
    });
  });
  return stored!;
}

/** The facts heard on one call, in the order they were recorded. */
export async function factsOfAttempt(tx: Db, attemptId: number): Promise<IntelFact[]> {
  const rows = await factsHeardOn(tx, { attemptId });
  return rows.map(toFact);
}

/** The prospect's facts, newest first. */
export async function listIntel(ctx: Ctx, key: string | number): Promise<IntelFact[]> {
  const prospect = await resolveProspect(ctx, key);
  const rows = await factsAbout(ctx.db, { teamId: ctx.team.id, prospectId: prospect.id });
  return rows.map(toFact);
}

function toFact(r: IntelFactRow): IntelFact {
  return {
    id: r.id,
    type: r.type as IntelType,
    text: describeIntel(r),
    from: r.fromTime,
    to: r.toTime,
    value: r.value,
    until: r.validUntil?.toISOString() ?? null,
    recordedAt: r.recordedAt.toISOString(),
    sourceAttemptId: r.sourceAttemptId,
  };
}
