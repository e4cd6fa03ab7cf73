import { expect, test } from "@playwright/test";
import { issueLoginToken } from "./db";
import { expectNoSeriousAxeViolations, shot } from "./helpers";
import { expectSignedInAsDelegate, signInDelegate, signInStaff } from "./sign-in";

test.describe("residents", () => {
  test("browse the candidate projects and open one", async ({ page }, testInfo) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("临淄区第十八届人民代表大会第五次会议");
    await expect(page.getByRole("heading", { name: "候选民生实事项目（15 项）" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "新建保障性住房 1021 套" })).toBeVisible();
    await expectNoSeriousAxeViolations(page, "home");
    await shot(page, testInfo, "home");

    await page.getByRole("link", { name: /查看详情：新建幼儿园 3 所/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("新建幼儿园 3 所");
    await expect(page.getByText("区教育和体育局")).toBeVisible();
    await expect(page.getByText("小区附近缺少公办幼儿园")).toBeVisible();
    await expectNoSeriousAxeViolations(page, "project");
    await shot(page, testInfo, "project");
  });

  test("switch the language to English and back, without JavaScript needed", async ({ page }) => {
    await page.goto("/");
    // "English" on a wide screen, "EN" on a phone: either way the name holds the words shown.
    await page.getByRole("button", { name: /^语言: (English|EN)$/ }).click();
    await expect(page.getByRole("heading", { name: "Candidate livelihood projects (15)" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.getByRole("button", { name: /^Language: 中文$/ }).click();
    await expect(page.getByRole("heading", { name: "候选民生实事项目（15 项）" })).toBeVisible();
  });

  test("an unknown project is a clear 404", async ({ page }) => {
    const res = await page.goto("/projects/00000000-0000-4000-8000-000000000000");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "未找到" })).toBeVisible();
  });

  test("/favicon.ico is there: browsers ask for it on every first visit (it was a 404)", async ({ request }) => {
    const res = await request.get("/favicon.ico");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)$/);
    // An ICO file (reserved 0, type 1), not a page rendered in its place.
    expect([...(await res.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
  });

  test("the health route answers when the database does", async ({ request }) => {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });
});

test.describe("delegates", () => {
  test("sign in with card code and PIN and see their seat", async ({ page }, testInfo) => {
    await signInDelegate(page, "LZ0042");
    await expectSignedInAsDelegate(page);
    await expect(page.getByText("02-12")).toBeVisible(); // seat of the 42nd delegate (稷下街道, 12th)
    await expect(page.getByText("稷下街道")).toBeVisible();
    await expectNoSeriousAxeViolations(page, "delegate home");
    await shot(page, testInfo, "delegate-home");
  });

  test("a wrong PIN gets a clear, localized error", async ({ page }, testInfo) => {
    await page.goto("/sign-in");
    await expectNoSeriousAxeViolations(page, "sign-in");
    await signInDelegate(page, "LZ0043", "999999");
    // Scoped to the form: Next's route announcer is an alert region too.
    await expect(page.getByRole("form", { name: "代表登录" }).getByRole("alert")).toContainText("代表证号或密码（PIN）不正确");
    await expect(page).toHaveURL(/\/sign-in/);
    await shot(page, testInfo, "wrong-pin");
  });

  test("sign in once with the card's QR token; the same token is refused afterwards", async ({ page, browser }) => {
    const token = await issueLoginToken("LZ0044");
    await page.goto(`/t/${token}`);
    await page.getByRole("button", { name: "确认登录" }).click();
    await expectSignedInAsDelegate(page);

    const other = await browser.newContext();
    const second = await other.newPage();
    await second.goto(`/t/${token}`);
    await second.getByRole("button", { name: "确认登录" }).click();
    await expect(second.getByRole("main").getByRole("alert")).toContainText("二维码已使用或已失效");
    await other.close();
  });

  test("are refused the secretariat's pages", async ({ page }) => {
    await signInDelegate(page, "LZ0045");
    await expectSignedInAsDelegate(page);
    await page.goto("/secretariat");
    await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
    await expect(page.getByText("应到代表")).toHaveCount(0);
  });
});

test.describe("the secretariat", () => {
  test("signs in and sees the session overview", async ({ page }, testInfo) => {
    await signInStaff(page, "mishu");
    // Sign-in and the dashboard after it can take longer than one expect on a busy test machine.
    await page.waitForURL(/\/secretariat$/, { timeout: 30_000 });
    await expect(page.getByText("应到代表")).toBeVisible();
    await expect(page.getByText("280", { exact: true })).toBeVisible();
    await expectNoSeriousAxeViolations(page, "secretariat dashboard");
    await shot(page, testInfo, "secretariat");
  });

  test("signed-out visitors to delegate pages are sent to sign-in", async ({ page }) => {
    await page.goto("/delegate");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
