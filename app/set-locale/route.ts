import { asLocale, LOCALE_COOKIE } from "~/lib/i18n/config";
import { BODY_LIMITS, tooLargeRefusal, withinLimit } from "~/server/http/body-limit";
import { crossSiteRefusal, isSameOrigin } from "~/server/http/same-origin";

/** The language switch posts here (no JavaScript needed) and returns to the page it came from. */
export async function POST(req: Request) {
  if (!isSameOrigin(req)) return crossSiteRefusal(req);
  const limited = await withinLimit(req, BODY_LIMITS.small);
  if (!limited) return tooLargeRefusal(req);
  let form: FormData;
  try {
    form = await limited.formData();
  } catch {
    form = new FormData();
  }
  const locale = asLocale(String(form.get("locale") ?? ""));
  // Back to the page it came from, only on this site (never an open redirect); a garbled Referer means "/".
  const referer = URL.canParse(req.headers.get("referer") ?? "") ? new URL(req.headers.get("referer")!) : null;
  const back = referer && referer.origin === new URL(req.url).origin ? referer.pathname + referer.search : "/";
  return new Response(null, {
    status: 303,
    headers: {
      location: back,
      "set-cookie": `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`,
    },
  });
}
