import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import ExcelJS from "exceljs";
import { embeddedFonts, pdfText } from "../pdf-text";
import { withDb } from "./db";
import { expectNoSeriousAxeViolations, shot } from "./helpers";
import { signInStaff } from "./sign-in";

/*
 * The secretariat under time pressure (issue 16): a roster as the district office keeps it,
 * a close that would elect nothing, and the 公告 of a poll that elected nothing, filed as a
 * PDF. Each test makes its own session (dated 2019, so the seeded 2021 session stays the
 * current one), so the phone and desktop runs, and the other specs, never meet.
 */

/** A session with two delegations and two candidates of a seeded department; returns its id. */
async function createSession(tag: string): Promise<{ sessionId: string; delegationIds: string[]; candidateIds: string[] }> {
  return withDb(async (c) => {
    const congressId = (await c.query<{ id: string }>(`SELECT "id" FROM "Congress" ORDER BY "name" LIMIT 1`)).rows[0]!.id;
    const departmentId = (await c.query<{ id: string }>(`SELECT "id" FROM "Department" ORDER BY "name" LIMIT 1`)).rows[0]!.id;
    const sessionId = randomUUID();
    await c.query(
      `INSERT INTO "CongressSession" ("id", "congressId", "name", "year", "startsOn", "checkInOpen") VALUES ($1, $2, $3, 2019, '2019-01-10', true)`,
      [sessionId, congressId, `E2E 会务 ${tag}`],
    );
    const delegationIds = [randomUUID(), randomUUID()];
    for (const [i, id] of delegationIds.entries()) {
      await c.query(`INSERT INTO "Delegation" ("id", "sessionId", "name", "sortOrder") VALUES ($1, $2, $3, $4)`, [
        id,
        sessionId,
        ["辛店街道", "稷下街道"][i],
        i,
      ]);
    }
    const candidateIds = [randomUUID(), randomUUID()];
    for (const [i, id] of candidateIds.entries()) {
      await c.query(
        `INSERT INTO "Candidate" ("id", "sessionId", "title", "category", "summary", "departmentId", "budgetWan", "location", "targets", "deadline", "sortOrder", "updatedAt")
         VALUES ($1, $2, $3, '城乡建设', '概要', $4, 28600.00, '临淄区', '目标', '2019-12-31', $5, now())`,
        [id, sessionId, [`E2E 新建口袋公园 ${tag}`, `E2E 改造老旧小区 ${tag}`][i], departmentId, i],
      );
    }
    return { sessionId, delegationIds, candidateIds };
  });
}

async function savedDownload(page: Page, testInfo: TestInfo, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  await testInfo.attach(download.suggestedFilename(), { path: file, contentType: "application/pdf" });
  return { name: download.suggestedFilename(), bytes: await readFile(file) };
}

