import { and, eq, isNull } from 'drizzle-orm';
import type { Stage } from '../../contracts/vocabulary.ts';
import type { Db } from '../../db/create-db.ts';
import { dncEntries } from '../../db/schema.ts';
import { type ResolvedZone, resolveTimezone, type ZoneSource, zonesForPhone } from '../phones/index.ts';
import { bindPerson, listNumbers, suppressKnown } from '../suppression/index.ts';
import type { DraftPhone, PhoneKind, ProspectDraft } from './prospect-draft.ts';
import {
  type CompanyInput,
  companyKey,
  ensureCompanies,
  findCandidates,
  insertPhones,
  insertProspects,
  type NewPhoneRow,
  type NewProspectRow,
  nameKey,
  type PhoneRow,
  type ProspectRow,
  updateProspectRow,
} from './prospects.repository.ts';

/** A stored prospect as matching sees it: the row and the numbers it is known by. */
type Known = ProspectRow & { phones: Pick<PhoneRow, 'e164' | 'kind'>[] };

export type UpsertStatus = 'imported' | 'updated' | 'unchanged';
/** A draft with its own zone, and the zones its numbers point to (kept to resolve a merged row again). */
export type PreparedDraft = {
  draft: ProspectDraft;
  zone: ResolvedZone;
  phoneZones: string[];
  line?: number;
  /** Whose book an imported row goes to, as its owner column names them. */
  owner?: string;
};
/** `suppressed`: why the record arrived opted out (it shares an address or number with a stop request). */
export type UpsertOutcome = {
  status: UpsertStatus;
  id: number;
  suppressed?: string;
  /** The row is a prospect in another rep's book: left as it is (a rep changes only their own book and the pool). */
  elsewhere?: true;
};

/** The changes to stored prospects a batch comes to: what each one's row gains. */
export type ProspectPatch = { id: number; patch: Partial<NewProspectRow> };

/**
 * How a batch's decisions reach the book. Row by row suits the one-prospect callers; an import
 * passes a writer that loads each kind of change in one set-wise statement.
 */
export type ProspectWriter = {
  /** Finds or creates each company, returning ids by `companyKey` (as `ensureCompanies` does). */
  ensureCompanies: typeof ensureCompanies;
  /** Inserts the rows, returning their ids in the same order. */
  insertProspects: (db: Db, rows: NewProspectRow[]) => Promise<number[]>;
  /** Applies each patch to its prospect, touching only the fields the patch names. */
  updateProspects: (db: Db, patches: ProspectPatch[]) => Promise<void>;
  /** Adds numbers; one a prospect already has is left as it is. */
  insertPhones: (db: Db, rows: NewPhoneRow[]) => Promise<void>;
};

export const directWriter: ProspectWriter = {
  ensureCompanies,
  insertProspects,
  updateProspects: async (db, patches) => {
    for (const { id, patch } of patches) await updateProspectRow(db, id, patch);
  },
  insertPhones,
};

// Personal lines say most about where the person sits; a switchboard may be a head office elsewhere.
const zonePriority: PhoneKind[] = ['direct', 'private', 'mobile', 'assistant', 'main', 'other'];
const sourceRank: Record<ZoneSource, number> = { phone: 1, address: 2, explicit: 3 };
// A shared switchboard identifies a company, not a person, so it never matches a prospect.
const personalKinds = new Set<PhoneKind>(['direct', 'mobile', 'private']);

/** Resolves the draft's zone from its own fields (a number-plan lookup, done before any transaction). */
export async function prepareDraft(draft: ProspectDraft): Promise<PreparedDraft> {
  const { zone, phoneZones } = recordZone({
    explicit: draft.timezone ?? null,
    address: { region: draft.region ?? null, country: draft.country ?? null },
    phones: draft.phones,
  });
  return { draft, zone, phoneZones };
}

/** A person's zone from their record: what it states, narrowed by their most personal number with a place. */
export function recordZone(input: {
  explicit: string | null;
  address: { region: string | null; country: string | null };
  phones: { e164: string; kind: string }[];
}): { zone: ResolvedZone; phoneZones: string[] } {
  const rank = (kind: string) => {
    const at = zonePriority.indexOf(kind as PhoneKind);
    return at === -1 ? zonePriority.length : at;
  };
  const byPriority = [...input.phones].sort((a, b) => rank(a.kind) - rank(b.kind));
  let phoneZones: string[] = [];
  for (const phone of byPriority) {
    phoneZones = zonesForPhone(phone.e164);
    if (phoneZones.length > 0) break;
  }
  return { zone: resolveTimezone({ ...input, phoneZones }), phoneZones };
}

