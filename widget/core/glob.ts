/**
 * Path globs as the contract defines them: `*` within one segment, `**` across segments.
 * `/blog/**` also matches `/blog`, and a trailing slash on the path never matters.
 *
 * Matched by simulating the glob's automaton over the path (a set of positions in the glob, moved
 * one path character at a time), never by backtracking: a site's glob is written by whoever holds a
 * manage key and runs on every visitor's page, so `/*a*a*a…x` must not be able to freeze a tab.
 * Work is at most (path length + 1) × (2 × glob tokens + 2) steps.
 */

/** Tokens: a literal character, or 1 `*`, 2 `**`, 3 `**` + `/` (any leading folders), 4 a final `/**`. */
type Token = string | number;

function tokens(glob: string): Token[] {
  const t: Token[] = [];
  const tail = glob.endsWith('/**');
  const g = tail ? glob.slice(0, -3) : glob;
  for (let i = 0; i < g.length; i++) {
    if (g[i] !== '*') t.push(g[i]!);
    else if (g[i + 1] !== '*') t.push(1);
    else {
      // `**` followed by a slash: any leading folders (or none); else anything
      const folders = g[i + 2] === '/';
      t.push(folders ? 3 : 2);
      i += folders ? 2 : 1;
    }
  }
  if (tail) t.push(4);
  return t;
}

/**
 * Whether `path` matches `glob`. `meter.n` (if given) counts the automaton's steps, so tests can
 * check that the work grows linearly.
 * States: 2i is "at token i"; 2i+1 is "inside the folders of a `**` + `/` at token i".
 */
export function globMatch(glob: string, path: string, meter?: { n: number }): boolean {
  const t = tokens(glob);
  const end = 2 * t.length;
  const seen: number[] = [];
  let round = 0;
  let now: number[] = [];
  let next: number[] = [];
  const add = (k: number): void => {
    if (seen[k] === round) return;
    seen[k] = round;
    next.push(k);
    // `*`, `**`, `**/` and the final `/**` may each match nothing
    if (!(k & 1) && typeof t[k >> 1] === 'number') add(k + 2);
  };
  add(0);
  let before = false;
  // UTF-16 units, like the literal characters of the glob
  for (let j = 0; j < path.length; j++) {
    const c = path[j];
    before = seen[end] === round;
    round++;
    [now, next] = [next, []];
    for (const k of now) {
      if (meter) meter.n++;
      const x = t[k >> 1];
      if (k & 1) {
        add(k);
        if (c === '/') add(k + 1);
      } else if (x === 4) {
        if (c === '/') return true;
      } else if (x === 1) {
        if (c !== '/') add(k);
      } else if (x === 2) add(k);
      else if (x === 3) {
        add(k + 1);
        if (c === '/') add(k + 2);
      } else if (x === c) add(k + 2);
    }
    // no state left: only the optional final slash may remain
    if (!next.length) return before && j === path.length - 1 && c === '/';
  }
  // `/?` at the end: the glob matched the path without its final slash
  return seen[end] === round || (before && path.endsWith('/'));
}

/** Whether the path (percent-decoded) matches any of the globs. */
export function matchPath(path: string, globs: readonly string[]): boolean {
  let p = path;
  try {
    p = decodeURI(path);
  } catch {
    // a malformed escape: match the raw path
  }
  return globs.some((g) => globMatch(g, p));
}
