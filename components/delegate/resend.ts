"use client";

import type { z } from "zod";
import { appCodeOf, isNetworkError } from "../trpc/use-app-error";

// The ballot screens take the refusal's code from here with the rest of the resend machinery.
export { appCodeOf };

/**
 * What the ballot and the rating share to survive a hall's congested Wi-Fi: a submission
 * kept on the phone under one idempotency key until its receipt is seen, and resent (same
 * key, so stored once) after a timeout, a lost answer or a reload.
 */

/** Reads a saved submission; anything unreadable or of an old shape counts as nothing saved. */
export function readSaved<T>(key: string, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(window.localStorage.getItem(key) ?? "null"));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Best effort: private browsing or a full quota must not stop a delegate from voting; the submission then lives in memory only. */
export function writeSaved(key: string, value: unknown) {
  try {
    if (value) window.localStorage.setItem(key, JSON.stringify(value));
    else window.localStorage.removeItem(key);
  } catch {
    /* see above */
  }
}

/** 32 hex characters. randomUUID needs a secure context; hall Wi-Fi may serve the app over plain HTTP. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID().replaceAll("-", "");
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * On a saturated hall network a request can hang for minutes. Past this, give up on it and
 * resend (same key, so a request that did arrive late is answered with the same receipt).
 */
export const REQUEST_TIMEOUT_MS = 20_000;

/** Full jitter, capped: when the hall's Wi-Fi drops, a few hundred phones must not retry in step. */
export function retryDelay(attempt: number): number {
  const ceiling = Math.min(1_000 * 2 ** attempt, 15_000);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** Safe to resend with the same key: the request may not have arrived, or the server could not finish it. */
export function isRetryable(error: unknown): boolean {
  const code = appCodeOf(error);
  return isNetworkError(error) || code === "INTERNAL" || code === "RATE_LIMITED";
}