type Pending = { row: NewProspectRow; phones: DraftPhone[]; index: number };

/**
 * Inserts or updates a batch of prospects, matching each on external id, then email, then a
 * personal phone number, against the book and against earlier rows of the same batch. Run it
 * inside one transaction so a batch is wholly in or wholly out.
 */
export const upsertProspects = (db: Db, teamId: number, batch: PreparedDraft[]): Promise<UpsertOutcome[]> =>
  upsertWith(directWriter, { db, teamId, batch });

/** `upsertProspects` with the batch's writes made by the given writer. */
export async function upsertWith(
  writer: ProspectWriter,
  input: { db: Db; teamId: number; batch: PreparedDraft[]; own?: number | null },
): Promise<UpsertOutcome[]> {
  const { db, teamId, batch } = input;
  const own = input.own ?? null;
  const companyIds = await ensureBatchCompanies(db, { teamId, batch, writer });
  const companyOf = (draft: ProspectDraft) =>
    draft.company ? (companyIds.get(companyKey(draft.company)) ?? null) : undefined;
  const existing = await findCandidates(db, teamId, {
    names: unique(
      batch.map((b) =>
        keyless(b.draft) ? nameKey({ ...b.draft, companyId: companyOf(b.draft) ?? null }) : undefined,
      ),
    ),
    externalIds: unique(batch.map((b) => b.draft.externalId)),
    emails: unique(batch.map((b) => b.draft.email)),
    phones: unique(
      batch.flatMap((b) => b.draft.phones.filter((p) => personalKinds.has(p.kind)).map((p) => p.e164)),
    ),
  });
  const index = new Matcher();
  for (const p of existing) index.add(p);

  const outcomes: (UpsertOutcome | { pending: number; status: UpsertStatus })[] = [];
  const pending: Pending[] = [];
  // Changes to stored prospects are gathered (one patch per prospect, however often matched) and
  // written after the loop: matching reads the index, which already holds them.
  const patches = new Map<number, Partial<NewProspectRow>>();
  const addedPhones: NewPhoneRow[] = [];
  for (const prepared of batch) {
    const { draft, zone } = prepared;
    const companyId = companyOf(draft);
    const match = index.find(draft, companyId ?? null);
    if (match === undefined) {
      const row = newRow({ teamId, draft, zone, companyId: companyId ?? null });
      const entry: Pending = { row, phones: [...draft.phones], index: pending.length };
      pending.push(entry);
      index.addPending(entry, { draft, companyId: companyId ?? null });
      outcomes.push({ pending: entry.index, status: 'imported' });
    } else if ('row' in match) {
      const changed = mergePending(match, { ...prepared, companyId });
      outcomes.push({ pending: match.index, status: changed ? 'updated' : 'unchanged' });
    } else if (own !== null && match.ownerId !== null && match.ownerId !== own) {
      outcomes.push({ status: 'unchanged', id: match.id, elsewhere: true });
    } else {
      const patch = diff(match, { ...prepared, companyId });
      // A list read again is older news than the calls since: its stage only moves one forward.
      if (patch.stage !== undefined && !stageForward(match.stage ?? 'new', patch.stage)) delete patch.stage;
      const newPhones = draft.phones.filter((p) => !match.phones.some((q) => q.e164 === p.e164));
      if (Object.keys(patch).length > 0) patches.set(match.id, { ...patches.get(match.id), ...patch });
      addedPhones.push(...newPhones.map((p) => phoneRow(teamId, match.id, p)));
      match.phones.push(...newPhones);
      Object.assign(match, patch);
      index.add(match);
      const changed = Object.keys(patch).length > 0 || newPhones.length > 0;
      outcomes.push({ status: changed ? 'updated' : 'unchanged', id: match.id });
    }
  }
  await writer.updateProspects(
    db,
    [...patches].map(([id, patch]) => ({ id, patch })),
  );
  const ids = await writer.insertProspects(
    db,
    pending.map((p) => p.row),
  );
  await writer.insertPhones(db, [
    ...addedPhones,
    ...pending.flatMap((p, i) => p.phones.map((phone) => phoneRow(teamId, ids[i]!, phone))),
  ]);
  const done = outcomes.map((o) => ('pending' in o ? { status: o.status, id: ids[o.pending]! } : o));
  return honourStops(db, { teamId, batch, done });
}

/**
 * Stop requests ride with the records: a row marked opted out binds the person, its
 * `do_not_call` numbers go on the list, and a row that shares an email address or an own
 * number with someone who asked to stop arrives opted out, with the reason.
 */
