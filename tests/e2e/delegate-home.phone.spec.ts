import { expect, test, type Locator, type Page } from "@playwright/test";
import { candidateIdsOf, createTestSession } from "./db";
import { expectNoSeriousAxeViolations, shot } from "./helpers";
import { signInDelegate, signInStaff, staffCall } from "./sign-in";

/**
 * The delegate's home on a phone (issue 16, item 8): the header is one compact row, signing
 * out is away from the thumb's way and asks first, and the home card comes with the page
 * instead of flashing 正在加载… . Each test has a congress session of its own.
 */

/** Every control in the header, as boxes on the screen. */
async function headerControls(page: Page): Promise<{ name: string; box: { x: number; y: number; width: number; height: number } }[]> {
  const controls = page.getByRole("banner").locator("a:visible, button:visible");
  const out = [];
  for (const el of await controls.all()) {
    const box = await el.boundingBox();
    if (box) out.push({ name: ((await el.innerText()) || (await el.getAttribute("aria-label")) || "").trim(), box });
  }
  return out;
}

async function centre(l: Locator) {
  const b = (await l.boundingBox())!;
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

test("the header is one compact row of 44 px targets; signing out is away from 代表首页 and asks first", async ({ page }, testInfo) => {
  const s = await createTestSession("header", { delegates: 1 });
  await signInDelegate(page, s.cardCodes[0]!);
  await page.waitForURL(/\/delegate$/, { timeout: 30_000 });

  const controls = await headerControls(page);
  expect(controls.map((c) => c.name)).toContain("代表首页");
  const tops = controls.map((c) => c.box.y);
  const bottoms = controls.map((c) => c.box.y + c.box.height);
  // One row: every control overlaps every other vertically.
  expect(Math.max(...tops), `header controls on more than one row: ${JSON.stringify(controls)}`).toBeLessThan(Math.min(...bottoms));
  for (const c of controls) expect(c.box.height, `${c.name} is a 44 px touch target`).toBeGreaterThanOrEqual(44);
  const header = (await page.getByRole("banner").boundingBox())!;
  expect(header.height, "the header is compact").toBeLessThanOrEqual(72);
  await shot(page, testInfo, "delegate-home-header");

  // Signing out is not where the thumb goes for 代表首页.
  const home = page.getByRole("banner").getByRole("link", { name: "代表首页" });
  const signOut = page.getByRole("button", { name: "退出登录" });
  const [h, o] = [await centre(home), await centre(signOut)];
  expect(Math.hypot(h.x - o.x, h.y - o.y), "退出登录 is right next to 代表首页").toBeGreaterThan(150);

  // …and asks first: cancelling keeps the delegate signed in.
  await signOut.click();
  const dialog = page.getByRole("dialog", { name: "退出登录？" });
  await expect(dialog).toBeVisible();
  await expectNoSeriousAxeViolations(page, "sign-out confirmation");
  await shot(page, testInfo, "delegate-sign-out-confirm");
  await dialog.getByRole("button", { name: "取消" }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(page).toHaveURL(/\/delegate$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("代表，您好");

  await page.getByRole("button", { name: "退出登录" }).click();
  await page.getByRole("dialog", { name: "退出登录？" }).getByRole("button", { name: "退出登录" }).click();
  await expect(page).not.toHaveURL(/\/delegate/);
  await page.goto("/delegate");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the home card comes with the page: what to do now shows before any script has run", async ({ page }) => {
  const s = await createTestSession("first state", { delegates: 1, checkInOpen: true });
  await signInDelegate(page, s.cardCodes[0]!);
  await page.waitForURL(/\/delegate$/, { timeout: 30_000 });

  // The page as the server sends it, before the scripts run (congested Wi-Fi delays them).
  await page.route(/\/_next\/static\/.*\.js(\?|$)/, () => undefined); // never answered
  await page.goto("/delegate", { waitUntil: "domcontentloaded" });
  const status = page.getByRole("region", { name: "表决" });
  await expect(status.getByText("未签到", { exact: true })).toBeVisible();
  await expect(status.getByRole("button", { name: "签到", exact: true })).toBeVisible();
  await expect(page.getByText("正在加载…")).toHaveCount(0);
});

test("a poll opening reaches the home page by its live stream: no reload, no polling", async ({ browser, page: desk }, testInfo) => {
  const s = await createTestSession("live", { delegates: 1, checkInOpen: true });
  await signInStaff(desk, "mishu");
  await desk.waitForURL(/\/secretariat/, { timeout: 30_000 });
  const { baseURL, viewport, userAgent, deviceScaleFactor, isMobile, hasTouch } = testInfo.project.use;
  const phone = await (await browser.newContext({ baseURL, viewport, userAgent, deviceScaleFactor, isMobile, hasTouch })).newPage();
  // Every call the phone makes to the API, and when.
  const calls: { path: string; at: number }[] = [];
  phone.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith("/api/trpc/")) calls.push({ path: path.slice("/api/trpc/".length), at: Date.now() });
  });
  const callsSince = (at: number) => calls.filter((c) => c.at >= at).map((c) => c.path);

  await signInDelegate(phone, s.cardCodes[0]!);
  await phone.waitForURL(/\/delegate$/, { timeout: 30_000 });
  const status = phone.getByRole("region", { name: "表决" });
  await status.getByRole("button", { name: "签到", exact: true }).click();
  await expect(status.getByText("请等待表决开始")).toBeVisible();
  await expect.poll(() => calls.some((c) => c.path === "delegate.live"), { message: "the phone opened its live stream" }).toBe(true);
  await phone.evaluate(() => ((window as unknown as { notReloaded?: boolean }).notReloaded = true));

  // A hall at rest (once the check-in's own news has come back): the page used to ask for
  // delegate.state every 3 s; now it asks nothing.
  await phone.waitForTimeout(3_000);
  const quietFrom = Date.now();
  await phone.waitForTimeout(10_000);
  expect(callsSince(quietFrom), "requests from a phone at rest").toEqual([]);

  const opening = Date.now();
  const poll = await staffCall<{ id: string }>(desk, "secretariat.createPoll", {
    sessionId: s.sessionId,
    title: "2019 年民生实事项目票决",
    kind: "EQUAL",
    basis: "VALID_BALLOTS",
    candidateIds: await candidateIdsOf(s.sessionId),
  });
  await staffCall(desk, "secretariat.openPoll", { pollId: poll.id });
  // Well before the slow fallback poll (20–40 s) could have found it.
  await expect(status.getByText("表决已开始")).toBeVisible({ timeout: 10_000 });
  await expect(status.getByRole("link", { name: "进入表决" })).toBeVisible();
  expect(await phone.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded), "the page was not reloaded").toBe(true);
  // The state came on the stream itself: not one request.
  expect(callsSince(opening)).toEqual([]);
  await expectNoSeriousAxeViolations(phone, "home with the poll open");
  await phone.context().close();
});
