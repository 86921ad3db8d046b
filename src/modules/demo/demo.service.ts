import { DateTime } from 'luxon';
import type { Ctx } from '../../context/context.ts';
import type { DemoInput, DemoReport } from '../../contracts/demo.contract.ts';
import { clockOf, resolveAt } from '../../shared/clock.ts';
import { AppError } from '../../shared/errors.ts';
import { createRandom, type Random } from '../../shared/random.ts';
import { type Outcome, type Result, repSecondsOf } from '../outcomes/index.ts';
import { normalizePhone } from '../phones/index.ts';
import {
  attachPhones,
  type ExistingProspect,
  type PhoneKind,
  type ProspectDraft,
  prepareDraft,
  type Stage,
  upsertProspects,
} from '../prospects/index.ts';
import { refreshPursuits } from '../pursuit/index.ts';
import { rebuildReachStats } from '../queue/index.ts';
import {
  addCall,
  addCallback,
  addIntelFact,
  addTalkingPoints,
  addVoicemail,
  companiesOf,
  type NewPointRow,
  optOut,
  prospectCountOf,
  prospectsOf,
  recordStageMove,
  setResearch,
  setScriptVoice,
} from './demo.repository.ts';
import {
  companySuffixes,
  companyWords,
  demoContacts,
  demoEvents,
  firstNames,
  gatekeeperNames,
  industries,
  industryResearch,
  lastNames,
  places,
  titles,
} from './demo-data.ts';

type Hidden = {
  persona: 'gatekeeper-fronted' | 'edge-hours' | 'desk' | 'screener';
  arrive: number;
  leave: number;
  lunch: number;
};

/**
 * Loads a demo territory of about 200 prospects at 60 companies, with four weeks of call
 * history before `at`, drawn from a seed so every load is the same.
 */
export async function loadDemo(
  ctx: Ctx,
  options: DemoInput & { size?: number | undefined } = {},
): Promise<DemoReport> {
  const at = resolveAt(options.at);
  const rng = createRandom(options.seed ?? 42);
  if ((await prospectCountOf(ctx.db, { teamId: ctx.team.id })) > 0) {
    throw new AppError(
      'conflict',
      'The demo loads only into an empty book; use a new --data directory to try it',
    );
  }
  const size = options.size ?? 200;
  const drafts = await Promise.all(makeDrafts(rng, size).map(prepareDraft));
  return ctx.db.transaction(async (tx) => {
    const outcomes = await upsertProspects(tx, ctx.team.id, drafts);
    const rows = await attachPhones(tx, await prospectsOf(tx, { teamId: ctx.team.id }));
    const report: DemoReport = {
      prospects: outcomes.length,
      companies: new Set(rows.map((r) => r.companyId)).size,
      attempts: 0,
      voicemails: 0,
      callbacks: 0,
    };
    for (const prospect of rows) await writeHistory({ tx, ctx, rng, prospect, at, report });
    await writeResearch({ tx, ctx, rng, rows, at });
    await rebuildReachStats(tx, ctx.team.id);
    // Where each pursuit stands after that history: a meeting booked, a "no" resting.
    await refreshPursuits(
      tx,
      rows.map((r) => r.id),
    );
    return report;
  });
}

