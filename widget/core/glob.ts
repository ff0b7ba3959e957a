/**
 * Path globs as the contract defines them: `*` within one segment, `**` (a whole segment) across
 * segments. `/blog/**` also matches `/blog`, and a trailing slash on the path never matters.
 *
 * A site's glob is written by whoever holds a manage key and runs on every visitor's page, so it is
 * never turned into a backtracking regular expression (`/*a*a…x` froze a tab for seconds). Instead one
 * greedy pass with a single resume point (the last star) runs twice: over the segments (`**` is the
 * star), and inside a segment over its characters (`*` is the star). Work is at most the product of
 * the lengths, never exponential.
 */

/**
 * Whether `path` matches `glob`, split by `sep`: with '/' the units are segments and `**` is the star
 * (a segment is matched by calling this again with ''); with '' the units are characters and `*` is.
 */
function wild(glob: string, path: string, sep: string): boolean {
  const p = glob.split(sep);
  const s = path.split(sep);
  const star = sep ? '**' : '*';
  let i = 0;
  let j = 0;
  let back = -1;
  let mark = 0;
  while (j < s.length) {
    if (p[i] === star) {
      back = ++i;
      mark = j;
    } else if (i < p.length && (sep ? wild(p[i]!, s[j]!, '') : p[i] === s[j])) {
      i++;
      j++;
    } else if (back < 0) return false;
    else {
      // the last star takes one more unit; earlier stars never need to be revisited
      i = back;
      j = ++mark;
    }
  }
  while (p[i] === star) i++;
  return i === p.length;
}

/** Whether `path` matches `glob` (or does without its final slash). */
export const globMatch = (glob: string, path: string): boolean =>
  wild(glob, path, '/') || (path.endsWith('/') && wild(glob, path.slice(0, -1), '/'));

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
