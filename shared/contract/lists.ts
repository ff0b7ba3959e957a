import { z } from 'zod';

/**
 * The one list envelope: `{items, nextCursor?}`, newest first where the list is paged. Pass
 * `nextCursor` back as `cursor` for the next page; its absence means the last page. A cursor is
 * opaque: only the API that made it reads it.
 */
export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().optional().describe('pass as `cursor` for the next page; absent on the last page'),
  });

/** A list whose items also appear under their pre-1.1 name (kept for v1 clients; same array). */
export const namedListOf = <T extends z.ZodType, K extends string>(name: K, item: T) =>
  listOf(item).extend({ [name]: z.array(item).describe(`same as items (v1 name, deprecated)`) } as {
    [k in K]: z.ZodArray<T>;
  });

/** Path parameter `{id}`. */
export const IdParam = z.object({ id: z.string().min(1).max(128) });

/** Times in responses: ISO 8601 in UTC. */
export const Timestamp = z.iso.datetime();
