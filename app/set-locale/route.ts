import { asLocale, LOCALE_COOKIE } from "~/lib/i18n/config";

/** The language switch posts here (no JavaScript needed) and returns to the page it came from. */
export async function POST(req: Request) {
  const form = await req.formData();
  const locale = asLocale(String(form.get("locale") ?? ""));
  const referer = req.headers.get("referer");
  const back = referer && new URL(referer).origin === new URL(req.url).origin ? new URL(referer).pathname + new URL(referer).search : "/";
  return new Response(null, {
    status: 303,
    headers: {
      location: back,
      "set-cookie": `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`,
    },
  });
}