function makeDrafts(rng: Random, size: number): ProspectDraft[] {
  const companyCount = Math.max(1, Math.round(size / 3.3));
  const companies = Array.from({ length: companyCount }, (_, i) => {
    const suffix = rng.pick(companySuffixes);
    const name = `${companyWords[i % companyWords.length]} ${suffix}${i >= companyWords.length ? ` ${Math.floor(i / companyWords.length) + 1}` : ''}`;
    const place = rng.pick(places);
    const main = phoneIn(rng, rng.pick(place.areaCodes));
    return { name, suffix, place, main, domain: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example` };
  });
  return Array.from({ length: size }, (_, i) => {
    const company = companies[i % companyCount]!;
    const first = rng.pick(firstNames);
    const last = rng.pick(lastNames);
    const phones: { e164: string; kind: PhoneKind; extension: string | null }[] = [
      { e164: company.main, kind: 'main', extension: null },
    ];
    if (rng.chance(0.6))
      phones.push({ e164: phoneIn(rng, rng.pick(company.place.areaCodes)), kind: 'direct', extension: null });
    if (rng.chance(0.25))
      phones.push({ e164: phoneIn(rng, rng.pick(company.place.areaCodes)), kind: 'mobile', extension: null });
    const stage: Stage = rng.chance(0.8) ? 'new' : rng.chance(0.75) ? 'engaged' : 'interested';
    return {
      externalId: `demo-${String(i + 1).padStart(4, '0')}`,
      firstName: first,
      lastName: last,
      title: rng.pick(titles),
      email: `${emailLocal(`${first}.${last}`)}${i}@${company.domain}`,
      company: { name: company.name, domain: company.domain, industry: industries[company.suffix] ?? null },
      stage,
      value: Math.round(Math.exp(Math.log(20_000) + (rng.next() - 0.5) * 2.4) / 500) * 500,
      city: company.place.city,
      region: company.place.region,
      country: company.place.country,
      alreadyHasProduct: rng.chance(0.2),
      competitorRelationship: rng.chance(0.15),
      phones,
    } satisfies ProspectDraft;
  });
}

const emailLocal = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/[^A-Za-z.]/g, '')
    .toLowerCase();

function phoneIn(rng: Random, areaCode: string): string {
  for (;;) {
    const exchange = rng.int(201, 989);
    if (exchange === 555 || exchange % 100 === 11) continue;
    const result = normalizePhone(
      `+1${areaCode}${exchange}${String(rng.int(0, 9999)).padStart(4, '0')}`,
      'US',
    );
    if (result.ok) return result.e164;
  }
}

type HistoryInput = {
  tx: Ctx['db'];
  ctx: Ctx;
  rng: Random;
  prospect: ExistingProspect;
  at: Date;
  report: DemoReport;
};

async function writeHistory(input: HistoryInput): Promise<void> {
  const { tx, ctx, rng, prospect, at, report } = input;
  const zone = prospect.timezone ?? prospect.timezoneCandidates[0] ?? 'America/New_York';
  const hidden: Hidden = {
    persona: rng.pick([
      'gatekeeper-fronted',
      'gatekeeper-fronted',
      'edge-hours',
      'desk',
      'screener',
    ] as const),
    arrive: rng.int(7 * 60, 9 * 60),
    leave: rng.int(16 * 60 + 30, 19 * 60 + 30),
    lunch: 12 * 60 + 15 * rng.int(0, 6),
  };
  const tries = rng.int(0, 6);
  let stage = prospect.stage;
  const today = DateTime.fromJSDate(at, { zone }).startOf('day');
  for (let n = 0; n < tries; n++) {
    const day = today.minus({ days: rng.int(1, 28) });
    if (day.weekday > 5) continue;
    const minute = rng.int(8 * 60, 18 * 60 + 30);
    const when = day.plus({ minutes: minute });
    const phone = rng.chance(0.6) ? prospect.phones.find((p) => p.kind !== 'main') : undefined;
    const number = phone ?? prospect.phones[0]!;
    const { outcome, result } = simulate(rng, { hidden, minute, kind: number.kind });
    const durationSeconds =
      outcome === 'reached'
        ? rng.int(60, 600)
        : outcome === 'gatekeeper'
          ? rng.int(30, 120)
          : rng.int(20, 45);
    const attemptId = await addCall(tx, {
      call: {
        teamId: ctx.team.id,
        prospectId: prospect.id,
        phoneId: number.id,
        at: when.toJSDate(),
        timezone: zone,
        localMinuteOfDay: minute,
        localWeekday: day.weekday,
        outcome,
        result,
        // A meeting is set a week out and a promised callback for the next day, as the log asks.
        resultAt:
          result === 'meeting'
            ? when.plus({ days: 7 }).toJSDate()
            : result === 'callback-scheduled'
              ? when.plus({ days: 1 }).toJSDate()
              : null,
        durationSeconds,
        repSeconds: repSecondsOf(outcome, durationSeconds),
        idempotencyKey: `demo-${prospect.id}-${n}`,
      },
    });
    report.attempts++;
    if (stage === 'new')
      stage = await moveStage(tx, { prospect, to: 'contacted', at: when.toJSDate(), attemptId });
    if (
      outcome === 'reached' &&
      (result === 'interested' || result === 'meeting') &&
      stage !== 'interested'
    ) {
      stage = await moveStage(tx, {
        prospect,
        to: 'interested',
        at: when.toJSDate(),
        attemptId,
      });
    }
    if (outcome === 'gatekeeper' && rng.chance(0.35)) {
      const hours = rng.chance(0.5);
      await addIntelFact(tx, {
        fact: {
          teamId: ctx.team.id,
          prospectId: prospect.id,
          companyId: prospect.companyId,
          type: hours ? 'gatekeeper-hours' : 'gatekeeper-name',
          fromTime: hours ? clockOf(hidden.lunch) : null,
          toTime: hours ? clockOf(hidden.lunch + 60) : null,
          value: hours ? { text: '' } : { text: rng.pick(gatekeeperNames) },
          sourceAttemptId: attemptId,
          recordedAt: when.toJSDate(),
        },
      });
    }
    if (outcome === 'voicemail-left') {
      const kind = rng.pick(['information', 'invitation', 'introduction', 'curiosity', 'generic'] as const);
      const voicemailId = await addVoicemail(tx, {
        voicemail: {
          teamId: ctx.team.id,
          prospectId: prospect.id,
          attemptId,
          at: when.toJSDate(),
          kind,
          seconds: rng.int(18, 32),
        },
      });
      report.voicemails++;
      if (rng.chance(kind === 'generic' ? 0.03 : 0.1)) {
        await addCallback(tx, {
          callback: {
            teamId: ctx.team.id,
            prospectId: prospect.id,
            fromE164: number.e164,
            at: when.plus({ hours: rng.int(2, 20) }).toJSDate(),
            voicemailId,
          },
        });
        report.callbacks++;
      }
    }
    if (result === 'do-not-call') {
      await optOut(tx, {
        prospectId: prospect.id,
        entries: prospect.phones.map((p) => ({
          teamId: ctx.team.id,
          prospectId: prospect.id,
          e164: p.e164,
          reason: 'asked not to be called',
          source: 'call',
          addedAt: when.toJSDate(),
        })),
      });
      break;
    }
  }
}

/**
 * What a rep's homework would hold: research notes on most prospects, the team's reference
 * clients, upcoming events, contacts worth an introduction, company news, and the voice of
 * the scripts when the team has none yet.
 */
async function writeResearch(input: {
  tx: Ctx['db'];
  ctx: Ctx;
  rng: Random;
  rows: ExistingProspect[];
  at: Date;
}): Promise<void> {
  const { tx, ctx, rng, rows, at } = input;
  const companyRows = await companiesOf(tx, { teamId: ctx.team.id });
  const industryOf = new Map(companyRows.map((c) => [c.id, c.industry]));
  for (const prospect of rows) {
    const research = industryResearch[industryOf.get(prospect.companyId ?? -1) ?? ''];
    if (!research || !rng.chance(0.7)) continue;
    const [a, b] = rng.shuffle([...research.benefits]);
    const notes = {
      ...prospect.research,
      priorityObjective: rng.pick(research.objectives),
      benefits: [a!, b!],
      ...(rng.chance(0.1) ? { referredBy: `${rng.pick(firstNames)} ${rng.pick(lastNames)}` } : {}),
    };
    await setResearch(tx, { prospectId: prospect.id, research: notes, at });
  }
  const day = 86_400_000;
  const points: NewPointRow[] = [
    ...Object.entries(industryResearch).map(([industry, r]) => ({
      teamId: ctx.team.id,
      kind: 'reference',
      industry,
      title: r.reference.name,
      detail: r.reference.result,
    })),
    ...demoEvents.map((e) => ({
      teamId: ctx.team.id,
      kind: 'event',
      title: e.title,
      detail: e.detail,
      on: new Date(at.getTime() + e.days * day),
      validUntil: new Date(at.getTime() + (e.days + 1) * day),
      ...e.place,
    })),
    ...demoContacts.map((c) => ({ teamId: ctx.team.id, kind: 'contact', title: c.title, detail: c.detail })),
    ...companyRows
      .filter(() => rng.chance(0.3))
      .map((c) => ({
        teamId: ctx.team.id,
        kind: 'news',
        companyId: c.id,
        title: `${c.name} ${rng.pick(['opened a second site', 'announced a new regional contract', 'named a new head of operations', 'is hiring twenty people this quarter'])}`,
        on: new Date(at.getTime() - rng.int(1, 20) * day),
        validUntil: new Date(at.getTime() + 30 * day),
      })),
  ];
  await addTalkingPoints(tx, { points });
  if (!ctx.team.repName && !ctx.team.repPhone) {
    const team = await setScriptVoice(tx, {
      teamId: ctx.team.id,
      repName: 'Sam Ortiz',
      repPhone: '+13125550147',
      sellerName: ctx.team.sellerName ?? 'Tallgrass Systems',
    });
    if (team) ctx.team = team;
  }
}

async function moveStage(
  tx: Ctx['db'],
  input: { prospect: ExistingProspect; to: string; at: Date; attemptId: number },
): Promise<string> {
  await recordStageMove(tx, {
    prospectId: input.prospect.id,
    from: input.prospect.stage,
    to: input.to,
    at: input.at,
    reason: input.to === 'contacted' ? 'first attempt' : 'interest in a conversation',
    attemptId: input.attemptId,
  });
  input.prospect.stage = input.to;
  return input.to;
}

function simulate(
  rng: Random,
  input: { hidden: Hidden; minute: number; kind: string },
): { outcome: Outcome; result: Result | null } {
  const { hidden, minute } = input;
  const fronted = hidden.persona === 'gatekeeper-fronted' || hidden.persona === 'edge-hours';
  const gatekeeperIn =
    fronted &&
    minute >= 8 * 60 + 30 &&
    minute < 17 * 60 &&
    (minute < hidden.lunch || minute >= hidden.lunch + 60);
  const dmIn =
    minute >= hidden.arrive && minute < (hidden.persona === 'edge-hours' ? hidden.leave + 90 : hidden.leave);
  if (input.kind === 'main') {
    if (gatekeeperIn) return { outcome: 'gatekeeper', result: rng.chance(0.1) ? 'callback-scheduled' : null };
    return { outcome: 'no-answer', result: null };
  }
  if (gatekeeperIn && hidden.persona === 'gatekeeper-fronted') return { outcome: 'gatekeeper', result: null };
  const pickup = { desk: 0.45, 'gatekeeper-fronted': 0.5, 'edge-hours': 0.7, screener: 0.05 }[hidden.persona];
  if (dmIn && rng.chance(0.65) && rng.chance(pickup)) {
    const result = rng.pick([
      'interested',
      'not-interested',
      'not-interested',
      'callback-scheduled',
      'meeting',
      null,
    ] as const);
    return { outcome: 'reached', result: rng.chance(0.02) ? 'do-not-call' : result };
  }
  if (rng.chance(0.1)) return { outcome: 'no-answer', result: null };
  return { outcome: rng.chance(0.35) ? 'voicemail-left' : 'voicemail', result: null };
}
