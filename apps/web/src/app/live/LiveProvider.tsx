import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useAuth } from '../auth/AuthContext';
import { LiveContext, type LiveContextValue, type LiveMessage } from './LiveContext';

const MAX_BACKOFF_MS = 15_000;

/**
 * One WebSocket per signed-in browser tab to /api/v1/live (the session cookie authenticates it),
 * reconnecting with backoff; components subscribe by topic.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const handlers = useRef(new Map<string, Set<(payload: unknown) => void>>());
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    if (!me) return;
    let socket: WebSocket | null = null;
    let stopped = false;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/live`;
      socket = new WebSocket(url);
      socket.onopen = () => {
        attempt = 0;
        setConnected(true);
      };
      socket.onmessage = (event) => {
        try {
          const message = JSON.parse(String(event.data)) as LiveMessage;
          handlers.current.get(message.topic)?.forEach((handler) => handler(message.payload));
        } catch {
          // Not ours to crash on: ignore a message we cannot read.
        }
      };
      socket.onclose = (event) => {
        setConnected(false);
        // 4401: the session is gone; signing in again opens a new connection.
        if (stopped || event.code === 4401) return;
        attempt += 1;
        timer = setTimeout(open, Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt));
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      socket?.close();
    };
  }, [me?.id]);

  const value = useMemo<LiveContextValue>(
    () => ({
      connected,
      subscribe: (topic, handler) => {
        const set = handlers.current.get(topic) ?? new Set();
        set.add(handler);
        handlers.current.set(topic, set);
        return () => set.delete(handler);
      },
    }),
    [connected],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}
