import type { z } from 'zod';
import type {
  listQuerySchema,
  PhoneKind,
  ProspectInput,
  ProspectView,
  Stage,
  StrategyName,
} from '../../contracts/prospects.contract.ts';
import type { Db } from '../../db/create-db.ts';
import { resolveAt } from '../../shared/clock.ts';
import { AppError, invalid, invalidFields, notFound } from '../../shared/errors.ts';
import { isIdText } from '../../shared/ids.ts';
import { audit, inBook, ownBook } from '../accounts/index.ts';
import { blockedNumbers } from '../suppression/index.ts';
import { type Ctx, findOrAddUser, findUser } from '../team/index.ts';
import { localTimeAt } from './local-time.ts';
import { type RawProspect, validateProspect } from './prospect-draft.ts';
import {
  addPhoneRows,
  attachPhones,
  companiesByIds,
  companyKey,
  type ExistingProspect,
  ensureCompanies,
  findCandidates,
  mergeResearch,
  moveOwner,
  type ProspectRow,
  prospectsByKey,
  prospectsPage,
  setOwner,
  setVoicemailStrategy,
  updateProspectFields,
} from './prospects.repository.ts';
import { diff, prepareDraft, upsertProspects } from './upsert-prospects.ts';

export type { ProspectView };

export const displayName = (p: {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
}): string => [p.firstName, p.lastName].filter(Boolean).join(' ') || p.email || '(no name)';

/** Finds a prospect by id, external id or email. */
export async function resolveProspect(ctx: Ctx, key: string | number): Promise<ProspectRow> {
  const text = String(key).trim();
  const rows = await prospectsByKey(ctx.db, {
    teamId: ctx.team.id,
    id: isIdText(text) ? Number(text) : undefined,
    text,
  });
  const exact = rows.find((r) => String(r.id) === text) ?? rows[0];
  // Another rep's prospect is not in this rep's book: not found, as if it were not there.
  if (!exact || !inBook(ctx, exact.ownerId)) throw notFound('Prospect', text);
  return exact;
}

export async function getProspect(
  ctx: Ctx,
  input: { key: string | number; at?: string | undefined },
): Promise<ProspectView> {
  const at = resolveAt(input.at);
  const row = await resolveProspect(ctx, input.key);
  const [view] = await toViews(ctx, { rows: [row], at });
  return view!;
}

