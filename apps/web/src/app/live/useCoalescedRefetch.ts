import { useCallback, useRef } from 'react';

/**
 * A refetch for live "something changed" events that never piles up: while one fetch runs, further events only
 * mark it stale, and one more fetch follows when it ends. Under thousands of events a minute the page keeps one
 * request in flight instead of starting one per event.
 */
export function useCoalescedRefetch(refetch: (options: { cancelRefetch: boolean }) => Promise<unknown>): () => void {
  const running = useRef(false);
  const stale = useRef(false);
  const latest = useRef(refetch);
  latest.current = refetch;
  return useCallback(() => {
    if (running.current) {
      stale.current = true;
      return;
    }
    running.current = true;
    const run = (): Promise<void> =>
      latest.current({ cancelRefetch: false }).then(() => {
        if (!stale.current) return;
        stale.current = false;
        return run();
      });
    void run().finally(() => { running.current = false; });
  }, []);
}
