// Every `import … from 'zod'` in the dashboard's build resolves to this module (the alias in
// vite.config.ts), so the setting below is made before any schema is built, in whichever chunk
// builds one first. zod otherwise probes `new Function` to compile fast parsers, which the
// dashboard's CSP (no 'unsafe-eval') reports as a violation (Lighthouse Best Practices). The
// parsers it falls back to are plenty fast for forms.
import { config } from 'zod/v4';

config({ jitless: true });

export * from 'zod/v4';
export { default } from 'zod/v4';
