/**
 * `npm run audit:verify -- audit-log.jsonl [record.json …]`: a filed audit chain checked with
 * no database, as a verifier does years later from the session archive.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { auditHash, auditRowLine, GENESIS_HASH, type AuditContent, type AuditRow } from "~/server/domain/audit-chain";
import type { TBallotRecord } from "~/server/domain/ballot-record";
import { resultHash } from "~/server/domain/certification";

const ROOT = path.resolve(import.meta.dirname, "../..");
let dir: string;
let chain: AuditRow[];

const sample = JSON.parse(readFileSync(path.join(ROOT, "tests/fixtures/ballot-record-sample.json"), "utf8")) as TBallotRecord;
/** The seq of the entry where the scrutineers certify the sample record's poll and result. */
const CERTIFIED = 4;

/** A chain of `n` entries, linked and hashed as the app appends them; entry CERTIFIED certifies the sample's result. */
function makeChain(n: number): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const content: AuditContent = {
      seq: String(i),
      at: new Date(Date.UTC(2021, 0, 13, 1, i)).toISOString(),
      actorType: "staff",
      actorId: "s1",
      action: i % 2 ? "checkin.desk" : "poll.close",
      entityType: "Poll",
      entityId: `p${i}`,
      sessionId: "sess",
      data: { n: i, 名称: "临淄" },
      ...(i === CERTIFIED
        ? { actorType: "delegate", action: "poll.certified", entityId: sample.poll.id, data: { resultHash: resultHash(sample.result) } }
        : {}),
    };
    const hash = auditHash(prev, content);
    rows.push({ ...content, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

const write = (name: string, content: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
};
const lines = (rows: AuditRow[]) => rows.map(auditRowLine).join("\n") + "\n";

function verify(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "npx",
      ["tsx", "--conditions=react-server", "scripts/audit-verify.ts", ...args],
      { cwd: ROOT, encoding: "utf8", timeout: 60_000 },
      (e, stdout, stderr) => resolve({ code: e ? (typeof e.code === "number" ? e.code : null) : 0, stdout, stderr }),
    );
  });
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "audit-verify-"));
  chain = makeChain(6);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const record = (auditHead: string, change: Partial<TBallotRecord> = {}): string => JSON.stringify({ ...sample, ...change, auditHead });

describe.concurrent("npm run audit:verify -- <audit-log.jsonl> [records …]", { timeout: 60_000 }, () => {
  it("recomputes the chain from the file alone and finds each record's anchor", async ({ expect }) => {
    const r = await verify(write("good.jsonl", lines(chain)), write("anchored.json", record(chain[CERTIFIED - 1]!.hash)));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Audit chain verified: 6 entries, head ${chain[5]!.hash}`);
    expect(r.stdout).toContain(`anchored.json: anchored at entry seq ${CERTIFIED}`);
  });

  it("refuses a record whose result is not the one its poll's certification recorded (record and manifest rewritten alike)", async ({
    expect,
  }) => {
    // A changed result (its ballots changed to match, the recount would agree): only the chain can tell.
    const result = { ...sample.result, candidates: sample.result.candidates.map((c, i) => (i === 0 ? { ...c, for: c.for - 1 } : c)) };
    const r = await verify(write("rewritten.jsonl", lines(chain)), write("rewritten.json", record(chain[CERTIFIED - 1]!.hash, { result })));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`rewritten.json: its result is not the one certified at entry seq ${CERTIFIED}`);
  });

  it("refuses a record anchored at an entry that is not its poll's certification", async ({ expect }) => {
    const r = await verify(write("other.jsonl", lines(chain)), write("elsewhere.json", record(chain[1]!.hash)));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("elsewhere.json: its auditHead is entry seq 2, poll.close — not the certification of poll");
  });

  it("names the first entry whose content was edited", async ({ expect }) => {
    const edited = chain.map((row) => (row.seq === "3" ? { ...row, data: { n: 3, 名称: "淄川" } } : row));
    const r = await verify(write("edited.jsonl", lines(edited)));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("BROKEN at entry seq 3: content does not match its hash");
  });

  it("notices an entry removed from the middle", async ({ expect }) => {
    const r = await verify(write("gap.jsonl", lines(chain.filter((row) => row.seq !== "2"))));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("BROKEN at entry seq 3: prevHash does not match");
  });

  it("refuses a record whose auditHead is not in the chain (a chain cut before it, or another chain)", async ({ expect }) => {
    const r = await verify(write("cut.jsonl", lines(chain.slice(0, 3))), write("later.json", record(chain[4]!.hash)));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("later.json: its auditHead");
  });

  it("exit 2 for a file that is not an exported chain", async ({ expect }) => {
    const r = await verify(write("not.jsonl", "seq,at,hash\n1,2,3\n"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("line 1, is not an audit log entry");
  });
});
