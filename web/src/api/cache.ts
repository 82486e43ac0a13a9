/**
 * A small in-memory cache of GET answers for stale-while-revalidate reads: a page shows what it read last time at once
 * and refreshes it in the background. Any write through the API client empties it (client.ts), and so do login and
 * logout (they are writes), so nothing read before a change or by another user is shown again.
 */

/** Most answers kept; the oldest goes first. */
const MAX_ENTRIES = 60;

const entries = new Map<string, unknown>();
/** Moves on at every clear, so an answer to a read that started before a write is not kept after it. */
let generation = 0;

/** The cache's generation now; pass it back to writeCache with the answer of a read started now. */
export function cacheGeneration(): number {
  return generation;
}

/** The cache key of a GET: the locale (answers carry translated text), the path and its query. */
export function cacheKey(locale: string, path: string, query: Record<string, unknown>): string {
  return JSON.stringify([locale, path, query]);
}

/** The answer last read under `key`, if any. */
export function readCache<T>(key: string): T | undefined {
  return entries.get(key) as T | undefined;
}

/** Keeps `value` as the latest answer under `key`, unless the cache was cleared since the read began (`since`). */
export function writeCache(key: string, value: unknown, since: number): void {
  if (since !== generation) return;
  entries.delete(key);
  entries.set(key, value);
  while (entries.size > MAX_ENTRIES) {
    const oldest = entries.keys().next().value;
    if (oldest === undefined) break;
    entries.delete(oldest);
  }
}

/** Forgets every answer (after a write, a login or a logout). */
export function clearCache(): void {
  generation += 1;
  entries.clear();
}
