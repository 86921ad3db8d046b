import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Ctx } from '../../context/context.ts';
import type { Stage } from '../../contracts/vocabulary.ts';
import type {
  CheckedMessage,
  checkMessageSchema,
  Instead,
  TalkingPoint,
  VoicemailAdvice,
  voicemailQuerySchema,
} from '../../contracts/voicemail.contract.ts';
import { resolveAt } from '../../shared/clock.ts';
import { invalid } from '../../shared/errors.ts';
import { AFTER_HOURS_FROM } from '../../shared/local-clock.ts';
import { principalOf } from '../accounts/index.ts';
import { checkCall } from '../compliance/index.ts';
import { type Jurisdiction, normalizePhone, zoneOfDialledNumber } from '../phones/index.ts';
import {
  type CompanyRow,
  companyById,
  displayName,
  type ProspectRow,
  resolveProspect,
} from '../prospects/index.ts';
import { pursuitWord, readStanding } from '../pursuit/index.ts';
import {
  insideCallingHours,
  limitsOf,
  nextWindow,
  numberAt,
  pursuitNow,
  type Yardsticks,
  yardsticks,
  zonesToRespect,
} from '../queue/index.ts';
import { blockedNumbers } from '../suppression/index.ts';
import { type Check, checkMessage, worst } from './check-message.ts';
import type { Earlier, Material } from './compose.ts';
import { type Decision, decideVoicemail, type Strategy, type VoicemailState } from './decide.ts';
import { nearEnough, type Whereabouts } from './event-place.ts';
import { pointsFor } from './talking-points.service.ts';
import type { LastTalk, Point, Reference } from './templates.ts';
import {
  attemptsUntil,
  calledBackBy,
  type IntelFactRow,
  intelUntil,
  messagesUntil,
  onDncBy,
  referringProspects,
  userById,
  validPhonesOf,
} from './voicemail.repository.ts';
import { spokenSeconds } from './words.ts';

/**
 * Leave a message or not, what to say, and what to do instead: everything a rep needs in
 * the eight seconds before the beep, for one prospect at one instant.
 */
async function voiceOf(ctx: Ctx, ownerId: number | null) {
  const p = principalOf(ctx);
  const caller = p.kind === 'user' ? await userById(ctx.db, { id: p.id }) : null;
  if (caller?.phone) return caller;
  return ownerId ? userById(ctx.db, { id: ownerId }) : null;
}

export async function voicemailAdvice(
  ctx: Ctx,
  input: { prospect: string | number; query: z.output<typeof voicemailQuerySchema> },
): Promise<VoicemailAdvice> {
  const q = input.query;
  const at = resolveAt(q.at);
  const prospect = await resolveProspect(ctx, input.prospect);
  // The book's yardsticks, read once for the number, the decision and the next window.
  const book = await yardsticks(ctx);
  const number = q.number ?? (await numberAt(ctx, { prospectId: prospect.id, at, book })) ?? undefined;
  const state = await loadState(ctx, { prospect, at, strategy: q.strategy, number, book });
  const decision = decideVoicemail(state.state);
  const instead =
    decision.decision === 'skip' ? await insteadOf(ctx, { prospect, at, decision, loaded: state, book }) : [];
  return {
    prospect: { id: prospect.id, name: displayName(prospect), company: state.company?.name ?? null },
    at: at.toISOString(),
    decision: decision.decision,
    strategy: decision.strategy,
    strategyFrom: state.state.strategyFrom,
    reasons: decision.reasons,
    script: decision.script,
    missing: decision.missing,
    instead,
  };
}

export type Loaded = {
  state: VoicemailState;
  company: CompanyRow | null;
  phones: { e164: string; kind: string; blocked: boolean; dialled: boolean }[];
  intel: IntelFactRow[];
};

const POSITIVE = new Set(['interested', 'meeting', 'callback-scheduled', 'referred']);

