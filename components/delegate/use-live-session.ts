"use client";

import { useEffect, useRef } from "react";
import { startLiveSession } from "./live-session";

/**
 * Keeps a delegate's page current from their live stream (live-session.ts): `refresh` when
 * the session changed, on each (re)connect, and slowly while the stream is down. Nothing
 * while `enabled` is false. No react-query: a page may fetch its state however it likes.
 */
export function useLiveSession(refresh: () => void, enabled = true): void {
  const refreshRef = useRef(refresh);
  useEffect(() => {
    refreshRef.current = refresh;
  });

  useEffect(() => {
    if (!enabled) return;
    const live = startLiveSession(() => refreshRef.current());
    const onVisible = () => document.visibilityState === "visible" && live.wake();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      live.stop();
    };
  }, [enabled]);
}
