/** `r.js`, the URL and attribute rules' chunk for the script tag (core/rules.ts). */
import { rules } from '../core/rules';
import { hand } from '../ui/hand';

hand(rules);
