// Imported first by main.tsx, before any schema is built: zod otherwise probes `new Function` to
// compile fast parsers, which the dashboard's CSP (no 'unsafe-eval') reports as a violation
// (Lighthouse Best Practices). The parsers it falls back to are plenty fast for forms.
import { config } from 'zod';

config({ jitless: true });
