/** The UI bundle for the script tag: hands itself to the loader that injected it. */
import { flush, mount } from './mount';

try {
  (window as unknown as { seda?: { u?: (m: unknown) => void } }).seda?.u?.({ mount, flush });
} catch {
  // never break the host page
}
