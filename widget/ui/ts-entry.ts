/** `t.js`, the Turnstile chunk for the script tag: hands itself to the loader that injected it. */
import { hand } from './hand';
import * as turnstile from './turnstile';

hand(turnstile);
