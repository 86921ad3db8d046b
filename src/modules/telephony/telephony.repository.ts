import { and, desc, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import { inBookWhere } from '../../db/books.ts';
import type { Db } from '../../db/create-db.ts';
import { rowsOf } from '../../db/rows.ts';
import {
  callAttempts,
  companies,
  phoneNumbers,
  prospects,
  telephonyCalls,
  telephonyEvents,
  voicemailDrops,
} from '../../db/schema.ts';
import type { CallEvent, CallFacts } from './call-state.ts';

export type CallRow = typeof telephonyCalls.$inferSelect;
type NewCall = typeof telephonyCalls.$inferInsert;

/** A call with whom it is to and what its attempt says. */
export type CallView = {
  call: CallRow;
  prospect: { id: number; name: string; company: string | null; ownerId: number | null } | null;
  attempt: { outcome: string; durationSeconds: number | null } | null;
  drop: { id: number; name: string } | null;
};

export async function insertCall(db: Db, row: NewCall): Promise<number> {
  const [inserted] = await db.insert(telephonyCalls).values(row).returning({ id: telephonyCalls.id });
  return inserted!.id;
}

export async function updateCall(db: Db, input: { id: number; patch: Partial<NewCall> }): Promise<void> {
  await db.update(telephonyCalls).set(input.patch).where(eq(telephonyCalls.id, input.id));
}

/** The call's row, locked until the transaction ends: one processor at a time folds and logs it. */
export async function lockCall(db: Db, input: { id: number }): Promise<CallRow | undefined> {
  const [row] = await db.select().from(telephonyCalls).where(eq(telephonyCalls.id, input.id)).for('update');
  return row;
}

const viewColumns = {
  call: telephonyCalls,
  prospectId: prospects.id,
  ownerId: prospects.ownerId,
  firstName: prospects.firstName,
  lastName: prospects.lastName,
  email: prospects.email,
  company: companies.name,
  outcome: callAttempts.outcome,
  attemptDuration: callAttempts.durationSeconds,
  dropName: voicemailDrops.name,
};

type ViewRow = {
  call: CallRow;
  prospectId: number | null;
  ownerId: number | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  company: string | null;
  outcome: string | null;
  attemptDuration: number | null;
  dropName: string | null;
};

const viewOf = (r: ViewRow): CallView => ({
  call: r.call,
  prospect:
    r.prospectId === null
      ? null
      : {
          id: r.prospectId,
          name: [r.firstName, r.lastName].filter(Boolean).join(' ') || r.email || `#${r.prospectId}`,
          company: r.company,
          ownerId: r.ownerId,
        },
  attempt: r.outcome === null ? null : { outcome: r.outcome, durationSeconds: r.attemptDuration },
  drop: r.call.dropId === null ? null : { id: r.call.dropId, name: r.dropName ?? `#${r.call.dropId}` },
});

function viewQuery(db: Db) {
  return db
    .select(viewColumns)
    .from(telephonyCalls)
    .leftJoin(prospects, eq(prospects.id, telephonyCalls.prospectId))
    .leftJoin(companies, eq(companies.id, prospects.companyId))
    .leftJoin(callAttempts, eq(callAttempts.id, telephonyCalls.attemptId))
    .leftJoin(voicemailDrops, eq(voicemailDrops.id, telephonyCalls.dropId));
}

/** One of the team's calls; with `own`, only one a rep may see (see recentCalls). */
export async function callOfTeam(
  db: Db,
  input: { teamId: number; id: number; own?: number | null },
): Promise<CallView | undefined> {
  const [row] = await viewQuery(db).where(
    and(
      eq(telephonyCalls.teamId, input.teamId),
      eq(telephonyCalls.id, input.id),
      repsCall(input.own ?? null),
    ),
  );
  return row ? viewOf(row) : undefined;
}

/** A rep's calls: to their book, in from numbers not in the book, and their own; all for the rest. */
const repsCall = (own: number | null) =>
  own === null ? undefined : or(inBookWhere(prospects.ownerId, own), eq(telephonyCalls.userId, own));

export async function recentCalls(
  db: Db,
  input: { teamId: number; since: Date | null; limit: number; own: number | null },
): Promise<CallView[]> {
  const rows = await viewQuery(db)
    .where(
      and(
        eq(telephonyCalls.teamId, input.teamId),
        input.since ? gte(telephonyCalls.at, input.since) : undefined,
        repsCall(input.own),
      ),
    )
    .orderBy(desc(telephonyCalls.at), desc(telephonyCalls.id))
    .limit(input.limit);
  return rows.map(viewOf);
}

/** The call a provider's leg belongs to, by the leg's id. */
/**
 * The team a provider's webhook is for: the team of the call it names, or, for a call in, the
 * team of the provider account it came through whose number (or one of whose reps' numbers) was
 * dialled (a number is one team's: see numberOfAnotherTeam); null when nothing says.
 */
export async function teamOfWebhook(
  db: Db,
  input: { call?: number; to?: string; account?: string },
): Promise<number | null> {
  const found =
    input.call !== undefined
      ? sql`select team_id from telephony_calls where id = ${input.call}`
      : input.to && input.account
        ? sql`select id as team_id from teams where caller_id = ${input.to} and twilio_account_sid = ${input.account}
            union all select u.team_id from users u join teams t on t.id = u.team_id
              where u.caller_id = ${input.to} and u.disabled_at is null and t.twilio_account_sid = ${input.account}
            order by team_id`
        : null;
  if (!found) return null;
  const [row] = rowsOf<{ team_id: number }>(await db.execute(sql`${found} limit 1`));
  return row ? Number(row.team_id) : null;
}

export async function callBySid(
  db: Db,
  input: { teamId: number; sid: string },
): Promise<CallRow | undefined> {
  const [row] = await db
    .select()
    .from(telephonyCalls)
    .where(
      and(
        eq(telephonyCalls.teamId, input.teamId),
        sql`(${telephonyCalls.prospectSid} = ${input.sid} or ${telephonyCalls.repSid} = ${input.sid})`,
      ),
    );
  return row;
}

export type EventRow = {
  teamId: number;
  callId: number;
  kind: CallEvent['kind'];
  leg: CallEvent['leg'];
  key: string;
  params: Record<string, string>;
};

/**
 * Keeps a batch of webhooks in one statement, each once: for each, true when kept now, false when
 * the same request was kept before (a provider's retry, a duplicate), null when the call it names
 * is not its team's.
 */
export async function keepEvents(db: Db, rows: EventRow[]): Promise<(boolean | null)[]> {
  if (rows.length === 0) return [];
  const kept = rowsOf<{ key: string }>(
    await db.execute(sql`
      insert into telephony_events (team_id, call_id, kind, leg, key, params)
      select c.team_id, c.id, r.kind, r.leg, r.key, r.params
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as r("teamId" int, "callId" int, kind text, leg text, key text, params jsonb)
      join telephony_calls c on c.id = r."callId" and c.team_id = r."teamId"
      on conflict (key) do nothing
      returning key`),
  );
  const now = new Set(kept.map((r) => r.key));
  if (now.size === rows.length) return rows.map(() => true);
  const calls = await db
    .select({ id: telephonyCalls.id, teamId: telephonyCalls.teamId })
    .from(telephonyCalls)
    .where(inArray(telephonyCalls.id, [...new Set(rows.map((r) => r.callId))]));
  const known = new Set(calls.map((c) => `${c.teamId}:${c.id}`));
  // Within one batch a repeat is kept once: the first of its key, the others as seen before.
  const first = new Set<string>();
  return rows.map((r) => {
    if (!known.has(`${r.teamId}:${r.callId}`)) return null;
    if (now.has(r.key) && !first.has(r.key)) {
      first.add(r.key);
      return true;
    }
    return false;
  });
}

/** The team's calls with webhooks not yet folded in, oldest first. */
export async function callsWaiting(db: Db, input: { teamId: number; limit: number }): Promise<number[]> {
  const rows = rowsOf<{ call_id: number }>(
    await db.execute(sql`
      select call_id from telephony_events where processed_at is null and team_id = ${input.teamId}
      group by call_id order by min(id) limit ${input.limit}`),
  );
  return rows.map((r) => Number(r.call_id));
}

/** Every webhook a call received, folded or not. */
export async function eventsOfCall(
  db: Db,
  input: { callId: number },
): Promise<(CallEvent & { id: number; processed: boolean })[]> {
  const rows = await db
    .select()
    .from(telephonyEvents)
    .where(eq(telephonyEvents.callId, input.callId))
    .orderBy(telephonyEvents.id);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as CallEvent['kind'],
    leg: r.leg as CallEvent['leg'],
    params: r.params,
    receivedAt: r.receivedAt,
    processed: r.processedAt !== null,
  }));
}