/** Everything the voicemail decision (and an email step) reads about one prospect at `at`. */
export async function loadState(
  ctx: Ctx,
  input: {
    prospect: ProspectRow;
    at: Date;
    strategy: Strategy | undefined;
    number: string | undefined;
    book: Yardsticks;
  },
): Promise<Loaded> {
  const { prospect, at } = input;
  const company = prospect.companyId ? await companyById(ctx.db, { id: prospect.companyId }) : null;
  const [attempts, messages, calledUs, intel, phones, stopped, user, points] = await Promise.all([
    attemptsUntil(ctx.db, { prospectId: prospect.id, at }),
    messagesUntil(ctx.db, { prospectId: prospect.id, at }),
    calledBackBy(ctx.db, { prospectId: prospect.id, at }),
    intelUntil(ctx.db, { prospectId: prospect.id, at }),
    validPhonesOf(ctx.db, { prospectId: prospect.id }),
    onDncBy(ctx.db, { prospectId: prospect.id, at }),
    // The voice of the script is the caller's own, else the prospect's owner's, else the team's.
    voiceOf(ctx, prospect.ownerId),
    pointsFor(ctx, {
      prospectId: prospect.id,
      companyId: prospect.companyId,
      industry: company?.industry ?? null,
      at,
    }),
  ]);
  const dialled = input.number ? normalizePhone(input.number, ctx.team.defaultCountry) : null;
  if (dialled && !dialled.ok) throw invalid('number', `invalid phone "${input.number}": ${dialled.reason}`);
  const dialledE164 = dialled?.ok ? dialled.e164 : null;
  const blocked = await blockedNumbers(ctx.db, {
    teamId: ctx.team.id,
    numbers: [...phones.map((p) => p.e164), ...(dialledE164 ? [dialledE164] : [])],
  });
  const dialledBlocked = dialledE164 !== null && blocked.has(dialledE164);
  const research = prospect.research ?? {};
  const prefersFact = intel.find((f) => f.type === 'prefers');
  const prefers = (prefersFact?.value['text'] as string | undefined) ?? research.preferredChannel ?? null;
  const { zones, places } = ringZones(prospect, {
    numbers: dialledE164 ? [dialledE164] : phones.map((p) => p.e164),
    ctx,
  });
  const clocks = zones.map((zone) => DateTime.fromJSDate(at, { zone })).filter((d) => d.isValid);
  const earliest =
    clocks.sort((a, b) => a.hour * 60 + a.minute - (b.hour * 60 + b.minute))[0] ??
    DateTime.fromJSDate(at, { zone: 'UTC' });
  const limits = limitsOf(ctx);
  // A message is a call: the strictest rule of every place the number may be in binds it too.
  const inside =
    insideCallingHours(at, { zones, limits }) &&
    checkCall(at, {
      zones,
      places,
      attempts: attempts.map((a) => a.at),
      audience: limits.audience ?? 'consumer',
      teamRules: limits.teamRules ?? [],
      list: prospect.list,
    }).ok;
  const voice =
    user?.name && user.phone
      ? { name: user.name, phone: user.phone }
      : ctx.team.repName && ctx.team.repPhone
        ? { name: ctx.team.repName, phone: ctx.team.repPhone }
        : null;
  const strategy = (input.strategy ?? prospect.voicemailStrategy ?? ctx.team.defaultStrategy) as Strategy;
  const strategyFrom = input.strategy ? 'asked' : prospect.voicemailStrategy ? 'prospect' : 'team';
  const benefits = (research.benefits ?? []).filter((b) => b.trim());
  const references = referencesOf({ points, research: research.referenceClients });
  const spokeBefore = attempts.some((a) => a.outcome === 'reached');
  const earlier: Earlier[] = messages.map((m) => ({
    at: m.at,
    kind: m.kind,
    text: m.text ?? '',
    template: m.template,
  }));
  const zone = prospect.timezone ?? zones[0] ?? 'UTC';
  const material: Material = {
    lastTalk: lastTalkOf(attempts, zone),
    firstName: prospect.firstName,
    company: company?.name ?? null,
    industry: company?.industry ?? null,
    objective: research.priorityObjective ?? null,
    benefits,
    referredBy: research.referredBy ?? null,
    news: points.filter((p) => p.kind === 'news').map(toPoint),
    // An invitation only to an event near them (their region) or online.
    events: points
      .filter(
        (p) =>
          p.kind === 'event' && nearEnough(p, whereabouts(prospect, company), ctx.team.defaultCountry).near,
      )
      .map(toPoint)
      .sort((a, b) => (a.on?.getTime() ?? 0) - (b.on?.getTime() ?? 0)),
    contacts: points.filter((p) => p.kind === 'contact').map(toPoint),
    references,
    voice: voice ? { ...voice, seller: ctx.team.sellerName } : null,
    when: (on) =>
      on ? DateTime.fromJSDate(on, { zone }).setLocale('en-US').toFormat("'on' cccc, LLLL d") : '',
  };
  const state: VoicemailState = {
    at,
    strategy,
    strategyFrom,
    team: { offerCategory: ctx.team.offerCategory, maxMessagesPerProspect: ctx.team.maxMessagesPerProspect },
    prospect: {
      stage: prospect.stage as Stage,
      value: prospect.value,
      optedOut: prospect.optedOut,
      pursuit: pursuitWord(readStanding({ ...prospect, company: company?.name ?? null }, at), at),
      // A message is a call: to a listed number, or with every number of theirs listed, it is not left.
      doNotCall:
        stopped ||
        dialledBlocked ||
        (dialledE164 === null && phones.length > 0 && phones.every((p) => blocked.has(p.e164))),
      insideCallingHours: inside,
      alreadyHasProduct: prospect.alreadyHasProduct,
      competitorRelationship: prospect.competitorRelationship,
      prefers,
      deterrent: (intel.find((f) => f.type === 'deterrent')?.value['text'] as string | undefined) ?? null,
      localHour: earliest.hour,
      localWeekday: earliest.weekday,
      attempts: attempts.length + 1,
      spokeBefore,
      positiveContact: attempts.some((a) => a.result !== null && POSITIVE.has(a.result)),
    },
    typicalValue: input.book.typicalValue,
    pursuit: await pursuitNow(ctx, { prospectId: prospect.id, at, book: input.book }).then(
      ({ pursuit: p }) => ({
        recommendation: p.recommendation,
        reason: p.reason,
      }),
    ),
    messages: earlier,
    material,
    context: {
      rep: voice ?? undefined,
      prospect: {
        company: company?.name ?? null,
        industry: company?.industry ?? null,
        spokeBefore,
        calledUs,
        benefits,
        messagesLeft: messages.length,
        referrers: await referrersOf(ctx, { prospectId: prospect.id, named: research.referredBy ?? null }),
        customer: prospect.stage === 'customer',
      },
      references: references.map((r) => ({ name: r.name, industry: r.industry })),
    },
  };
  return {
    state,
    company: company ?? null,
    phones: phones.map((p) => ({
      e164: p.e164,
      kind: p.kind,
      blocked: blocked.has(p.e164),
      dialled: p.e164 === dialledE164,
    })),
    intel,
  };
}

