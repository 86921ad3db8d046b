import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/**
 * Asks V8 for a full collection now. A long batch job (an import of a million rows) makes
 * garbage that outlives the young generation, and V8 lets the old generation grow to its limit
 * (gigabytes) before sweeping it; collecting every few seconds keeps the process near its live
 * set. `gc` is exposed for this call only (the flag is set and a fresh context reads it).
 */
export function reclaimMemory(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
