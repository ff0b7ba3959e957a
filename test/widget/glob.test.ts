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
    ['/a**/**', '/abc/d', true],
    ['/a***', '/axyz', true],
    ['/😀/*', '/😀/x', true],
  ];
  it.each(cases)('%s matches %s: %s', (glob, path, want) => {
    expect(globMatch(glob, path)).toBe(want);
    expect(reference(glob).test(path)).toBe(want);
  });

  it('agrees with the regular-expression reference on random globs and paths', () => {
    const glob = fc.string({ unit: fc.constantFrom('/', 'a', 'b', '*', '**', '**/', '.', '?'), maxLength: 9 });
    const path = fc.string({ unit: fc.constantFrom('/', 'a', 'b', '.', '?', '*'), maxLength: 14 });
    fc.assert(
      fc.property(glob, path, (g, p) => {
        expect(globMatch(g, p)).toBe(reference(g).test(p));
      }),
      { numRuns: 20_000 },
    );
  });

  it('does work linear in the path for the globs that made the old matcher backtrack for seconds', () => {
    const glob = `/${'*a'.repeat(14)}*x`;
    for (const n of [100, 1000, 10_000]) {
      const meter = { n: 0 };
      expect(globMatch(glob, `/${'a'.repeat(n)}`, meter)).toBe(false);
      // at most (path length + 1) × (2 × tokens + 2) steps, whatever the glob's nesting
      expect(meter.n).toBeLessThanOrEqual((n + 2) * (2 * glob.length + 2));
    }
    const meter = { n: 0 };
    expect(globMatch('/**/**/**/**/**/**/**/z', `/${'a/'.repeat(5000)}y`, meter)).toBe(false);
    expect(meter.n).toBeLessThanOrEqual(10_002 * 40);
  });

  it('matches percent-encoded paths against patterns written in any script', () => {
    expect(matchPath('/%D9%85%D8%AD%D8%B5%D9%88%D9%84/1', ['/محصول/*'])).toBe(true);
    expect(matchPath('/%E0%A4%A', ['/%E0%A4%A'])).toBe(true); // malformed escape: raw match
    expect(matchPath('/x', [])).toBe(false);
  });
});
