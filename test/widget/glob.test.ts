import { describe, expect, it } from 'vitest';
import { globToRegExp, matchPath } from '../../widget/core/glob';

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
  ];
  it.each(cases)('%s matches %s: %s', (glob, path, want) => {
    expect(globToRegExp(glob).test(path)).toBe(want);
  });

  it('matches percent-encoded paths against patterns written in any script', () => {
    expect(matchPath('/%D9%85%D8%AD%D8%B5%D9%88%D9%84/1', ['/محصول/*'])).toBe(true);
    expect(matchPath('/%E0%A4%A', ['/%E0%A4%A'])).toBe(true); // malformed escape: raw match
    expect(matchPath('/x', [])).toBe(false);
  });
});
