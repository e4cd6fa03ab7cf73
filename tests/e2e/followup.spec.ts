import { randomBytes, randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { devices, expect, test, type Browser, type BrowserContext, type Locator, type Page, type TestInfo } from "@playwright/test";
import ExcelJS from "exceljs";
import sharp from "sharp";
import { withDb } from "./db";
import { expectNoSeriousAxeViolations, shot } from "./helpers";
import { expectSignedInAsDelegate, signInDelegate, signInStaff } from "./sign-in";

/**
 * After the vote: a department files its plan and posts progress with a photo, a resident
 * reads the project page on a phone (also without JavaScript) and leaves feedback, a
 * delegate files a supervision note and the department answers, the secretariat moderates
 * and runs the year-end rating, delegates rate on their phones, and the published rating
 * appears on the project page.
 *
 * The whole story runs once (desktop project; phones are contexts of their own); the
 * resident's own pages are also checked in the phone project. Other spec files share this
 * database: this one signs in only LZ0200–LZ0210, uses titles of its own, and sets up its
 * approved projects with a published poll of its own (never assuming how many polls exist).
 */

const POLL_TITLE = "后续跟踪测试：2021 年民生实事项目票决";
const HOUSING = "新建保障性住房 1021 套";
/** Selected by our poll; the last one is put to the vote but not selected. */
const APPROVED = [HOUSING, "实施 13 条城区道路改造", "新建 150 座电动汽车充电桩"];
const NOT_APPROVED = "棚户区和老旧小区改造";

/** Each run writes texts of its own, so a rerun on the same database never matches an old row. */
const RUN = Date.now().toString(36).slice(-5).toUpperCase();

async function sessionOf(cardCode: string): Promise<string> {
  return withDb(
    async (c) =>
      (await c.query<{ sessionId: string }>(`SELECT "sessionId" FROM "Delegate" WHERE "cardCode" = $1`, [cardCode])).rows[0]!.sessionId,
  );
}

/**
 * A published poll that selected APPROVED (the tally's result format), inserted once: both
 * projects may run this file at the same time, so the check and insert hold a lock.
 */
async function ensureApprovedPoll(sessionId: string): Promise<string> {
  return withDb(async (c) => {
    await c.query("BEGIN");
    try {
      await c.query(`SELECT pg_advisory_xact_lock(hashtext('e2e-followup-poll'))`);
      const existing = await c.query<{ id: string }>(`SELECT "id" FROM "Poll" WHERE "sessionId" = $1 AND "title" = $2`, [
        sessionId,
        POLL_TITLE,
      ]);
      if (existing.rows[0]) {
        await c.query("COMMIT");
        return existing.rows[0].id;
      }
      const titles = [...APPROVED, NOT_APPROVED];
      const { rows: candidates } = await c.query<{ id: string; title: string; budgetWan: string; targets: string; unit: string }>(
        `SELECT c."id", c."title", c."budgetWan"::text AS "budgetWan", c."targets", d."name" AS unit
           FROM "Candidate" c JOIN "Department" d ON d."id" = c."departmentId"
          WHERE c."sessionId" = $1 AND c."title" = ANY($2::text[])`,
        [sessionId, titles],
      );
      expect(candidates).toHaveLength(titles.length);
      const ordered = titles.map((t) => candidates.find((x) => x.title === t)!);
      const pollId = randomUUID();
      const pc = ordered.map(() => randomUUID());
      const result = {
        valid: 270,
        invalid: 0,
        candidates: ordered.map((cand, i) =>
          i < APPROVED.length
            ? { id: pc[i], for: 240 - i * 10, against: 20 + i * 5, abstain: 10 + i * 5, passed: true, rank: i + 1, selected: true }
            : { id: pc[i], for: 120, against: 110, abstain: 40, passed: false, rank: null, selected: false },
        ),
        runoff: [],
        unfilled: 1,
      };
      await c.query(
        `INSERT INTO "Poll" ("id", "sessionId", "title", "kind", "seats", "basis", "status", "seated", "present", "issued", "returned",
                             "result", "auditHead", "openedAt", "closedAt", "certifiedAt", "publishedAt")
         VALUES ($1, $2, $3, 'EQUAL', $4, 'ALL_DELEGATES', 'PUBLISHED', 280, 270, 270, 270, $5::jsonb, $6,
                 '2021-01-15T02:00:00Z', '2021-01-15T02:20:00Z', '2021-01-15T02:40:00Z', '2021-01-15T03:00:00Z')`,
        [pollId, sessionId, POLL_TITLE, ordered.length, JSON.stringify(result), randomBytes(32).toString("hex")],
      );
      for (const [i, cand] of ordered.entries()) {
        await c.query(
          `INSERT INTO "PollCandidate" ("id", "pollId", "candidateId", "position", "title", "unitName", "budgetWan", "targets")
           VALUES ($1, $2, $3, $4, $5, $6, $7::numeric, $8)`,
          [pc[i], pollId, cand.id, i + 1, cand.title, cand.unit, cand.budgetWan, cand.targets],
        );
      }
      await c.query("COMMIT");
      return pollId;
    } catch (e) {
      await c.query("ROLLBACK");
      throw e;
    }
  });
}

async function candidateId(sessionId: string, title: string): Promise<string> {
  return withDb(
    async (c) =>
      (await c.query<{ id: string }>(`SELECT "id" FROM "Candidate" WHERE "sessionId" = $1 AND "title" = $2`, [sessionId, title])).rows[0]!
        .id,
  );
}

/** A phone of its own (360 px wide); a resident's may run without JavaScript and gets its own client address for the post throttle. */
async function newPhone(
  browser: Browser,
  testInfo: TestInfo,
  opts: { javaScriptEnabled?: boolean; resident?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    ...devices["Pixel 7"],
    viewport: { width: 360, height: 780 },
    baseURL: testInfo.project.use.baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    extraHTTPHeaders: opts.resident ? { "x-forwarded-for": `198.51.100.${1 + Math.floor(Math.random() * 250)}` } : undefined,
  });
  return { context, page: await context.newPage() };
}