async function honourStops(
  db: Db,
  input: { teamId: number; batch: PreparedDraft[]; done: UpsertOutcome[] },
): Promise<UpsertOutcome[]> {
  const { teamId, batch, done } = input;
  const at = new Date();
  for (const [i, outcome] of done.entries()) {
    const draft = batch[i]!.draft;
    if (draft.optedOut)
      await bindPerson(db, {
        teamId,
        prospectId: outcome.id,
        at,
        source: 'import',
        reason: 'opted out in the imported records',
      });
    if (draft.doNotCall?.length)
      await listNumbers(db, {
        teamId,
        prospectId: outcome.id,
        numbers: draft.doNotCall,
        at,
        source: 'import',
      });
  }
  const suppressed = (await anyStopBinds(db, teamId))
    ? await suppressKnown(db, { teamId, ids: done.map((o) => o.id), at })
    : new Map<number, string>();
  return done.map((o) => {
    const reason = suppressed.get(o.id);
    return reason ? { ...o, suppressed: reason } : o;
  });
}

/** Whether the team has a stop request that binds a person: without one, no record can share it. */
async function anyStopBinds(db: Db, teamId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: dncEntries.id })
    .from(dncEntries)
    .where(and(eq(dncEntries.teamId, teamId), isNull(dncEntries.removedAt), eq(dncEntries.bindsPerson, true)))
    .limit(1);
  return row !== undefined;
}

class Matcher {
  private byExternal = new Map<string, Known | Pending>();
  private byEmail = new Map<string, Known | Pending>();
  private byPhone = new Map<string, Known | Pending>();
  private byName = new Map<string, Known | Pending>();

  add(p: Known): void {
    if (p.externalId) this.byExternal.set(p.externalId, p);
    if (p.email) this.byEmail.set(p.email.toLowerCase(), p);
    if (p.firstName || p.lastName) this.byName.set(nameKey(p), p);
    for (const phone of p.phones)
      if (personalKinds.has(phone.kind as PhoneKind)) this.byPhone.set(phone.e164, p);
  }

  addPending(entry: Pending, input: { draft: ProspectDraft; companyId: number | null }): void {
    const { draft } = input;
    if (draft.firstName || draft.lastName)
      this.byName.set(nameKey({ ...draft, companyId: input.companyId }), entry);
    if (draft.externalId) this.byExternal.set(draft.externalId, entry);
    if (draft.email) this.byEmail.set(draft.email, entry);
    for (const phone of draft.phones) if (personalKinds.has(phone.kind)) this.byPhone.set(phone.e164, entry);
  }

  find(draft: ProspectDraft, companyId: number | null): Known | Pending | undefined {
    if (draft.externalId) {
      const hit = this.byExternal.get(draft.externalId);
      if (hit) return hit;
    }
    if (draft.email) {
      const hit = this.byEmail.get(draft.email);
      if (hit && compatible(identity(hit).externalId, draft.externalId)) return hit;
    }
    for (const phone of draft.phones) {
      const hit = personalKinds.has(phone.kind) ? this.byPhone.get(phone.e164) : undefined;
      const who = hit ? identity(hit) : undefined;
      if (hit && who && compatible(who.externalId, draft.externalId) && compatible(who.email, draft.email))
        return hit;
    }
    if (keyless(draft) && (draft.firstName || draft.lastName)) {
      const hit = this.byName.get(nameKey({ ...draft, companyId }));
      const who = hit ? identity(hit) : undefined;
      if (hit && who && !who.externalId && !who.email) return hit;
    }
    return undefined;
  }
}

/** A row that carries no external id and no email can only be recognised by its name at its company. */
const keyless = (draft: ProspectDraft): boolean => !draft.externalId && !draft.email;

const identity = (p: Known | Pending) => ('row' in p ? p.row : p);
const compatible = (stored: string | null | undefined, incoming: string | undefined): boolean =>
  !stored || !incoming || stored.toLowerCase() === incoming.toLowerCase();

function unique(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined))];
}

async function ensureBatchCompanies(
  db: Db,
  input: { teamId: number; batch: PreparedDraft[]; writer: ProspectWriter },
): Promise<Map<string, number>> {
  const { teamId, batch } = input;
  const list: CompanyInput[] = [];
  const address = new Map<
    string,
    { city?: string; region?: string; country?: string; timezone: string | null }
  >();
  for (const { draft, zone } of batch) {
    if (!draft.company) continue;
    list.push(draft.company);
    const key = companyKey(draft.company);
    if (!address.has(key)) {
      const where: { city?: string; region?: string; country?: string; timezone: string | null } = {
        timezone: zone.source === 'phone' ? null : zone.timezone,
      };
      if (draft.city) where.city = draft.city;
      if (draft.region) where.region = draft.region;
      if (draft.country) where.country = draft.country;
      address.set(key, where);
    }
  }
  return input.writer.ensureCompanies(db, teamId, { list, address });
}