/** Where a prospect is, for an invitation: their own address when it has a region or city, else their company's. */
const whereabouts = (
  prospect: Pick<ProspectRow, 'city' | 'region' | 'country'>,
  company: { city: string | null; region: string | null; country: string | null } | null,
): Whereabouts =>
  prospect.region || prospect.city || !company
    ? { city: prospect.city, region: prospect.region, country: prospect.country ?? company?.country ?? null }
    : { city: company.city, region: company.region, country: company.country ?? prospect.country };

const toPoint = (p: TalkingPoint): Point => ({
  id: p.id,
  title: p.title,
  detail: p.detail,
  on: p.on ? new Date(p.on) : null,
  industry: p.industry,
});

/**
 * Reference clients from the team's list and from the prospect's research notes, where the
 * rep writes them as "Harbor Lines: cut dispatch time by a third", one per line or `;`.
 */
export function referencesOf(input: { points: TalkingPoint[]; research: string | undefined }): Reference[] {
  const fromPoints = input.points
    .filter((p) => p.kind === 'reference' && p.detail)
    .map((p) => ({ key: String(p.id), name: p.title, result: p.detail!, industry: p.industry }));
  const fromResearch = (input.research ?? '')
    .split(/[;\n]/)
    .map((line) => line.trim().match(/^(.+?)\s*(?::|\s-\s|\s–\s)\s*(.+)$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m, i) => ({ key: `r${i + 1}`, name: m[1]!.trim(), result: m[2]!.trim(), industry: null }));
  return [...fromResearch, ...fromPoints];
}

const routeWords: Record<string, string> = {
  'press-0': 'press 0 for a live operator and ask them to page',
  operator: "tell the operator you don't want voicemail and ask how to reach them live",
  'sales-department': 'call the sales department: they talk to anyone who might help them',
  'pr-department': 'call public relations: giving out information is their job',
  assistant: 'ask the assistant for their normal arrival and departure times',
};

