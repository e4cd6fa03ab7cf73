/**
 * Signing out the way next-auth's own client does it (`signOut` in next-auth/react): fetch
 * the CSRF token, post it to /api/auth/signout (which ends this sign-in on the server,
 * server/auth/sign-out.ts), then go where the server says. Written out because
 * next-auth/react weighed 13 kB gzipped on every signed-in page, the voting page included,
 * for this one call; no page here uses its session hooks.
 */
export async function signOut(callbackUrl: string): Promise<void> {
  const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }),
  });
  const { url } = (await res.json()) as { url?: string };
  window.location.href = url ?? callbackUrl;
}
