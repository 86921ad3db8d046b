import { createRandom, type Random } from '../../shared/random.ts';
import { sampleBelief } from '../queue/index.ts';
import { type Persona, personas, type World } from './world.ts';

export type NumberKind = 'main' | 'direct' | 'mobile' | 'private';

/** A telephone number of a simulated prospect. `given` numbers are in the CRM; a private line must be revealed. */
export type SimNumber = { id: number; kind: NumberKind; e164: string; bad: boolean; given: boolean };

/** A day's clock span in local minutes, `[from, to)`. */
export type Span = { from: number; to: number };

/** What the CRM shows a rep about a prospect: no hidden behaviour. */
export type Visible = {
  firstName: string;
  lastName: string;
  company: string;
  industry: string;
  title: string;
  seniority: number;
  stage: 'new' | 'engaged' | 'interested';
  value: number;
  timezone: string;
  /** Research notes, for the prospects the team has researched. */
  research: { objective: string; benefits: string[]; hasProduct: boolean; competitor: boolean } | null;
};

/** One simulated prospect: what the CRM shows and the hidden behaviour that answers the phone. */
export type SimProspect = {
  id: number;
  visible: Visible;
  numbers: SimNumber[];
  persona: Persona;
  zone: string;
  dm: Span;
  dmLunch: Span;
  gatekeeper: { day: Span; lunch: Span } | null;
  /** Seeds the decision maker's meetings: one draw per date and hour. */
  meetingSeed: number;
  interest: number;
  /** Annoyance above which they ask to be put on the Do-Not-Call list. */
  threshold: number;
  researched: boolean;
  hasProduct: boolean;
  competitor: boolean;
};

export type Territory = { prospects: SimProspect[]; typicalValue: number };

const minutesOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const between = (rng: Random, range: readonly [string, string]): number => {
  const from = minutesOf(range[0]);
  const to = minutesOf(range[1]);
  return Math.round(from + rng.next() * (to - from));
};

/** A key drawn by weight. */
function weighted<K extends string>(rng: Random, weights: Partial<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = rng.next() * total;
  for (const [key, w] of entries) {
    r -= w;
    if (r < 0) return key;
  }
  return entries.at(-1)![0];
}

/** A standard normal draw (Box-Muller). */
const normal = (rng: Random): number =>
  Math.sqrt(-2 * Math.log(Math.max(rng.next(), Number.MIN_VALUE))) * Math.cos(2 * Math.PI * rng.next());

/** A Beta draw with this mean: interest varies a lot from one prospect to the next. */
const betaWithMean = (rng: Random, mean: number, strength = 6): number =>
  sampleBelief(rng, { alpha: mean * strength, beta: (1 - mean) * strength, mean, evidence: 0 });

const FIRST = ['Alex', 'Maria', 'James', 'Priya', 'Daniel', 'Sofia', 'Robert', 'Aisha', 'Thomas', 'Elena'];
const LAST = [
  'Nguyen',
  'Garcia',
  'Smith',
  'Kowalski',
  'Okafor',
  'Bauer',
  'Rossi',
  'Tanaka',
  'Murphy',
  'Silva',
];
const INDUSTRIES = ['Logistics', 'Manufacturing', 'Healthcare', 'Retail', 'Construction'];
/** Titles with the seniority Reach reads from them: 1 executive, 2 vice president, 3 director. */
const TITLES = [
  { title: 'Chief Operating Officer', seniority: 1 },
  { title: 'Chief Financial Officer', seniority: 1 },
  { title: 'VP Operations', seniority: 2 },
  { title: 'VP Sales', seniority: 2 },
  { title: 'Director of IT', seniority: 3 },
  { title: 'Director of Procurement', seniority: 3 },
];
const OBJECTIVES = [
  'cut order-to-delivery time',
  'lower the cost of returns',
  'hire faster for the new site',
  'bring overtime down this quarter',
  'pass the next audit without findings',
];
const BENEFITS = [
  'fewer late shipments',
  'a smaller finance close team',
  'one weekly report instead of five',
  'fewer support tickets',
  'faster onboarding of new staff',
  'clearer margins per customer',
];

