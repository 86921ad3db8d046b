import { DateTime } from 'luxon';
import type { Ctx } from '../../context/context.ts';
import type { GreetingInput, GreetingRead, HeardFact } from '../../contracts/intel.contract.ts';
import type { Db } from '../../db/create-db.ts';
import { resolveAt } from '../../shared/clock.ts';
import { invalidFields } from '../../shared/errors.ts';
import { normalizePhone } from '../phones/index.ts';
import { type ProspectRow, resolveProspect } from '../prospects/index.ts';
import { type GreetingFinding, readGreeting } from './greeting.ts';
import { prepareFacts, storeFacts } from './intel.service.ts';

/** A finding as the fact it records; a name that is not theirs records nothing (it is said back to the rep). */
function factOf(finding: GreetingFinding, input: { number: string | null; zone: string }): HeardFact | null {
  const { number } = input;
  switch (finding.kind) {
    case 'deterrent':
      return { type: 'deterrent', value: finding.quote.slice(0, 500) };
    case 'out-of-office':
      // Back that day: no calls before it begins in their zone.
      return {
        type: 'out-of-office',
        until: DateTime.fromISO(finding.until, { zone: input.zone }).startOf('day').toISO()!,
      };
    case 'alternate-contact':
      return {
        type: 'alternate-contact',
        value: [finding.name, finding.extension ? `extension ${finding.extension}` : null, finding.number]
          .filter(Boolean)
          .join(', '),
      };
    case 'prefers-email':
      return { type: 'prefers', value: 'email' };
    case 'name':
      return finding.theirs && number ? { type: 'number-confirmed', value: number } : null;
  }
}

/**
 * Reads a greeting for one prospect and records what it says as intelligence with its source:
 * a warning to sellers, an absence until a date (no calls before it), someone else to call, a wish
 * for email, their name on a number (the number is theirs). `tx` is the caller's transaction.
 */
export async function recordGreeting(
  ctx: Ctx,
  input: {
    prospect: ProspectRow;
    text: string;
    at: Date;
    number: string | null;
    source: 'greeting' | 'transcription';
    attemptId: number | null;
  },
): Promise<GreetingRead> {
  const { prospect } = input;
  const findings = readGreeting(input.text, { at: input.at, zone: prospect.timezone, prospect });
  const zone = prospect.timezone ?? 'UTC';
  const heard = findings
    .map((f) => factOf(f, { number: input.number, zone }))
    .filter((f): f is HeardFact => f !== null);
  const prepared = prepareFacts(ctx, { facts: heard, at: input.at, prefix: (i) => `${i}.` });
  // A fact that does not hold (an absence already over: a greeting left up too long) is left out, not refused.
  const kept = prepared.facts
    .filter((_, i) => !prepared.issues.some((issue) => issue.field.startsWith(`${i}.`)))
    .map((f) => ({ ...f, source: input.source }));
  const facts = await storeFacts(ctx.db as Db, {
    teamId: ctx.team.id,
    prospect: { id: prospect.id, companyId: prospect.companyId },
    facts: kept,
    attemptId: input.attemptId,
    at: input.at,
  });
  return { findings: findings.map(describeFinding), facts };
}

/** `POST /prospects/{key}/greeting`: what the rep heard, read and recorded. */
export async function readGreetingFor(
  ctx: Ctx,
  input: { key: string | number; body: GreetingInput },
): Promise<GreetingRead> {
  const at = resolveAt(input.body.at);
  const prospect = await resolveProspect(ctx, input.key);
  let number: string | null = null;
  if (input.body.number !== undefined) {
    const parsed = normalizePhone(input.body.number, ctx.team.defaultCountry);
    if (!parsed.ok)
      throw invalidFields([
        { field: 'number', reason: `invalid phone "${input.body.number}": ${parsed.reason}` },
      ]);
    number = parsed.e164;
  }
  return ctx.db.transaction((tx) =>
    recordGreeting(
      { ...ctx, db: tx },
      { prospect, text: input.body.text, at, number, source: 'greeting', attemptId: null },
    ),
  );
}

function describeFinding(f: GreetingFinding): GreetingRead['findings'][number] {
  switch (f.kind) {
    case 'deterrent':
      return { kind: f.kind, text: 'warns sellers off: leave no pitch', quote: f.quote };
    case 'out-of-office':
      return { kind: f.kind, text: `away until ${f.until}: no calls before it`, quote: f.quote };
    case 'alternate-contact':
      return {
        kind: f.kind,
        text: `names someone else to call: ${[f.name, f.extension ? `extension ${f.extension}` : null, f.number].filter(Boolean).join(', ')}`,
        quote: f.quote,
      };
    case 'prefers-email':
      return { kind: f.kind, text: 'prefers email: write instead', quote: f.quote };
    case 'name':
      return {
        kind: f.kind,
        text: f.theirs
          ? `says their name (${f.said}): the number is theirs`
          : `says another name (${f.said}): maybe not their number`,
        quote: f.quote,
      };
  }
}
