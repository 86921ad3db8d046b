import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { dncEntries, dncEvents, enrollments, phoneNumbers, prospects, tasks } from '../../db/schema.ts';

/** A person's own lines: a stop request binds them. A main line or switchboard is their colleagues' too. */
export const PERSONAL_KINDS = ['direct', 'mobile', 'private'];

/** Every record of one person, and the email addresses and own numbers they are known by. */
export type Binding = { prospectIds: number[]; numbers: string[]; emails: string[] };

/**
 * The records one person's stop request binds: the prospect, and every record sharing their
 * email address or one of their own numbers, and so on until nothing new is found.
 */
export async function bindingOf(db: Db, input: { teamId: number; prospectId: number }): Promise<Binding> {
  const ids = new Set([input.prospectId]);
  const emails = new Set<string>();
  const numbers = new Set<string>();
  for (let round = 0; round < 6; round++) {
    const size = ids.size + emails.size + numbers.size;
    const records = await db
      .select({ id: prospects.id, email: prospects.email })
      .from(prospects)
      .where(
        and(
          eq(prospects.teamId, input.teamId),
          or(
            inArray(prospects.id, [...ids]),
            emails.size > 0 ? inArray(sql`lower(${prospects.email})`, [...emails]) : undefined,
            numbers.size > 0
              ? inArray(
                  prospects.id,
                  db
                    .select({ id: phoneNumbers.prospectId })
                    .from(phoneNumbers)
                    .where(
                      and(
                        eq(phoneNumbers.teamId, input.teamId),
                        inArray(phoneNumbers.e164, [...numbers]),
                        inArray(phoneNumbers.kind, PERSONAL_KINDS),
                      ),
                    ),
                )
              : undefined,
          ),
        ),
      );
    for (const r of records) {
      ids.add(r.id);
      if (r.email) emails.add(r.email.trim().toLowerCase());
    }
    const own = await db
      .select({ e164: phoneNumbers.e164 })
      .from(phoneNumbers)
      .where(and(inArray(phoneNumbers.prospectId, [...ids]), inArray(phoneNumbers.kind, PERSONAL_KINDS)));
    for (const p of own) numbers.add(p.e164);
    if (ids.size + emails.size + numbers.size === size) break;
  }
  return { prospectIds: [...ids].sort((a, b) => a - b), numbers: [...numbers], emails: [...emails] };
}

export type StopRequest = {
  teamId: number;
  prospectId: number;
  at: Date;
  source: string;
  reason: string;
  by?: string | null;
};

/**
 * A person asked to stop: every record of theirs opted out, their own numbers and email
 * address on the list (so a later import of them arrives opted out), every cadence stopped and
 * open task cancelled, each entry written to the audit log. Inside the caller's transaction.
 */