export async function listProspects(
  ctx: Ctx,
  q: z.output<typeof listQuerySchema>,
): Promise<{ total: number; items: ProspectView[] }> {
  const at = resolveAt(q.at);
  const pattern = q.q ? `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : undefined;
  const { total, rows } = await prospectsPage(ctx.db, {
    teamId: ctx.team.id,
    ownerId: ownBook(ctx),
    stage: q.stage,
    pattern,
    limit: q.limit,
    offset: q.offset,
  });
  return { total, items: await toViews(ctx, { rows, at }) };
}

function toRaw(input: ProspectInput): RawProspect {
  const { research: _research, owner: _owner, voicemailStrategy: _strategy, ...rest } = input;
  return rest;
}

/**
 * Puts the prospect in this rep's book. A rep may only take a prospect into their own book (one
 * of the shared pool, or a new one); giving it to someone else is a manager's reassignment, audited.
 */
async function assignOwner(
  tx: Db,
  input: { ctx: Ctx; id: number; owner: string; from: number | null },
): Promise<void> {
  const ctx = { ...input.ctx, db: tx };
  const ownerId = await findOrAddUser(ctx, input.owner);
  if (ownerId === input.from) return;
  const own = ownBook(ctx);
  if (own !== null && ownerId !== own)
    throw new AppError(
      'forbidden',
      "A rep takes prospects into their own book only: a manager reassigns to another's",
    );
  await setOwner(tx, { prospectId: input.id, ownerId });
  if (input.from !== null)
    await audit(ctx, {
      action: 'owner_changed',
      subject: `prospect ${input.id}`,
      detail: { from: input.from, to: ownerId },
    });
}

/**
 * Puts imported rows in their owners' books: each row whose owner column names someone (a
 * user's email or name, added to the team when new) goes to that book, when a manager, an admin
 * or the operator imports. A rep's import puts the prospects it adds in the rep's own book and
 * reads no owner column. `known` keeps the owners found, for the rest of the batch.
 */
export async function ownImported(
  ctx: Ctx,
  input: { rows: { id: number; status: string; owner?: string | undefined }[]; known: Map<string, number> },
): Promise<void> {
  const own = ownBook(ctx);
  const byOwner = new Map<number, number[]>();
  for (const row of input.rows) {
    let to: number | undefined;
    if (own !== null) to = row.status === 'imported' ? own : undefined;
    else if (row.owner) {
      const key = row.owner.trim().toLowerCase();
      to = input.known.get(key);
      if (to === undefined) {
        to = await findOrAddUser(ctx, row.owner);
        input.known.set(key, to);
      }
    }
    if (to !== undefined) byOwner.set(to, [...(byOwner.get(to) ?? []), row.id]);
  }
  for (const [to, ids] of byOwner) await moveOwner(ctx.db, { teamId: ctx.team.id, to, ids });
}

/** A manager's reassignment: prospects of one owner, stage or list (or all) to a rep's book or the pool. */
export async function reassign(
  ctx: Ctx,
  input: {
    to: string;
    from?: string | undefined;
    stage?: Stage | undefined;
    ids?: number[] | undefined;
    all?: boolean | undefined;
  },
): Promise<{ reassigned: number; to: number | null }> {
  const userOf = async (who: string, field: string) => {
    if (who.toLowerCase() === 'pool') return null;
    const id = await findUser(ctx, who);
    if (id === null) throw invalid(field, `no one in the team is "${who}" (an id, email or name; or pool)`);
    return id;
  };
  const to = await userOf(input.to, 'to');
  const from = input.from === undefined ? undefined : await userOf(input.from, 'from');
  return ctx.db.transaction(async (tx) => {
    const moved = await moveOwner(tx, { teamId: ctx.team.id, to, from, stage: input.stage, ids: input.ids });
    await audit(
      { ...ctx, db: tx },
      {
        action: 'owner_changed',
        subject: `${moved} prospect${moved === 1 ? '' : 's'}`,
        detail: {
          to,
          from: from ?? 'any',
          stage: input.stage ?? null,
          ids: input.ids?.length ?? null,
          count: moved,
        },
      },
    );
    return { reassigned: moved, to };
  });
}

export async function addProspect(ctx: Ctx, input: ProspectInput): Promise<ProspectView> {
  const result = validateProspect(toRaw(input), {
    defaultCountry: ctx.team.defaultCountry,
    requireIdentity: true,
  });
  if (!result.ok) throw invalidFields(result.issues);
  const prepared = await prepareDraft(result.draft);
  const id = await ctx.db.transaction(async (tx) => {
    const clash = await findCandidates(tx, ctx.team.id, {
      externalIds: result.draft.externalId ? [result.draft.externalId] : [],
      emails: result.draft.email ? [result.draft.email] : [],
      phones: [],
    });
    if (clash[0])
      throw new AppError(
        'conflict',
        inBook(ctx, clash[0].ownerId)
          ? `Already in the book as prospect ${clash[0].id} (${displayName(clash[0])})`
          : "Already in the team's book, in another rep's: a manager can reassign it to you",
      );
    const [outcome] = await upsertProspects(tx, ctx.team.id, [prepared]);
    if (input.research) await saveResearch(tx, { id: outcome!.id, research: input.research, at: new Date() });
    const owner = input.owner ?? (ownBook(ctx) === null ? undefined : String(ownBook(ctx)));
    if (owner) await assignOwner(tx, { ctx, id: outcome!.id, owner, from: null });
    if (input.voicemailStrategy !== undefined)
      await setVoicemailStrategy(tx, { prospectId: outcome!.id, strategy: input.voicemailStrategy });
    return outcome!.id;
  });
  return getProspect(ctx, { key: id });
}

export async function editProspect(
  ctx: Ctx,
  input: { key: string | number; body: ProspectInput; at?: string | undefined },
): Promise<ProspectView> {
  const patch = input.body;
  const at = resolveAt(input.at);
  const row = await resolveProspect(ctx, input.key);
  const result = validateProspect(toRaw(patch), {
    defaultCountry: ctx.team.defaultCountry,
    requireIdentity: false,
  });
  if (!result.ok) throw invalidFields(result.issues);
  const prepared = await prepareDraft(result.draft);
  await ctx.db.transaction(async (tx) => {
    const [existing] = await attachPhones(tx, [row]);
    const companyIds = prepared.draft.company
      ? await upsertCompanyOnly(tx, ctx, prepared.draft.company)
      : undefined;
    const changes = diff(existing as ExistingProspect, { ...prepared, companyId: companyIds });
    if (Object.keys(changes).length > 0) {
      await updateProspectFields(tx, { prospectId: row.id, changes, at });
    }
    const fresh = prepared.draft.phones.filter((p) => !existing!.phones.some((q) => q.e164 === p.e164));
    if (fresh.length > 0) {
      await addPhoneRows(
        tx,
        fresh.map((p) => ({
          teamId: ctx.team.id,
          prospectId: row.id,
          e164: p.e164,
          kind: p.kind,
          extension: p.extension,
          source: 'manual',
        })),
      );
    }
    if (patch.research) await saveResearch(tx, { id: row.id, research: patch.research, at });
    if (patch.owner) await assignOwner(tx, { ctx, id: row.id, owner: patch.owner, from: row.ownerId });
    if (patch.voicemailStrategy !== undefined)
      await setVoicemailStrategy(tx, { prospectId: row.id, strategy: patch.voicemailStrategy });
  });
  return getProspect(ctx, { key: row.id, at: at.toISOString() });
}

async function upsertCompanyOnly(
  db: Ctx['db'],
  ctx: Ctx,
  company: { name: string; domain: string | null; industry: string | null },
) {
  const ids = await ensureCompanies(db, ctx.team.id, { list: [company], address: new Map() });
  return ids.get(companyKey(company));
}

async function saveResearch(
  db: Ctx['db'],
  input: { id: number; research: NonNullable<ProspectInput['research']>; at: Date },
) {
  const clean = Object.fromEntries(Object.entries(input.research).filter(([, v]) => v !== undefined));
  await mergeResearch(db, { prospectId: input.id, research: clean, at: input.at });
}

async function toViews(ctx: Ctx, input: { rows: ProspectRow[]; at: Date }): Promise<ProspectView[]> {
  const rows = await attachPhones(ctx.db, input.rows);
  const companyIds = [...new Set(rows.flatMap((r) => (r.companyId ? [r.companyId] : [])))];
  const numbers = rows.flatMap((r) => r.phones.map((p) => p.e164));
  const [companyRows, blocked] = await Promise.all([
    companiesByIds(ctx.db, companyIds),
    blockedNumbers(ctx.db, { teamId: ctx.team.id, numbers }),
  ]);
  const companyById = new Map(companyRows.map((c) => [c.id, c]));
  return rows.map((r) => {
    const company = r.companyId ? companyById.get(r.companyId) : undefined;
    return {
      id: r.id,
      externalId: r.externalId,
      name: displayName(r),
      firstName: r.firstName,
      lastName: r.lastName,
      title: r.title,
      email: r.email,
      stage: r.stage as Stage,
      ownerId: r.ownerId,
      value: r.value === null ? null : Number(r.value),
      company: company
        ? { id: company.id, name: company.name, domain: company.domain, industry: company.industry }
        : null,
      phones: r.phones.map((p) => ({
        id: p.id,
        e164: p.e164,
        kind: p.kind as PhoneKind,
        extension: p.extension,
        valid: p.valid,
        doNotCall: blocked.has(p.e164),
      })),
      timezone: r.timezone,
      timezoneCandidates: r.timezoneCandidates,
      timezoneSource: r.timezoneSource,
      localTime: localTimeAt(input.at, r),
      city: r.city,
      region: r.region,
      country: r.country,
      research: r.research,
      researchedAt: r.researchedAt?.toISOString() ?? null,
      alreadyHasProduct: r.alreadyHasProduct,
      competitorRelationship: r.competitorRelationship,
      optedOut: r.optedOut,
      voicemailStrategy: r.voicemailStrategy as StrategyName | null,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}
