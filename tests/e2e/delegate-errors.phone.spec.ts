import { expect, test, type Page } from "@playwright/test";
import { createTestSession, failStatementsBlockedBy } from "./db";
import { expectNoSeriousAxeViolations, shot } from "./helpers";
import { signInDelegate } from "./sign-in";

/**
 * When something fails, a delegate is told what to do next and is never left on a dead page
 * (issue 16, item 2). The failures are the ones a congested hall produces: a database
 * statement cancelled under load, a request that never arrives. Each test has a congress
 * session of its own (tests/e2e/db.ts), so its check-in is nobody else's.
 */

async function signedInHome(page: Page, cardCode: string) {
  await signInDelegate(page, cardCode);
  // Through /after-sign-in on a busy test machine: more than one expect timeout.
  await page.waitForURL(/\/delegate$/, { timeout: 30_000 });
}

test("a check-in the server could not record says so and what to do; the next tap checks in", async ({ page }, testInfo) => {
  const s = await createTestSession("check-in fails", { delegates: 1, checkInOpen: true });
  await signedInHome(page, s.cardCodes[0]!);
  const checkIn = page.getByRole("button", { name: "签到", exact: true });
  await expect(checkIn).toBeVisible();

  // The check-in's statement is cancelled by the database (as under load): the server answers 500.
  await failStatementsBlockedBy(
    (c) =>
      c.query(`INSERT INTO "CheckIn" ("id", "sessionId", "delegateId", "method") VALUES (gen_random_uuid()::text, $1, $2, 'DESK')`, [
        s.sessionId,
        s.delegateIds[0],
      ]),
    () => checkIn.click(),
  );
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toContainText("签到没有成功");
  await expect(alert).toContainText("再点“签到”");
  await expect(alert).toContainText("签到处");
  await expectNoSeriousAxeViolations(page, "check-in failed");
  await shot(page, testInfo, "check-in-failed");

  // The hall's Wi-Fi drops the request altogether (the phone retries by itself first).
  await page.route("**/api/trpc/delegate.checkIn**", (route) => route.abort("internetdisconnected"));
  await checkIn.click();
  await expect(alert).toContainText("网络", { timeout: 30_000 });
  await expect(alert).toContainText("再点“签到”");
  await shot(page, testInfo, "check-in-no-network");

  await page.unroute("**/api/trpc/delegate.checkIn**");
  await checkIn.click();
  await expect(page.getByText("✓ 已签到")).toBeVisible();
  await expect(alert).toHaveCount(0);
});

test("a page the server could not render keeps the header, says what to do, and 重试 brings it back", async ({ page }, testInfo) => {
  const s = await createTestSession("page fails", { delegates: 1 });
  await signedInHome(page, s.cardCodes[0]!);

  // The rating page's first statement is cancelled by the database (as under load).
  await failStatementsBlockedBy(
    (c) => c.query(`LOCK TABLE "RatingRound" IN ACCESS EXCLUSIVE MODE`),
    () => page.goto("/delegate/rating"),
  );
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toContainText("页面暂时无法显示");
  await expect(alert).toContainText("重试");
  // Not a dead end: the header (with the way home) stays, and the message offers the next step.
  await expect(page.getByRole("banner").getByRole("link", { name: "代表首页" })).toBeVisible();
  await expectNoSeriousAxeViolations(page, "page failed");
  await shot(page, testInfo, "page-failed");

  await alert.getByRole("button", { name: "重试" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "满意度测评" })).toBeVisible();
  await expect(alert).toHaveCount(0);
});
