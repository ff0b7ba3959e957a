/**
 * The UI bundle for the script tag: hands itself to the loader that injected it. (What an earlier page
 * view left unsent is resent by the delivery chunk, d.js: this bundle is loaded only to show a survey.)
 */
import { hand } from './hand';
import { mount } from './mount';

hand({ mount });