async function expectFitsWidth(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `page is wider than the screen at ${page.url()}`).toBeLessThanOrEqual(0);
}

/** A confirmation <dialog> opened by a button: confirm it and wait for it to close. */
async function confirmIn(page: Page, dialogName: string, button: string) {
  const dialog = page.getByRole("dialog", { name: dialogName });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: button, exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** The section of a page under a heading (our sections are labelled by their h2). */
const region = (page: Page, name: string | RegExp): Locator => page.getByRole("region", { name });

test.describe("residents' pages", () => {
  test("overview with filters, and a suggestion with field errors, on a phone", async ({ page, request }, testInfo) => {
    test.skip(testInfo.project.name !== "phone", "the resident's pages are checked on the phone");
    await ensureApprovedPoll(await sessionOf("LZ0200"));

    await page.goto("/");
    await page.getByRole("link", { name: "民生实事项目进展" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "民生实事项目进展" })).toBeVisible();
    for (const title of APPROVED) await expect(page.getByRole("link", { name: title, exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: NOT_APPROVED, exact: true })).toHaveCount(0);
    await expect(region(page, "进展概况")).toContainText("个项目，平均完成进度");
    await expectFitsWidth(page);
    await expectNoSeriousAxeViolations(page, "projects overview");
    await shot(page, testInfo, "resident-overview");

    // Filters are a plain GET form.
    await page.getByLabel("类别").selectOption("住房保障");
    await page.getByRole("button", { name: "筛选", exact: true }).click();
    await expect(page).toHaveURL(/category=/);
    await expect(page.getByRole("link", { name: HOUSING, exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "新建 150 座电动汽车充电桩", exact: true })).toHaveCount(0);
    await page.getByRole("link", { name: "清除筛选" }).click();
    await expect(page.getByRole("link", { name: "新建 150 座电动汽车充电桩", exact: true })).toBeVisible();

    // 征集: the server's answer to bad input names the fields, localized on the form.
    const bad = await request.post("/api/suggestions", {
      form: { title: "短", description: "太短", category: "住房保障", location: "", contact: "" },
      maxRedirects: 0,
      headers: { "x-forwarded-for": "203.0.113.7" },
    });
    expect(bad.status()).toBe(303);
    const location = bad.headers()["location"]!;
    expect(location).toMatch(/^\/suggest\?error=BAD_INPUT&fields=title%2Cdescription/);
    await page.goto(location);
    await expect(page.locator("#suggest-form").getByRole("alert")).toHaveText("填写的内容有误，请按提示修改后重新提交。");
    await expect(page.getByText("标题须为 4 至 100 个字。")).toBeVisible();
    await expect(page.getByText("具体内容须为 10 至 2000 个字。")).toBeVisible();
    await expect(page.getByLabel("建议标题")).toHaveAttribute("aria-invalid", "true");
    await expectNoSeriousAxeViolations(page, "suggestion form with errors");

    await page.goto("/suggest");
    await expect(page.getByRole("heading", { level: 1, name: "征集民生实事建议" })).toBeVisible();
    await page.getByLabel("建议标题").fill(`在社区建设老年食堂（${RUN}）`);
    await page.getByLabel("具体内容").fill("小区老人多，子女白天上班，吃饭不方便，建议在社区建设老年食堂。");
    await page.getByLabel("类别").selectOption("养老服务");
    await page.getByLabel("地点（选填）").fill("辛店街道");
    await page.getByRole("button", { name: "提交建议" }).click();
    await expect(page.locator("#suggest-form").getByRole("status")).toHaveText("✓ 提交成功，审核后公开。感谢您的建议！");
    await expectFitsWidth(page);
    await expectNoSeriousAxeViolations(page, "suggestion form");
    await shot(page, testInfo, "resident-suggest-sent");
  });
});

