import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const here = (p: string) => decodeURIComponent(new URL(p, import.meta.url).pathname);

/**
 * The CX dashboard: its own bundle, served by the Worker under /dashboard/.
 * `npx vite build -c dashboard/vite.config.ts` writes public/dashboard/ (and only that folder:
 * the widget owns public/w.js and public/w/).
 * `npx vite -c dashboard/vite.config.ts` serves it with a mock API (SEDA_API=http://127.0.0.1:8787
 * proxies /v1 to a running Worker instead).
 */
export default defineConfig(async ({ command }) => ({
  root: here('.'),
  base: '/dashboard/',
  plugins: [
    preact(),
    ...(command === 'serve' && !process.env.SEDA_API ? [(await import('./dev/mock-api.ts')).mockApi()] : []),
  ],
  build: {
    outDir: here('../public/dashboard'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: process.env.SEDA_API ? { proxy: { '/v1': process.env.SEDA_API } } : {},
}));
