import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';

/**
 * The dev mock (mock-api.ts) as Vite middleware for `/v1/`. The mock is loaded through Vite's own
 * module loader when the dev server starts, not bundled with the config, so `vite build` never reads
 * it. A little latency, like a real network.
 */
export function mockApi(): Plugin {
  return {
    name: 'seda-mock-api',
    configureServer(server) {
      const mock = server.ssrLoadModule('/dev/mock-api.ts') as Promise<typeof import('./mock-api')>;
      server.middlewares.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
        if (!req.url?.startsWith('/v1/')) return next();
        let raw = '';
        req.on('data', (chunk: Buffer) => {
          raw += chunk;
        });
        req.on('end', async () => {
          const out = (await mock).respond(req.method ?? 'GET', req.url ?? '/', req.headers, raw);
          setTimeout(() => {
            res.statusCode = out.status;
            if (out.type) res.setHeader('content-type', out.type);
            res.end(out.body);
          }, 60);
        });
      });
    },
  };
}
