import type { Ctx } from '../../context/context.ts';
import type { RuleCheck, RuleCheckQuery, RuleList } from '../../contracts/team.contract.ts';
import { resolveAt } from '../../shared/clock.ts';
import { invalid } from '../../shared/errors.ts';
import { localClock, zoneCity } from '../../shared/local-clock.ts';
import {
  type CallInput,
  checkCall,
  nextAllowed,
  PRERECORDED_RULES,
  RECORDING_RULES,
  ruleCatalogue,
} from '../compliance/index.ts';
import { normalizePhone, zoneOfDialledNumber } from '../phones/index.ts';
import type { ProspectRow } from '../prospects/index.ts';
import { screenedRegisters } from '../suppression/index.ts';
import { zonesToRespect } from './may-dial.ts';
import { limitsOf } from './queue.service.ts';
import { numbersInUseOf } from './rules.repository.ts';

/** Every calling rule Reach obeys, with its source and date, and the team's own; `dropped` for a business-only team. */
export type { RuleCheck, RuleList };

export function listRules(ctx: Ctx): RuleList {
  const audience = ctx.team.callingAudience === 'b2b' ? 'b2b' : 'consumer';
  return {
    audience,
    rules: ruleCatalogue().map((rule) => ({ ...rule, dropped: audience === 'b2b' && rule.b2bExempt })),
    teamRules: ctx.team.callingRules,
    prerecorded: PRERECORDED_RULES.map(({ withoutConsent, ...rule }) => ({
      ...rule,
      reading: withoutConsent,
    })),
    recording: RECORDING_RULES.map(({ consent, ...rule }) => ({ ...rule, reading: consent })),
  };
}

/**
 * Whether the law and the team's rules allow calling a number at a moment, and why not: the
 * number's own zones and places, without any record's limits. The question a rep asks before
 * dialling a number by hand.
 */
export async function checkNumber(ctx: Ctx, input: RuleCheckQuery): Promise<RuleCheck> {
  const at = resolveAt(input.at);
  const phone = normalizePhone(input.number, ctx.team.defaultCountry);
  if (!phone.ok) throw invalid('number', `invalid phone "${input.number}": ${phone.reason}`);
  const rings = zoneOfDialledNumber(phone.e164, { statedTimezone: null, region: null, country: null });
  const limits = limitsOf(ctx);
  const zones = rings.candidates.length > 0 ? rings.candidates : limits.territoryZones;
  const call = {
    zones,
    places: rings.places,
    attempts: [],
    audience: limits.audience ?? 'consumer',
    teamRules: limits.teamRules ?? [],
    screenedAgainst: await screenedRegisters(ctx.db, ctx.team.id),
  };
  const next = nextAllowed(at, call);
  return {
    number: phone.e164,
    at: at.toISOString(),
    zones: zones.map((zone) => ({
      zone,
      local: `${localClock(at, zone)?.clock ?? '?'} in ${zoneCity(zone)}`,
    })),
    places: rings.places,
    check: checkCall(at, call),
    next: next?.toISOString() ?? null,
  };
}

/**
 * What every call to a prospect must satisfy, whichever of their numbers is dialled: each
 * number's zones and places and the record's, with the team's audience and rules. For laying
 * cadence steps, before a number is chosen.
 */
export async function prospectCallScope(
  ctx: Ctx,
  row: Pick<
    ProspectRow,
    'id' | 'timezone' | 'timezoneCandidates' | 'statedTimezone' | 'region' | 'country' | 'list'
  >,
): Promise<CallInput> {
  const limits = limitsOf(ctx);
  const numbers = await numbersInUseOf(ctx.db, { prospectId: row.id });
  const rings = numbers.map((n) => zoneOfDialledNumber(n.e164, row));
  const zones = [
    ...zonesToRespect(row, limits),
    ...rings.flatMap((r) =>
      zonesToRespect({ timezone: r.timezone, timezoneCandidates: r.candidates }, limits),
    ),
  ];
  return {
    zones: [...new Set(zones)],
    places: rings.flatMap((r) => r.places),
    attempts: [],
    audience: limits.audience ?? 'consumer',
    teamRules: limits.teamRules ?? [],
    list: row.list,
  };
}
