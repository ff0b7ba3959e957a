import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
// @ts-expect-error plain ESM helper shared with the npm scripts
import { quietEnv, root } from '../../scripts/lib/run.mjs';

/**
 * A `wrangler dev` started exactly as scripts/lib/run.mjs's startWorker does it (same arguments,
 * --persist-to, detached so it leads its own process group), but which can be killed hard:
 * SIGKILL to the whole group takes wrangler, workerd and anything else they started, mid-request.
 */
export type WorkerProc = {
  url: string;
  pid: number;
  output: () => string;
  /** Signals the whole process group and waits (bounded) until no process of the group is left. */
  kill: (signal?: NodeJS.Signals) => Promise<void>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** True while any process of the group `pgid` exists. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startWorkerProc(opts: {
  port: number;
  persistTo: string;
  vars?: Record<string, string>;
  timeoutMs?: number;
}): Promise<WorkerProc> {
  const args = ['wrangler', 'dev', '--port', String(opts.port), '--ip', '127.0.0.1', '--persist-to', opts.persistTo];
  for (const [k, v] of Object.entries(opts.vars ?? {})) args.push('--var', `${k}:${v}`);
  const child: ChildProcess = spawn('npx', args, {
    cwd: root,
    env: { ...quietEnv, CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('wrangler dev did not start');
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    try {
      process.kill(-pid, signal);
    } catch {}
    // The group leader is reaped by Node; the others (workerd) by init once they are gone.
    const end = Date.now() + 10_000;
    await Promise.race([exited, sleep(10_000)]);
    while (groupAlive(pid) && Date.now() < end) await sleep(50);
    if (groupAlive(pid)) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {}
    }
  };
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`wrangler dev exited early:\n${out}`);
    try {
      const r = await fetch(`${url}/v1/openapi.json`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) return { url, pid, output: () => out, kill };
    } catch {}
    await sleep(200);
  }
  await kill();
  throw new Error(`wrangler dev did not answer within ${opts.timeoutMs ?? 90_000} ms:\n${out}`);
}

/** Resolves once nothing accepts connections on 127.0.0.1:port (bounded by `ms`). */
export async function waitPortClosed(port: number, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const open = await new Promise<boolean>((resolve) => {
      const s = connect({ port, host: '127.0.0.1' });
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (!open) return;
    await sleep(50);
  }
  throw new Error(`port ${port} still accepts connections after ${ms} ms`);
}
