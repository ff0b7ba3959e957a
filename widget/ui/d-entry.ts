/**
 * `d.js`, the delivery chunk for the script tag: the outbox sender alone (no Preact, no components,
 * no strings), which the loader injects when an earlier page view left answers unsent and no survey
 * is showing yet. A UI bundle that loads later has its own sender over the same stored outbox; a
 * payload both send is merged by the collector (same response id), never doubled.
 */
import { hand } from './hand';
import { flush } from './send';

hand({ flush });
