/**
 * Polite screen-reader announcements ("Scores updated …") after a filter change re-renders a view
 * in place. One visually hidden live region in the shell (#announcer) carries them.
 */
let timer: ReturnType<typeof setTimeout> | undefined;

export function announce(text: string): void {
  const el = document.getElementById('announcer');
  if (!el) return;
  clearTimeout(timer);
  // Cleared first so the same words said twice are read twice.
  el.textContent = '';
  timer = setTimeout(() => {
    el.textContent = text;
  }, 100);
}
