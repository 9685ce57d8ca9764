import { describe, expect, it } from 'vitest';
import { createWindowsCache } from './windows-cache.js';

describe('the wallboard windows cache', () => {
  it('computes once per interval and tenant, and again once the interval has passed', async () => {
    let now = 1_000;
    let computed = 0;
    const cache = createWindowsCache<number>({ maxAgeMs: 1_000, clock: () => now });
    const compute = () => Promise.resolve(++computed);
    expect(await cache.get(1, compute)).toBe(1);
    now += 999;
    expect(await cache.get(1, compute)).toBe(1);
    expect(await cache.get(2, compute)).toBe(2); // another tenant has its own
    now += 1;
    expect(await cache.get(1, compute)).toBe(3);
  });

  it('shares a computation in flight and forgets a failed one', async () => {
    const now = 0;
    let release!: (value: number) => void;
    const cache = createWindowsCache<number>({ clock: () => now });
    const first = cache.get(1, () => new Promise((resolve) => (release = resolve)));
    const second = cache.get(1, () => Promise.resolve(99));
    release(7);
    expect([await first, await second]).toEqual([7, 7]);

    const failing = createWindowsCache<number>({ clock: () => now });
    await expect(failing.get(1, () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    expect(await failing.get(1, () => Promise.resolve(5))).toBe(5);
  });
});
