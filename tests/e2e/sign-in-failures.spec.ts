import { expect, test, type Page, type Route } from "@playwright/test";
import { issueLoginToken, withDb } from "./db";
import { expectNoSeriousAxeViolations, shot } from "./helpers";
import { DEMO_PIN, expectSignedInAsDelegate } from "./sign-in";

/**
 * Every way a delegate's sign-in can fail says what happened and what to do, and the form
 * keeps the card code (issue 16, items 1 and 10). Each test signs in with card codes of its
 * own, one set per project, so the phone and desktop runs never share a throttle counter.
 * Other spec files share this database: these codes are used nowhere else.
 */
const CODES = {
  phone: { wrong: "LZ0021", early: "LZ0022", earlyRight: "LZ0023", locked: "LZ0024", network: "LZ0025", token: "LZ0026" },
  desktop: { wrong: "LZ0031", early: "LZ0032", earlyRight: "LZ0033", locked: "LZ0034", network: "LZ0035", token: "LZ0036" },
} as const;
const codesFor = (project: string) => CODES[project === "desktop" ? "desktop" : "phone"];

const delegateForm = (page: Page) => page.getByRole("form", { name: "代表登录" });
const cardCodeField = (page: Page) => delegateForm(page).getByLabel("代表证号");
const pinField = (page: Page) => delegateForm(page).getByLabel("密码（PIN）");
/** Scoped to the form: Next's route announcer is an alert region too. */
const formAlert = (page: Page) => delegateForm(page).getByRole("alert");

async function fillAndSubmit(page: Page, cardCode: string, pin: string) {
  await cardCodeField(page).fill(cardCode);
  await pinField(page).fill(pin);
  await delegateForm(page).getByRole("button", { name: "登录" }).click();
}

/** The PIN must never travel in an address: not in the bar, the history, or a server's access log. */
function expectNoPinInUrl(page: Page, pin: string) {
  expect(page.url(), "the PIN is in the address").not.toContain(pin);
}

/**
 * Holds back the page's scripts, as congested hall Wi-Fi does for many seconds: the form is
 * on the screen (server-rendered) before the code that handles it has arrived.
 */
async function holdScripts(page: Page): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_next\/static\/.*\.js(\?|$)/, async (route: Route) => {
    await released;
    await route.continue().catch(() => undefined); // the page may have moved on meanwhile
  });
  return release;
}