function newRow(input: {
  teamId: number;
  draft: ProspectDraft;
  zone: ResolvedZone;
  companyId: number | null;
}): NewProspectRow {
  const { draft, zone } = input;
  return {
    teamId: input.teamId,
    companyId: input.companyId,
    externalId: draft.externalId ?? null,
    firstName: draft.firstName ?? null,
    lastName: draft.lastName ?? null,
    title: draft.title ?? null,
    email: draft.email ?? null,
    stage: draft.stage ?? 'new',
    value: draft.value ?? null,
    alreadyHasProduct: draft.alreadyHasProduct ?? false,
    competitorRelationship: draft.competitorRelationship ?? false,
    research: draft.notes ? { notes: draft.notes } : {},
    city: draft.city ?? null,
    region: draft.region ?? null,
    country: draft.country ?? null,
    timezone: zone.timezone,
    timezoneCandidates: zone.candidates,
    timezoneSource: zone.source,
    statedTimezone: draft.timezone ?? null,
  };
}

type Incoming = PreparedDraft & { companyId: number | null | undefined };

/** The stored fields the incoming draft would change; empty when the row is already up to date. */
/** How far along the funnel a stage is; a customer won and a prospect lost are both ends of it. */
const FUNNEL: Record<Stage, number> = {
  new: 0,
  contacted: 1,
  engaged: 2,
  interested: 3,
  customer: 4,
  lost: 4,
};

/**
 * Whether a list (an import, a CRM's export) may move a stored prospect from one stage to
 * another: forward along the funnel, or to an end (won, lost); never back to an earlier stage,
 * and never away from an end (an old list does not undo a win).
 */
export const stageForward = (from: string, to: string): boolean =>
  from !== 'customer' &&
  from !== 'lost' &&
  (to === 'customer' || to === 'lost' || (FUNNEL[to as Stage] ?? 0) > (FUNNEL[from as Stage] ?? 0));

export function diff(current: Known | NewProspectRow, incoming: Incoming): Partial<NewProspectRow> {
  const { draft } = incoming;
  const patch: Partial<NewProspectRow> = {};
  const scalar = [
    'externalId',
    'firstName',
    'lastName',
    'title',
    'email',
    'stage',
    'value',
    'alreadyHasProduct',
    'competitorRelationship',
    'city',
    'region',
    'country',
  ] as const;
  for (const key of scalar) {
    const next = draft[key];
    if (next !== undefined && next !== (current[key] ?? null)) (patch as Record<string, unknown>)[key] = next;
  }
  if (incoming.companyId !== undefined && incoming.companyId !== (current.companyId ?? null))
    patch.companyId = incoming.companyId;
  const research = current.research ?? {};
  if (draft.notes !== undefined && draft.notes !== research.notes)
    patch.research = { ...research, notes: draft.notes };
  // The zone follows the row as merged, not the incoming fields alone: a row that adds a region
  // to a stored country must be placed by both.
  const explicit = draft.timezone ?? current.statedTimezone ?? null;
  if (draft.timezone !== undefined && draft.timezone !== (current.statedTimezone ?? null))
    patch.statedTimezone = draft.timezone;
  const zone = resolveTimezone({
    explicit,
    address: {
      region: draft.region ?? current.region ?? null,
      country: draft.country ?? current.country ?? null,
    },
    phoneZones: incoming.phoneZones,
  });
  const currentRank = current.timezoneSource ? sourceRank[current.timezoneSource as ZoneSource] : 0;
  if (zone.source && sourceRank[zone.source] >= currentRank) {
    const sameZone =
      zone.timezone === (current.timezone ?? null) &&
      zone.candidates.join() === (current.timezoneCandidates ?? []).join() &&
      zone.source === current.timezoneSource;
    if (!sameZone) {
      patch.timezone = zone.timezone;
      patch.timezoneCandidates = zone.candidates;
      patch.timezoneSource = zone.source;
    }
  }
  return patch;
}

function mergePending(target: Pending, incoming: Incoming): boolean {
  const patch = diff(target.row, incoming);
  Object.assign(target.row, patch);
  const added = incoming.draft.phones.filter((p) => !target.phones.some((q) => q.e164 === p.e164));
  target.phones.push(...added);
  return Object.keys(patch).length > 0 || added.length > 0;
}

function phoneRow(teamId: number, prospectId: number, phone: DraftPhone): NewPhoneRow {
  return {
    teamId,
    prospectId,
    e164: phone.e164,
    kind: phone.kind,
    extension: phone.extension,
    source: 'import',
  };
}
