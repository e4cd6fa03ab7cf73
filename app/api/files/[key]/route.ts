import { storage } from "~/server/storage";

/** Progress photos: public, immutable (a key is never reused), served with long caching. */
export async function GET(_req: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  if (!/^[0-9a-f-]{36}-(large|thumb)\.webp$/.test(key)) return new Response(null, { status: 404 });
  const bytes = await storage.get(key);
  if (!bytes) return new Response(null, { status: 404 });
  return new Response(new Uint8Array(bytes), {
    headers: { "content-type": "image/webp", "cache-control": "public, max-age=31536000, immutable", "x-content-type-options": "nosniff" },
  });
}
