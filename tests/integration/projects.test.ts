import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { progressReportTable } from "~/lib/export-tables";
import { CATALOGS } from "~/lib/i18n/messages";
import { makeTranslate } from "~/lib/i18n/translate";
import { tableToXlsx } from "~/server/http/table-download";
import { postProgressUpdate } from "~/server/services/project-implementation";
import { getPublicProject } from "~/server/services/public-projects";
import { LocalDiskStorage } from "~/server/storage/file-storage";
import { approvedSession, callerFor, codeOf, createSessionFixture, db, newKey } from "./fixtures";

const plan = (candidateId: string) => ({
  candidateId,
  leadOfficial: "张主任",
  budgetWan: "100",
  deadline: "2099-12-31",
  milestones: [{ title: "开工", plannedOn: "2000-01-01", achievedOn: null }],
});

describe("after the vote", () => {
  it("a department edits only its own approved projects; a missed milestone shows as 滞后", async () => {
    const f = await approvedSession();
    // Fixture: candidate 0 belongs to another unit; candidates 1 and 2 to the department's unit; 2 was not approved.
    const dept = callerFor(f.actors.dept);
    expect(await codeOf(dept.projects.savePlan(plan(f.candidates[0]!.id)))).toBe("FORBIDDEN");
    expect(await codeOf(dept.projects.savePlan(plan(f.candidates[2]!.id)))).toBe("PROJECT_NOT_APPROVED");
    expect(await codeOf(callerFor(await f.delegate(0)).projects.savePlan(plan(f.candidates[1]!.id)))).toBe("FORBIDDEN");
    await dept.projects.savePlan(plan(f.candidates[1]!.id));
    const page = await getPublicProject(db, f.candidates[1]!.id);
    expect(page.approved).toBe(true);
    expect(page.progress.status).toBe("DELAYED"); // the 2000-01-01 milestone was missed
    // The secretariat may plan any approved project.
    await callerFor(f.actors.secretariat).projects.savePlan(plan(f.candidates[0]!.id));
    expect(await db.auditLog.count({ where: { action: "plan.saved" } })).toBe(2);
  });

  it("progress updates: photos checked by content and resized; corrections are new entries", async () => {
    const f = await approvedSession();
    const id = f.candidates[1]!.id;
    await callerFor(f.actors.dept).projects.savePlan({ ...plan(id), milestones: [] });
    const storage = new LocalDiskStorage(mkdtempSync(path.join(tmpdir(), "uploads-")));
    const jpeg = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: "#3a7" } })
      .jpeg()
      .toBuffer();
    const updateId = await postProgressUpdate(db, storage, f.actors.dept, {
      candidateId: id,
      body: "主体工程已开工。",
      percent: 30,
      spentWan: "20.5",
      photos: [{ contentBase64: jpeg.toString("base64"), alt: "施工现场" }],
    });
    const [photo] = await db.attachment.findMany({ where: { updateId } });
    expect(photo).toMatchObject({ mimeType: "image/webp", width: 1280, height: 853, alt: "施工现场" });
    expect((await storage.get(`${photo!.storageKey}-large.webp`))!.subarray(8, 12).toString()).toBe("WEBP");
    expect(await storage.get(`${photo!.storageKey}-thumb.webp`)).not.toBeNull();

    const bad = async (bytes: Buffer) =>
      codeOf(
        postProgressUpdate(db, storage, f.actors.dept, {
          candidateId: id,
          body: "更新",
          percent: 40,
          spentWan: "1",
          photos: [{ contentBase64: bytes.toString("base64"), alt: "x" }],
        }),
      );
    expect(await bad(Buffer.from("GIF89a not really an image"))).toBe("BAD_INPUT"); // lying content
    expect(
      await bad(
        await sharp({ create: { width: 10, height: 10, channels: 3, background: "#000" } })
          .gif()
          .toBuffer(),
      ),
    ).toBe("BAD_INPUT"); // a real GIF: not accepted
    expect(await bad(Buffer.alloc(9 * 1024 * 1024, 1))).toBe("BAD_INPUT"); // too large
    expect(await db.progressUpdate.count({ where: { plan: { candidateId: id } } })).toBe(1);

    await postProgressUpdate(db, storage, f.actors.dept, {
      candidateId: id,
      body: "更正：已完成 25%。",
      percent: 25,
      spentWan: "20.5",
      correctsId: updateId,
    });
    const page = await getPublicProject(db, id);
    expect(page.plan!.updates.map((u) => [u.percent, u.correctsId])).toEqual([
      [25, updateId],
      [30, null],
    ]);
    expect(page.progress).toMatchObject({ status: "IN_PROGRESS", percent: 25, spentWan: "20.50", budgetWan: "100.00" });
  });

  it("supervision: a delegate files a note, the responsible department replies, another department cannot", async () => {
    const f = await approvedSession();
    const other = await createSessionFixture({ delegates: 1 });
    const id = f.candidates[1]!.id;
    const { id: noteId } = await callerFor(await f.delegate(2)).projects.fileNote({
      candidateId: id,
      kind: "INSPECTION",
      summary: "现场查看进度正常",
      body: "代表小组到现场查看……",
    });
    expect(
      await codeOf(
        callerFor(await other.delegate(0)).projects.fileNote({ candidateId: id, kind: "SUGGESTION", summary: "建议", body: "建议内容" }),
      ),
    ).toBe("NOT_FOUND");
    expect(await codeOf(callerFor(other.actors.dept).projects.reply({ noteId, body: "答复" }))).toBe("FORBIDDEN");
    const open = await callerFor(f.actors.secretariat).projects.supervision({ sessionId: f.session.id });
    expect(open.map((n) => [n.id, n.firstReplyAt])).toEqual([[noteId, null]]);
    await callerFor(f.actors.dept).projects.reply({ noteId, body: "已按计划推进。" });
    const answered = await callerFor(f.actors.secretariat).projects.supervision({ sessionId: f.session.id });
    expect(answered[0]!.firstReplyAt).not.toBeNull();
    expect((await getPublicProject(db, id)).supervision).toEqual([
      expect.objectContaining({ summary: "现场查看进度正常", answered: true }),
    ]);
  });

  it("residents' suggestions and feedback stay hidden until approved, and are throttled", async () => {
    const f = await approvedSession();
    const id = f.candidates[1]!.id;
    const resident = callerFor(null, `resident-${f.tag}`);
    const { id: fb } = await resident.projects.feedback({ candidateId: id, body: "希望早日完工。" });
    expect((await getPublicProject(db, id)).feedback).toEqual([]);
    await callerFor(f.actors.secretariat).projects.moderate({ kind: "feedback", id: fb, approve: true });
    expect((await getPublicProject(db, id)).feedback.map((x) => x.body)).toEqual(["希望早日完工。"]);
    expect(await codeOf(callerFor(f.actors.secretariat).projects.moderate({ kind: "feedback", id: fb, approve: false }))).toBe("CONFLICT");
    for (let i = 0; i < 4; i++)
      await resident.projects.suggest({ title: `建议${i}号事项`, description: "建议增加社区食堂的数量。", category: "养老服务" });
    expect(
      await codeOf(resident.projects.suggest({ title: "第六条建议", description: "建议增加社区食堂的数量。", category: "养老服务" })),
    ).toBe("RATE_LIMITED");
    expect(await codeOf(resident.projects.suggest({ title: "短", description: "短", category: "" }))).toBe("BAD_INPUT");
  });

  it("year-end rating: secret, exactly once, graded by the rule, published to the project", async () => {
    const f = await approvedSession();
    const [a, b] = [f.candidates[0]!.id, f.candidates[1]!.id];
    const secretariat = callerFor(f.actors.secretariat);
    const { id: roundId } = await secretariat.projects.startRating({ sessionId: f.session.id, title: "2021年度民生实事项目满意度测评" });
    const grades: [string, string][] = [
      ["SATISFIED", "BASIC"],
      ["SATISFIED", "UNSATISFIED"],
      ["BASIC", "UNSATISFIED"],
      ["SATISFIED", "BASIC"],
    ];
    const rated: {
      input: { roundId: string; grades: Record<string, "SATISFIED" | "BASIC" | "UNSATISFIED">; idempotencyKey: string };
      receipt: string;
    }[] = [];
    for (const [i, [ga, gb]] of grades.entries()) {
      const me = callerFor(await f.delegate(i));
      const input = {
        roundId,
        grades: { [a]: ga, [b]: gb } as Record<string, "SATISFIED" | "BASIC" | "UNSATISFIED">,
        idempotencyKey: newKey(),
      };
      const first = await me.projects.rate(input);
      expect(await me.projects.rate(input)).toEqual({ receipt: first.receipt, replay: true });
      rated.push({ input, receipt: first.receipt });
      expect(await codeOf(me.projects.rate({ ...input, idempotencyKey: newKey() }))).toBe("ALREADY_VOTED");
    }
    // Only the approved projects, each exactly once.
    expect(
      await codeOf(callerFor(await f.delegate(0)).projects.rate({ roundId, grades: { [a]: "SATISFIED" }, idempotencyKey: newKey() })),
    ).toBe("BALLOT_INVALID");
    expect(await codeOf(callerFor(null).projects.ratingResults({ roundId }))).toBe("NOT_FOUND"); // not published yet
    // While the round is open nobody sees a count, the secretariat included: only how many rated.
    expect(await codeOf(secretariat.projects.ratingCounts({ roundId }))).toBe("ROUND_STATE");
    expect((await secretariat.projects.rounds({ sessionId: f.session.id }))[0]!._count.participations).toBe(4);
    await secretariat.projects.closeRating({ roundId });
    // A retry after the close (the phone's offline resend) still gets its receipt.
    expect(await callerFor(await f.delegate(1)).projects.rate(rated[1]!.input)).toEqual({ receipt: rated[1]!.receipt, replay: true });
    expect(
      await codeOf(
        callerFor(await f.delegate(0)).projects.rate({ roundId, grades: { [a]: "SATISFIED", [b]: "SATISFIED" }, idempotencyKey: newKey() }),
      ),
    ).toBe("ROUND_CLOSED");
    await secretariat.projects.publishRating({ roundId });
    const results = await callerFor(null).projects.ratingResults({ roundId });
    const by = Object.fromEntries(results.map((r) => [r.candidateId, r]));
    // a: 3 satisfied of 4 → 满意; b: 0 satisfied, 2 basic of 4 (= half, not more) → 不满意.
    expect(by[a]).toMatchObject({ satisfied: 3, basic: 1, unsatisfied: 0, grade: "SATISFIED" });
    expect(by[b]).toMatchObject({ satisfied: 0, basic: 2, unsatisfied: 2, grade: "UNSATISFIED" });
    expect((await getPublicProject(db, a)).rating).toMatchObject({ grade: "SATISFIED" });
    // Secret: rating ballots carry no delegate.
    const cols = await db.$queryRaw<
      { column_name: string }[]
    >`SELECT column_name FROM information_schema.columns WHERE table_name = 'RatingBallot'`;
    expect(cols.map((c) => c.column_name).sort()).toEqual(["id", "roundId", "tracker"]);
  });

  it("the progress report for the standing committee: approved projects only, figures as on the public pages, secretariat only", async () => {
    const f = await approvedSession();
    const [other, own] = [f.candidates[0]!.id, f.candidates[1]!.id];
    const dept = callerFor(f.actors.dept);
    await dept.projects.savePlan({
      candidateId: own,
      leadOfficial: "张主任",
      budgetWan: "100.10",
      deadline: "2099-12-31",
      milestones: [
        { title: "开工", plannedOn: "2000-01-01", achievedOn: "2000-01-02" },
        { title: "竣工验收", plannedOn: "2099-06-30", achievedOn: null },
      ],
    });
    await dept.projects.postUpdate({ candidateId: own, body: "主体完工。", percent: 60, spentWan: "40.25" });
    const { id: noteId } = await callerFor(await f.delegate(0)).projects.fileNote({
      candidateId: own,
      kind: "INSPECTION",
      summary: "进度正常",
      body: "现场查看。",
    });
    await callerFor(await f.delegate(1)).projects.fileNote({
      candidateId: own,
      kind: "SUGGESTION",
      summary: "加强宣传",
      body: "建议公示。",
    });
    await dept.projects.reply({ noteId, body: "收到。" });

    // The department's own list: its approved project only (candidate 2 was voted down), with the notes in full.
    const mine = await dept.projects.mine();
    expect(mine.map((p) => [p.id, p.percent, p.notes.length])).toEqual([[own, 60, 2]]);

    expect(await codeOf(dept.projects.progressReport({ sessionId: f.session.id }))).toBe("FORBIDDEN");
    const report = await callerFor(f.actors.secretariat).projects.progressReport({ sessionId: f.session.id });
    expect(report.rows.map((r) => r.id)).toEqual([other, own]); // slate order, approved only
    expect(report.rows[1]).toMatchObject({
      position: 2,
      leadOfficial: "张主任",
      budgetWan: "100.10",
      spentWan: "40.25",
      percent: 60,
      status: "IN_PROGRESS",
      deadline: "2099-12-31",
      milestonesDone: 1,
      milestonesTotal: 2,
      nextMilestone: { title: "竣工验收", plannedOn: "2099-06-30" },
      supervisionTotal: 2,
      supervisionOpen: 1,
      rating: null,
    });
    // No plan and the slate's deadline (2021-12-31) has passed: 滞后, derived, not typed.
    expect(report.rows[0]).toMatchObject({ leadOfficial: null, spentWan: "0.00", percent: 0, status: "DELAYED", milestonesTotal: 0 });
    const otherBudget = Number(report.rows[0]!.budgetWan);
    expect(report.totals).toEqual({
      count: 2,
      averagePercent: 30,
      spentWan: "40.25",
      budgetWan: (otherBudget + 100.1).toFixed(2),
      byStatus: { NOT_STARTED: 0, IN_PROGRESS: 1, COMPLETED: 0, DELAYED: 1 },
    });
    expect(
      await codeOf(callerFor(f.actors.secretariat).projects.progressReport({ sessionId: "00000000-0000-4000-8000-000000000000" })),
    ).toBe("NOT_FOUND");

    // The XLSX the secretariat downloads holds the same cells, headed in the reader's language.
    const wb = new ExcelJS.Workbook();
    const xlsx = await tableToXlsx(progressReportTable(report, makeTranslate(CATALOGS["zh-CN"]), "zh-CN"));
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe("序号");
    expect(sheet.getRow(1).getCell(8).value).toBe("完成进度（%）");
    const row = sheet.getRow(3);
    expect([
      row.getCell(2).value,
      row.getCell(6).value,
      row.getCell(7).value,
      row.getCell(8).value,
      row.getCell(9).value,
      row.getCell(11).value,
      row.getCell(14).value,
    ]).toEqual([f.candidates[1]!.title, 100.1, 40.25, 60, "推进中", "1/2", 1]);
  });
});
