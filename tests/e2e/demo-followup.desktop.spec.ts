import { devices, expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoSeriousAxeViolations, shot } from "./helpers";
import { signInStaff } from "./sign-in";

/**
 * The follow-up demo as `DEMO_STAGE=followup npm start` serves it (its own server and
 * database, see playwright.config.ts): a resident on a phone goes from the home page to
 * projects with progress and photos, finds the one 滞后, the elected projects on /projects,
 * the published result and its ballot record; a department edits its plan.
 *
 * Runs once (desktop project; the resident's phone is a context of its own). The resident
 * walks first: the department's edit keeps the charging points 滞后 (their deadline passed),
 * so a rerun on the same database reads the same.
 */
const BASE = process.env.E2E_FOLLOWUP_BASE_URL!;
const AS_OF = "演示数据：临淄区 2021 年的会议，截至2021年10月31日；进度和滞后按这一天计算。";
const HOUSING = "新建保障性住房 1021 套";
const CHARGING = "新建 150 座电动汽车充电桩";
/** The status chip: a mark and the word (StatusChip). */
const DELAYED_CHIP = /^!\s*滞后$/;
/** Each run writes a lead official of its own, so a rerun never matches an old row. */
const LEAD = `区发展和改革局 冯立新（${Date.now().toString(36).slice(-4)}）`;

test.use({ baseURL: BASE });
// Five pages with axe on a machine shared by several test runs: more than the default minute.
test.describe.configure({ mode: "serial", timeout: 180_000 });

test.beforeAll(() => {
  expect(
    process.env.E2E_FOLLOWUP_DATABASE_URL,
    "E2E_FOLLOWUP_DATABASE_URL is not set: scripts/test.sh seeds the follow-up demo (DEMO_STAGE=followup npm run db:seed) into a database of its own, copies the build to .next-e2e-followup and sets it",
  ).toBeTruthy();
});

async function newPhone(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    ...devices["Pixel 7"],
    viewport: { width: 360, height: 780 },
    baseURL: BASE,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  });
  return context.newPage();
}

async function expectFitsWidth(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `page is wider than the screen at ${page.url()}`).toBeLessThanOrEqual(0);
}