test.describe("a delegate's failed sign-in says what happened and what to do", () => {
  test("a wrong PIN names the card code and the PIN, says what to do, and keeps the card code", async ({ page }, testInfo) => {
    const code = codesFor(testInfo.project.name).wrong;
    await page.goto("/sign-in");
    await fillAndSubmit(page, code, "999999");
    const alert = formAlert(page);
    await expect(alert).toContainText("代表证号或密码（PIN）不正确");
    await expect(alert).toContainText("签到处"); // where to go when it keeps failing
    await expect(alert).not.toContainText("用户名"); // a delegate has no username
    await expect(cardCodeField(page)).toHaveValue(code);
    await expect(pinField(page)).toBeFocused(); // the PIN is what to type again
    expectNoPinInUrl(page, "999999");
    await expectNoSeriousAxeViolations(page, "sign-in, wrong PIN");
    await shot(page, testInfo, "sign-in-wrong-pin");
  });

  test("tapped before the page's scripts have arrived: the answer still comes, the card code stays, the PIN stays out of the address", async ({
    page,
  }, testInfo) => {
    const codes = codesFor(testInfo.project.name);
    const release = await holdScripts(page);
    await page.goto("/sign-in", { waitUntil: "domcontentloaded" });
    await fillAndSubmit(page, codes.early, "999998");
    await expect(formAlert(page)).toContainText("代表证号或密码（PIN）不正确");
    await expect(cardCodeField(page)).toHaveValue(codes.early);
    expectNoPinInUrl(page, "999998");
    await shot(page, testInfo, "sign-in-wrong-pin-before-scripts");

    // The right PIN, still before any script: the delegate lands on their home page.
    await page.goto("/sign-in", { waitUntil: "domcontentloaded" });
    await fillAndSubmit(page, codes.earlyRight, DEMO_PIN);
    await expect(page).toHaveURL(/\/delegate$/);
    release();
    await expectSignedInAsDelegate(page);
    expectNoPinInUrl(page, DEMO_PIN);
  });

  test("a card locked after too many wrong PINs says for how long and where to get help", async ({ page }, testInfo) => {
    const code = codesFor(testInfo.project.name).locked;
    // Five wrong PINs on this card in the last 15 minutes (server/auth/sign-in.ts's cap and
    // counter key, restated here so that a change to them shows up in this test).
    await withDb((c) =>
      c.query(
        `INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES ($1, now(), 5)
         ON CONFLICT ("key") DO UPDATE SET "windowStart" = now(), "count" = 5`,
        [`signin:delegate:${code}`],
      ),
    );
    await page.goto("/sign-in");
    await fillAndSubmit(page, code, DEMO_PIN); // even the right PIN waits out the lock
    const alert = formAlert(page);
    await expect(alert).toContainText("15 分钟");
    await expect(alert).toContainText("签到处");
    await expect(cardCodeField(page)).toHaveValue(code);
    await shot(page, testInfo, "sign-in-locked");
  });

  test("no network, then a server failure: each says so and what to do; the card code stays and the next tap signs in", async ({
    page,
  }, testInfo) => {
    const code = codesFor(testInfo.project.name).network;
    // Any address the sign-in may post to: the hall's Wi-Fi drops the request.
    const signInPosts = (url: URL) => url.pathname.startsWith("/api/auth/callback/") || url.pathname === "/api/sign-in";
    await page.route(signInPosts, (route) => route.abort("internetdisconnected"));
    await page.goto("/sign-in");
    await fillAndSubmit(page, code, DEMO_PIN);
    await expect(formAlert(page)).toContainText("网络");
    await expect(formAlert(page)).toContainText("再点“登录”");
    await expect(cardCodeField(page)).toHaveValue(code);
    await shot(page, testInfo, "sign-in-no-network");

    // The server (or the proxy in front of it) fails instead.
    await page.unroute(signInPosts);
    await page.route(signInPosts, (route) => route.fulfill({ status: 502, contentType: "text/html", body: "<h1>502 Bad Gateway</h1>" }));
    await delegateForm(page).getByLabel("密码（PIN）").fill(DEMO_PIN);
    await delegateForm(page).getByRole("button", { name: "登录" }).click();
    await expect(formAlert(page)).toContainText("系统暂时");
    await expect(formAlert(page)).toContainText("签到处");
    await expect(cardCodeField(page)).toHaveValue(code);
    await shot(page, testInfo, "sign-in-server-error");

    await page.unroute(signInPosts);
    await pinField(page).fill(DEMO_PIN);
    await delegateForm(page).getByRole("button", { name: "登录" }).click();
    await expectSignedInAsDelegate(page);
  });

  test("a used QR code says what to do instead, also when tapped before the scripts arrived", async ({ page, browser }, testInfo) => {
    const token = await issueLoginToken(codesFor(testInfo.project.name).token);
    await page.goto(`/t/${token}`);
    await page.getByRole("button", { name: "确认登录" }).click();
    await expectSignedInAsDelegate(page);

    const { baseURL, viewport, userAgent, deviceScaleFactor, isMobile, hasTouch, locale, timezoneId } = testInfo.project.use;
    const other = await browser.newContext({ baseURL, viewport, userAgent, deviceScaleFactor, isMobile, hasTouch, locale, timezoneId });
    const second = await other.newPage();
    await holdScripts(second);
    await second.goto(`/t/${token}`, { waitUntil: "domcontentloaded" });
    await second.getByRole("button", { name: "确认登录" }).click();
    const alert = second.getByRole("main").getByRole("alert");
    await expect(alert).toContainText("二维码已使用或已失效");
    await expect(alert).toContainText("代表证号和密码（PIN）");
    await shot(second, testInfo, "sign-in-qr-used");
    await other.close();
  });
});
