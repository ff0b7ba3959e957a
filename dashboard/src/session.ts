/**
 * The site API key lives in sessionStorage only: gone when the tab closes, never in a URL,
 * never in localStorage, never in a cookie.
 */
const KEY = 'seda.apiKey';

export function getApiKey(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function setApiKey(key: string): void {
  sessionStorage.setItem(KEY, key);
}

export function clearApiKey(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    /* storage unavailable: nothing kept */
  }
}