test("a resident follows the elected projects on a phone, as of the demo's day", async ({ browser }, testInfo) => {
  const phone = await newPhone(browser);
  let resultPath = "";

  await test.step("the home page says it is demo data and links to the projects and the published result", async () => {
    await phone.goto("/");
    await expect(phone.getByRole("note")).toHaveText(AS_OF);
    await expect(phone.getByRole("link", { name: "民生实事项目进展" })).toBeVisible();
    await expect(phone.getByRole("heading", { name: "已公布的票决结果" })).toBeVisible();
    await expectNoSeriousAxeViolations(phone, "follow-up home");
    await expectFitsWidth(phone);
    await shot(phone, testInfo, "01-home");
  });

  await test.step("a project page shows its progress (进度) and a photo", async () => {
    await phone.getByRole("link", { name: `查看详情：${HOUSING}` }).click();
    await expect(phone.getByRole("heading", { level: 1, name: HOUSING })).toBeVisible();
    await expect(phone.getByRole("heading", { name: "实施进展" })).toBeVisible();
    await expect(phone.getByRole("progressbar", { name: "完成进度" })).toHaveAttribute("aria-valuenow", "72");
    const photo = phone.getByRole("img", { name: "稷下街道保障房楼栋封顶" });
    await expect(photo).toBeVisible();
    // The photo was generated at seed time and is really served.
    await photo.scrollIntoViewIfNeeded();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expect(phone.getByText("主体结构封顶 640 套", { exact: false })).toBeVisible();
    await expect(phone.getByRole("note")).toHaveText(AS_OF);
    // The comment form sits at the foot of a long report: a link at the top leads to it.
    await phone.getByRole("link", { name: "对这个项目提意见" }).click();
    await expect(phone).toHaveURL(/#feedback-form$/);
    await expect(phone.getByRole("form", { name: "对这个项目提意见" })).toBeInViewport();
    await expectNoSeriousAxeViolations(phone, "follow-up project page");
    await expectFitsWidth(phone);
    await shot(phone, testInfo, "02-project");
  });

  await test.step("/projects lists the twelve elected projects; one is 滞后", async () => {
    await phone.goto("/projects");
    const cards = phone.locator("article");
    await expect(cards).toHaveCount(12);
    const late = cards.filter({ has: phone.getByText(DELAYED_CHIP) });
    await expect(late).toHaveCount(1);
    await expect(late.getByRole("heading")).toHaveText(CHARGING);
    await expect(cards.filter({ has: phone.getByText(/^✓\s*已完成$/) })).toHaveCount(3);
    await expectNoSeriousAxeViolations(phone, "follow-up overview");
    await expectFitsWidth(phone);
    await shot(phone, testInfo, "03-overview");

    await late.getByRole("link", { name: CHARGING }).click();
    await expect(phone.getByRole("heading", { level: 1, name: CHARGING })).toBeVisible();
    await expect(phone.getByText(DELAYED_CHIP).first()).toBeVisible();
    // The milestone missed by 31 October, and the department's answer to the delegates' inspection.
    await expect(phone.getByText("150 座充电桩建成并接入公共服务平台")).toBeVisible();
    await expect(phone.getByText("镇驻地充电桩进度滞后")).toBeVisible();
    await shot(phone, testInfo, "04-delayed-project");
  });

  await test.step("the published result and its ballot record are public", async () => {
    await phone.goto("/");
    await phone.getByRole("link", { name: "临淄区 2021 年民生实事项目票决" }).click();
    await expect(phone.getByRole("heading", { level: 1, name: "临淄区 2021 年民生实事项目票决" })).toBeVisible();
    resultPath = new URL(phone.url()).pathname;
    await expect(phone.getByRole("link", { name: "下载选票记录（JSON）" })).toBeVisible();
    await expectNoSeriousAxeViolations(phone, "follow-up result");
    await expectFitsWidth(phone);
    await shot(phone, testInfo, "05-result");
    const href = await phone.getByRole("link", { name: "下载选票记录（JSON）" }).getAttribute("href");
    const record = (await (await phone.request.get(href!)).json()) as {
      ballots: unknown[];
      result: { candidates: { selected: boolean }[] };
    };
    expect(record.ballots).toHaveLength(265);
    expect(record.result.candidates.filter((c) => c.selected)).toHaveLength(12);
  });
  expect(resultPath).toMatch(/^\/results\//);
  await phone.context().close();
});

test("a department edits its plan; residents read the change", async ({ page, browser }, testInfo) => {
  await signInStaff(page, "dept-fagai");
  await expect(page).toHaveURL(/\/department$/, { timeout: 30_000 });
  await expect(page.getByRole("note")).toHaveText(AS_OF);
  await expect(page.getByRole("heading", { name: CHARGING })).toBeVisible();
  await expectNoSeriousAxeViolations(page, "follow-up department home");
  await shot(page, testInfo, "11-department-home");

  await page.getByRole("link", { name: `填报进展：${CHARGING}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: CHARGING })).toBeVisible();
  const plan = page.locator("form").filter({ has: page.getByRole("heading", { name: "实施计划" }) });
  await expect(plan.getByLabel("负责人")).toHaveValue(/冯立新/);
  await plan.getByLabel("负责人").fill(LEAD);
  // The revised date for the town centres, as the reply to the inspection promised.
  const milestones = plan.getByRole("group", { name: /^节点 \d+$/ });
  const count = await milestones.count();
  const revised = plan.getByRole("group", { name: `节点 ${count}` });
  if ((await revised.getByLabel("节点名称").inputValue()) !== "镇驻地 60 座充电桩建成") {
    await plan.getByRole("button", { name: "添加节点" }).click();
    const added = plan.getByRole("group", { name: `节点 ${count + 1}` });
    await added.getByLabel("节点名称").fill("镇驻地 60 座充电桩建成");
    await added.getByLabel("计划日期").fill("2021-11-15");
  }
  await plan.getByRole("button", { name: "保存实施计划" }).click();
  await expect(plan.getByText("实施计划已保存。")).toBeVisible();
  await shot(page, testInfo, "12-plan-saved");

  const phone = await newPhone(browser);
  await phone.goto("/projects");
  await phone.getByRole("link", { name: CHARGING }).click();
  await expect(phone.getByText(LEAD)).toBeVisible();
  await expect(phone.getByText("镇驻地 60 座充电桩建成")).toBeVisible();
  // Its deadline has passed without completion: still 滞后 by the rule.
  await expect(phone.getByText(DELAYED_CHIP).first()).toBeVisible();
  await shot(phone, testInfo, "13-resident-reads-plan");
  await phone.context().close();
});
