/**
 * JSON in localStorage that never throws (Safari private mode, sandboxed frames, full quota): values
 * are mirrored in memory, so a page view without storage still behaves, it just forgets on leaving.
 */
const mem: Record<string, unknown> = {};

export function get<T>(key: string): T | undefined {
  try {
    return JSON.parse(localStorage[key]) ?? mem[key];
  } catch {
    return mem[key] as T | undefined;
  }
}

export function set(key: string, value: unknown): void {
  mem[key] = value;
  try {
    if (value === undefined) delete localStorage[key];
    else localStorage[key] = JSON.stringify(value);
  } catch {
    // the in-memory copy lasts this page view
  }
}