test.describe("after the vote", () => {
  test("plan, progress with a photo, supervision, feedback and the year-end rating", async ({ browser, page: desk }, testInfo) => {
    test.skip(testInfo.project.name !== "desktop", "runs once: phones are contexts of their own");
    test.setTimeout(300_000);
    const contexts: BrowserContext[] = [];
    const phone = async (opts?: Parameters<typeof newPhone>[2]) => {
      const p = await newPhone(browser, testInfo, opts);
      contexts.push(p.context);
      return p.page;
    };
    try {
      const sessionId = await sessionOf("LZ0200");
      const pollId = await ensureApprovedPoll(sessionId);
      const housingId = await candidateId(sessionId, HOUSING);
      const projectPath = `/projects/${housingId}`;
      const updateText = `3 号楼、5 号楼主体结构全部封顶，正在进行内部装修。（${RUN}）`;
      const correctionText = `更正：截至本期累计使用资金应为 20500 万元。（${RUN}）`;
      const photoAlt = `保障房 3 号楼主体封顶现场（${RUN}）`;
      const noteSummary = `现场查看保障房建设进度（${RUN}）`;
      const feedbackText = `希望按期交房，并公开分配办法。（${RUN}）`;

      // The public pages are cached for everyone: a resident's look before the update
      // caches this page, so seeing the update later proves the change refreshed it.
      let resident: Page;
      await test.step("a resident looks at the project page before the update", async () => {
        resident = await phone({ javaScriptEnabled: false, resident: true });
        await resident.goto(projectPath);
        await expect(resident.getByRole("heading", { level: 1, name: HOUSING })).toBeVisible();
        await expect(resident.getByText(updateText)).toHaveCount(0);
      });

      await test.step("the department files its plan", async () => {
        await signInStaff(desk, "dept-zhujian");
        await expect(desk).toHaveURL(/\/department$/);
        await expect(desk.getByRole("heading", { level: 1, name: "责任单位工作台" })).toBeVisible();
        await expect(desk.getByRole("heading", { name: HOUSING })).toBeVisible();
        await expect(desk.getByRole("heading", { name: "实施 13 条城区道路改造" })).toBeVisible();
        // Its unit's candidate that the vote did not select is not there; nor another unit's.
        await expect(desk.getByRole("heading", { name: NOT_APPROVED })).toHaveCount(0);
        await expect(desk.getByRole("heading", { name: "新建 150 座电动汽车充电桩" })).toHaveCount(0);
        await expect(desk.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "责任单位工作台" })).toBeVisible();
        await expectNoSeriousAxeViolations(desk, "department home");
        await shot(desk, testInfo, "01-department-home");
        // Another unit's approved project is refused (the procedures refuse it again).
        await desk.goto(`/department/projects/${await candidateId(sessionId, "新建 150 座电动汽车充电桩")}`);
        await expect(desk.getByRole("heading", { level: 1, name: "无权访问" })).toBeVisible();
        await desk.goto("/department");

        await desk.getByRole("link", { name: `填报进展：${HOUSING}` }).click();
        await expect(desk.getByRole("heading", { level: 1, name: HOUSING })).toBeVisible();
        const plan = desk.locator("form").filter({ has: desk.getByRole("heading", { name: "实施计划" }) });
        await plan.getByLabel("负责人").fill("王建设");
        await plan.getByLabel("资金预算（万元）").fill("35000");
        await plan.getByLabel("开工日期（选填）").fill("2021-03-01");
        // A rerun on the same database finds the earlier milestones: start from none.
        const remove = plan.getByRole("button", { name: /^删除节点/ });
        while ((await remove.count()) > 0) await remove.first().click();
        await plan.getByRole("button", { name: "添加节点" }).click();
        await plan.getByRole("button", { name: "添加节点" }).click();
        const m1 = plan.getByRole("group", { name: "节点 1" });
        const m2 = plan.getByRole("group", { name: "节点 2" });
        // The same schema as the server, checked first in the browser: errors next to the fields.
        await plan.getByRole("button", { name: "保存实施计划" }).click();
        await expect(m1.getByText("请填写此项。").first()).toBeVisible();
        await expect(plan.getByRole("alert")).toHaveText("请先改正标出的错误。");
        await m1.getByLabel("节点名称").fill("主体结构封顶");
        await m1.getByLabel("计划日期").fill("2021-06-30");
        await m1.getByLabel("实际完成日期（选填）").fill("2021-06-28");
        await m2.getByLabel("节点名称").fill("竣工验收");
        await m2.getByLabel("计划日期").fill("2021-12-20");
        await plan.getByRole("button", { name: "保存实施计划" }).click();
        await expect(plan.getByText("实施计划已保存。")).toBeVisible();
      });

      await test.step("the department posts progress with a photo, then a correction", async () => {
        const photo = testInfo.outputPath("site-photo.png");
        const png = await sharp({ create: { width: 960, height: 640, channels: 3, background: "#8a6d3b" } })
          .composite([
            {
              input: Buffer.from(
                '<svg width="960" height="640"><rect x="280" y="120" width="400" height="420" fill="#d9d2c5"/><rect x="0" y="540" width="960" height="100" fill="#5b7f3a"/></svg>',
              ),
              top: 0,
              left: 0,
            },
          ])
          .png()
          .toBuffer();
        await writeFile(photo, png);

        const form = desk.locator("form").filter({ has: desk.getByRole("heading", { name: "报告进展" }) });
        await expect(form).toBeVisible();
        await form.getByLabel("进展情况").fill(updateText);
        await form.getByLabel("完成进度（%）").fill("60");
        await form.getByLabel("累计使用资金（万元）").fill("21000");
        await form.getByLabel("照片（选填）").setInputFiles(photo);
        // A photo needs its description first.
        await form.getByRole("button", { name: "发布进展" }).click();
        await expect(form.getByText("请填写此项。")).toBeVisible();
        await form.getByLabel("照片 1 的文字说明").fill(photoAlt);
        await form.getByRole("button", { name: "发布进展" }).click();
        await expect(form.getByText("进展已发布。")).toBeVisible({ timeout: 20_000 });
        const posted = region(desk, "已发布的进展报告");
        await expect(posted.getByText(updateText)).toBeVisible();
        await expect(posted.getByRole("img", { name: photoAlt })).toBeVisible();

        // Published updates are never edited: a correction is a new entry pointing at the first.
        await form.getByLabel("进展情况").fill(correctionText);
        await form.getByLabel("累计使用资金（万元）").fill("20500");
        await form.getByLabel("这是对以前报告的更正").check();
        const corrects = form.getByLabel("更正哪一条报告");
        const option = corrects.locator("option").filter({ hasText: "3 号楼、5 号楼" }).first();
        await corrects.selectOption((await option.getAttribute("value"))!);
        await form.getByRole("button", { name: "发布进展" }).click();
        await expect(form.getByText("进展已发布。")).toBeVisible({ timeout: 20_000 });
        await expect(posted.getByText(correctionText)).toBeVisible();
        await expectNoSeriousAxeViolations(desk, "department project");
        await shot(desk, testInfo, "02-department-project");
      });

      await test.step("a resident reads the project page on a phone, without JavaScript, and leaves feedback", async () => {
        await resident.goto("/projects");
        const card = resident.getByRole("article").filter({ has: resident.getByRole("link", { name: HOUSING, exact: true }) });
        await expect(card.getByRole("progressbar", { name: "完成进度" })).toHaveAttribute("aria-valuenow", "60");
        // The second milestone's date has passed unachieved: 滞后, derived, in words.
        await expect(card.getByText("滞后")).toBeVisible();
        await expect(card.getByText("已使用 20,500 万元 / 预算 35,000 万元")).toBeVisible();
        await expect(card.locator("img")).toHaveCount(1);
        await shot(resident, testInfo, "03-resident-overview-no-js");

        await resident.getByRole("link", { name: HOUSING, exact: true }).click();
        await expect(resident.getByRole("heading", { level: 1, name: HOUSING })).toBeVisible();
        const vote = region(resident, "票决结果");
        await expect(vote).toContainText(POLL_TITLE);
        await expect(vote.getByRole("link", { name: "查看完整票决结果" })).toHaveAttribute("href", `/results/${pollId}`);
        const timeline = region(resident, "时间线");
        await expect(timeline.getByText("主体结构封顶")).toBeVisible();
        await expect(timeline.getByText("实际完成 2021-06-28")).toBeVisible();
        await expect(timeline.getByRole("listitem").filter({ hasText: "竣工验收" }).getByText("滞后", { exact: true })).toBeVisible();
        await expect(timeline.getByText(updateText)).toBeVisible();
        const img = timeline.getByRole("img", { name: photoAlt });
        await expect(img).toBeVisible();
        const res = await resident.request.get((await img.getAttribute("src"))!);
        expect(res.status()).toBe(200);
        expect(res.headers()["content-type"]).toBe("image/webp");
        // Newest first, the correction labelled and pointing at what it corrects.
        const correction = timeline.getByRole("listitem").filter({ hasText: correctionText });
        await expect(correction.getByText("更正", { exact: true })).toBeVisible();
        await expect(correction.getByRole("link", { name: /^更正 .* 的报告$/ })).toBeVisible();
        await expect(
          timeline
            .getByRole("listitem")
            .filter({ hasText: updateText })
            .getByRole("link", { name: /^此报告已于 .* 更正$/ }),
        ).toBeVisible();
        await expect(region(resident, "满意度测评")).toContainText("年度满意度测评结果尚未公布。");
        await expect(region(resident, "来源建议")).toContainText("建议增加保障性住房房源");
        await shot(resident, testInfo, "04-resident-project-no-js");

        const feedback = region(resident, "群众意见");
        await feedback.getByLabel("您的意见").fill(feedbackText);
        await feedback.getByRole("button", { name: "提交意见" }).click();
        // The cached page cannot answer one reader: the form lands on the project's feedback page.
        await expect(resident).toHaveURL(new RegExp(`${projectPath}/feedback\\?sent=1#feedback$`));
        await expect(region(resident, "群众意见").getByRole("status")).toHaveText("✓ 提交成功，审核后公开。");
        // Not public before the secretariat approves it.
        await resident.getByRole("link", { name: `← ${HOUSING}` }).click();
        await expect(region(resident, "群众意见").getByText(feedbackText)).toHaveCount(0);

        // The same page with JavaScript, for the accessibility check.
        const withJs = await phone();
        await withJs.goto(projectPath);
        await expectFitsWidth(withJs);
        await expectNoSeriousAxeViolations(withJs, "public project page");
        await withJs.goto("/projects");
        await expectNoSeriousAxeViolations(withJs, "public overview");
      });

      await test.step("a delegate files a supervision note on the phone", async () => {
        const delegate = await phone();
        await signInDelegate(delegate, "LZ0201");
        await delegate.waitForURL(/\/delegate$/, { timeout: 30_000 });
        await expectSignedInAsDelegate(delegate);
        await delegate.getByRole("link", { name: "项目监督" }).click();
        await expect(delegate.getByRole("heading", { level: 1, name: "项目监督" })).toBeVisible();
        await delegate.getByRole("button", { name: "提交" }).click();
        await expect(delegate.locator("form").getByRole("alert")).toHaveText("请先改正标出的错误。");
        await delegate.getByLabel("项目", { exact: true }).selectOption({ label: HOUSING });
        await delegate.getByText("检查", { exact: true }).click();
        await delegate.getByLabel("监督小组（选填）").fill("第三代表小组");
        await delegate.getByLabel("摘要").fill(noteSummary);
        await delegate.getByLabel("详细内容").fill("代表小组到 3 号楼、5 号楼现场查看，主体已封顶；建议加快配套道路建设。");
        await expectNoSeriousAxeViolations(delegate, "supervision form");
        await delegate.getByRole("button", { name: "提交" }).click();
        await expect(delegate.getByRole("heading", { name: "已提交", exact: true })).toBeVisible();
        await expectFitsWidth(delegate);
        await shot(delegate, testInfo, "05-delegate-supervision-sent");
      });

      await test.step("the department answers the note", async () => {
        await desk.reload();
        const notes = region(desk, "代表督办");
        const note = notes.getByRole("listitem").filter({ has: desk.getByRole("heading", { name: noteSummary }) });
        await expect(note.getByText("待答复")).toBeVisible();
        await note.getByLabel("答复").fill("已督促施工单位加快配套道路建设，预计 10 月底完成。");
        await note.getByRole("button", { name: "提交答复" }).click();
        await expect(note.getByText("答复已提交。")).toBeVisible();
        await expect(note.getByText("已督促施工单位加快配套道路建设")).toBeVisible();
        await expect(note.getByText("待答复")).toHaveCount(0);
        await shot(desk, testInfo, "06-department-replied");
      });

      const secretariat = await (async () => {
        const context = await browser.newContext({
          viewport: { width: 1280, height: 800 },
          baseURL: testInfo.project.use.baseURL,
          locale: "zh-CN",
          timezoneId: "Asia/Shanghai",
        });
        contexts.push(context);
        return context.newPage();
      })();
      const roundTitle = `2021 年度民生实事项目满意度测评（${RUN}）`;
      await test.step("the secretariat approves the feedback, sees the answered note and starts the rating", async () => {
        await signInStaff(secretariat, "mishu");
        await expect(secretariat).toHaveURL(/\/secretariat/);
        await secretariat.goto("/secretariat/followup");
        await expect(secretariat.getByRole("heading", { level: 1, name: "实施监督与测评" })).toBeVisible();
        const post = secretariat.getByRole("listitem").filter({ hasText: feedbackText });
        await expect(post).toContainText(`对“${HOUSING}”的意见`);
        await post.getByRole("button", { name: "通过并公开" }).click();
        await confirmIn(secretariat, "公开这条内容？", "通过并公开");
        await expect(secretariat.getByRole("listitem").filter({ hasText: feedbackText })).toHaveCount(0);

        const row = secretariat.getByRole("row").filter({ hasText: noteSummary });
        await expect(row).toContainText("✓ 已答复");
        await expect(row).toContainText("第三代表小组");
        await expect(row.getByRole("cell").last()).toHaveText(/^(\d+ 小时|1 小时内)$/);

        const rating = region(secretariat, "满意度测评");
        await rating.getByLabel("测评名称").fill(roundTitle);
        await rating.getByRole("button", { name: "发起测评" }).click();
        await confirmIn(secretariat, "发起满意度测评？", "发起测评");
        await expect(rating.getByText(roundTitle)).toBeVisible();
        await expect(rating.getByText("测评中")).toBeVisible();
        await expectNoSeriousAxeViolations(secretariat, "secretariat follow-up");
        await shot(secretariat, testInfo, "07-secretariat-rating-open");
      });

      await test.step("delegates rate every project on their phones; one loses the network first", async () => {
        // Housing: 满意, 满意, 不满意 → 2 of 3 satisfied (more than half) → 满意.
        const raters = [
          { code: "LZ0202", housing: "满意", others: "满意" },
          { code: "LZ0203", housing: "满意", others: "基本满意" },
          { code: "LZ0204", housing: "不满意", others: "基本满意", offline: true },
        ];
        for (const r of raters) {
          const p = await phone();
          await signInDelegate(p, r.code);
          await p.waitForURL(/\/delegate$/, { timeout: 30_000 });
          await p.getByRole("link", { name: "满意度测评" }).click();
          await expect(p.getByRole("heading", { level: 1, name: roundTitle })).toBeVisible();
          const groups = p.getByRole("group");
          const count = await groups.count();
          expect(count).toBeGreaterThanOrEqual(APPROVED.length);
          // Submitting too early says what is missing.
          await p.getByRole("button", { name: "核对评价" }).click();
          await expect(p.getByRole("main").getByRole("alert")).toContainText(`还有 ${count} 个项目未评价`);
          for (let i = 0; i < count; i++) {
            const group = groups.nth(i);
            const name = (await group.getAttribute("aria-labelledby"))!;
            const title = await p.locator(`[id="${name}"]`).innerText();
            const grade = title === HOUSING ? r.housing : r.others;
            await group.getByRole("radio", { name: grade, exact: true }).locator("xpath=ancestor::label[1]").click();
            await expect(group.getByRole("radio", { name: grade, exact: true })).toBeChecked();
          }
          await expect(p.getByText(`已评价 ${count}/${count}`)).toBeVisible();
          if (r.code === "LZ0202") {
            await expectNoSeriousAxeViolations(p, "rating ballot");
            await shot(p, testInfo, "08-delegate-rating");
          }
          await p.getByRole("button", { name: "核对评价" }).click();
          await expect(p.getByRole("heading", { level: 1, name: "核对您的评价" })).toBeVisible();
          await expect(p.getByRole("listitem").filter({ hasText: HOUSING })).toContainText(r.housing);
          if (r.offline) {
            // The request never reaches the server: the phone keeps the ratings and resends with the same key.
            await p.route("**/api/trpc/projects.rate**", (route) => route.abort("internetdisconnected"));
            await p.getByRole("button", { name: "确认提交" }).click();
            await expect(p.getByRole("main").getByRole("status")).toContainText("网络不稳定，正在重试");
            await shot(p, testInfo, "09-delegate-rating-retrying");
            await p.unroute("**/api/trpc/projects.rate**");
          } else {
            await p.getByRole("button", { name: "确认提交" }).click();
          }
          await expect(p.getByRole("heading", { name: "测评已提交" })).toBeVisible({ timeout: 30_000 });
          await expect(p.getByText(/^[0-9A-F]{12}$/)).toBeVisible();
          // The receipt survives a reload; the grades themselves are not kept on the phone.
          await p.reload();
          await expect(p.getByRole("heading", { name: "测评已提交" })).toBeVisible();
          if (r.code === "LZ0202") await shot(p, testInfo, "10-delegate-rating-receipt");
        }
      });

      await test.step("the secretariat closes and publishes the rating", async () => {
        await secretariat.reload();
        const rating = region(secretariat, "满意度测评");
        // While the round is open the box is sealed: no counts, not even for the secretariat.
        await expect(rating.getByRole("row").filter({ hasText: HOUSING })).toHaveCount(0);
        await rating.getByRole("button", { name: "结束测评" }).click();
        await confirmIn(secretariat, "结束满意度测评？", "结束测评");
        await expect(rating.getByText("已结束，待公布")).toBeVisible();
        await expect(rating.getByRole("row").filter({ hasText: HOUSING })).toContainText("2（67%）");
        await rating.getByRole("button", { name: "公布测评结果" }).click();
        await confirmIn(secretariat, "公布测评结果？", "公布测评结果");
        await expect(rating.getByText("已公布", { exact: true })).toBeVisible();
        await shot(secretariat, testInfo, "11-secretariat-rating-published");
      });

      await test.step("the secretariat prints the progress report and downloads it as XLSX", async () => {
        await secretariat.goto("/secretariat/exports");
        await secretariat.getByRole("link", { name: "进展报告（打印）" }).click();
        await expect(secretariat.getByRole("heading", { level: 2, name: "民生实事项目进展情况汇总表" })).toBeVisible();
        const row = secretariat.getByRole("row").filter({ has: secretariat.getByRole("rowheader", { name: HOUSING, exact: true }) });
        await expect(row.getByRole("cell")).toContainText([
          "住房保障",
          "区住房和城乡建设局",
          "王建设",
          "35000",
          "20500",
          "60",
          "滞后",
          "1/2",
          "竣工验收（2021-12-20）",
        ]);
        await expect(row.getByRole("cell").last()).toHaveText("满意（满意 2，基本满意 0，不满意 1）");
        await expectNoSeriousAxeViolations(secretariat, "progress report");
        await shot(secretariat, testInfo, "12-progress-report");

        const xlsxPath = `/api/exports/sessions/${sessionId}/progress?format=xlsx`;
        const res = await secretariat.request.get(xlsxPath);
        expect(res.status()).toBe(200);
        expect(res.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
        const titles = wb.worksheets[0]!.getColumn(2).values;
        expect(titles).toContain(HOUSING);
        // Residents and departments cannot fetch it.
        expect((await resident.request.get(xlsxPath)).status()).toBe(403);
      });

      await test.step("the published rating and the approved feedback appear on the project page", async () => {
        await resident.goto(projectPath);
        const rating = region(resident, "满意度测评");
        await expect(rating.getByText("测评结果：满意")).toBeVisible();
        await expect(rating.getByRole("table", { name: roundTitle })).toBeVisible();
        const row = (grade: string) =>
          rating.getByRole("row").filter({ has: resident.getByRole("rowheader", { name: grade, exact: true }) });
        await expect(row("满意").getByRole("cell")).toHaveText(["2", "67%"]);
        await expect(row("基本满意").getByRole("cell")).toHaveText(["0", "0%"]);
        await expect(row("不满意").getByRole("cell")).toHaveText(["1", "33%"]);
        await expect(rating.getByText("共 3 名代表参加测评。")).toBeVisible();
        await expect(region(resident, "代表监督").getByRole("listitem").filter({ hasText: noteSummary })).toContainText("已答复");
        await expect(region(resident, "群众意见").getByText(feedbackText)).toBeVisible();
        await shot(resident, testInfo, "13-resident-project-rated");
      });
    } finally {
      for (const c of contexts) await c.close();
    }
  });
});
