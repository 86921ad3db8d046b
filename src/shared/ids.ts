import { z } from 'zod';
import { invalid } from './errors.ts';

/** The largest row id: ids are PostgreSQL `integer`s, and a larger one must be refused, not sent. */
export const MAX_ID = 2_147_483_647;

/** A row id in a body. */
export const idSchema = z.number().int().positive().max(MAX_ID);

/** Whether a key typed for a record (an id, an email, a name) can be its id. */
export const isIdText = (key: string): boolean =>
  /^\d{1,10}$/.test(key) && Number(key) >= 1 && Number(key) <= MAX_ID;

/** A row id from a path or the command line: digits within range, else refused naming the field. */
export function parseId(value: string | number, field = 'id'): number {
  const text = String(value).trim();
  if (!isIdText(text)) throw invalid(field, `"${value}" is not an id (a whole number from 1 to ${MAX_ID})`);
  return Number(text);
}
