import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { withDb } from "./db";
import { expectNoSeriousAxeViolations, shot } from "./helpers";
import { signInStaff } from "./sign-in";

/*
 * The secretariat's console, as a clerk uses it. Everything happens in a session this
 * test creates (dated 2019, so the seeded 2021 session stays the current one): other
 * e2e tests share the database, and their delegates, slate and polls are left alone.
 */

const TAG = randomBytes(3).toString("hex").toUpperCase();
const SESSION_NAME = `E2E 测试会议 ${TAG}`;
const code = (n: number) => `E2E-${TAG}-${n}`;
const HEADER = ["姓名", "代表团", "座位号", "代表证号", "手机号"];

async function tempFile(name: string, content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "console-e2e-"));
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

async function xlsxFile(name: string, rows: (string | number)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("代表名册");
  for (const r of rows) sheet.addRow(r);
  return tempFile(name, Buffer.from(await wb.xlsx.writeBuffer()));
}

const csv = (rows: string[][]) => "\uFEFF" + rows.map((r) => r.join(",")).join("\r\n") + "\r\n";

async function expectFitsPhoneWidth(page: Page) {
  await page.setViewportSize({ width: 360, height: 780 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `page is wider than 360 px at ${page.url()}`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** A published poll of our own session, as certification and publication would leave it (the tally's result). */
async function insertPublishedPoll(sessionId: string, title: string): Promise<string> {
  return withDb(async (c) => {
    const { rows: candidates } = await c.query<{ id: string; title: string; budgetWan: string; targets: string; unit: string }>(
      `SELECT c."id", c."title", c."budgetWan"::text AS "budgetWan", c."targets", d."name" AS unit
         FROM "Candidate" c JOIN "Department" d ON d."id" = c."departmentId"
        WHERE c."sessionId" = $1 ORDER BY c."sortOrder"`,
      [sessionId],
    );
    expect(candidates).toHaveLength(2);
    const pollId = randomUUID();
    const pc = candidates.map(() => randomUUID());
    // The second slate candidate wins 3–0–0, the first gets 1–1–1: the announcement lists by votes.
    const result = {
      valid: 3,
      invalid: 0,
      candidates: [
        { id: pc[0], for: 1, against: 1, abstain: 1, passed: false, rank: null, selected: false },
        { id: pc[1], for: 3, against: 0, abstain: 0, passed: true, rank: 1, selected: true },
      ],
      runoff: [],
      unfilled: 1,
    };
    await c.query(
      `INSERT INTO "Poll" ("id", "sessionId", "title", "kind", "seats", "basis", "status", "seated", "present", "issued", "returned",
                           "result", "auditHead", "openedAt", "closedAt", "certifiedAt", "publishedAt")
       VALUES ($1, $2, $3, 'EQUAL', 2, 'ALL_DELEGATES', 'PUBLISHED', 3, 3, 3, 3, $4::jsonb, $5,
               '2019-01-12T01:00:00Z', '2019-01-12T01:20:00Z', '2019-01-12T01:30:00Z', '2019-01-12T01:40:00Z')`,
      [pollId, sessionId, title, JSON.stringify(result), randomBytes(32).toString("hex")],
    );
    for (const [i, cand] of candidates.entries()) {
      await c.query(
        `INSERT INTO "PollCandidate" ("id", "pollId", "candidateId", "position", "title", "unitName", "budgetWan", "targets")
         VALUES ($1, $2, $3, $4, $5, $6, $7::numeric, $8)`,
        [pc[i], pollId, cand.id, i + 1, cand.title, cand.unit, cand.budgetWan, cand.targets],
      );
    }
    return pollId;
  });
}

test.describe("the secretariat's console", () => {
  test("a clerk sets up a session, imports the roster, prints cards, edits the slate and exports a result", async ({ page }, testInfo) => {
    test.setTimeout(240_000);
    await signInStaff(page, "mishu");
    await expect(page).toHaveURL(/\/secretariat/);

    let sessionId = "";
    await test.step("the console hub links every page", async () => {
      await page.goto("/secretariat/console");
      await expect(page.getByRole("heading", { level: 1, name: "会务管理" })).toBeVisible();
      for (const name of ["会议设置", "代表名册", "代表证", "候选项目", "审计日志", "导出与公告"])
        await expect(page.getByRole("link", { name: new RegExp(`^${name}`) })).toBeVisible();
      // Accounts are the administrator's: not offered to the secretariat.
      await expect(page.getByRole("link", { name: /^账号管理/ })).toHaveCount(0);
      await expectNoSeriousAxeViolations(page, "console hub");
    });

    await test.step("create a session with its delegations", async () => {
      await page.getByRole("link", { name: /^会议设置/ }).click();
      await expect(page.getByRole("heading", { level: 1, name: "会议设置" })).toBeVisible();
      const create = page.getByRole("region", { name: "新建会议" });
      await create.getByLabel("会议名称").fill(SESSION_NAME);
      await create.getByLabel("年度").fill("2019");
      await create.getByLabel("开幕日期").fill("2019-01-10");
      await create.getByLabel(/代表团（每行一个/).fill("辛店街道\n稷下街道");
      const current = new URL(page.url()).searchParams.get("session");
      await create.getByRole("button", { name: "新建会议" }).click();
      // The page moves to the new session.
      await page.waitForURL(
        (u) => u.pathname === "/secretariat/setup" && !!u.searchParams.get("session") && u.searchParams.get("session") !== current,
      );
      sessionId = new URL(page.url()).searchParams.get("session")!;
      await expect(page.getByLabel("会议", { exact: true })).toHaveValue(sessionId);
      await expect(page.getByText(`已新建会议“${SESSION_NAME}”。`)).toBeVisible();
      await expect(page.getByRole("heading", { name: "代表团（2 个）" })).toBeVisible();

      await page.getByLabel("新代表团名称").fill("闻韶街道");
      await page.getByRole("button", { name: "添加代表团" }).click();
      await expect(page.getByText("已添加代表团“闻韶街道”。")).toBeVisible();
      await expect(page.getByRole("heading", { name: "代表团（3 个）" })).toBeVisible();
      // The same name twice is refused next to the field.
      await page.getByLabel("新代表团名称").fill("闻韶街道");
      await page.getByRole("button", { name: "添加代表团" }).click();
      await expect(page.getByText("本次会议已有同名的代表团。")).toBeVisible();
      await expect(page.getByTestId("seated-count")).toHaveText("0 人");
    });

    await test.step("a bad roster file shows every row's problem and cannot be imported", async () => {
      await page.goto(`/secretariat/roster?session=${sessionId}`);
      await expect(page.getByRole("heading", { level: 1, name: "代表名册" })).toBeVisible();
      const bad = await tempFile(
        "bad.csv",
        csv([
          HEADER,
          ["测试代表一", "辛店街道", "01-01", code(1), "13800000001"],
          ["", "不存在街道", "01-02", code(2), "12345"],
          ["测试代表三", "稷下街道", "01-01", code(3), ""],
        ]),
      );
      await page.getByLabel("名册文件（.csv 或 .xlsx）").setInputFiles(bad);
      await page.getByRole("button", { name: "预览" }).click();
      const table = page.getByRole("table", { name: "名册文件逐行检查结果" });
      await expect(table.getByText("缺少姓名")).toBeVisible();
      await expect(table.getByText("代表团不存在（请先在会议设置中添加）")).toBeVisible();
      await expect(table.getByText("手机号格式不正确（应为 11 位手机号码）")).toBeVisible();
      await expect(table.getByText("座位号在文件中重复")).toHaveCount(2);
      await expect(page.getByTestId("count-error")).toHaveText("3");
      await expect(page.getByRole("button", { name: "导入" })).toBeDisabled();
      await expectNoSeriousAxeViolations(page, "roster preview with problems");
      await shot(page, testInfo, "roster-bad-file");
    });

    await test.step("a good XLSX imports; an updated CSV lists what changed", async () => {
      const rows = [
        ["测试代表一", "辛店街道", "01-01", code(1), "13800000001"],
        ["测试代表二", "稷下街道", "02-01", code(2), ""],
        ["测试代表三", "闻韶街道", "03-01", code(3), "13900000003"],
      ];
      await page.getByLabel("名册文件（.csv 或 .xlsx）").setInputFiles(await xlsxFile("roster.xlsx", [HEADER, ...rows]));
      await page.getByRole("button", { name: "预览" }).click();
      await expect(page.getByTestId("count-create")).toHaveText("3");
      await expect(page.getByTestId("count-error")).toHaveText("0");
      await page.getByRole("button", { name: "导入" }).click();
      await page.getByRole("dialog", { name: "导入代表名册？" }).getByRole("button", { name: "导入" }).click();
      await expect(page.getByText("导入完成：新增 3 人，更新 0 人，无变化 0 人。")).toBeVisible();
      await expect(page.getByRole("heading", { name: "代表名册（3 人）" })).toBeVisible();

      const changed = rows.map((r) => [...r]);
      changed[1] = ["测试代表贰", "稷下街道", "02-02", code(2), ""];
      await page.getByLabel("名册文件（.csv 或 .xlsx）").setInputFiles(await tempFile("roster-update.csv", csv([HEADER, ...changed])));
      await page.getByRole("button", { name: "预览" }).click();
      await expect(page.getByTestId("count-update")).toHaveText("1");
      await expect(page.getByTestId("count-unchanged")).toHaveText("2");
      await expect(page.getByText("将更新：姓名、座位号")).toBeVisible();
      await page.getByRole("button", { name: "导入" }).click();
      await page.getByRole("dialog", { name: "导入代表名册？" }).getByRole("button", { name: "导入" }).click();
      await expect(page.getByText("导入完成：新增 0 人，更新 1 人，无变化 2 人。")).toBeVisible();
      const updated = page.getByRole("table", { name: "信息已更新的代表及更新的项目" });
      await expect(updated.getByRole("row", { name: new RegExp(code(2)) })).toContainText("已更新：姓名、座位号");
      await expect(page.getByRole("table", { name: "本次会议的代表" }).getByRole("row", { name: /测试代表贰/ })).toContainText("02-02");
      await expectNoSeriousAxeViolations(page, "roster after import");
      await shot(page, testInfo, "roster-imported");
    });

    await test.step("resetting a PIN asks first, then shows the new PIN once", async () => {
      const row = page.getByRole("table", { name: "本次会议的代表" }).getByRole("row", { name: /测试代表一/ });
      await row.getByRole("button", { name: "重置密码" }).click();
      const dialog = page.getByRole("dialog", { name: "重置 测试代表一 的密码？" });
      await expect(dialog).toContainText(code(1));
      await dialog.getByRole("button", { name: "重置密码" }).click();
      await expect(page.getByTestId("new-pin")).toHaveText(/^\d{6}$/);
      await page.getByRole("button", { name: "我已记下" }).click();
      await expect(page.getByTestId("new-pin")).toHaveCount(0);
    });

    await test.step("designate a scrutineer; the seated count follows the roster", async () => {
      await page.goto(`/secretariat/setup?session=${sessionId}`);
      await expect(page.getByTestId("seated-count")).toHaveText("3 人");
      await page.getByLabel("查找代表").fill("测试代表三");
      await page.getByRole("checkbox", { name: /测试代表三/ }).check();
      await page.getByRole("button", { name: "保存监票人" }).click();
      await expect(page.getByText("监票人已保存。")).toBeVisible();
      await expect(page.getByText("当前监票人：测试代表三")).toBeVisible();
      await expectNoSeriousAxeViolations(page, "session setup");
      await expectFitsPhoneWidth(page);
    });

    await test.step("print the delegate cards", async () => {
      await page.goto(`/secretariat/cards?session=${sessionId}`);
      await expect(page.getByText("打印范围：本次会议全部在册代表（3 人）")).toBeVisible();
      await expect(page.getByTestId("delegate-card")).toHaveCount(0);
      await page.getByRole("button", { name: "生成代表证" }).click();
      const dialog = page.getByRole("dialog", { name: "生成新的代表证？" });
      await expect(dialog).toContainText("此前打印的代表证上的二维码全部失效");
      await dialog.getByRole("button", { name: "生成代表证" }).click();
      await expect(page.getByTestId("delegate-card")).toHaveCount(3);
      const card = page.getByRole("article", { name: "测试代表一" });
      await expect(card).toContainText("辛店街道");
      await expect(card).toContainText("01-01");
      await expect(card).toContainText(code(1));
      await expect(card).toContainText("扫码登录，仅可使用一次");
      await expect(card.getByRole("img", { name: "测试代表一 的登录二维码" }).locator("svg")).toBeVisible();
      await expect(page.getByRole("button", { name: "打印" })).toBeVisible();
      await expectNoSeriousAxeViolations(page, "card sheet");
      await shot(page, testInfo, "card-sheet");
      await page.emulateMedia({ media: "print" });
      await expect(page.getByRole("button", { name: "打印" })).toBeHidden();
      await expect(page.locator("body > header")).toBeHidden();
      await shot(page, testInfo, "card-sheet-print");
      // Back to the page's own media: page.pdf() below must print with the print stylesheet.
      await page.emulateMedia({ media: null });
    });

    await test.step("edit the slate: a bad budget is refused next to the field, then the candidate is created", async () => {
      await page.goto(`/secretariat/slate?session=${sessionId}`);
      await expect(page.getByRole("heading", { name: "候选项目（0 项）" })).toBeVisible();
      const form = page.getByRole("form", { name: "新增候选项目" });
      await form.getByLabel("项目名称").fill("E2E 新建口袋公园 5 处");
      await form.getByLabel("类别").fill("城市建设");
      await form.getByLabel("项目概要").fill("在老城区新建口袋公园 5 处，方便居民就近休闲。");
      await form.getByLabel("责任单位").selectOption({ label: "区住房和城乡建设局" });
      await form.getByLabel("投资（万元）").fill("12.345");
      await form.getByLabel("实施地点").fill("辛店街道");
      await form.getByLabel("目标任务").fill("年内建成 5 处");
      await form.getByLabel("完成时限").fill("2019-10-31");
      await form.getByRole("button", { name: "新增项目" }).click();
      const budget = form.getByLabel("投资（万元）");
      await expect(budget).toHaveAttribute("aria-invalid", "true");
      await expect(form.getByText("请填写金额（万元），例如 850 或 850.5，最多两位小数。")).toBeVisible();
      // What the clerk typed is kept.
      await expect(budget).toHaveValue("12.345");
      await expect(form.getByLabel("项目名称")).toHaveValue("E2E 新建口袋公园 5 处");
      await expectNoSeriousAxeViolations(page, "slate with a field error");
      await shot(page, testInfo, "slate-field-error");

      await budget.fill("850.5");
      await form.getByRole("button", { name: "新增项目" }).click();
      await expect(page.getByText("已新增“E2E 新建口袋公园 5 处”。")).toBeVisible();
      await expect(page.getByRole("heading", { name: "候选项目（1 项）" })).toBeVisible();
      await expect(budget).toHaveValue("");

      await form.getByLabel("项目名称").fill("E2E 改造老旧小区 3 个");
      await form.getByLabel("类别").fill("城市建设");
      await form.getByLabel("项目概要").fill("改造老旧小区 3 个，完善配套设施。");
      await form.getByLabel("责任单位").selectOption({ label: "区住房和城乡建设局" });
      await budget.fill("1200");
      await form.getByLabel("实施地点").fill("稷下街道");
      await form.getByLabel("目标任务").fill("年内完成 3 个小区改造");
      await form.getByLabel("完成时限").fill("2019-12-31");
      await form.getByRole("button", { name: "新增项目" }).click();
      await expect(page.getByRole("heading", { name: "候选项目（2 项）" })).toBeVisible();

      // Reorder: the second moves up.
      await page.getByRole("button", { name: "上移：E2E 改造老旧小区 3 个" }).click();
      await expect(page.getByText("已调整顺序。")).toBeVisible();
      await expect(page.getByTestId("slate-item").first()).toContainText("E2E 改造老旧小区 3 个");

      // Edit: a field error there too, then the change is saved.
      await page.getByRole("button", { name: "编辑：E2E 新建口袋公园 5 处" }).click();
      const edit = page.locator("li", { has: page.getByRole("heading", { name: "编辑：E2E 新建口袋公园 5 处" }) });
      await edit.getByLabel("项目名称").fill("E");
      await edit.getByRole("button", { name: "保存修改" }).click();
      await expect(edit.getByText("至少需要 2 个字。")).toBeVisible();
      await edit.getByLabel("项目名称").fill("E2E 新建口袋公园 6 处");
      await edit.getByRole("button", { name: "保存修改" }).click();
      await expect(page.getByText("已保存“E2E 新建口袋公园 6 处”的修改。")).toBeVisible();
      await expect(page.getByTestId("slate-item").nth(1)).toContainText("E2E 新建口袋公园 6 处");
      await expectNoSeriousAxeViolations(page, "slate");
      await shot(page, testInfo, "slate");
      await expectFitsPhoneWidth(page);
    });

    const pollTitle = `E2E 民生实事项目票决 ${TAG}`;
    let pollId = "";
    await test.step("a poll used the slate: its candidates show the freeze and cannot be deleted", async () => {
      pollId = await insertPublishedPoll(sessionId, pollTitle);
      await page.goto(`/secretariat/slate?session=${sessionId}`);
      await expect(page.getByText("已用于 1 次表决（表决中的项目内容已冻结）")).toHaveCount(2);
      await expect(page.getByRole("button", { name: "删除" })).toHaveCount(0);
    });

    await test.step("export the result as XLSX and check the numbers", async () => {
      await page.goto(`/secretariat/exports?session=${sessionId}`);
      await expect(page.getByRole("heading", { name: pollTitle })).toBeVisible();
      await expectNoSeriousAxeViolations(page, "exports");
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: `${pollTitle}：结果 XLSX` }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`${pollTitle}-表决结果.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(await download.path());
      const sheet = wb.worksheets[0]!;
      const row = (n: number) => Array.from({ length: 8 }, (_, i) => sheet.getRow(n).getCell(i + 1).value);
      expect(row(1)).toEqual(["名次", "项目名称", "责任单位", "赞成", "反对", "弃权", "未投", "结果"]);
      // In order of FOR votes, as announced; a candidate that did not pass has no rank.
      expect(row(2)).toEqual([1, "E2E 新建口袋公园 6 处", "区住房和城乡建设局", 3, 0, 0, 0, "通过"]);
      expect(row(3).slice(1)).toEqual(["E2E 改造老旧小区 3 个", "区住房和城乡建设局", 1, 1, 1, 0, "未通过"]);
      expect(["", null]).toContain(row(3)[0]);
      expect(sheet.actualRowCount).toBe(3);

      const res = await page.request.get(`/api/exports/polls/${pollId}/results?format=csv`);
      expect(res.status()).toBe(200);
      const text = await res.text();
      expect(
        text.startsWith(
          "\uFEFF名次,项目名称,责任单位,赞成,反对,弃权,未投,结果\r\n1,E2E 新建口袋公园 6 处,区住房和城乡建设局,3,0,0,0,通过\r\n",
        ),
      ).toBe(true);

      const attendance = await page.request.get(`/api/exports/sessions/${sessionId}/attendance?format=xlsx`);
      expect(attendance.status()).toBe(200);
      expect(attendance.headers()["content-disposition"]).toContain(
        `filename*=UTF-8''${encodeURIComponent(`${SESSION_NAME}-签到表.xlsx`)}`,
      );
      const att = new ExcelJS.Workbook();
      await att.xlsx.load((await attendance.body()) as unknown as ArrayBuffer);
      expect(att.worksheets[0]!.actualRowCount).toBe(4);
      expect([1, 2, 3, 4].map((i) => att.worksheets[0]!.getRow(2).getCell(i).value)).toEqual(["辛店街道", "01-01", "测试代表一", code(1)]);
    });

    await test.step("the announcement reads as a 公告 and renders to PDF", async () => {
      await page.getByRole("link", { name: `${pollTitle}：结果公告`, exact: true }).click();
      const title = page.getByRole("heading", { level: 1 });
      await expect(title).toContainText(SESSION_NAME);
      await expect(title).toContainText("关于2019年民生实事项目票决结果的公告");
      await expect(
        page.getByText("本次会议应到代表3名，实到代表3名。共发出表决票3张，收回3张，其中有效票3张，无效票0张。", { exact: false }),
      ).toBeVisible();
      const rows = page.getByRole("table", { name: "2019年民生实事项目票决结果" }).getByRole("row");
      await expect(rows.nth(1)).toContainText("E2E 新建口袋公园 6 处");
      await expect(rows.nth(1)).toContainText("通过");
      await expect(rows.nth(2)).toContainText("未通过");
      await expect(page.getByText("2个候选项目中，1个获得通过，确定为2019年民生实事项目；其余1个未获通过。")).toBeVisible();
      await expect(page.getByText(`${SESSION_NAME}主席团`)).toBeVisible();
      await expect(page.getByText("2019年1月12日").last()).toBeVisible();
      await expectNoSeriousAxeViolations(page, "announcement");
      await shot(page, testInfo, "announcement");

      const pdf = await page.pdf({ format: "A4", printBackground: true });
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(pdf.length).toBeGreaterThan(5_000);
      const pdfPath = testInfo.outputPath("announcement.pdf");
      await writeFile(pdfPath, pdf);
      await testInfo.attach("announcement.pdf", { path: pdfPath, contentType: "application/pdf" });
    });

    await test.step("the audit log shows the clerk's work and a verified chain", async () => {
      await page.goto(`/secretariat/audit?session=${sessionId}`);
      await expect(page.getByTestId("chain-status")).toContainText(/审计链校验通过，共 \d+ 条记录/);
      const log = page.getByRole("table", { name: "审计日志，最新的在前" });
      await expect(log.getByText("roster.imported")).toHaveCount(2);
      await expect(log.getByText("credentials.card")).toHaveCount(3);
      await expect(log.getByText("session.created")).toHaveCount(1);
      await page.getByLabel("操作类型（前缀）").fill("candidate.");
      await page.getByRole("button", { name: "查询" }).click();
      await expect(log.getByText("candidate.created")).toHaveCount(2);
      await expect(log.getByText("roster.imported")).toHaveCount(0);
      await expectNoSeriousAxeViolations(page, "audit log");
      await shot(page, testInfo, "audit-log");
    });
  });

  test("the administrator manages accounts; the secretariat may not", async ({ page, browser }, testInfo) => {
    await signInStaff(page, "admin");
    await expect(page).toHaveURL(/\/secretariat/);
    await page.goto("/secretariat/accounts");
    await expect(page.getByRole("heading", { level: 1, name: "账号管理" })).toBeVisible();
    const username = `e2e-${TAG.toLowerCase()}`;
    const form = page.getByRole("region", { name: "新建账号" });
    await form.getByLabel("用户名").fill(username);
    await form.getByLabel("姓名或单位名称").fill("E2E 计票员");
    await form.getByLabel("初始密码").fill("short");
    await form.getByLabel("角色").selectOption("CLERK");
    await form.getByRole("button", { name: "新建账号" }).click();
    await expect(form.getByText("密码至少需要 10 位。")).toBeVisible();
    await expect(form.getByLabel("用户名")).toHaveValue(username);
    await form.getByLabel("初始密码").fill("a-long-enough-password");
    await form.getByRole("button", { name: "新建账号" }).click();
    await expect(form.getByText(`已新建账号“${username}”。`)).toBeVisible();

    const row = page.getByRole("row", { name: new RegExp(username) });
    await expect(row).toContainText("正常");
    await row.getByRole("button", { name: "停用" }).click();
    await page.getByRole("dialog", { name: "停用 E2E 计票员 的账号？" }).getByRole("button", { name: "停用" }).click();
    await expect(row).toContainText("已停用");
    await expectNoSeriousAxeViolations(page, "accounts");
    await shot(page, testInfo, "accounts");

    const other = await browser.newContext();
    const secretariat = await other.newPage();
    await signInStaff(secretariat, "mishu");
    await expect(secretariat).toHaveURL(/\/secretariat/);
    await secretariat.goto("/secretariat/accounts");
    await expect(secretariat.getByRole("heading", { name: "无权访问" })).toBeVisible();
    await other.close();
  });

  test("files are for the secretariat only; the roster template downloads for them", async ({ page, request }) => {
    const someId = randomUUID();
    for (const url of [
      `/api/exports/polls/${someId}/results?format=xlsx`,
      `/api/exports/sessions/${someId}/attendance?format=csv`,
      "/api/roster/template",
    ]) {
      expect((await request.get(url)).status(), url).toBe(403);
    }
    await signInStaff(page, "jipiao1");
    await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
    expect((await page.request.get("/api/roster/template")).status()).toBe(403);

    const clerk = page.context();
    await clerk.clearCookies();
    await signInStaff(page, "mishu");
    await expect(page).toHaveURL(/\/secretariat/);
    const res = await page.request.get("/api/roster/template");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-disposition"]).toContain(`filename*=UTF-8''${encodeURIComponent("代表名册模板.xlsx")}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    expect((await page.request.get(`/api/exports/polls/${someId}/results?format=pdf`)).status()).toBe(400);
    expect((await page.request.get(`/api/exports/polls/${someId}/results?format=csv`)).status()).toBe(404);
  });
});
