import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatch, matchPath } from '../../widget/core/glob';

/**
 * The reference: the contract's glob as a regular expression (what the widget used before it had its
 * own automaton). Exponential on some globs, so the property runs it on short inputs only.
 */
const reference = (glob: string): RegExp =>
  new RegExp(
    `^${glob
      .replace(/\/\*\*$/, '\0')
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\*\*\/|\*\*|\*|\0/g, (m) =>
        m === '*' ? '[^/]*' : m === '\0' ? '(/.*)?' : m === '**' ? '.*' : '(.*/)?',
      )}/?$`,
  );

describe('path globs', () => {
  const cases: [string, string, boolean][] = [
    ['/pricing', '/pricing', true],
    ['/pricing', '/pricing/', true],
    ['/pricing', '/pricing/team', false],
    ['/blog/*', '/blog/hello', true],
    ['/blog/*', '/blog/hello/world', false],
    ['/blog/**', '/blog', true],
    ['/blog/**', '/blog/a/b/c', true],
    ['/blog/**', '/blogs', false],
    ['/**/checkout', '/checkout', true],
    ['/**/checkout', '/shop/eu/checkout', true],
    ['/**/checkout', '/shop/checkout/done', false],
    ['/shop/*/item', '/shop/eu/item', true],
    ['/a.b', '/a.b', true],
    ['/a.b', '/axb', false],
    ['/(x)', '/(x)', true],
    ['/**', '/anything/at/all', true],
    ['/', '/', true],
    ['/', '/x', false],
    ['/a*/**', '/abc/d', true],
    ['/a/**/b', '/a//b', true],
    ['/**/', '/a', false],
    ['/**/', '/a/', true],
    ['', '/', true],
    ['**', '/x/y', true],
    ['/😀/*', '/😀/x', true],
  ];
  it.each(cases)('%s matches %s: %s', (glob, path, want) => {
    expect(globMatch(glob, path)).toBe(want);
    expect(reference(glob).test(path)).toBe(want);
  });

  it('agrees with the regular-expression reference on random globs and paths', () => {
    // `**` as a whole segment (inside a segment it is a `*`, where the old regex let it cross slashes),
    // never twice in a row (`**/**` is one `**`; the old regex then required a slash more)
    const glob = fc
      .string({ unit: fc.constantFrom('/', 'a', 'b', '*', '/**', '**/', '.', '?'), maxLength: 9 })
      .filter((g) => !g.includes('**/**') && g.split('/').every((s) => s === '**' || !s.includes('**')));
    // a page path always starts with a slash
    const path = fc.string({ unit: fc.constantFrom('/', 'a', 'b', '.', '?', '*'), maxLength: 14 }).map((p) => `/${p}`);
    fc.assert(
      fc.property(glob, path, (g, p) => {
        expect(globMatch(g, p)).toBe(reference(g).test(p));
      }),
      { numRuns: 20_000 },
    );
  });

  /**
   * The matcher's steps, counted from outside: every read of an element of the arrays it walks (the
   * glob's and the path's units, made by `split`). Each step of its loop reads a bounded number of them.
   */
  function steps(glob: string, path: string): { matched: boolean; reads: number } {
    let reads = 0;
    const split = String.prototype.split;
    String.prototype.split = function (this: string, ...a: Parameters<typeof split>) {
      const arr = split.apply(this, a);
      return new Proxy(arr, {
        get(t, k, r) {
          if (typeof k === 'string' && /^\d+$/.test(k)) reads++;
          return Reflect.get(t, k, r);
        },
      });
    } as typeof split;
    try {
      return { matched: globMatch(glob, path), reads };
    } finally {
      String.prototype.split = split;
    }
  }

  it('does work linear in the path for the globs that made the old matcher backtrack for seconds', () => {
    const glob = `/${'*a'.repeat(14)}*x`;
    for (const n of [100, 1000, 10_000]) {
      const r = steps(glob, `/${'a'.repeat(n)}`);
      expect(r.matched).toBe(false);
      // a few reads per step, at most (glob length + 1) × (path length + 1) steps per pass, two passes
      expect(r.reads).toBeLessThanOrEqual(4 * 2 * (glob.length + 1) * (n + 2));
      // and no more than a constant per path character for this glob (the old regex: exponential)
      expect(r.reads / n).toBeLessThan(4 * 2 * (glob.length + 1));
    }
    const path = `/${'a/'.repeat(5000)}y`;
    const r = steps('/**/**/**/**/**/**/**/z', path);
    expect(r.matched).toBe(false);
    expect(r.reads).toBeLessThanOrEqual(4 * 2 * 24 * (path.length + 2));
  });

  it('matches percent-encoded paths against patterns written in any script', () => {
    expect(matchPath('/%D9%85%D8%AD%D8%B5%D9%88%D9%84/1', ['/محصول/*'])).toBe(true);
    expect(matchPath('/%E0%A4%A', ['/%E0%A4%A'])).toBe(true); // malformed escape: raw match
    expect(matchPath('/x', [])).toBe(false);
  });
});
