import "server-only";
import { randomUUID } from "node:crypto";
import sharp, { type Metadata } from "sharp";
import { PHOTO_LIMITS } from "~/lib/schemas/projects";
import { AppError } from "../errors";
import type { FileStorage } from "../storage/file-storage";

/** Web sizes stored for each photo: the page's image and a thumbnail. */
export const PHOTO_SIZES = { large: 1280, thumb: 400 } as const;
const ACCEPTED = new Set(["jpeg", "png", "webp"]);

export interface StoredPhoto {
  storageKey: string;
  mimeType: string;
  bytes: number;
  width: number;
  height: number;
}

/**
 * Checks a photo by its content, not by the type the browser claims: sharp must decode it
 * as JPEG, PNG or WebP, within size and pixel limits. Re-encoding to WebP at web sizes
 * also drops EXIF data (a photo's GPS position stays on the phone).
 */
export async function storePhoto(storage: FileStorage, bytes: Buffer): Promise<StoredPhoto> {
  if (bytes.length === 0 || bytes.length > PHOTO_LIMITS.bytes) throw new AppError("BAD_INPUT", { field: "photo", reason: "SIZE" });
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: 40_000_000 }).metadata();
  } catch {
    throw new AppError("BAD_INPUT", { field: "photo", reason: "NOT_AN_IMAGE" });
  }
  if (!meta.format || !ACCEPTED.has(meta.format)) throw new AppError("BAD_INPUT", { field: "photo", reason: "TYPE" });
  const id = randomUUID();
  try {
    const variants = await Promise.all(
      Object.entries(PHOTO_SIZES).map(async ([name, width]) => {
        const out = await sharp(bytes)
          .rotate()
          .resize({ width, withoutEnlargement: true })
          .webp({ quality: 78 })
          .toBuffer({ resolveWithObject: true });
        await storage.put(`${id}-${name}.webp`, out.data, "image/webp");
        return { name, info: out.info };
      }),
    );
    const large = variants.find((v) => v.name === "large")!.info;
    return { storageKey: id, mimeType: "image/webp", bytes: large.size, width: large.width, height: large.height };
  } catch {
    throw new AppError("BAD_INPUT", { field: "photo", reason: "NOT_AN_IMAGE" });
  }
}
