import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, it } from "vitest";

import type { TBallotRecord } from "~/server/domain/ballot-record";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SAMPLE = path.join(ROOT, "tests/fixtures/ballot-record-sample.json");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "recount-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sample = () => JSON.parse(readFileSync(SAMPLE, "utf8")) as TBallotRecord;
const write = (name: string, content: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
};

/** A real process, as a verifier would run it; async so the cases can run side by side. */
function run(command: string, args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: ROOT, encoding: "utf8", timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr });
    });
  });
}
const recount = (...args: string[]) => run("npx", ["tsx", "scripts/recount.ts", ...args]);

describe.concurrent("npm run recount -- <file.json>", { timeout: 60_000 }, () => {
  it("exit 0 with a summary when the recount agrees", async ({ expect }) => {
    const { code, stdout, stderr } = await recount(write("ok.json", JSON.stringify(sample())));
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("2025年区民生实事项目票决（差额）");
    expect(stdout).toContain("7 valid, 1 invalid");
    expect(stdout).toMatch(/"c1" .*FOR 6, AGAINST 1, ABSTAIN 0 — passed \(rank 1\), selected/);
    expect(stdout).toMatch(/"c5" .*not passed/);
    expect(stdout).toContain('Runoff: "c2", "c3", "c4"');
    expect(stdout).toContain("Unfilled: 0");
    expect(stdout).toContain("OK");
  });

  it("runs as the package script", async ({ expect }) => {
    const { code, stdout } = await run("npm", ["run", "--silent", "recount", "--", SAMPLE]);
    expect(code).toBe(0);
    expect(stdout).toContain("OK");
  });

  it("exit 1 listing every difference when the published result does not match the ballots", async ({ expect }) => {
    const record = sample();
    const ballot = record.ballots.find((b) => b.choices.c2 === "FOR" && b.choices.c1 === "FOR" && Object.keys(b.choices).length === 5)!;
    ballot.choices.c2 = "AGAINST"; // c2 drops out of the tie at the cut: c3 and c4 now fit
    record.result.unfilled = 2;
    const { code, stderr } = await recount(write("tampered.json", JSON.stringify(record)));
    expect(code).toBe(1);
    expect(stderr).toContain("MISMATCH");
    expect(stderr).toContain('candidate "c2": for 4 ≠ 5 (file)');
    expect(stderr).toContain('candidate "c2": against 2 ≠ 1 (file)');
    expect(stderr).toContain('candidate "c3": selected true ≠ false (file)');
    expect(stderr).toContain('runoff [] ≠ ["c2","c3","c4"] (file)');
    expect(stderr).toContain("unfilled 0 ≠ 2 (file)");
  });

  it.for([
    ["no file given", () => [], /no file given\nusage: npm run recount -- <ballot-record.json>/],
    ["an unreadable file", () => [path.join(dir, "missing.json")], /cannot read .*missing\.json/],
    ["bad JSON", () => [write("bad.json", "{ not json")], /bad\.json is not valid JSON/],
    [
      "a structurally invalid record",
      () => {
        const record = sample() as unknown as { candidates: unknown[]; poll: { seats: number } };
        record.candidates.push({ id: "c1", title: "again" });
        return [write("dup.json", JSON.stringify(record))];
      },
      /dup\.json is not a valid ballot record[\s\S]*candidates\[5\]: duplicate candidate id "c1"/,
    ],
    ["a wrong format", () => [write("format.json", JSON.stringify({ ...sample(), format: "other/1" }))], /format: /],
  ] as const)("exit 2 with a clear message for %s", async ([, args, message], { expect }) => {
    const { code, stdout, stderr } = await recount(...args());
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe("");
  });

  it("accepts a UTF-8 byte-order mark", async ({ expect }) => {
    expect((await recount(write("bom.json", `\uFEFF${JSON.stringify(sample())}`))).code).toBe(0);
  });
});
