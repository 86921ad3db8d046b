import type { Context } from 'hono';
import { z } from 'zod';
import type { Ctx } from '../../context/context.ts';
import type { Route } from '../../context/route.ts';
import { AppError, invalid } from '../../shared/errors.ts';
import { parseId } from '../../shared/ids.ts';
import type { CallEvent } from './call-state.ts';
import { dropAudio } from './drops.service.ts';
import type { HeardCall } from './telephony.service.ts';
import {
  accountOf,
  answerInbound,
  bridgeInstructions,
  receive,
  twilio,
  WEBHOOK_PATH,
} from './telephony.service.ts';

/** What the webhooks tell the server they kept: a call to fold, or a call to show at once. */
export type WebhookHooks = {
  received: () => void;
  /** Tells a call's move to its team's desks. */
  announce: (call: HeardCall, teamId: number) => void;
};

/** The parameters Twilio posts (form-encoded); each webhook sends the ones of its kind. */
const twilioParams = z
  .object({
    CallSid: z.string(),
    AccountSid: z.string(),
    ParentCallSid: z.string().optional(),
    From: z.string().optional(),
    To: z.string().optional(),
    CallStatus: z.string().optional(),
    CallDuration: z.string().optional(),
    Timestamp: z.string().optional(),
    SequenceNumber: z.string().optional(),
    SipResponseCode: z.string().optional(),
    AnsweredBy: z.string().optional(),
    MachineDetectionDuration: z.string().optional(),
    RecordingUrl: z.string().optional(),
    TranscriptionText: z.string().optional(),
  })
  .catchall(z.string());
const webhookQuery = z.object({
  call: z.string().optional(),
  leg: z.enum(['rep', 'prospect']).optional(),
  /** `connect`: the rep pressed a key, so a person, not their voicemail, answered; `prospect`: the prospect answered a call to be recorded. */
  step: z.enum(['connect', 'prospect']).optional(),
});

/**
 * The request exactly as Twilio signed it: the configured public address, this path and query,
 * and the posted parameters. A request without a valid signature is refused (403) and nothing
 * of it is kept; these routes never take the API token.
 */
