import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import * as fontkit from "fontkit";

/**
 * The typeface every PDF the app makes is set in: Noto Sans SC (the "Hans" OpenType fonts of
 * Noto Sans CJK, 30,000+ characters: GB 18030's common set, rare names' characters
 * included), shipped by the npm package @embedpdf/fonts-sc. Nothing comes from the
 * machine's fonts or the network, so a 公告 renders the same on any server, offline; PDFKit
 * embeds only the glyphs a document uses (a subset), so a one-page 公告 is ~100 KB.
 *
 * Parsed once per process and kept: the first layout with a fresh font costs a second or two
 * (its substitution tables), later documents reuse the parsed font.
 */
export interface CjkFonts {
  regular: fontkit.Font;
  bold: fontkit.Font;
}

const FILES = { regular: "NotoSansHans-Regular.otf", bold: "NotoSansHans-Bold.otf" } as const;

/**
 * From the app's root, where `npm start`, `next start`, the tests and the scripts all run.
 * Not require.resolve: in the built server the bundler replaces that with a module number.
 */
function fontFile(file: string): string {
  return path.join(process.cwd(), "node_modules", "@embedpdf", "fonts-sc", "fonts", file);
}

async function load(file: string): Promise<fontkit.Font> {
  const font = fontkit.create(await readFile(fontFile(file)));
  if (!("layout" in font)) throw new Error(`${file} is a font collection, not a font`);
  return font;
}

let fonts: Promise<CjkFonts> | null = null;

export function cjkFonts(): Promise<CjkFonts> {
  fonts ??= Promise.all([load(FILES.regular), load(FILES.bold)]).then(
    ([regular, bold]) => ({ regular, bold }),
    (e: unknown) => {
      fonts = null; // a missing package is reported on every call, not cached as a failure
      throw e;
    },
  );
  return fonts;
}