/** A number plan per zone: the digits every number starts with, and how many follow. */
const PLANS: Record<string, [string, number]> = {
  'America/New_York': ['1212', 7],
  'America/Chicago': ['1312', 7],
  'America/Denver': ['1303', 7],
  'America/Phoenix': ['1602', 7],
  'America/Los_Angeles': ['1213', 7],
  'Europe/London': ['44207', 7],
  'Europe/Berlin': ['4930', 8],
  'Europe/Paris': ['331', 8],
  'Europe/Madrid': ['3491', 7],
  'Europe/Rome': ['3906', 8],
  'Europe/Amsterdam': ['3120', 7],
  'Europe/Warsaw': ['4822', 7],
};

/** A valid-looking number in the prospect's zone: 555 exchanges in North America, the capital's area elsewhere. */
function numberIn(zone: string, id: number): string {
  const [prefix, digits] = PLANS[zone] ?? (zone.startsWith('America/') ? ['1415', 7] : ['44207', 7]);
  const line = `${555 + Math.floor(id / 10_000)}${String(id % 10_000).padStart(4, '0')}`;
  return `+${prefix}${line.padStart(digits, '0').slice(-digits)}`;
}

/**
 * Draws the territory of a world: each prospect's zone, persona, decision maker's day,
 * gatekeeper, numbers (some bad), interest and patience. The same world and seed always
 * draw the same territory.
 */
export function drawTerritory(world: World, seed: number): Territory {
  const rng = createRandom(seed * 2_654_435_761 + 17);
  const { prospects: p, behaviour: b } = world;
  const out: SimProspect[] = [];
  let numberId = 0;
  for (let id = 1; id <= p.count; id++) {
    const zone = weighted(rng, p.timezones);
    const persona = weighted<Persona>(
      rng,
      Object.fromEntries(personas.map((x) => [x, p.personas[x] ?? 0])) as Record<Persona, number>,
    );
    const fronted = persona === 'gatekeeper-fronted' || persona === 'edge-hours';
    const dm = {
      from: between(rng, b.dmArrive),
      to: between(rng, persona === 'edge-hours' ? b.edgeDmLeave : b.dmLeave),
    };
    const dmLunchFrom = between(rng, b.dmLunchStart);
    const lunchFrom = between(rng, b.gatekeeperLunchStart);
    const gatekeeper = fronted
      ? {
          day: { from: between(rng, b.gatekeeperArrive), to: between(rng, b.gatekeeperLeave) },
          lunch: { from: lunchFrom, to: lunchFrom + b.gatekeeperLunchMinutes },
        }
      : null;
    const numberOf = (kind: NumberKind, given: boolean): SimNumber => {
      numberId++;
      return {
        id: numberId,
        kind,
        e164: numberIn(zone, numberId),
        bad: given && rng.chance(p.badNumberShare),
        given,
      };
    };
    const numbers: SimNumber[] = [numberOf('main', true)];
    if (rng.chance(p.directDialShare)) numbers.push(numberOf('direct', true));
    if (rng.chance(p.mobileShare)) numbers.push(numberOf('mobile', true));
    if (fronted) numbers.push(numberOf('private', false));
    const stage = weighted(rng, p.stages);
    const interestMean = stage === 'interested' ? 0.25 : stage === 'engaged' ? 0.18 : b.interestMean;
    const role = rng.pick(TITLES);
    const industry = rng.pick(INDUSTRIES);
    const hasProduct = rng.chance(p.alreadyHasProductShare);
    const competitor = rng.chance(p.competitorRelationshipShare);
    const researched = rng.chance(b.researchedShare);
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const benefits = rng.shuffle([...BENEFITS]).slice(0, 2);
    out.push({
      id,
      visible: {
        firstName: first,
        lastName: last,
        company: `${last} ${industry} ${id}`,
        industry,
        title: role.title,
        seniority: role.seniority,
        stage,
        value: Math.round(p.valueMedian * Math.exp(0.8 * normal(rng))),
        timezone: zone,
        research: researched ? { objective: rng.pick(OBJECTIVES), benefits, hasProduct, competitor } : null,
      },
      numbers,
      persona,
      zone,
      dm,
      dmLunch: { from: dmLunchFrom, to: dmLunchFrom + b.dmLunchMinutes },
      gatekeeper,
      meetingSeed: Math.floor(rng.next() * 2 ** 31),
      interest: betaWithMean(rng, interestMean),
      threshold: 0.8 + rng.next() * 1.2,
      researched,
      hasProduct,
      competitor,
    });
  }
  // The median as Reach's queue takes it (percentile_disc): the lower middle value.
  const values = out.map((x) => x.visible.value).sort((a, c) => a - c);
  return { prospects: out, typicalValue: values[Math.ceil(values.length / 2) - 1] ?? 1 };
}
