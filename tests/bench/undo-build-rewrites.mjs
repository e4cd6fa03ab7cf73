// After `NEXT_DIST_DIR=.next-bench next build`: undo exactly what that build wrote into
// shared files, and nothing else (other engineers edit the same working tree at the same
// time, so restoring an old copy could revert their changes).
//
// - tsconfig.json: Next appends "<distDir>/types/**/*.ts" and "<distDir>/dev/types/**/*.ts"
//   to "include" when missing. Remove those entries if they were not there before the
//   build, keeping every other change; written back the way Next writes it.
// - next-env.d.ts (generated, ignored by git): Next rewrites it to import the types of
//   the build folder. If it now points at the bench folder and did not before, put back
//   the copy taken before the build.
//
// usage: node tests/bench/undo-build-rewrites.mjs <distDir> <saved dir>
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { EOL } from "node:os";
import path from "node:path";

const [distDir, savedDir] = process.argv.slice(2);
if (!distDir || !savedDir) {
  console.error("usage: undo-build-rewrites.mjs <distDir> <saved dir>");
  process.exit(2);
}

const ours = new Set([`${distDir}/types/**/*.ts`, `${distDir}/dev/types/**/*.ts`]);
try {
  const before = JSON.parse(readFileSync(path.join(savedDir, "tsconfig.json"), "utf8"));
  const hadBefore = new Set(Array.isArray(before.include) ? before.include : []);
  const now = JSON.parse(readFileSync("tsconfig.json", "utf8"));
  if (Array.isArray(now.include) && now.include.some((entry) => ours.has(entry) && !hadBefore.has(entry))) {
    now.include = now.include.filter((entry) => !ours.has(entry) || hadBefore.has(entry));
    writeFileSync("tsconfig.json", JSON.stringify(now, null, 2) + EOL);
    console.log(`bench: removed the ${distDir} entries next build added to tsconfig.json`);
  }
} catch (error) {
  // A tsconfig with comments is not JSON: leave it alone and say so rather than guess.
  console.error(`bench: could not check tsconfig.json (${error.message}); see 'git diff tsconfig.json'`);
}

const envSaved = path.join(savedDir, "next-env.d.ts");
if (existsSync(envSaved) && existsSync("next-env.d.ts")) {
  const was = readFileSync(envSaved, "utf8");
  const is = readFileSync("next-env.d.ts", "utf8");
  if (is !== was && is.includes(`./${distDir}/`) && !was.includes(`./${distDir}/`)) {
    writeFileSync("next-env.d.ts", was);
    console.log("bench: restored next-env.d.ts");
  }
}
