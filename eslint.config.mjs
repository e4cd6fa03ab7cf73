// ESLint for the whole house (`npm test` runs `eslint --max-warnings 0 .`): JavaScript's and
// typescript-eslint's recommended rules, React's rules of hooks (with the React Compiler's
// checks that come with eslint-plugin-react-hooks 7), and Next's own rules. Formatting is
// Prettier's job, not ESLint's.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  globalIgnores([
    "node_modules/",
    ".next/",
    ".next-*/",
    ".data/",
    "uploads/",
    "server/generated/",
    "tests/artifacts/",
    "test-results/",
    "playwright-report/",
    "next-env.d.ts",
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  nextPlugin.configs["core-web-vitals"],
  {
    rules: {
      // A leading underscore marks a value left unused on purpose: a key taken out with a rest
      // sibling (`const { photos: _photos, ...rest } = input`), a loop that only waits for the
      // next event (`for await (const _ of changes)`).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
      // Photos are resized to WebP (a large size and a thumbnail) when they are uploaded and
      // served as files from /api/files; next/image would resize them a second time, per request.
      "@next/next/no-img-element": "off",
    },
  },
  {
    // Plain JavaScript here is Node's: config files, the worker launcher, bench helpers.
    files: ["**/*.{js,cjs,mjs}"],
    languageOptions: { globals: globals.node },
  },
  {
    // CommonJS on purpose (scripts/serve-next.cjs runs under node:cluster before anything is
    // compiled): require() is its import.
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
