import { createHmac } from 'node:crypto';
import { type Ctx, nowOf, type Team } from '../../context/context.ts';
import type { PhoneToken } from '../../contracts/telephony.contract.ts';
import { AppError } from '../../shared/errors.ts';
import { accountIdOf, teamUsers, type UserRow, userOfTeam } from '../accounts/index.ts';
import type { Ring } from './provider.ts';

/** How long a browser phone's access token lasts; the desk asks for a new one before it ends. */
export const PHONE_TOKEN_SECONDS = 3600;

/** The name a rep's browser phone registers under at the provider (a `client:` address). */
export const phoneIdentity = (teamId: number, userId: number): string => `reach-${teamId}-${userId}`;

/** A user's browser phone (its identity), where they take calls in the desk rather than on a phone of their own. */
export const deskOf = (user: UserRow | null): string | null =>
  user?.reachBy === 'browser' && user.disabledAt === null ? phoneIdentity(user.teamId, user.id) : null;

/** Twilio puts a call through to at most ten numbers and browser phones at once. */
const MOST_RUNG = 10;

/**
 * Whom a call in rings: the rep whose prospect calls (their browser phone, else their own phone,
 * else the team's); for a caller in no rep's book, the team's phone, or where the team has none,
 * every rep who takes calls in the desk (the first to answer takes it).
 */
export async function ringFor(ctx: Ctx, owner: number | null): Promise<Ring[]> {
  if (owner !== null) {
    const user = await userOfTeam(ctx.db, { teamId: ctx.team.id, id: owner });
    const browser = deskOf(user);
    if (browser) return [{ client: browser }];
    const phone = user?.phone ?? ctx.team.repPhone;
    return phone ? [{ number: phone }] : [];
  }
  if (ctx.team.repPhone) return [{ number: ctx.team.repPhone }];
  return (await teamUsers(ctx.db, ctx.team.id))
    .map(deskOf)
    .filter((identity): identity is string => identity !== null)
    .slice(0, MOST_RUNG)
    .map((identity) => ({ client: identity }));
}

/**
 * An access token for the asker's browser phone, as Twilio's Voice SDK registers with: a JWT
 * signed (HS256) with the team's API key secret, issued by the key for the account, granting
 * incoming voice to this rep's identity. Every call the desk takes is placed by Reach (a `client:`
 * leg), so the token grants no outgoing application. `now` is the server's clock.
 */
export async function phoneToken(ctx: Ctx): Promise<PhoneToken> {
  const userId = accountIdOf(ctx);
  if (userId === null)
    throw new AppError('forbidden', 'A browser phone is a signed-in rep’s: log in to the desk as yourself');
  const identity = deskOf(await userOfTeam(ctx.db, { teamId: ctx.team.id, id: userId }));
  if (!identity)
    throw new AppError(
      'conflict',
      'Your calls ring your own phone. To take them in the desk: reach users set EMAIL --reach-by browser',
    );
  const { accountSid, keySid, secret } = keyOf(ctx.team);
  const issued = Math.floor(nowOf(ctx).getTime() / 1000);
  const expires = issued + PHONE_TOKEN_SECONDS;
  const token = signJwt(secret, {
    header: { alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' },
    payload: {
      jti: `${keySid}-${issued}`,
      grants: { identity, voice: { incoming: { allow: true } } },
      iat: issued,
      exp: expires,
      iss: keySid,
      sub: accountSid,
    },
  });
  return { identity, token, expiresAt: new Date(expires * 1000).toISOString() };
}

/** The team's account and API key, or what is missing to sign a browser phone's token. */
function keyOf(team: Team): { accountSid: string; keySid: string; secret: string } {
  const missing = [
    team.telephony !== 'twilio' ? 'telephony=twilio' : null,
    team.twilioAccountSid ? null : 'twilioAccountSid=AC…',
    team.twilioApiKeySid ? null : 'twilioApiKeySid=SK…',
    team.twilioApiKeySecret ? null : 'twilioApiKeySecret=…',
  ].filter((m): m is string => m !== null);
  if (missing.length > 0)
    throw new AppError(
      'conflict',
      `A browser phone needs the team's provider account and an API key: reach config ${missing.join(' ')}`,
    );
  return {
    accountSid: team.twilioAccountSid!,
    keySid: team.twilioApiKeySid!,
    secret: team.twilioApiKeySecret!,
  };
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JSON Web Token signed with HMAC-SHA256 (RFC 7519), the header and claims in the order given. */
function signJwt(secret: string, input: { header: object; payload: object }): string {
  const body = `${base64url(input.header)}.${base64url(input.payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}
