import type { LiveCall } from './api.ts';

/** Calls in through the provider this page has seen, by the calling number: the callback each recorded. */
const arrived = new Map<string, { callId: number; callbackId: number | null }>();

export const noteArrival = (call: LiveCall): void => {
  arrived.set(call.number, { callId: call.id, callbackId: call.callbackId });
};

/** The callback recorded when this number's call came in, if the desk saw it come in. */
export const arrivalOf = (number: string): { callId: number; callbackId: number | null } | null =>
  arrived.get(number) ?? null;
