/**
 * The collector's group commit: posts arriving while a write is in flight share the next D1 batch.
 * Here the scheduling itself, with a write step the test controls. Concurrent posts through a real
 * `wrangler dev` into D1 are tested in test/e2e/collector-concurrency.test.ts: this pool's runner
 * turns off cross-request promise resolution, which the group commit's hand-off relies on.
 */
import { describe, expect, it } from 'vitest';
import { GroupCommit, QueueWaitExceeded } from '../../worker/collect/group-commit';

type Item = { key: string; fail?: 'permanent' | 'transient' };

/** A write step that records its batches and can be held until the test releases it. */
function recorder() {
  const batches: string[][] = [];
  let release: () => void = () => {};
  let held = Promise.resolve();
  const write = async (items: Item[]) => {
    batches.push(items.map((i) => i.key));
    await held;
    const bad = items.find((i) => i.fail);
    if (bad) throw new Error(bad.fail);
    return items.map((i) => `stored ${i.key}`);
  };
  const hold = () => {
    held = new Promise((r) => {
      release = r;
    });
  };
  return { batches, write, hold, release: () => release() };
}

const options = {
  maxItems: 3,
  maxBytes: 1000,
  size: () => 10,
  key: (i: Item) => i.key.split('#')[0] as string,
  isPermanent: (e: unknown) => (e as Error).message === 'permanent',
  maxWaitMs: 200,
  stallMs: 400,
};

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('group commit scheduling', () => {
  it('writes at once when idle, and batches what arrives while a write is in flight', async () => {
    const r = recorder();
    const gc = new GroupCommit(r.write, options);
    expect(await gc.submit({ key: 'a' })).toBe('stored a');
    r.hold();
    const first = gc.submit({ key: 'b' });
    await tick();
    const rest = ['c', 'd', 'e', 'f'].map((key) => gc.submit({ key }));
    await tick();
    r.release();
    expect(await Promise.all([first, ...rest])).toEqual(['stored b', 'stored c', 'stored d', 'stored e', 'stored f']);
    // at most maxItems per batch, in arrival order
    expect(r.batches).toEqual([['a'], ['b'], ['c', 'd', 'e'], ['f']]);
  });

  it('never puts two posts of one response in the same batch', async () => {
    const r = recorder();
    const gc = new GroupCommit(r.write, options);
    r.hold();
    const lead = gc.submit({ key: 'x' });
    await tick();
    const all = [lead, gc.submit({ key: 'y#1' }), gc.submit({ key: 'y#2' }), gc.submit({ key: 'z' })];
    await tick();
    r.release();
    await Promise.all(all);
    expect(r.batches).toEqual([['x'], ['y#1', 'z'], ['y#2']]);
  });

  it('writes the others one by one when a batch fails on one item, and fails all on an outage', async () => {
    const r = recorder();
    const gc = new GroupCommit(r.write, options);
    r.hold();
    const lead = gc.submit({ key: 'a' });
    await tick();
    const bad = gc.submit({ key: 'b', fail: 'permanent' });
    const good = gc.submit({ key: 'c' });
    r.release();
    await lead;
    await expect(bad).rejects.toThrow('permanent');
    await expect(good).resolves.toBe('stored c');

    r.hold();
    const lead2 = gc.submit({ key: 'd' });
    await tick();
    const down = [gc.submit({ key: 'e', fail: 'transient' }), gc.submit({ key: 'f' })];
    r.release();
    await lead2;
    const settled = await Promise.allSettled(down);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    // the transient batch is not retried item by item: the clients retry later
    expect(r.batches.filter((b) => b.includes('f'))).toEqual([['e', 'f']]);
  });

  it('gives up waiting after maxWaitMs, and a stuck writer is taken over after stallMs', async () => {
    let calls = 0;
    const gc = new GroupCommit<Item, string>(async (items) => {
      calls++;
      if (calls === 1) await new Promise(() => {}); // the first write never returns
      return items.map((i) => `stored ${i.key}`);
    }, options);
    void gc.submit({ key: 'stuck' });
    await tick();
    const started = Date.now();
    await expect(gc.submit({ key: 'waiting' })).rejects.toBeInstanceOf(QueueWaitExceeded);
    expect(Date.now() - started).toBeLessThan(options.stallMs);
    await new Promise((r) => setTimeout(r, options.stallMs));
    expect(await gc.submit({ key: 'later' })).toBe('stored later');
  });
});
