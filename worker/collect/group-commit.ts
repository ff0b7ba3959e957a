/**
 * Group commit: writes that arrive while one is in flight wait and then go to storage together, as
 * one batch (one D1 round trip, one transaction). With no write in flight a write goes at once, so a
 * quiet site pays no added latency; under load a post waits at most for the batch ahead of it. Each
 * caller still gets its own outcome only after its batch committed, so a 202 keeps meaning "stored".
 *
 * Workers rules this respects:
 * - Every D1 call runs in the context of a request that is still waiting for its own write: the
 *   request that writes a batch is always one of the batch's own callers (the "leader"). When its
 *   batch is done it hands the lead to the oldest waiting caller, whose continuation runs in that
 *   caller's own context (workerd tags promises with the request that made them: the runtime's
 *   `handle_cross_request_promise_resolution`, default since compatibility date 2024-10-14; never
 *   set `no_handle_cross_request_promise_resolution` for this Worker).
 * - Callers pass `keepAlive` (ctx.waitUntil): a visitor who disconnects must not cancel a write
 *   that other visitors' answers are part of.
 * - A caller that waits longer than `maxWaitMs` leaves the queue (so the lead is never handed to a
 *   request that has already answered) and fails with a transient error: the collector's 503.
 * - If a leader never comes back (its isolate context died mid-write), the next caller after
 *   `stallMs` takes the lead, so one lost request cannot wedge the isolate.
 */

export type GroupCommitOptions<T> = {
  /** Most items in one batch. */
  maxItems: number;
  /** Most bytes (by `size`) in one batch, to stay far below D1's limits on one bound value. */
  maxBytes: number;
  size: (item: T) => number;
  /** Two items with the same key never share a batch (the later one goes in the next). */
  key: (item: T) => string;
  /** A batch's failure that retrying cannot fix; its items are then written one by one. */
  isPermanent: (err: unknown) => boolean;
  maxWaitMs: number;
  stallMs: number;
};

type Done<R> = { ok: true; value: R } | { ok: false; error: unknown };
type Settled<R> = Done<R> | { lead: true };

type Waiter<T, R> = { item: T; key: string; bytes: number; settle: (s: Settled<R>) => void };

export class QueueWaitExceeded extends Error {
  constructor(ms: number) {
    // Worded so isTransientDbError sees an overload: the client keeps the answer and retries.
    super(`D1 write queue: overloaded, waited over ${ms} ms`);
  }
}

export class GroupCommit<T, R> {
  private queue: Waiter<T, R>[] = [];
  /** When the current leader took the lead; null when no write is in flight. */
  private leading: number | null = null;

  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly opts: GroupCommitOptions<T>,
  ) {}

  /** Resolves with the item's own outcome once its batch committed. */
  submit(item: T, keepAlive?: (p: Promise<unknown>) => void): Promise<R> {
    const done = this.wait(item);
    // The whole wait, including a batch this caller may lead after answering, stays in its context.
    keepAlive?.(done.catch(() => {}));
    return done;
  }

  private async wait(item: T): Promise<R> {
    let settle!: (s: Settled<R>) => void;
    const settled = new Promise<Settled<R>>((resolve) => {
      settle = resolve;
    });
    const me: Waiter<T, R> = { item, key: this.opts.key(item), bytes: this.opts.size(item), settle };
    this.queue.push(me);
    const now = Date.now();
    if (this.leading === null || now - this.leading > this.opts.stallMs) {
      this.leading = now;
      settle({ lead: true });
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<Settled<R>>((resolve) => {
      timer = setTimeout(() => {
        const at = this.queue.indexOf(me);
        // Still queued: leave, so nobody hands the lead to a request that has given up.
        if (at >= 0) {
          this.queue.splice(at, 1);
          resolve({ ok: false, error: new QueueWaitExceeded(this.opts.maxWaitMs) });
        }
      }, this.opts.maxWaitMs);
    });
    const first = await Promise.race([settled, timeout]);
    if (timer !== undefined) clearTimeout(timer);
    const outcome = 'lead' in first ? await this.lead(me) : first;
    if (outcome.ok) return outcome.value;
    throw outcome.error;
  }

  /** Writes one batch that starts with `me`, settles its other callers, and passes the lead on. */
  private async lead(me: Waiter<T, R>): Promise<Done<R>> {
    const batch = this.take(me);
    const outcomes = await this.writeBatch(batch.map((w) => w.item));
    let mine: Done<R> = { ok: false, error: new Error('group commit: own item missing from its batch') };
    batch.forEach((w, i) => {
      const o: Done<R> = outcomes[i] ?? { ok: false, error: new Error('group commit: no outcome') };
      if (w === me) mine = o;
      else w.settle(o);
    });
    const next = this.queue[0];
    if (next) {
      this.leading = Date.now();
      next.settle({ lead: true });
    } else {
      this.leading = null;
    }
    return mine;
  }

  /** `me` first, then queued callers in arrival order, within the limits and one per key. */
  private take(me: Waiter<T, R>): Waiter<T, R>[] {
    const batch = [me];
    const keys = new Set([me.key]);
    let bytes = me.bytes;
    const rest: Waiter<T, R>[] = [];
    for (const w of this.queue) {
      if (w === me) continue;
      if (batch.length < this.opts.maxItems && bytes + w.bytes <= this.opts.maxBytes && !keys.has(w.key)) {
        batch.push(w);
        keys.add(w.key);
        bytes += w.bytes;
      } else {
        rest.push(w);
      }
    }
    this.queue = rest;
    return batch;
  }

  private async writeBatch(items: T[]): Promise<Done<R>[]> {
    try {
      const values = await this.write(items);
      return values.map((value) => ({ ok: true, value }));
    } catch (error) {
      // One item's SQL failure must not fail the others with it: retry each alone. An outage
      // (transient) fails the whole batch; its callers answer 503 and their clients retry.
      if (items.length === 1 || !this.opts.isPermanent(error)) return items.map(() => ({ ok: false, error }));
      const each: Done<R>[] = [];
      for (const item of items) {
        try {
          const [value] = await this.write([item]);
          each.push({ ok: true, value: value as R });
        } catch (e) {
          each.push({ ok: false, error: e });
        }
      }
      return each;
    }
  }
}
