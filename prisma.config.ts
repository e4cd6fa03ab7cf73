import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's CLI would download a native schema engine first, which an office intranet that
// reaches only an npm mirror cannot: it runs the project's own, Prisma's WebAssembly engine
// behind scripts/prisma-schema-engine.mjs, on every machine alike (override by setting
// PRISMA_SCHEMA_ENGINE_BINARY to a native engine).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve(import.meta.dirname, "scripts/prisma-schema-engine.mjs");

export default defineConfig({
  schema: "prisma/schema.prisma",
  // scripts/restore.ts rebuilds an older snapshot's schema from a folder holding only the
  // migrations that snapshot had, before loading its rows and migrating forward.
  migrations: { path: process.env.MINSHENG_MIGRATIONS_PATH ?? "prisma/migrations", seed: "tsx --conditions=react-server prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:54329/minsheng" },
});
