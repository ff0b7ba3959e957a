// Small process helpers shared by the project's scripts (build, start, test, bench, e2e setup).
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

// No telemetry or update checks: this must work offline and never phone home.
export const quietEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_UPDATE_NOTIFIER: '1' };

/** Runs a command to completion, inheriting output; throws on failure. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: quietEnv, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
  return r;
}

/**
 * Starts `wrangler dev` the way the contract says outside tests do, and resolves once it answers.
 * Returns { url, stop }.
 */
export async function startWorker({ port, persistTo, vars = {}, log = false }) {
  // Another server on the port would answer the readiness probe below in this Worker's place.
  if (await portInUse(port)) throw new Error(`port ${port} is already in use: choose another (PORT=…)`);
  const args = ['wrangler', 'dev', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', persistTo];
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`);
  const child = spawn('npx', args, {
    cwd: root,
    env: { ...quietEnv, CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const collect = (d) => {
    output += d;
    if (log) process.stdout.write(d);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${output}`);
    try {
      const r = await fetch(`${url}/v1/openapi.json`);
      if (r.ok) return { url, stop, output: () => output };
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  stop();
  throw new Error(`wrangler dev did not answer within 90 s:\n${output}`);
}

/** Applies the D1 migrations to a local persistence directory. */
export function migrateLocal(persistTo) {
  run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...quietEnv, CI: 'true' },
  });
}

/**
 * Applies the D1 migrations like `migrateLocal`, printing a line per migration applied
 * ("0003_x.sql (3 of 17)") from wrangler's own report, instead of a silent minute.
 */
export function migrateLocalWithProgress(persistTo, log = console.log) {
  const child = spawn('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo], {
    cwd: root,
    env: { ...quietEnv, CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const pending = new Set();
  const applied = new Set();
  child.stdout.on('data', (d) => {
    out += d;
    // Wrangler lists the migrations to apply, then prints that table again after each one, with ✅.
    for (const m of out.matchAll(/\d{4}_[\w.-]+\.sql/g)) pending.add(m[0]);
    for (const m of out.matchAll(/(\d{4}_[\w.-]+\.sql)[^\n]*✅/g)) {
      if (applied.has(m[1])) continue;
      applied.add(m[1]);
      log(`      ${m[1]} (${applied.size} of ${pending.size})`);
    }
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`wrangler d1 migrations apply exited with ${code}:\n${err || out}`));
      else {
        if (/No migrations to apply/.test(out)) log('      the database is up to date');
        resolve(applied.size);
      }
    });
  });
}

/** Whether something already listens on this loopback port. */
export async function portInUse(port) {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** A free TCP port on loopback. */
export async function freePort() {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}
