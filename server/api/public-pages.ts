import "server-only";
import type { Db } from "../db-client";

/**
 * Mutations that never change what the cached public pages show. The busy ones during a
 * vote (casts, check-ins, paper entry, ratings) are here so that 1,300 submissions do not
 * throw away the pages residents are reading; residents' own posts stay pending until the
 * secretariat moderates them. Any other mutation re-renders the public pages: a new
 * procedure is safe by default.
 */
const LEAVES_PUBLIC_PAGES = new Set([
  "delegate.cast",
  "delegate.checkIn",
  "delegate.signOff",
  "clerk.enterPaper",
  "secretariat.deskCheckIn",
  "secretariat.clearSignInDelay",
  "projects.rate",
  "projects.suggest",
  "projects.feedback",
  "secretariat.issueLoginToken",
  "setup.resetPin",
]);

/** The procedures a tRPC request names: `/api/trpc/a.b,c.d?batch=1` → ["a.b", "c.d"]. */
export function proceduresOf(url: string): string[] {
  const path = new URL(url).pathname.replace(/^\/api\/trpc\/?/, "");
  return decodeURIComponent(path).split(",").filter(Boolean);
}

export function changesPublicPages(procedures: readonly string[]): boolean {
  return procedures.some((p) => !LEAVES_PUBLIC_PAGES.has(p));
}

/** Heard by every serving process's public-page cache (scripts/public-page-cache.cjs names the same channel). */
export const PUBLIC_PAGES_CHANNEL = "minsheng_public_pages";

const LOCAL_CACHE = Symbol.for("minsheng.publicPageCache");

/**
 * After a committed mutation that may change what residents read: every cached public page
 * (all languages) is rendered afresh on its next visit — in this process at once, before
 * the answer goes out, and in every other worker and app server when the NOTIFY reaches it.
 * Plain code, no Next request context: any HTTP handler can call it.
 */
export async function refreshPublicPages(db: Db): Promise<void> {
  const local = (globalThis as { [LOCAL_CACHE]?: { id: string; clear(): void } })[LOCAL_CACHE];
  local?.clear();
  // Signed with this process's cache, which need not be emptied a second time when its own NOTIFY comes back.
  await db.$executeRaw`SELECT pg_notify(${PUBLIC_PAGES_CHANNEL}, ${local?.id ?? ""})`;
}
