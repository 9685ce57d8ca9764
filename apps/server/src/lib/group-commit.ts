/**
 * Group commit: items submitted one by one (one per request) are written many to a statement. Whatever arrived
 * while earlier statements ran goes into the next one, so under load a statement carries many items and when
 * quiet an item waits for nothing but the current turn of the event loop. At most `concurrency` statements run at
 * once; items of different `keyOf` never share a statement. A failed statement of several items is retried one
 * item at a time, so one bad item fails alone.
 */
export interface GroupCommit<T, R> {
  /** Resolves with the item's result once its statement has committed. */
  submit(item: T): Promise<R>;
  /** Waits for everything submitted so far. */
  drain(): Promise<void>;
}

interface Pending<T, R> {
  item: T;
  key: string;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitOptions<T, R> {
  /** Writes items sharing a key; answers their results in the order given. */
  write: (items: T[]) => Promise<R[]>;
  keyOf: (item: T) => string;
  maxBatch?: number;
  concurrency?: number;
}

export function createGroupCommit<T, R>({ write, keyOf, maxBatch = 64, concurrency = 2 }: GroupCommitOptions<T, R>): GroupCommit<T, R> {
  const queue: Array<Pending<T, R>> = [];
  let running = 0;
  let scheduled = false;
  const idle: Array<() => void> = [];

  const execute = async (batch: Array<Pending<T, R>>) => {
    try {
      const results = await write(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const p of batch) await execute([p]);
    }
  };

  const takeBatch = () => {
    const key = queue[0]!.key;
    const batch: Array<Pending<T, R>> = [];
    for (let i = 0; i < queue.length && batch.length < maxBatch; ) {
      if (queue[i]!.key === key) batch.push(...queue.splice(i, 1));
      else i++;
    }
    return batch;
  };

  const flush = () => {
    scheduled = false;
    while (running < concurrency && queue.length > 0) {
      running++;
      void execute(takeBatch()).finally(() => {
        running--;
        if (queue.length > 0) schedule();
        else if (running === 0) idle.splice(0).forEach((wake) => wake());
      });
    }
  };

  function schedule() {
    if (scheduled || running >= concurrency) return;
    scheduled = true;
    // Let the requests that arrive in this turn of the event loop join the statement.
    setImmediate(flush);
  }

  return {
    submit(item) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, key: keyOf(item), resolve, reject });
        schedule();
      });
    },
    drain() {
      if (queue.length === 0 && running === 0) return Promise.resolve();
      return new Promise((resolve) => idle.push(resolve));
    },
  };
}
