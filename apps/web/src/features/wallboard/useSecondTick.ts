import { useSyncExternalStore } from 'react';

// One timer for every ticking duration on the page: each subscriber re-renders alone, once a second, instead of
// the whole wallboard (a 300-agent table re-rendered every second kept a core of the leader's PC busy).
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => {
    now = Date.now();
    for (const l of listeners) l();
  }, 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** Date.now(), updated once a second. */
export function useSecondTick(): number {
  return useSyncExternalStore(subscribe, () => now);
}
