/** The UI bundle for the script tag: hands itself to the loader that injected it. */
import { hand } from './hand';
import { flush, mount } from './mount';

hand({ mount, flush });