test.describe("the secretariat's day", () => {
  // Sign-in, a build serving five engineers' runs, and the first PDF's font parsing: generous.
  test.describe.configure({ timeout: 150_000 });

  test("a roster with the office's merged title row above its header imports", async ({ page }, testInfo) => {
    const tag = randomBytes(3).toString("hex").toUpperCase();
    const { sessionId } = await createSession(tag);
    const code = (n: number) => `T${tag}${n}`;
    // As the office made it: a merged title, a date line, the header on row 3 with 序号 and 备注,
    // a seat typed as a number, a full-width card code, a blank row.
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("代表名册");
    sheet.addRow(["临淄区第十八届人民代表大会第五次会议代表名册"]);
    sheet.mergeCells("A1:G1");
    sheet.addRow(["", "", "", "", "", "制表日期：2019年1月5日"]);
    sheet.addRow(["序号", "姓  名", "代表团", "座位号", "代表证号", "手机号", "备注"]);
    sheet.addRow([1, "测试代表甲", "辛店街道", 101, code(1), 13800000001, "连任"]);
    sheet.addRow([
      2,
      "测试代表乙",
      "辛店街道",
      102,
      code(2).replace(/[A-Z0-9]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)),
      null,
      null,
    ]);
    sheet.addRow([]);
    sheet.addRow([3, "测试代表丙", "稷下街道", 201, code(3), "139-0000-0003", "新任"]);
    const dir = await mkdtemp(path.join(tmpdir(), "clerk-day-"));
    const file = path.join(dir, "临淄区代表名册.xlsx");
    await writeFile(file, Buffer.from(await wb.xlsx.writeBuffer()));

    await signInStaff(page, "mishu");
    await expect(page).toHaveURL(/\/secretariat/, { timeout: 30_000 }); // staff sign-in hashes slowly on a busy machine
    await page.goto(`/secretariat/roster?session=${sessionId}`);
    await expect(page.getByRole("heading", { level: 1, name: "代表名册" })).toBeVisible();
    await page.getByLabel("名册文件（.csv 或 .xlsx）").setInputFiles(file);
    await page.getByRole("button", { name: "预览" }).click();
    const table = page.getByRole("table", { name: "名册文件逐行检查结果" });
    await expect(table.getByRole("row")).toHaveCount(4);
    await expect(table).toContainText(code(2)); // folded from full width
    await shot(page, testInfo, "roster-title-row-preview");
    await page.getByRole("button", { name: "导入" }).click();
    await page.getByRole("dialog", { name: "导入代表名册？" }).getByRole("button", { name: "导入" }).click();
    await expect(page.getByText("导入完成：新增 3 人，更新 0 人，无变化 0 人。")).toBeVisible();
    await expect(page.getByRole("heading", { name: "代表名册（3 人）" })).toBeVisible();
    await expectNoSeriousAxeViolations(page, "roster imported from a title-row file");
  });

  test("closing a poll that can pass nothing says so and asks twice", async ({ page }, testInfo) => {
    const tag = randomBytes(3).toString("hex").toUpperCase();
    const { sessionId, delegationIds, candidateIds } = await createSession(tag);
    // 10 seated, 9 present, 3 voted: each project needs 6 赞成 (more than half of all 10).
    const pollId = randomUUID();
    await withDb(async (c) => {
      const delegates = Array.from({ length: 10 }, () => randomUUID());
      for (const [i, id] of delegates.entries()) {
        await c.query(
          `INSERT INTO "Delegate" ("id", "sessionId", "delegationId", "name", "seat", "cardCode", "pinHash", "updatedAt")
           VALUES ($1, $2, $3, $4, $5, $6, 'none', now())`,
          [id, sessionId, delegationIds[i % 2], `代表${i + 1}`, String(i + 1), `C${tag}${i + 1}`],
        );
        if (i < 9)
          await c.query(`INSERT INTO "CheckIn" ("id", "sessionId", "delegateId", "method") VALUES ($1, $2, $3, 'DESK')`, [
            randomUUID(),
            sessionId,
            id,
          ]);
      }
      await c.query(
        `INSERT INTO "Poll" ("id", "sessionId", "title", "kind", "seats", "basis", "status", "seated", "present", "openedAt")
         VALUES ($1, $2, $3, 'EQUAL', 2, 'ALL_DELEGATES', 'OPEN', 10, 9, now())`,
        [pollId, sessionId, `E2E 票决 ${tag}`],
      );
      for (const [i, id] of candidateIds.entries()) {
        await c.query(
          `INSERT INTO "PollCandidate" ("id", "pollId", "candidateId", "position", "title", "unitName", "budgetWan", "targets")
           VALUES ($1, $2, $3, $4, $5, '区住建局', 28600.00, '目标')`,
          [randomUUID(), pollId, id, i + 1, `候选 ${i + 1}`],
        );
      }
      for (const id of delegates.slice(0, 3)) {
        await c.query(`INSERT INTO "Participation" ("pollId", "delegateId", "keyHash") VALUES ($1, $2, $3)`, [pollId, id, randomUUID()]);
      }
    });

    await signInStaff(page, "mishu");
    await expect(page).toHaveURL(/\/secretariat/, { timeout: 30_000 }); // staff sign-in hashes slowly on a busy machine
    await page.goto(`/secretariat/polls/${pollId}`);
    await expect(page.getByRole("heading", { level: 1, name: `E2E 票决 ${tag}` })).toBeVisible();
    await page.getByRole("button", { name: "结束表决" }).click();
    const dialog = page.getByRole("dialog", { name: "结束表决？" });
    await expect(dialog.getByRole("alert")).toHaveText(
      "现在结束，没有任何项目能够通过：赞成票须超过全体代表（10 名）的半数，每个项目至少需要 6 张赞成票，而目前只收回 3 张选票。" +
        "还有 6 张选票未收回。等更多选票收回后再结束，项目才有可能通过。",
    );
    const closeAnyway = dialog.getByRole("button", { name: "仍然结束表决" });
    await expect(closeAnyway).toBeDisabled();
    await expectNoSeriousAxeViolations(page, "close dialog with warning");
    await shot(page, testInfo, "close-dialog-nothing-can-pass");
    // Cancelling changes nothing.
    await dialog.getByRole("button", { name: "取消" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText("表决中", { exact: true })).toBeVisible();

    await page.getByRole("button", { name: "结束表决" }).click();
    await dialog.getByLabel("我已了解上述情况，仍要现在结束表决").check();
    await closeAnyway.click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText("已结束 · 待监票确认")).toBeVisible();
    expect(await withDb(async (c) => (await c.query(`SELECT "status" FROM "Poll" WHERE "id" = $1`, [pollId])).rows[0].status)).toBe(
      "CLOSED",
    );
  });

  test("the 公告 of a poll that elected nothing reads as a clerk writes it and downloads as a PDF", async ({ page }, testInfo) => {
    const tag = randomBytes(3).toString("hex").toUpperCase();
    const { sessionId, candidateIds } = await createSession(tag);
    const pollId = randomUUID();
    const pc = candidateIds.map(() => randomUUID());
    const title = `E2E 民生实事项目票决 ${tag}`;
    await withDb(async (c) => {
      // 3 of 10 seated voted; nothing reached 6 赞成 (DESIGN.md §3 result, as certification leaves it).
      const result = {
        valid: 3,
        invalid: 0,
        candidates: [
          { id: pc[0], for: 3, against: 0, abstain: 0, passed: false, rank: null, selected: false },
          { id: pc[1], for: 1, against: 2, abstain: 0, passed: false, rank: null, selected: false },
        ],
        runoff: [],
        unfilled: 2,
      };
      await c.query(
        `INSERT INTO "Poll" ("id", "sessionId", "title", "kind", "seats", "basis", "status", "seated", "present", "issued", "returned",
                             "result", "auditHead", "openedAt", "closedAt", "certifiedAt", "publishedAt")
         VALUES ($1, $2, $3, 'EQUAL', 2, 'ALL_DELEGATES', 'PUBLISHED', 10, 9, 9, 3, $4::jsonb, $5,
                 '2019-01-12T01:00:00Z', '2019-01-12T01:20:00Z', '2019-01-12T01:30:00Z', '2019-01-12T01:40:00Z')`,
        [pollId, sessionId, title, JSON.stringify(result), randomBytes(32).toString("hex")],
      );
      for (const [i, id] of candidateIds.entries()) {
        await c.query(
          `INSERT INTO "PollCandidate" ("id", "pollId", "candidateId", "position", "title", "unitName", "budgetWan", "targets")
           VALUES ($1, $2, $3, $4, $5, '临淄区住房和城乡建设局', 28600.00, '目标')`,
          [pc[i], pollId, id, i + 1, [`E2E 新建口袋公园 ${tag}`, `E2E 改造老旧小区 ${tag}`][i]],
        );
      }
    });

    await signInStaff(page, "mishu");
    await expect(page).toHaveURL(/\/secretariat/, { timeout: 30_000 }); // staff sign-in hashes slowly on a busy machine
    await page.goto(`/secretariat/polls/${pollId}/announcement`);
    const sentence = "2个候选项目均未获得通过，本次票决未产生2019年民生实事项目。";
    await expect(page.getByText(sentence)).toBeVisible();
    await expect(page.getByText(/0个项目/)).toHaveCount(0);
    await expectNoSeriousAxeViolations(page, "announcement of a poll that elected nothing");
    await shot(page, testInfo, "announcement-nothing-elected");

    const pdf = await savedDownload(page, testInfo, () => page.getByRole("link", { name: "下载 PDF（存档用）" }).click());
    expect(pdf.name).toBe(`${title}-结果公告.pdf`);
    const text = (await pdfText(pdf.bytes)).join("").replaceAll("\n", "");
    expect(text).toContain("关于2019年民生实事项目票决结果的公告");
    expect(text).toContain(`E2E 会务 ${tag}于2019年1月12日对2019年民生实事候选项目进行了票决。`);
    expect(text).toContain("本次会议应到代表10名，实到代表9名。共发出表决票9张，收回3张，其中有效票3张，无效票0张。");
    expect(text).toContain(sentence);
    expect(text).toContain(`E2E 新建口袋公园 ${tag}`);
    for (const font of embeddedFonts(pdf.bytes)) expect(font).toMatch(/^[A-Z]{6}\+NotoSansHans-(Regular|Bold)$/);

    // The same file in English, for a reader who switched the language.
    await page.context().addCookies([{ name: "locale", value: "en", url: new URL("/", page.url()).href }]);
    const en = await page.request.get(`/api/exports/polls/${pollId}/announcement`);
    expect(en.status()).toBe(200);
    expect(en.headers()["content-type"]).toBe("application/pdf");
    const enText = (await pdfText(await en.body())).join("").replaceAll("\n", " ");
    expect(enText).toMatch(/None of the 2 candidates passed: the vote produced no livelihood projects for\s+2019\./);

    // Not for anyone else.
    const anonymous = await page.context().browser()!.newContext({ baseURL: testInfo.project.use.baseURL });
    expect((await anonymous.request.get(`/api/exports/polls/${pollId}/announcement`)).status()).toBe(403);
    await anonymous.close();
  });
});