/** When skipping: the next good time, another number, a route past the gatekeeper, another channel. */
async function insteadOf(
  ctx: Ctx,
  input: { prospect: ProspectRow; at: Date; decision: Decision; loaded: Loaded; book: Yardsticks },
): Promise<Instead[]> {
  const { prospect, at, loaded } = input;
  const code = input.decision.reasons.at(-1)?.code;
  if (code === 'opted-out' || code === 'do-not-call' || code === 'lost' || code?.startsWith('pursuit-'))
    return [];
  const out: Instead[] = [];
  const prefers = loaded.state.prospect.prefers;
  if (prefers !== 'email' && prefers !== 'letter') {
    const now = loaded.state.prospect.localHour;
    const accept =
      code === 'business-hours'
        ? (hour: number) => hour >= AFTER_HOURS_FROM
        : code === 'strategy-never' || code === 'cold-call'
          ? (hour: number) => Math.abs(hour - now) > 1
          : () => true;
    const next = await nextWindow(ctx, {
      prospectId: prospect.id,
      at,
      dialedNow: true,
      accept,
      book: input.book,
    });
    if (next) {
      const local = DateTime.fromJSDate(next.at, { zone: next.entry.local.timezone });
      out.push({
        code: 'next-window',
        at: next.at.toISOString(),
        number: next.entry.number.e164,
        text: `call again ${local.toFormat('ccc HH:mm')} their time on the ${next.entry.number.kind} line (${Math.round(next.entry.probability * 100)}% to reach)${next.entry.reasons[0] ? `: ${next.entry.reasons[0]}` : ''}`,
      });
    }
    for (const phone of loaded.phones.filter((p) => !p.dialled && !p.blocked).slice(0, 2))
      out.push({
        code: 'other-number',
        number: phone.e164,
        text: `try the ${phone.kind} line, ${phone.e164}`,
      });
    const routes = loaded.intel.filter((f) => f.type === 'route');
    const first = prospect.firstName ?? 'them';
    const keys =
      routes.length > 0 ? routes.slice(0, 2).map((r) => String(r.value['text'] ?? '')) : ['press-0'];
    for (const key of keys)
      out.push({ code: 'route', text: routeWords[key]?.replace('page', `page ${first}`) ?? key });
    const champion = loaded.intel.find((f) => f.type === 'champion');
    if (champion)
      out.push({
        code: 'champion',
        text: `ask ${String(champion.value['text'])}, your champion, to introduce you`,
      });
  }
  if (prospect.email) out.push({ code: 'email', text: `send an email to ${prospect.email}` });
  else if (loaded.company?.address || prefers === 'letter')
    out.push({
      code: 'letter',
      text: `send a letter${loaded.company?.address ? ` to ${loaded.company.address}` : ''}`,
    });
  return out;
}

/**
 * The zones a message may land in: the dialled number's own, or every number's when none is
 * named, so that a message is left only where each of them is inside calling hours.
 */
function ringZones(
  prospect: ProspectRow,
  input: { numbers: string[]; ctx: Ctx },
): { zones: string[]; places: Jurisdiction[] } {
  const limits = limitsOf(input.ctx);
  const rings = input.numbers.map((e164) => zoneOfDialledNumber(e164, prospect));
  const zones = rings.flatMap((zone) =>
    zonesToRespect({ timezone: zone.timezone, timezoneCandidates: zone.candidates }, limits),
  );
  return {
    zones: zones.length > 0 ? [...new Set(zones)] : zonesToRespect(prospect, limits),
    places: rings.flatMap((zone) => zone.places),
  };
}

/** Who the record says sent the rep to this prospect: the research's referrer and callers who referred them. */
async function referrersOf(ctx: Ctx, input: { prospectId: number; named: string | null }): Promise<string[]> {
  const rows = await referringProspects(ctx.db, { prospectId: input.prospectId });
  return [...(input.named ? [input.named] : []), ...rows.map((r) => displayName(r))];
}

/**
 * Checks a message a rep wrote; with a prospect, also against what they were told before,
 * what is true of the relationship and the research's benefits and reference clients.
 */
export async function checkMessageFor(
  ctx: Ctx,
  input: z.output<typeof checkMessageSchema>,
): Promise<CheckedMessage> {
  const rep =
    ctx.team.repName || ctx.team.repPhone ? { name: ctx.team.repName, phone: ctx.team.repPhone } : undefined;
  let checks: Check[];
  if (input.prospect === undefined) {
    checks = checkMessage(input.text, { kind: input.kind, rep });
  } else {
    const prospect = await resolveProspect(ctx, input.prospect);
    const { state } = await loadState(ctx, {
      prospect,
      at: resolveAt(input.at),
      strategy: undefined,
      number: undefined,
      book: await yardsticks(ctx),
    });
    checks = checkMessage(input.text, { ...state.context, kind: input.kind, earlier: state.messages });
  }
  const severity = worst(checks);
  const verdict: CheckedMessage['verdict'] = severity === 'info' ? 'ok' : severity;
  return { seconds: spokenSeconds(input.text), verdict, checks };
}

/** The last conversation on record, for a follow-up message: its day, what it came to, the next step promised. */
function lastTalkOf(
  attempts: { outcome: string; result: string | null; resultAt: Date | null; at: Date }[],
  zone: string,
): LastTalk | null {
  const last = attempts
    .filter((a) => a.outcome === 'reached')
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .at(-1);
  if (!last) return null;
  const result =
    last.result === 'interested' || last.result === 'callback-scheduled' || last.result === 'referred'
      ? last.result
      : null;
  const next =
    result === 'callback-scheduled' && last.resultAt
      ? DateTime.fromJSDate(last.resultAt, { zone }).setLocale('en-US').toFormat("'on' cccc 'at' h:mm a")
      : null;
  return { on: last.at, result, next };
}
