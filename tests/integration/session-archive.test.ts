import { execFile } from "node:child_process";
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATALOGS } from "~/lib/i18n/messages";
import { makeTranslate } from "~/lib/i18n/translate";
import { download, DOWNLOADS } from "~/server/http/table-download";
import { buildBallotRecord, parseBallotRecord } from "~/server/domain/ballot-record";
import { auditHead } from "~/server/services/audit";
import { getBallotRecord } from "~/server/services/poll-result";
import { pdfText } from "../pdf-text";
import { checkArchive, unpackArchive } from "../archive-check";
import { approvedSession, callerFor, checkInMany, createSessionFixture, db, openPollFixture } from "./fixtures";

const t = makeTranslate(CATALOGS["zh-CN"]);
let f: Awaited<ReturnType<typeof approvedSession>>;
let dir: string;
const made: string[] = [];

function filesUnder(root: string): string[] {
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

/** A fresh copy of the unpacked archive, to tamper with. */
function copyOfArchive(): string {
  const copy = `${dir}-copy-${made.length}`;
  cpSync(dir, copy, { recursive: true });
  made.push(copy);
  return copy;
}

beforeAll(async () => {
  f = await approvedSession();
  const res = await download(DOWNLOADS.archive, callerFor(f.actors.secretariat), f.session.id, null, t, "zh-CN");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/zip");
  expect(res.headers.get("content-disposition")).toContain(`filename="session-${f.session.id}-archive.zip"`);
  dir = await unpackArchive(new Uint8Array(await res.arrayBuffer()));
  made.push(path.dirname(dir));
}, 120_000);

afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

describe("the session archive (会议档案) of a published session", () => {
  it("holds the 公告, the ballot record, the attendance list, the progress report, the audit log with its head, and a manifest of them all", async () => {
    expect(filesUnder(dir)).toEqual([
      "README.txt",
      "archive.json",
      "attendance.csv",
      "audit-log.jsonl",
      "manifest.sha256",
      "polls/01-announcement.pdf",
      "polls/01-ballot-record.json",
      "progress-report.csv",
    ]);
    const manifest = readFileSync(path.join(dir, "manifest.sha256"), "utf8");
    expect(
      manifest
        .trim()
        .split("\n")
        .map((l) => l.split("  ")[1])
        .sort(),
    ).toEqual(filesUnder(dir).filter((n) => n !== "manifest.sha256"));

    const about = JSON.parse(readFileSync(path.join(dir, "archive.json"), "utf8"));
    expect(about.format).toBe("minsheng-session-archive/1");
    expect(about.session).toEqual({ id: f.session.id, name: f.session.name, year: f.session.year });
    expect(about.auditChain).toEqual({ entries: await db.auditLog.count(), head: await auditHead(db) });
    expect(about.polls).toHaveLength(1);
    expect(about.polls[0].id).toBe(f.pollId);

    const record = JSON.parse(readFileSync(path.join(dir, "polls/01-ballot-record.json"), "utf8"));
    expect(record).toEqual(JSON.parse(JSON.stringify(await getBallotRecord(db, f.pollId))));
    const [page] = await pdfText(readFileSync(path.join(dir, "polls/01-announcement.pdf")));
    expect(page).toContain(record.poll.title);
    const attendance = readFileSync(path.join(dir, "attendance.csv"), "utf8");
    for (const d of f.delegates) expect(attendance).toContain(d.cardCode);
    expect(readFileSync(path.join(dir, "README.txt"), "utf8")).toContain(about.auditChain.head);
  });

  it("verifies with the documented steps, no database needed: every file OK, the chain recomputed to its head (also by hand), the record anchored and recounted", async () => {
    const about = JSON.parse(readFileSync(path.join(dir, "archive.json"), "utf8"));
    const { manifest, chain, recounts, byHand } = await checkArchive(dir);
    expect(manifest.code, manifest.output).toBe(0);
    expect(manifest.output).not.toMatch(/FAILED/);
    expect(chain.code, chain.output).toBe(0);
    expect(chain.output).toContain(`Audit chain verified: ${about.auditChain.entries} entries, head ${about.auditChain.head}`);
    expect(chain.output).toContain("01-ballot-record.json: anchored at entry seq");
    expect(byHand.code, byHand.output).toBe(0);
    expect(byHand.output.trim()).toBe(`${about.auditChain.entries} entries, head ${about.auditChain.head}`);
    expect(recounts).toHaveLength(1);
    expect(recounts[0]!.code, recounts[0]!.output).toBe(0);
    expect(recounts[0]!.output).toContain("OK: the recount from the ballots matches the published result.");
  });

  it("detects a tampered ballot record: the manifest names it, and its recount no longer matches the published result", async () => {
    const copy = copyOfArchive();
    const file = path.join(copy, "polls/01-ballot-record.json");
    const record = JSON.parse(readFileSync(file, "utf8"));
    const [first] = Object.keys(record.ballots[0].choices);
    record.ballots[0].choices[first!] = record.ballots[0].choices[first!] === "FOR" ? "AGAINST" : "FOR";
    writeFileSync(file, JSON.stringify(record, null, 2));
    const { manifest, recounts } = await checkArchive(copy);
    expect(manifest.code).not.toBe(0);
    expect(manifest.output).toContain("polls/01-ballot-record.json: FAILED");
    expect(recounts[0]!.code, recounts[0]!.output).toBe(1);
    expect(recounts[0]!.output).toContain("MISMATCH");
  });

  it("detects a ballot record rewritten with its manifest: it recounts, but its result is not the one certified in the chain", async () => {
    const copy = copyOfArchive();
    const file = path.join(copy, "polls/01-ballot-record.json");
    const record = parseBallotRecord(JSON.parse(readFileSync(file, "utf8")));
    if (!record.ok) throw new Error(record.error);
    const [first] = Object.keys(record.record.ballots[0]!.choices);
    const ballots = record.record.ballots.map((b, i) =>
      i === 0 ? { ...b, choices: { ...b.choices, [first!]: b.choices[first!] === "FOR" ? "AGAINST" : "FOR" } } : b,
    ) as typeof record.record.ballots;
    // Ballots and result changed alike (the recount agrees), and every checksum made again.
    writeFileSync(file, JSON.stringify(buildBallotRecord({ ...record.record, ballots }), null, 2));
    const remade = await new Promise<string>((resolve, reject) =>
      execFile("sh", ["-c", "sha256sum $(grep -v manifest.sha256 manifest.sha256 | cut -c67-)"], { cwd: copy }, (e, out) =>
        e ? reject(e) : resolve(out),
      ),
    );
    writeFileSync(path.join(copy, "manifest.sha256"), remade);
    const { manifest, chain, recounts } = await checkArchive(copy);
    expect(manifest.code, manifest.output).toBe(0);
    expect(recounts[0]!.code, recounts[0]!.output).toBe(0);
    expect(chain.code, chain.output).toBe(1);
    expect(chain.output).toContain("01-ballot-record.json: its result is not the one certified at entry seq");
  });

  it("detects a tampered audit log: the manifest names it, and the recomputed chain breaks at the edited entry (also by hand)", async () => {
    const copy = copyOfArchive();
    const file = path.join(copy, "audit-log.jsonl");
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    const entry = JSON.parse(lines[1]!);
    entry.at = new Date(Date.parse(entry.at) - 60_000).toISOString(); // an entry back-dated by a minute
    lines[1] = JSON.stringify(entry);
    writeFileSync(file, lines.join("\n") + "\n");
    const { manifest, chain, byHand } = await checkArchive(copy);
    expect(manifest.output).toContain("audit-log.jsonl: FAILED");
    expect(chain.code, chain.output).toBe(1);
    expect(chain.output).toContain(`Audit chain BROKEN at entry seq ${entry.seq}: content does not match its hash`);
    expect(byHand.code).not.toBe(0);
    expect(byHand.output).toContain(`BROKEN at entry seq ${entry.seq}`);
  });

  it("detects an edited attendance list through the manifest", async () => {
    const copy = copyOfArchive();
    const file = path.join(copy, "attendance.csv");
    writeFileSync(file, readFileSync(file, "utf8").replace(/\r\n[^\r\n]+\r\n$/, "\r\n")); // the last delegate left out
    const { manifest } = await checkArchive(copy);
    expect(manifest.code).not.toBe(0);
    expect(manifest.output).toContain("attendance.csv: FAILED");
    expect(manifest.output).toContain("polls/01-ballot-record.json: OK");
  });
});

describe("a session that cannot be filed yet", () => {
  it("is not found while a poll is still open, or before anything is published", async () => {
    const open = await createSessionFixture({ delegates: 2 });
    await checkInMany(open, 2);
    await openPollFixture(open);
    const empty = await createSessionFixture({ delegates: 1 });
    for (const s of [open, empty]) {
      const res = await download(DOWNLOADS.archive, callerFor(s.actors.secretariat), s.session.id, null, t, "zh-CN");
      expect(res.status).toBe(404);
    }
  });
});