async function signed(c: Context, ctx: Ctx): Promise<Record<string, string>> {
  let publicUrl: string;
  let account: ReturnType<typeof accountOf>;
  try {
    account = accountOf(ctx.team);
    publicUrl = account.publicUrl;
  } catch {
    throw new AppError('forbidden', 'Telephony is not configured: no webhook is accepted');
  }
  if (!(c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded'))
    throw new AppError('forbidden', 'A webhook is a form-encoded POST signed by Twilio');
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(await c.req.text())) params[key] = value;
  const url = `${publicUrl}${c.req.path}${new URL(c.req.url).search}`;
  const signature = c.req.header('x-twilio-signature');
  if (!twilio.verify({ account, signature, url, params }))
    throw new AppError(
      'forbidden',
      `The request does not carry Twilio's signature of ${url}: check publicUrl and the auth token`,
    );
  return params;
}

function callIdOf(c: Context): number {
  const call = c.req.query('call');
  if (call === undefined) throw invalid('call', 'required: the call this webhook is about');
  return parseId(call, 'call');
}

const xml = (c: Context, text: string) => c.body(text, 200, { 'content-type': 'text/xml; charset=utf-8' });

/** One webhook that reports on a call: kept once, folded by the processor. */
function eventRoute(kind: CallEvent['kind'], summary: string, hooks: WebhookHooks): Route {
  return {
    method: 'post',
    path: `/telephony/twilio/${kind}`,
    tag: 'telephony',
    summary,
    query: webhookQuery,
    body: twilioParams,
    bodyType: 'application/x-www-form-urlencoded',
    signedWith: 'X-Twilio-Signature',
    responses: { 204: 'Kept (or kept before: a repeat changes nothing)', 403: 'Not signed by Twilio' },
    content: {},
    handle: async ({ c, ctx }) => {
      const params = await signed(c, ctx);
      const leg = c.req.query('leg') === 'rep' ? 'rep' : 'prospect';
      const kept = await receive(ctx, { callId: callIdOf(c), kind, leg, params });
      if (kept) hooks.received();
      return c.body(null, 204);
    },
  };
}

/** A webhook Twilio asks what to do next: signed, answered with TwiML. */
function twimlRoute(input: {
  kind: string;
  summary: string;
  query?: z.ZodType;
  answer: (input: { c: Context; ctx: Ctx; params: Record<string, string> }) => Promise<string>;
}): Route {
  return {
    method: 'post',
    path: `/telephony/twilio/${input.kind}`,
    tag: 'telephony',
    summary: input.summary,
    ...(input.query ? { query: input.query } : {}),
    body: twilioParams,
    bodyType: 'application/x-www-form-urlencoded',
    signedWith: 'X-Twilio-Signature',
    responses: { 200: 'TwiML', 403: 'Not signed by Twilio' },
    content: { 'text/xml': z.string() },
    handle: async ({ c, ctx }) => xml(c, await input.answer({ c, ctx, params: await signed(c, ctx) })),
  };
}

/** Twilio's webhooks, under /api/v1/telephony/twilio/: authenticated by signature alone. */
export function twilioRoutes(hooks: WebhookHooks): Route[] {
  return [
    twimlRoute({
      kind: 'voice',
      summary:
        "TwiML for the rep's leg once answered: says whom and waits for a key (never the rep's voicemail put through), then (`step=connect`) dials the prospect with answering-machine detection (DetectMessageEnd), recorded as the team chose and the law allows; `step=prospect` is asked as the prospect answers a call to be recorded: the recording starts there, after the disclosure where one is due",
      query: webhookQuery,
      answer: async ({ c, ctx, params }) => {
        const asked = c.req.query('step');
        const step = asked === 'connect' || asked === 'prospect' ? asked : 'answered';
        return bridgeInstructions(ctx, { callId: callIdOf(c), step, sid: params['CallSid'] ?? '' });
      },
    }),
    eventRoute('status', "Status callbacks of a call's legs: initiated, ringing, answered, completed", hooks),
    eventRoute('amd', 'Asynchronous answering-machine detection: AnsweredBy, at the beep', hooks),
    eventRoute('recording', "A call's recording is ready", hooks),
    eventRoute('transcription', "A transcription of a call's recording", hooks),
    {
      method: 'get',
      path: '/telephony/twilio/drops/{id}',
      tag: 'telephony',
      summary:
        "A recorded message's audio, fetched by the provider to play at the beep of one call: the address's token (an HMAC of the message and the call under the auth token) is the key, for an hour after it was played",
      query: z.object({ call: z.string(), token: z.string() }),
      keyedBy: 'token',
      responses: { 200: 'The audio', 403: 'Without the recording’s token' },
      content: { 'audio/wav': z.string(), 'audio/mpeg': z.string() },
      handle: async ({ c, ctx }) => {
        const found = await dropAudio(ctx, {
          id: parseId(c.req.param('id') ?? '', 'id'),
          call: parseId(c.req.query('call') ?? '', 'call'),
          token: c.req.query('token') ?? '',
        });
        return c.body(new Uint8Array(found.audio), 200, {
          'content-type': found.contentType,
          'cache-control': 'private, max-age=3600',
        });
      },
    },
    twimlRoute({
      kind: 'inbound',
      summary:
        "A call to the team's number: matched to the prospect, recorded as a callback crediting the message that earned it, put through to the rep",
      answer: async ({ ctx, params }) => {
        const answer = await answerInbound(ctx, { params, now: new Date() });
        if (answer.call) hooks.announce(answer.call, ctx.team.id);
        return answer.instructions;
      },
    }),
  ];
}

export { WEBHOOK_PATH };
