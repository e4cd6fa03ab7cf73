import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "~": path.resolve(import.meta.dirname),
  // server-only throws outside React Server Components; tests import server modules directly.
  "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" } },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/integration/setup-database.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Each file gets its own database cloned from a migrated template, so files may run in parallel.
          maxWorkers: 2,
        },
      },
      {
        resolve: { alias },
        test: {
          // scripts/test.sh's "hall" step: `npm start` itself, on the build the suite made.
          name: "hall",
          include: ["tests/hall/**/*.test.ts"],
          environment: "node",
          testTimeout: 600_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          // scripts/test-faults.sh (`npm run test:faults`) provides PostgreSQL and the build.
          name: "faults",
          include: ["tests/faults/**/*.test.ts"],
          environment: "node",
          testTimeout: 180_000,
          hookTimeout: 120_000,
          // One file at a time: the tests restart the one PostgreSQL they share.
          fileParallelism: false,
          maxWorkers: 1,
        },
      },
    ],
  },
});
