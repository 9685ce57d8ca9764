import { createContext, useContext, useEffect, useRef } from 'react';

export interface LiveMessage {
  topic: string;
  payload: unknown;
}

export interface LiveContextValue {
  /** Calls the handler for each message of the topic; returns the unsubscribe function. */
  subscribe: (topic: string, handler: (payload: unknown) => void) => () => void;
  connected: boolean;
}

export const LiveContext = createContext<LiveContextValue | null>(null);

/** Runs `handler` for every live message of `topic` while the component is mounted. */
export function useLiveTopic(topic: string, handler: (payload: unknown) => void): void {
  const live = useContext(LiveContext);
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => live?.subscribe(topic, (payload) => latest.current(payload)), [live, topic]);
}

export function useLiveConnected(): boolean {
  return useContext(LiveContext)?.connected ?? false;
}
