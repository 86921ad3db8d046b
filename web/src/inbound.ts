import type { LiveCall } from './api.ts';

/** Calls in through the provider this page has seen, by the calling number: the callback each recorded. */
const arrived = new Map<
  string,
  { callId: number; callbackId: number | null; desk: boolean; seenAt: number }
>();
/** A call in is "calling in now" for this long; after, its number's card records a new callback. */
const ARRIVAL_MS = 15 * 60_000;

export const noteArrival = (call: LiveCall): void => {
  arrived.set(call.number, {
    callId: call.id,
    callbackId: call.callbackId,
    desk: call.repVia === 'browser',
    seenAt: Date.now(),
  });
};

/** The callback recorded when this number's call came in, if the desk saw it come in lately. */
export const arrivalOf = (
  number: string,
): { callId: number; callbackId: number | null; desk: boolean } | null => {
  const seen = arrived.get(number);
  return seen && Date.now() - seen.seenAt < ARRIVAL_MS ? seen : null;
};

/** Once what it came to is saved, the arrival is over: the next call from the number is a new callback. */
export const settledArrival = (number: string): void => {
  arrived.delete(number);
};
