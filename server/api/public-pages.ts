import "server-only";

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
