/**
 * The matchers of a survey's URL and attribute rules (`targeting.urls`, `targeting.attributes`). The
 * script tag ships them as a chunk of their own (`w/HASH/r.js`, loader/rules-entry.ts), which the
 * loader fetches only when one of the site's active surveys has such a rule, so a site that targets by
 * touchpoint and trigger alone never downloads them; it is cached for a year like every chunk.
 */
import { attributesMatch } from '../../shared/attributes';
import { matchPath } from './glob';

export interface Rules {
  /** whether the path matches any of the globs */
  path: typeof matchPath;
  /** whether the `identify` attributes satisfy every rule */
  attrs: typeof attributesMatch;
}

export const rules: Rules = { path: matchPath, attrs: attributesMatch };
