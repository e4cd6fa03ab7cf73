import path from "node:path";
import { existsSync } from "node:fs";
import { defineConfig } from "prisma/config";

// Offline machines cannot download Prisma's native schema engine: use the WASM
// stand-in from ../shared/tools when it is present (see ../shared/STACK.md).
const shim = path.resolve(import.meta.dirname, "../shared/tools/prisma-schema-engine.mjs");
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && existsSync(shim)) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = shim;
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx --conditions=react-server prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:54329/minsheng" },
});
