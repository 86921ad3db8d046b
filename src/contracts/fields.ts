import { z } from 'zod';
import { parseId } from '../shared/ids.ts';

/** A prospect named in the path by id, external id or email. */
export const keyParams = z.object({ key: z.union([z.string(), z.number()]) });

/** A record named in the path by its id: digits within range, else refused naming `id`. */
export const idParams = z.object({ id: z.union([z.number(), z.string()]).transform((id) => parseId(id)) });

/**
 * A body of optional fields that may be left out whole: no body reads as `{}`, so its defaults
 * apply.
 */
export const optionalBody = <S extends z.ZodType>(schema: S) =>
  z.preprocess((body: z.input<S> | null | undefined) => body ?? {}, schema);

/** A list answer. */
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** An instant as the API writes it: ISO 8601 in UTC. */
export const when = z.string();
