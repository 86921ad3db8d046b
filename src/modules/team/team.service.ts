import type { Ctx, Team } from '../../context/context.ts';
import type { TeamConfig, TeamConfigPatch } from '../../contracts/team.contract.ts';
import { LEGAL_END, LEGAL_START } from '../../contracts/vocabulary.ts';
import type { Db } from '../../db/create-db.ts';
import { AppError, invalid } from '../../shared/errors.ts';
import { isIdText } from '../../shared/ids.ts';
import { isLoopback } from '../../shared/loopback.ts';
import { normalizePhone, readZone } from '../phones/index.ts';
import {
  addUser,
  createTeam,
  firstTeam,
  numberOfAnotherTeam,
  updateTeam,
  usersMatching,
  userZone,
} from './team.repository.ts';

export type { Ctx, Team } from '../../context/context.ts';

function territoryZone(text: string, index: number): string {
  const read = readZone(text);
  if (read.ok) return read.zone;
  throw invalid(`territoryZones.${index}`, read.reason);
}

const secureOrLocal = (url: string): boolean => {
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || isLoopback(hostname);
};

/** The team this installation serves; created on first use. */
export async function loadTeam(db: Db): Promise<Team> {
  const existing = await firstTeam(db);
  if (existing) return existing;
  const team = await createTeam(db, { name: 'My team', repName: 'Rep' });
  if (!team) throw new AppError('internal', 'could not create the team');
  return team;
}

export function teamConfig(team: Team): TeamConfig {
  const { id: _id, createdAt: _created, ...config } = team;
  // The SMTP password is written, never read back.
  return {
    ...config,
    offerCategory: config.offerCategory as TeamConfig['offerCategory'],
    defaultStrategy: config.defaultStrategy as TeamConfig['defaultStrategy'],
    callingAudience: config.callingAudience as TeamConfig['callingAudience'],
    smtpUrl: config.smtpUrl?.replace(/^(smtps?:\/\/[^:@/]+):[^@/]*@/, '$1:***@') ?? null,
    telephony: config.telephony as TeamConfig['telephony'],
    recording: config.recording as TeamConfig['recording'],
    // The auth token is written, never read back: only whether one is stored.
    twilioAuthToken: config.twilioAuthToken ? 'set' : null,
    twilioApiKeySecret: config.twilioApiKeySecret ? 'set' : null,
  };
}

export async function updateTeamConfig(ctx: Ctx, input: TeamConfigPatch): Promise<Team> {
  const patch = { ...input };
  // A territory zone may be written as an abbreviation or a city: each is read as the zone it names.
  if (patch.territoryZones) patch.territoryZones = patch.territoryZones.map(territoryZone);
  const start = patch.callingHoursStart ?? ctx.team.callingHoursStart;
  const end = patch.callingHoursEnd ?? ctx.team.callingHoursEnd;
  if (start < LEGAL_START)
    throw invalid('callingHoursStart', `cannot be before ${LEGAL_START}, the legal start`);
  if (end > LEGAL_END) throw invalid('callingHoursEnd', `cannot be after ${LEGAL_END}, the legal end`);
  if (start >= end) throw invalid('callingHoursEnd', 'must be after callingHoursStart');
  // The auth token goes only where it was given for: a new API address drops it unless one comes with it,
  // and it is sent only over https (or to this machine).
  if (patch.twilioApiUrl !== undefined && patch.twilioApiUrl !== ctx.team.twilioApiUrl) {
    if (patch.twilioApiUrl !== null && !secureOrLocal(patch.twilioApiUrl))
      throw invalid('twilioApiUrl', 'must be https (or http on this machine): the auth token is sent to it');
    if (patch.twilioAuthToken === undefined) patch.twilioAuthToken = null;
  }
  if (patch.callerId) {
    const phone = normalizePhone(patch.callerId, patch.defaultCountry ?? ctx.team.defaultCountry);
    if (!phone.ok) throw invalid('callerId', `invalid phone "${patch.callerId}": ${phone.reason}`);
    patch.callerId = phone.e164;
    if (await numberOfAnotherTeam(ctx.db, { e164: phone.e164, teamId: ctx.team.id }))
      throw numberTaken('callerId', phone.e164);
  }
  if (patch.repPhone) {
    const phone = normalizePhone(patch.repPhone, patch.defaultCountry ?? ctx.team.defaultCountry);
    if (!phone.ok) throw invalid('repPhone', `invalid phone "${patch.repPhone}": ${phone.reason}`);
    patch.repPhone = phone.e164;
  }
  // A patch that names no setting changes nothing (as a JSON merge patch of {} does).
  if (Object.keys(patch).length === 0) return ctx.team;
  const team = await updateTeam(ctx.db, { id: ctx.team.id, patch });
  if (!team) throw new AppError('internal', 'team vanished');
  ctx.team = team;
  return team;
}

/** A user of the team by id, email or name; refused when the name fits several. */
export async function findUser(ctx: Ctx, who: string): Promise<number | null> {
  const key = who.trim();
  const ids = await usersMatching(ctx.db, {
    teamId: ctx.team.id,
    id: isIdText(key) ? Number(key) : null,
    text: key,
  });
  if (ids.length > 1) throw invalid('rep', `"${who}" names more than one user: use the id or email`);
  return ids[0] ?? null;
}

/** The user an owner names, added to the team (as an email or a name) when new. */
export async function findOrAddUser(ctx: Ctx, who: string): Promise<number> {
  const found = await findUser(ctx, who);
  if (found !== null) return found;
  const key = who.trim();
  const email = key.includes('@') ? key : null;
  return addUser(ctx.db, { teamId: ctx.team.id, name: email ? email.split('@')[0]! : key, email });
}

/**
 * The rep's clock, for "today": the rep's own zone (the team's first user's when no rep is
 * named) when set, else the territory's first zone, else this machine's.
 */
export async function repClockZone(ctx: Ctx, ownerId: number | null = null): Promise<string> {
  const zone = await userZone(ctx.db, { teamId: ctx.team.id, userId: ownerId });
  return zone ?? ctx.team.territoryZones[0] ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
}

/** A caller ID another team already uses: a call in to it must find one team. */
export const numberTaken = (field: string, e164: string): AppError =>
  new AppError(
    'conflict',
    `${field}: ${e164} is another team's number on this server; a call in to it must reach one team`,
    { issues: [{ field, reason: "another team's number" }] },
  );
