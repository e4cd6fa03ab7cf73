import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// scripts/serve-next.cjs loads this bundle before Next starts (issue 14).
const { ensureBundle } = createRequire(import.meta.url)("../../scripts/trpc-bundle.cjs") as {
  ensureBundle: (distDir: string) => Promise<string>;
};

const distDir = mkdtempSync(path.join(tmpdir(), "minsheng-trpc-bundle-"));
afterAll(() => rmSync(distDir, { recursive: true, force: true }));

describe("the tRPC server's bundle (scripts/trpc-bundle.cjs)", () => {
  it("belongs to one Next build: kept while the BUILD_ID is the same, made again when it is not", async () => {
    writeFileSync(path.join(distDir, "BUILD_ID"), "build-one");
    const file = await ensureBundle(distDir);
    expect(readFileSync(file, "utf8").startsWith("// BUILD_ID build-one\n")).toBe(true);
    const made = statSync(file).mtimeMs;
    expect(await ensureBundle(distDir)).toBe(file);
    expect(statSync(file).mtimeMs).toBe(made);
    writeFileSync(path.join(distDir, "BUILD_ID"), "build-two");
    await ensureBundle(distDir);
    expect(readFileSync(file, "utf8").startsWith("// BUILD_ID build-two\n")).toBe(true);
  }, 60_000);

  it("holds no Next module (loaded before `next start`, one would break it) and leaves packages to node_modules", () => {
    const code = readFileSync(path.join(distDir, "trpc-node.mjs"), "utf8");
    const imported = [...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]!);
    expect(imported.filter((m) => m === "next" || m.startsWith("next/"))).toEqual([]);
    expect(imported).toContain("@trpc/server/adapters/node-http");
    expect(imported).toContain("@prisma/client/runtime/client");
    // server-only would throw outside React Server Components: it is bundled as its empty variant.
    expect(imported).not.toContain("server-only");
    expect(code).toMatch(/export \{[^}]*serveTrpc[^}]*\}/);
  });
});