export async function markFolded(db: Db, input: { ids: number[]; at: Date }): Promise<void> {
  if (input.ids.length === 0) return;
  await db
    .update(telephonyEvents)
    .set({ processedAt: input.at })
    .where(and(inArray(telephonyEvents.id, input.ids), isNull(telephonyEvents.processedAt)));
}

/** Answered calls that ended without the machine detection's word, before `before`: the sweep logs them. */
export async function callsAwaitingWord(db: Db, input: { teamId: number; before: Date }): Promise<number[]> {
  const rows = await db
    .select({ id: telephonyCalls.id })
    .from(telephonyCalls)
    .where(
      and(
        eq(telephonyCalls.teamId, input.teamId),
        isNull(telephonyCalls.attemptId),
        eq(telephonyCalls.state, 'ended'),
        // A call whose end was heard over a day ago and still has no log never will (the rep's phone did not answer).
        gte(telephonyCalls.createdAt, new Date(input.before.getTime() - 86_400_000)),
        sql`exists (select 1 from telephony_events e where e.call_id = ${telephonyCalls.id}
          and e.leg = 'prospect' and e.params->>'CallStatus' in ('completed', 'busy', 'no-answer', 'failed', 'canceled')
          and e.received_at <= ${input.before.toISOString()}::timestamptz)`,
        sql`${telephonyCalls.prospectId} is not null`,
        eq(telephonyCalls.direction, 'outbound'),
      ),
    )
    .limit(500);
  return rows.map((r) => r.id);
}

