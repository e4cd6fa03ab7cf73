/**
 * The address people use to reach this app (scheme and host), for links printed on a
 * phone screen to be copied onto paper: the receipt code's check address.
 *
 * NEXTAUTH_URL is the public URL when it is set for a deployment. `npm start` defaults it
 * to http://localhost:<port>, which means nothing to a phone in the hall: then the host the
 * request came to (as the reverse proxy reports it, README "Deploying") is what people use.
 */
export function publicOrigin(headers: Headers, configured: string | undefined = process.env.NEXTAUTH_URL): string {
  const fromRequest = requestOrigin(headers);
  const fromConfig = parseOrigin(configured);
  if (fromConfig && !(fromRequest && isLoopback(fromConfig) && !isLoopback(fromRequest))) return fromConfig.origin;
  return (fromRequest ?? fromConfig ?? new URL("http://localhost")).origin;
}

const first = (value: string | null) => value?.split(",")[0]?.trim() || null;

function requestOrigin(headers: Headers): URL | null {
  const host = first(headers.get("x-forwarded-host")) ?? first(headers.get("host"));
  const proto = first(headers.get("x-forwarded-proto")) ?? "http";
  // Only a plain host[:port] is used: anything else in a header could turn the link into another.
  if (!host || !/^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/.test(host) || !/^https?$/.test(proto)) return null;
  return parseOrigin(`${proto}://${host}`);
}

function parseOrigin(url: string | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(new URL(url).origin);
  } catch {
    return null;
  }
}

function isLoopback(url: URL): boolean {
  return url.hostname === "localhost" || url.hostname.startsWith("127.") || url.hostname === "[::1]";
}
