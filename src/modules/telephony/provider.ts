/**
 * The telephony port: what Reach asks of a provider and what it hears back. Twilio implements it
 * (twilio.ts); another provider (Telnyx's TeXML, a team's own SIP system) would implement the
 * same five things and read its webhooks into the same events (call-state.ts).
 */

/** A team's account at the provider, as configured (`reach config telephony=twilio …`). */
export type ProviderAccount = {
  accountSid: string;
  authToken: string;
  /** Where the provider's REST API answers; its public address when null. */
  apiUrl: string | null;
};

/** The TwiML (or the provider's like) that puts the rep, once answered, through to the prospect. */
export type Bridge = {
  to: string;
  callerId: string;
  /** Said to the rep before the prospect's phone rings: whom they are calling. */
  announce: string | null;
  statusUrl: string;
  amdUrl: string;
  /** Asked for instructions once the prospect answers, before the call is put through: a recorded call starts recording there, after its disclosure. */
  whisperUrl: string | null;
};

/** Where a call is put through to: a phone number, or a browser phone's identity (a `client:` leg). */
export type Ring = { number: string } | { client: string };

/** What an inbound call to a rep's number is answered with: put through to the rep, or told why not. */
export type Inbound = {
  /** Rung at once, the first to answer takes it; nobody: the caller hears `unavailable`. */
  ring: Ring[];
  /** Reach's id of the call, told to a browser phone as the `reachCall` parameter. */
  callId: number;
  callerId: string;
  unavailable: string;
  /** Where the rep's leg reports its progress. */
  statusUrl: string;
};

export type Provider = {
  name: 'twilio';
  /** Whether a webhook carries the provider's signature of exactly this URL and these parameters. */
  verify: (input: {
    account: ProviderAccount;
    signature: string | undefined;
    url: string;
    params: Record<string, string>;
  }) => boolean;
  /** Calls `to` (the rep's own phone); when answered the provider asks `voiceUrl` what to do next. */
  placeCall: (input: {
    account: ProviderAccount;
    to: string;
    from: string;
    voiceUrl: string;
    statusUrl: string;
  }) => Promise<{ sid: string }>;
  hangUp: (input: { account: ProviderAccount; sid: string }) => Promise<void>;
  /** The legs a call dialled (the prospect's, behind the rep's), as the provider's API has them now. */
  childCalls: (input: { account: ProviderAccount; parentSid: string }) => Promise<
    {
      sid: string;
      to: string | null;
      status: string | null;
      duration: string | null;
      answeredBy: string | null;
      endTime: string | null;
    }[]
  >;
  /** Plays a recording on a leg (the prospect's, at the beep), which then hangs up; the rep's leg is freed. */
  play: (input: { account: ProviderAccount; sid: string; url: string }) => Promise<void>;
  /** The number's line type as the carrier reports it (landline, mobile, fixedVoip…), or null when unknown. */
  lineType: (input: { account: ProviderAccount; e164: string }) => Promise<string | null>;
  /** A leg as the provider's API has it now: for a call whose last callbacks never arrived. */
  fetchCall: (input: { account: ProviderAccount; sid: string }) => Promise<{
    status: string | null;
    duration: string | null;
    answeredBy: string | null;
    endTime: string | null;
  }>;
  /**
   * Says whom the rep is calling and waits for a key: a person pressed it, not the rep's own
   * voicemail (which would otherwise be put through to the prospect's). The key asks `actionUrl`.
   */
  confirm: (input: { announce: string; actionUrl: string }) => string;
  bridge: (input: Bridge) => string;
  inbound: (input: Inbound) => string;
  /** Says why and hangs up. */
  refuse: (said: string) => string;
  /** Says this (or nothing) to the party who answered, then lets the call go on (a whisper). */
  whisper: (said: string | null) => string;
  /** Starts recording a leg now, both sides, reporting the recording to `statusUrl`. */
  startRecording: (input: { account: ProviderAccount; sid: string; statusUrl: string }) => Promise<void>;
};
