import { describe, expect, it } from 'vitest';
import { createGroupCommit } from './group-commit.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('group commit', () => {
  it('writes what arrives together in one statement, at most `concurrency` at once, answering each item', async () => {
    const statements: number[][] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const gc = createGroupCommit<number, number>({
      keyOf: () => 'k',
      concurrency: 2,
      maxBatch: 3,
      write: async (items) => {
        statements.push(items);
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        await tick();
        await tick();
        inFlight--;
        return items.map((n) => n * 10);
      },
    });
    const answers = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => gc.submit(n)));
    expect(answers).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(statements).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(maxInFlight).toBe(2);
  });

  it('never mixes keys in one statement', async () => {
    const statements: string[][] = [];
    const gc = createGroupCommit<string, string>({ keyOf: (s) => s[0]!, write: async (items) => (statements.push(items), items) });
    await Promise.all(['a1', 'b1', 'a2', 'b2'].map((s) => gc.submit(s)));
    expect(statements.map((s) => s.join())).toEqual(['a1,a2', 'b1,b2']);
  });

  it('fails only the bad item of a failed statement, retrying the others alone', async () => {
    const gc = createGroupCommit<number, number>({
      keyOf: () => 'k',
      write: async (items) => {
        if (items.includes(2)) throw new Error('bad item');
        return items;
      },
    });
    const results = await Promise.allSettled([1, 2, 3].map((n) => gc.submit(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    await gc.drain();
  });

  it('drain waits for every submitted item', async () => {
    const done: number[] = [];
    const gc = createGroupCommit<number, number>({ keyOf: () => 'k', concurrency: 1, maxBatch: 1, write: async (items) => (await tick(), done.push(...items), items) });
    void gc.submit(1);
    void gc.submit(2);
    await gc.drain();
    expect(done).toEqual([1, 2]);
  });
});
