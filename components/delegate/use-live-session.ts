"use client";

import { useEffect, useRef } from "react";
import { startLiveSession } from "./live-session";

/**
 * Keeps a delegate's page current from their live stream (live-session.ts): `refresh` when
 * the session changed and on each (re)connect, with the stream's message (the delegate's
 * session state, serialized), and without one, slowly, while the stream is down. Nothing
 * while `enabled` is false. No react-query: a page may fetch its state however it likes.
 */
export function useLiveSession(refresh: (message?: string) => void, enabled = true): void {
  const refreshRef = useRef(refresh);
  useEffect(() => {
    refreshRef.current = refresh;
  });

  useEffect(() => {
    if (!enabled) return;
    const live = startLiveSession((message) => refreshRef.current(message));
    const onVisible = () => document.visibilityState === "visible" && live.wake();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      live.stop();
    };
  }, [enabled]);
}
