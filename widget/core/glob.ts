/**
 * Path globs as the contract defines them: `*` within one segment, `**` across segments.
 * `/blog/**` also matches `/blog`, and a trailing slash on the path never matters.
 */
export const globToRegExp = (glob: string): RegExp =>
  new RegExp(
    `^${glob
      .replace(/\/\*\*$/, '\0')
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\*\*\/|\*\*|\*|\0/g, (m) =>
        m === '*' ? '[^/]*' : m === '\0' ? '(/.*)?' : m === '**' ? '.*' : '(.*/)?',
      )}/?$`,
  );

/** Whether the path (percent-decoded) matches any of the globs. */
export function matchPath(path: string, globs: readonly string[]): boolean {
  let p = path;
  try {
    p = decodeURI(path);
  } catch {
    // a malformed escape: match the raw path
  }
  return globs.some((g) => globToRegExp(g).test(p));
}
