import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * The session archive's checks exactly as README ("The session archive") and the archive's
 * own README.txt tell a verifier to run them, in the unpacked folder, with standard tools
 * and this repository (APP) — no database, no app running.
 */
const APP = path.resolve(import.meta.dirname, "..");

export interface Run {
  code: number;
  output: string;
}

function sh(script: string, cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile("sh", ["-c", script], { cwd, env: { ...process.env, APP }, encoding: "utf8", timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, output: stdout + stderr }),
    );
  });
}

/** Unpacks a downloaded archive with `unzip` into a new folder; returns the folder. */
export async function unpackArchive(zip: Uint8Array): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "minsheng-archive-"));
  writeFileSync(path.join(dir, "archive.zip"), zip);
  const unzip = await sh("unzip -q archive.zip -d files && rm archive.zip", dir);
  if (unzip.code !== 0) throw new Error(`unzip failed: ${unzip.output}`);
  return path.join(dir, "files");
}

/** README's recomputation of the audit chain by hand (Python 3, no app), exactly as printed there. */
function chainByHandScript(): string {
  const readme = readFileSync(path.join(APP, "README.md"), "utf8");
  const script = /```sh\n(python3 - audit-log\.jsonl <<'EOF'\n[\s\S]*?\nEOF\n)```/.exec(readme)?.[1];
  if (!script) throw new Error("README no longer shows the audit chain's recomputation in Python");
  return script;
}

/**
 * The documented steps: the manifest, the audit chain with the records anchored in it, each
 * record recounted; and the chain recomputed by hand.
 */
export async function checkArchive(dir: string): Promise<{ manifest: Run; chain: Run; recounts: Run[]; byHand: Run }> {
  const manifest = await sh("sha256sum -c manifest.sha256", dir);
  const chain = await sh('npm --prefix "$APP" run -s audit:verify -- audit-log.jsonl polls/*-ballot-record.json', dir);
  const records = (await sh("ls polls/*-ballot-record.json", dir)).output.trim().split("\n");
  const recounts = [];
  for (const record of records) recounts.push(await sh(`npm --prefix "$APP" run -s recount -- ${record}`, dir));
  return { manifest, chain, recounts, byHand: await sh(chainByHandScript(), dir) };
}