/**
 * Calls the rep logged before the provider's measure, whose log still has no duration (the
 * correction failed, or never ran): the sweep corrects them.
 */
export async function callsToRemeasure(db: Db, input: { teamId: number; since: Date }): Promise<number[]> {
  const rows = await db
    .select({ id: telephonyCalls.id })
    .from(telephonyCalls)
    .innerJoin(callAttempts, eq(callAttempts.id, telephonyCalls.attemptId))
    .where(
      and(
        eq(telephonyCalls.teamId, input.teamId),
        eq(telephonyCalls.loggedBy, 'rep'),
        sql`${telephonyCalls.durationSeconds} is not null`,
        // Never over a duration a person wrote: only a log still waiting for the measure.
        sql`${callAttempts.durationSeconds} is null`,
        gte(telephonyCalls.createdAt, input.since),
      ),
    )
    .limit(200);
  return rows.map((r) => r.id);
}

/** The columns the folded facts write. */
export const factsPatch = (facts: CallFacts): Partial<NewCall> => ({
  state: facts.state,
  status: facts.status,
  answeredBy: facts.answeredBy,
  ringingAt: facts.ringingAt,
  answeredAt: facts.answeredAt,
  beepAt: facts.beepAt,
  endedAt: facts.endedAt,
  durationSeconds: facts.durationSeconds,
  ringSeconds: facts.ringSeconds,
  sipCode: facts.sipCode,
  recordingUrl: facts.recordingUrl,
  greeting: facts.greeting,
  ...(facts.prospectSid ? { prospectSid: facts.prospectSid } : {}),
});

export type PhoneOf = {
  id: number;
  e164: string;
  kind: string;
  /** The carrier's line type, when looked up, and when. */
  lineType: string | null;
  lineTypeAt: Date | null;
};

/** A prospect's numbers, as dialled, with their line type where the carrier was asked. */
export async function phonesOf(db: Db, input: { prospectId: number }): Promise<PhoneOf[]> {
  return db
    .select({
      id: phoneNumbers.id,
      e164: phoneNumbers.e164,
      kind: phoneNumbers.kind,
      lineType: phoneNumbers.lineType,
      lineTypeAt: phoneNumbers.lineTypeAt,
    })
    .from(phoneNumbers)
    .where(eq(phoneNumbers.prospectId, input.prospectId))
    .orderBy(phoneNumbers.id);
}

/** A call to the prospect placed since `since` that has not ended: one call at a time. */
export async function openCallOf(
  db: Db,
  input: { teamId: number; prospectId: number; since: Date },
): Promise<{ id: number; state: string } | undefined> {
  const [row] = await db
    .select({ id: telephonyCalls.id, state: telephonyCalls.state })
    .from(telephonyCalls)
    .where(
      and(
        eq(telephonyCalls.teamId, input.teamId),
        eq(telephonyCalls.prospectId, input.prospectId),
        eq(telephonyCalls.direction, 'outbound'),
        sql`${telephonyCalls.state} <> 'ended'`,
        gte(telephonyCalls.createdAt, input.since),
      ),
    )
    .limit(1);
  return row;
}

/** Calls placed before `before` (and within the last day) that no callback has ended: their end may have been lost. */
export async function staleCalls(
  db: Db,
  input: { teamId: number; before: Date },
): Promise<{ id: number; repSid: string | null; prospectSid: string | null; e164: string }[]> {
  return db
    .select({
      id: telephonyCalls.id,
      repSid: telephonyCalls.repSid,
      prospectSid: telephonyCalls.prospectSid,
      e164: telephonyCalls.e164,
    })
    .from(telephonyCalls)
    .where(
      and(
        eq(telephonyCalls.teamId, input.teamId),
        eq(telephonyCalls.direction, 'outbound'),
        sql`${telephonyCalls.state} <> 'ended'`,
        sql`${telephonyCalls.at} <= ${input.before.toISOString()}::timestamptz`,
        sql`${telephonyCalls.at} > ${new Date(input.before.getTime() - 86_400_000).toISOString()}::timestamptz`,
      ),
    )
    .limit(50);
}
