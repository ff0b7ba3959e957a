/**
 * The collector's site and survey lookups, kept for a few seconds per isolate so its hot path is one
 * D1 round trip (the write batch). A change made through the API clears this isolate's copy at once;
 * other isolates see it within CACHE_MS, as the public survey config's own max-age already allows.
 * Only settled values are kept: a lookup in flight is not shared, so a request never waits on another
 * request's read (a miss costs one small read; only the write is shared, see group-commit.ts).
 */
const CACHE_MS = 10_000;
const MAX_ENTRIES = 5000;
const cache = new Map<string, { at: number; value: unknown }>();

export async function cached<T>(key: string, now: number, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit && now >= hit.at && now - hit.at < CACHE_MS) return hit.value as T;
  const value = await load();
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { at: now, value });
  return value;
}

/** Called by every route that changes a site, its settings or its surveys. */
export function forgetCollectCache(): void {
  cache.clear();
}