export async function bindPerson(tx: Db, request: StopRequest): Promise<Binding> {
  const { teamId, at } = request;
  const binding = await bindingOf(tx, request);
  const active = await tx
    .select({ e164: dncEntries.e164, email: dncEntries.email, prospectId: dncEntries.prospectId })
    .from(dncEntries)
    .where(
      and(eq(dncEntries.teamId, teamId), isNull(dncEntries.removedAt), eq(dncEntries.bindsPerson, true)),
    );
  const has = (key: string) =>
    active.some((e) => (e.e164 ?? (e.email ? `@${e.email}` : `p${e.prospectId}`)) === key);
  const entry = { teamId, reason: request.reason, source: request.source, addedAt: at, bindsPerson: true };
  const fresh: { prospectId: number; e164: string | null; email: string | null }[] = [
    ...binding.prospectIds
      .filter((id) => !has(`p${id}`))
      .map((id) => ({ prospectId: id, e164: null, email: null })),
    ...binding.numbers
      .filter((e164) => !has(e164))
      .map((e164) => ({ prospectId: request.prospectId, e164, email: null })),
    ...binding.emails
      .filter((email) => !has(`@${email}`))
      .map((email) => ({ prospectId: request.prospectId, e164: null, email })),
  ];
  if (fresh.length > 0) {
    await tx.insert(dncEntries).values(fresh.map((e) => ({ ...entry, ...e })));
    await tx.insert(dncEvents).values(
      fresh.map((e) => ({
        ...e,
        teamId,
        at,
        action: 'added',
        reason: request.reason,
        source: request.source,
        by: request.by ?? null,
      })),
    );
  }
  await tx
    .update(prospects)
    .set({ optedOut: true, updatedAt: at })
    .where(inArray(prospects.id, binding.prospectIds));
  // Every channel closes with the request: each running or paused cadence of theirs stops with
  // its reason, and every open task of theirs, a cadence's or not, is cancelled.
  await tx
    .update(enrollments)
    .set({ status: 'stopped', statusReason: request.reason, statusAt: at })
    .where(
      and(
        inArray(enrollments.prospectId, binding.prospectIds),
        inArray(enrollments.status, ['active', 'paused']),
      ),
    );
  await tx
    .update(tasks)
    .set({ status: 'cancelled', doneAt: at })
    .where(and(inArray(tasks.prospectId, binding.prospectIds), eq(tasks.status, 'open')));
  return binding;
}

/**
 * Records of `ids` that share an email address or an own number with a person who asked to
 * stop are bound by that request too, with the reason: the way a re-import under a new
 * external id stays opted out.
 */
export async function suppressKnown(
  tx: Db,
  input: { teamId: number; ids: number[]; at: Date },
): Promise<Map<number, string>> {
  const suppressed = new Map<number, string>();
  if (input.ids.length === 0) return suppressed;
  const hits = await tx.execute(sql`
    select p.id, coalesce(
      (select 'the email address ' || d.email from dnc_entries d
        where d.team_id = p.team_id and d.removed_at is null and d.binds_person and d.email = lower(p.email) limit 1),
      (select 'the number ' || d.e164 from dnc_entries d join phone_numbers ph on ph.e164 = d.e164
        where d.team_id = p.team_id and d.removed_at is null and d.binds_person and ph.prospect_id = p.id
          and ph.kind in ('direct', 'mobile', 'private') limit 1)) as what
    from prospects p
    where p.id = any(${sql.param(input.ids)}::int[]) and not p.opted_out`);
  for (const row of (hits as { rows: { id: number; what: string | null }[] }).rows) {
    if (!row.what) continue;
    const reason = `shares ${row.what} with a person who asked not to be contacted`;
    await bindPerson(tx, {
      teamId: input.teamId,
      prospectId: Number(row.id),
      at: input.at,
      source: 'suppression',
      reason,
    });
    suppressed.set(Number(row.id), reason);
  }
  return suppressed;
}

/** Numbers on the list as the team's (not the person's request): an imported `do_not_call` column. */
export async function listNumbers(
  tx: Db,
  input: { teamId: number; prospectId: number; numbers: string[]; at: Date; source: string },
): Promise<void> {
  const active = await tx
    .select({ e164: dncEntries.e164 })
    .from(dncEntries)
    .where(
      and(
        eq(dncEntries.teamId, input.teamId),
        isNull(dncEntries.removedAt),
        inArray(dncEntries.e164, input.numbers),
      ),
    );
  const fresh = input.numbers
    .filter((e164) => !active.some((a) => a.e164 === e164))
    .map((e164) => ({
      teamId: input.teamId,
      e164,
      prospectId: input.prospectId,
      reason: 'on the Do-Not-Call list in the imported records',
      source: input.source,
    }));
  if (fresh.length === 0) return;
  await tx.insert(dncEntries).values(fresh.map((e) => ({ ...e, addedAt: input.at })));
  await tx.insert(dncEvents).values(fresh.map((e) => ({ ...e, at: input.at, action: 'added' })));
}
