import { randomBytes, randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { withDb } from "./db";
import { expectNoSeriousAxeViolations, shot } from "./helpers";
import { signInDelegate } from "./sign-in";

/**
 * The receipt code after the vote, on a 360 px phone: the receipt shows the code and a
 * short check address with the host, to copy onto paper; the address says plainly that
 * the ballot can be checked only after publication, and once the record is published it
 * leads to that ballot, shown first on the results page; typed back from paper, it still does.
 *
 * The poll is set up in the database (the vote itself is vote-session.desktop.spec.ts's):
 * a closed poll of the seeded session with this phone's ballot among others, dated 2021 so
 * no other spec's "current poll" is ever this one. Other spec files share this database:
 * this one signs in only LZ0212 and uses titles of its own.
 */

const CODE_SYMBOLS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
function receiptCode(): string {
  const s = Array.from(randomBytes(10), (b) => CODE_SYMBOLS[b % 32]).join("");
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

type Choice = "FOR" | "AGAINST" | "ABSTAIN";
const LABEL: Record<Choice, string> = { FOR: "赞成", AGAINST: "反对", ABSTAIN: "弃权" };
const MINE: Choice[] = ["FOR", "AGAINST", "ABSTAIN"];
const OTHERS: Choice[][] = [
  ["FOR", "FOR", "FOR"],
  ["AGAINST", "FOR", "ABSTAIN"],
];

/** A closed (not yet published) 等额 poll over the session's first three candidates, holding my ballot and two others. */
async function closedPoll(cardCode: string, title: string, code: string) {
  return withDb(async (c) => {
    const { rows: me } = await c.query<{ id: string; sessionId: string }>(
      `SELECT "id", "sessionId" FROM "Delegate" WHERE "cardCode" = $1`,
      [cardCode],
    );
    const { id: delegateId, sessionId } = me[0]!;
    const { rows: candidates } = await c.query<{ id: string; title: string; budgetWan: string; targets: string; unit: string }>(
      `SELECT c."id", c."title", c."budgetWan"::text AS "budgetWan", c."targets", d."name" AS unit
         FROM "Candidate" c JOIN "Department" d ON d."id" = c."departmentId"
        WHERE c."sessionId" = $1 ORDER BY c."sortOrder" LIMIT 3`,
      [sessionId],
    );
    const pollId = randomUUID();
    const pc = candidates.map(() => randomUUID());
    await c.query("BEGIN");
    try {
      await c.query(
        `INSERT INTO "Poll" ("id", "sessionId", "title", "kind", "seats", "basis", "status", "seated", "present", "issued", "returned",
                             "createdAt", "openedAt", "closedAt")
         VALUES ($1, $2, $3, 'EQUAL', 3, 'ALL_DELEGATES', 'CLOSED', 280, 270, 270, 3,
                 '2021-01-15T01:00:00Z', '2021-01-15T02:00:00Z', '2021-01-15T02:20:00Z')`,
        [pollId, sessionId, title],
      );
      for (const [i, cand] of candidates.entries()) {
        await c.query(
          `INSERT INTO "PollCandidate" ("id", "pollId", "candidateId", "position", "title", "unitName", "budgetWan", "targets")
           VALUES ($1, $2, $3, $4, $5, $6, $7::numeric, $8)`,
          [pc[i], pollId, cand.id, i + 1, cand.title, cand.unit, cand.budgetWan, cand.targets],
        );
      }
      for (const [tracker, choices] of [[code, MINE] as const, ...OTHERS.map((o) => [receiptCode(), o] as const)]) {
        const ballotId = randomUUID();
        await c.query(`INSERT INTO "Ballot" ("id", "pollId", "tracker") VALUES ($1, $2, $3)`, [ballotId, pollId, tracker]);
        for (const [i, choice] of choices.entries()) {
          await c.query(`INSERT INTO "BallotChoice" ("ballotId", "pollCandidateId", "choice") VALUES ($1, $2, $3)`, [
            ballotId,
            pc[i],
            choice,
          ]);
        }
      }
      await c.query("COMMIT");
    } catch (e) {
      await c.query("ROLLBACK");
      throw e;
    }
    const count = (j: number, ch: Choice) => [MINE, ...OTHERS].filter((b) => b[j] === ch).length;
    const result = {
      valid: 3,
      invalid: 0,
      candidates: pc.map((id, j) => ({
        id,
        for: count(j, "FOR"),
        against: count(j, "AGAINST"),
        abstain: count(j, "ABSTAIN"),
        passed: false,
        rank: null,
        selected: false,
      })),
      runoff: [],
      unfilled: 3,
    };
    /** What the secretariat's publication does to the poll, as far as this page is concerned. */
    const publish = () =>
      withDb((d) =>
        d.query(
          `UPDATE "Poll" SET "status" = 'PUBLISHED', "result" = $2::jsonb, "auditHead" = $3,
                  "certifiedAt" = '2021-01-15T02:40:00Z', "publishedAt" = '2021-01-15T03:00:00Z' WHERE "id" = $1`,
          [pollId, JSON.stringify(result), randomBytes(32).toString("hex")],
        ),
      );
    return { pollId, delegateId, titles: candidates.map((x) => x.title), publish };
  });
}

async function expectFitsWidth(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `page is wider than the screen at ${page.url()}`).toBeLessThanOrEqual(0);
}

async function expectTouchTarget(page: Page, name: string | RegExp, role: "link" | "button" = "link") {
  const box = await page.getByRole(role, { name }).first().boundingBox();
  expect(box, `${role} ${name}`).not.toBeNull();
  expect(box!.height, `${role} ${name}: at least 44 px high`).toBeGreaterThanOrEqual(44);
}

test("the receipt code's short address: written down on the phone, checked once the record is published, first on the results page", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const code = receiptCode();
  const title = `回执码核对测试 ${Date.now().toString(36)}`;
  const poll = await closedPoll("LZ0212", title, code);
  const origin = new URL(testInfo.project.use.baseURL!).origin;
  const address = `${origin}/r/${code}`;

  // The phone that voted keeps the receipt (as the ballot screen stores it once answered).
  await signInDelegate(page, "LZ0212");
  await page.waitForURL(/\/delegate$/, { timeout: 30_000 });
  await page.evaluate(
    ([key, value]) => localStorage.setItem(key!, value!),
    [`minsheng:ballot:v1:${poll.pollId}:${poll.delegateId}`, JSON.stringify({ v: 1, stage: "done", key: "k".repeat(32), tracker: code })],
  );
  await page.goto(`/delegate/polls/${poll.pollId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("✓ 投票成功");
  await expect(page.getByText("回执码", { exact: true })).toBeVisible();
  await expect(page.getByText(code, { exact: true })).toBeVisible();
  await expect(page.getByText("结果公布后，在手机或电脑上打开下面的地址，即可核对您的选票是否被如实计入：")).toBeVisible();
  const link = page.getByRole("link", { name: address });
  await expect(link).toHaveAttribute("href", address);
  await expectTouchTarget(page, address);
  // Copied by hand: neither the code nor the address's path is broken across lines.
  for (const text of [page.getByText(code, { exact: true }), link.getByText(`/r/${code}`, { exact: true })]) {
    const lines = await text.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    expect(lines, "on one line").toBe(1);
  }
  await expectFitsWidth(page);
  await expectNoSeriousAxeViolations(page, "receipt");
  await shot(page, testInfo, "01-receipt-with-address");

  // Before publication the address says when it will work.
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/r/${code}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("核对回执码");
  const answer = page.getByRole("main").getByRole("status");
  await expect(answer).toContainText(`暂时查不到回执码 ${code} 对应的选票。`);
  await expect(answer).toContainText("结果公布后再打开这个地址");
  await expect(page.getByLabel("回执码")).toHaveValue(code);
  await expectTouchTarget(page, "查找", "button");
  await expectFitsWidth(page);
  await expectNoSeriousAxeViolations(page, "receipt check before publication");
  await shot(page, testInfo, "02-address-before-publication");

  // Published: the same address leads to the ballot, and the lookup comes first on the page.
  await poll.publish();
  await page.reload();
  await expect(page).toHaveURL(new RegExp(`/results/${poll.pollId}\\?tracker=${code}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const lookup = page.getByRole("region", { name: "核对我的选票" });
  await expect(lookup.getByText(`回执码 ${code} 对应的选票：`)).toBeVisible();
  await expect(lookup.getByRole("region", { name: "该选票的选择" }).getByRole("row")).toHaveText([
    "项目选择",
    ...poll.titles.map((t, j) => `${j + 1}. ${t}${LABEL[MINE[j]!]}`),
  ]);
  const sections = await page.locator("article > section").evaluateAll((all) => all.map((s) => s.getAttribute("aria-labelledby")));
  expect(sections[0], "the lookup is the page's first section").toBe("tracker-heading");
  const lookupTop = (await lookup.boundingBox())!.y;
  expect(lookupTop, "the lookup starts on the first screen of a phone").toBeLessThan(780);
  await expectFitsWidth(page);
  await expectNoSeriousAxeViolations(page, "results with the receipt found");
  await shot(page, testInfo, "03-results-receipt-found");

  // Typed back from paper (lower case, no dashes) at /r, or straight into the address: the same ballot.
  await page.goto("/r");
  await page.getByLabel("回执码").fill(code.replaceAll("-", "").toLowerCase());
  await page.getByRole("button", { name: "查找" }).click();
  await expect(page).toHaveURL(new RegExp(`/results/${poll.pollId}\\?tracker=${code}$`));
  await expect(page.getByRole("region", { name: "该选票的选择" })).toBeVisible();
  await page.goto(`/r/${code.replaceAll("-", " ").toLowerCase()}`);
  await expect(page).toHaveURL(new RegExp(`/results/${poll.pollId}\\?tracker=${code}$`));

  // A code that is in no published record gets the same plain answer, never an error page.
  const unknown = receiptCode();
  await page.goto(`/r/${unknown}`);
  await expect(page.getByRole("main").getByRole("status")).toContainText(`暂时查不到回执码 ${unknown} 对应的选票。`);
  await page.goto("/r/x");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("回执码应为 4 至 20 位字母或数字");
});
