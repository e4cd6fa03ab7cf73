import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  expect as baseExpect,
  devices,
  test,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
  type TestInfo,
} from "@playwright/test";
import { checkArchive, unpackArchive } from "../archive-check";
import { withDb } from "./db";
import { expectNoSeriousAxeViolations, shot } from "./helpers";
import { expectSignedInAsDelegate, signInDelegate, signInStaff } from "./sign-in";

/**
 * A whole session, as the hall lives it: the secretariat opens check-in, thirty delegates
 * check in and vote on their phones (one phone drops off the network before submitting,
 * another loses the server's answer after the ballot was stored), the hall screen follows
 * the turnout live, the poll closes, two scrutineers confirm the count on their phones, the
 * result is published and delegates find their own ballots in the public record; the
 * secretariat files the session (会议档案), and the archive checks out with the README's
 * steps, a tampered ballot record in it caught.
 *
 * Runs once (desktop project): the phones and the projector are contexts of their own.
 * Other spec files share this database: this one signs in only LZ0101–LZ0130 and the
 * scrutineers LZ0011 / LZ0096, and never assumes how many polls exist.
 */

/**
 * Seven browsers on one server: a page served while the others submit can take a few
 * seconds on a 2-core CI machine. Waiting longer costs nothing when things are quick.
 */
const expect = baseExpect.configure({ timeout: 15_000 });

type Choice = "FOR" | "AGAINST" | "ABSTAIN";
const LABEL: Record<Choice, string> = { FOR: "赞成", AGAINST: "反对", ABSTAIN: "弃权" };
const CYCLE: Choice[] = ["FOR", "AGAINST", "ABSTAIN"];
const CANDIDATES = 12; // the create form's default 等额 slate: the first 12 of the screened list

/** Who votes, and how each marks candidate j (0-based): every choice is used by everyone. */
const VOTERS = [
  { code: "LZ0101", mark: (j: number): Choice => (j === 10 ? "ABSTAIN" : j === 11 ? "AGAINST" : "FOR") },
  { code: "LZ0102", mark: (j: number): Choice => CYCLE[j % 3]! },
  { code: "LZ0103", mark: (j: number): Choice => CYCLE[(j + 1) % 3]! }, // goes offline before 确认提交
  { code: "LZ0104", mark: (j: number): Choice => CYCLE[(j + 2) % 3]! }, // loses the answer to its submission
] as const;
/** The rest of the thirty phones (LZ0105–LZ0130): the plain path, everyone's choices differing. */
const CROWD = Array.from({ length: 26 }, (_, i) => ({
  code: `LZ${String(105 + i).padStart(4, "0")}`,
  mark: (j: number): Choice => CYCLE[(j * (i + 1) + i) % 3]!,
}));
/** Phones that sign in at once: thirty browsers at a time would measure the test machine, not the app. */
const PHONES_AT_ONCE = 6;
const SCRUTINEERS = ["LZ0011", "LZ0096"] as const;
/** Checked in with the bulk below: one takes a paper ballot at the desk, one gets a new PIN while the poll is open. */
const PAPER_VOTER = "LZ0140";
const NEW_PIN = "LZ0141";
/** The paper ballot: 赞成 on every candidate. */
const PAPER_MARK: Choice = "FOR";
const OTHER_SCRUTINEER = "LZ0191";

/**
 * Checked in directly in the database, to pass the quorum (> 2/3 of 280 means at least 187
 * present): LZ0050–LZ0280 except the voters above (they check in on their phones), the
 * scrutineers, and LZ0200–LZ0210, which followup.spec.ts signs in. 214, and 218 with the voters.
 */
const isFollowupDelegate = (code: string) => code >= "LZ0200" && code <= "LZ0210";
const BULK_CHECK_IN = Array.from({ length: 231 }, (_, i) => `LZ${String(50 + i).padStart(4, "0")}`).filter(
  (c) => ![...VOTERS, ...CROWD].some((v) => v.code === c) && ![...SCRUTINEERS, OTHER_SCRUTINEER].includes(c) && !isFollowupDelegate(c),
);

const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const TRACKER = /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/;

/** The value (`<dd>`) next to a label (`<dt>`), as the cockpit, hall screen and sign-off page lay out their figures. */
function figure(scope: Page | Locator, label: string): Locator {
  return scope.locator(`xpath=.//dt[normalize-space(.)="${label}"]/following-sibling::dd[1]`);
}

async function newPhone(browser: Browser, testInfo: TestInfo): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    ...devices["Pixel 7"],
    viewport: { width: 360, height: 780 },
    baseURL: testInfo.project.use.baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  });
  return { context, page: await context.newPage() };
}

/** Several phones signing in at once on a freshly started server can take longer than one expect timeout. */
async function signedIn(page: Page) {
  await page.waitForURL(/\/delegate$/, { timeout: 30_000 });
  await expectSignedInAsDelegate(page);
}

/** `fn` over `items`, at most `n` at a time, results in order. */
async function inBatches<T, R>(items: readonly T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += n) results.push(...(await Promise.all(items.slice(i, i + n).map(fn))));
  return results;
}

async function dbCounts(sessionId: string): Promise<{ seated: number; present: number }> {
  return withDb(async (c) => {
    const { rows } = await c.query<{ seated: string; present: string }>(
      `SELECT (SELECT count(*) FROM "Delegate" WHERE "sessionId" = $1 AND "active") AS seated,
              (SELECT count(*) FROM "CheckIn" ci JOIN "Delegate" d ON d."id" = ci."delegateId" WHERE ci."sessionId" = $1 AND d."active") AS present`,
      [sessionId],
    );
    return { seated: Number(rows[0]!.seated), present: Number(rows[0]!.present) };
  });
}

async function participations(pollId: string, cardCode: string): Promise<number> {
  return withDb(async (c) => {
    const { rows } = await c.query<{ n: string }>(
      `SELECT count(*) AS n FROM "Participation" p JOIN "Delegate" d ON d."id" = p."delegateId" WHERE p."pollId" = $1 AND d."cardCode" = $2`,
      [pollId, cardCode],
    );
    return Number(rows[0]!.n);
  });
}

test("a whole session: check-in, phone ballots with receipts, live hall screen, sign-off, publication, receipt code lookup, the session archive", async ({
  page: desk,
  browser,
}, testInfo) => {
  // Thirty-odd browsers and the server share 2 cores: seven took 280 s, and up to 405 s while
  // other suites ran on the same machine; the crowd of 26 adds its own minutes.
  test.setTimeout(900_000);
  const contexts: BrowserContext[] = [];
  const t0 = Date.now();
  const stage = (name: string) => console.log(`[vote-session] ${((Date.now() - t0) / 1000).toFixed(1)}s ${name}`);
  const title = `e2e 民生实事票决 ${Date.now().toString(36)}`;

  try {
    // ── 1. The secretariat opens the cockpit and starts check-in ──
    stage("1 check-in opened");
    await signInStaff(desk, "mishu");
    await expect(desk).toHaveURL(/\/secretariat$/);
    await desk.getByRole("link", { name: "进入会议控制台" }).click();
    await expect(desk.getByRole("heading", { level: 1 })).toContainText("会议控制台");
    const turnoutPanel = desk.getByRole("region", { name: "签到与法定人数" });
    await expect(turnoutPanel.getByRole("status")).toHaveText("实时更新中");
    const start = turnoutPanel.getByRole("button", { name: "开始签到" });
    const end = turnoutPanel.getByRole("button", { name: "结束签到" });
    await expect(start.or(end)).toBeVisible();
    if (await start.isVisible()) await start.click();
    await expect(end).toBeVisible();
    await expect(turnoutPanel.getByText("签到进行中")).toBeVisible();

    const screenHref = await desk.getByRole("link", { name: "打开大屏（新窗口）" }).getAttribute("href");
    const sessionId = /^\/screen\/([0-9a-f-]{36})$/.exec(screenHref ?? "")?.[1];
    expect(sessionId, `hall screen link: ${screenHref}`).toBeTruthy();
    const dbSession = await withDb(
      async (c) =>
        (await c.query<{ sessionId: string }>(`SELECT "sessionId" FROM "Delegate" WHERE "cardCode" = 'LZ0101'`)).rows[0]?.sessionId,
    );
    expect(dbSession, "the cockpit's session is the seeded delegates' session").toBe(sessionId);

    // ── 2. The hall screen, on a projector ──
    stage("2 hall screen");
    const hallContext = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      baseURL: testInfo.project.use.baseURL,
      locale: "zh-CN",
      timezoneId: "Asia/Shanghai",
    });
    contexts.push(hallContext);
    const hall = await hallContext.newPage();
    await hall.goto(`/screen/${sessionId}`);

    // ── 3. Most delegates are checked in at the desk (straight into the database, then the NOTIFY the app sends) ──
    stage("3 bulk check-in");
    await withDb(async (c) => {
      await c.query(
        `INSERT INTO "CheckIn" ("id", "sessionId", "delegateId", "method", "checkedInAt")
         SELECT gen_random_uuid()::text, "sessionId", "id", 'DESK', now() FROM "Delegate" WHERE "cardCode" = ANY($1::text[])
         ON CONFLICT ("delegateId") DO NOTHING`,
        [BULK_CHECK_IN],
      );
      await c.query(`SELECT pg_notify('minsheng_events', $1)`, [JSON.stringify({ sessionId, kind: "check-in" })]);
    });
    const before = await dbCounts(sessionId!);
    expect(before.present).toBeGreaterThanOrEqual(BULK_CHECK_IN.length);
    // Both live views follow without a reload.
    await expect(figure(turnoutPanel, "实到")).toHaveText(String(before.present));
    await expect(figure(turnoutPanel, "应到")).toHaveText(String(before.seated));
    await expect(figure(hall, "应到")).toHaveText(String(before.seated));
    await expect(figure(hall, "实到")).toHaveText(String(before.present));

    // ── 4. Thirty delegates check in on their phones ──
    stage("4 phones check in");
    const voters = await inBatches([...VOTERS, ...CROWD], PHONES_AT_ONCE, async (v) => {
      const { context, page } = await newPhone(browser, testInfo);
      contexts.push(context);
      await signInDelegate(page, v.code);
      await signedIn(page);
      const checkIn = page.getByRole("button", { name: "签到", exact: true });
      await expect(page.getByText("未签到", { exact: true })).toBeVisible();
      await checkIn.click();
      await expect(page.getByText("✓ 已签到")).toBeVisible();
      await expect(page.getByText(/^签到时间：/)).toBeVisible();
      // Waiting for the poll (or, if another spec already ran one, told the last one is over).
      await expect(page.getByText("请等待表决开始").or(page.getByText("表决已结束", { exact: true }))).toBeVisible();
      return { ...v, context, page, choices: [] as Choice[], tracker: "" };
    });
    await shot(voters[0]!.page, testInfo, "01-delegate-checked-in");
    const present = before.present + voters.length;
    expect((await dbCounts(sessionId!)).present, "each phone checked in once").toBe(present);
    await expect(figure(hall, "实到")).toHaveText(String(present));
    await expect(figure(turnoutPanel, "实到")).toHaveText(String(present));
    await expect(turnoutPanel.getByText("✓ 已达到")).toBeVisible();

    // ── 5. The secretariat creates a 等额 poll over the first 12 candidates and opens it ──
    stage("5 poll created and opened");
    const createForm = desk.locator("details", { has: desk.locator("summary", { hasText: "新建表决" }) });
    // Open when the session has no poll yet; folded away otherwise.
    if (!(await createForm.evaluate((d) => (d as HTMLDetailsElement).open))) await createForm.locator("summary").click();
    await createForm.getByLabel("表决事项名称").fill(title);
    await expect(createForm.getByRole("radio", { name: "等额：每个项目分别表决" })).toBeChecked();
    await expect(createForm.getByRole("group", { name: /^候选项目（按初选顺序，已选 12 \/ \d+ 项）$/ })).toBeVisible();
    await createForm.getByRole("button", { name: "创建表决" }).click();
    await expect(createForm.getByRole("status")).toHaveText(`已创建“${title}”，可在上方开始表决。`);

    const pollCard = desk.getByRole("article", { name: title });
    await expect(pollCard.getByText("未开始", { exact: true })).toBeVisible();
    const pollHref = await pollCard.getByRole("link", { name: title }).getAttribute("href");
    const pollId = /^\/secretariat\/polls\/([0-9a-f-]{36})$/.exec(pollHref ?? "")?.[1];
    expect(pollId, `poll link: ${pollHref}`).toBeTruthy();
    const titles = await withDb(async (c) =>
      (await c.query<{ title: string }>(`SELECT "title" FROM "PollCandidate" WHERE "pollId" = $1 ORDER BY "position"`, [pollId])).rows.map(
        (r) => r.title,
      ),
    );
    expect(titles).toHaveLength(CANDIDATES);

    await pollCard.getByRole("button", { name: "开始表决" }).click();
    const openDialog = desk.getByRole("dialog", { name: "开始表决？" });
    await expect(openDialog).toContainText(`实到 ${present} 人 / 应到 ${before.seated} 人`);
    await openDialog.getByRole("button", { name: "开始表决" }).click();
    await expect(openDialog).toBeHidden();
    await expect(pollCard.getByText("表决中", { exact: true })).toBeVisible();
    await expect(figure(pollCard, "已投")).toHaveText("0");
    await expect(figure(pollCard, "发出")).toHaveText(String(present));

    await expect(hall.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(hall.getByText("正在表决", { exact: true })).toBeVisible();
    await expect(figure(hall, "已投")).toHaveText("0");
    await expect(figure(hall, "未投")).toHaveText(String(present));
    await shot(hall, testInfo, "02-hall-screen-open");

    // ── 6. The delegates vote ──
    stage("6 delegates vote");
    const markBallot = async (voter: (typeof voters)[number]) => {
      const { page } = voter;
      // The phone notices the open poll by itself (its live stream, delegate.live).
      await expect(page.getByText("表决已开始")).toBeVisible();
      await page.getByRole("link", { name: "进入表决" }).click();
      // Four phones load the ballot at once, and the first load of a route is the slowest.
      await page.waitForURL(`**/delegate/polls/${pollId}`, { timeout: 45_000 });
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(title, { timeout: 30_000 });
      await expect(page.getByText("已表决 0/12")).toBeVisible();
      await expect(page.getByRole("button", { name: "审核选票" })).toBeDisabled();
      voter.choices = titles.map((_, j) => voter.mark(j));
      for (const [j, candidate] of titles.entries()) {
        const radio = page.getByRole("group", { name: candidate, exact: true }).getByRole("radio", { name: LABEL[voter.choices[j]!] });
        // The input itself is visually hidden (sr-only): tap its label, the big button a delegate sees.
        await radio.locator("xpath=ancestor::label[1]").click();
      }
      // Every tap took (the review below shows each choice).
      await expect(page.getByText("已表决 12/12")).toBeVisible();
      await expect(page.getByText("已全部表决，请审核选票")).toBeVisible();
    };
    const review = async (voter: (typeof voters)[number]) => {
      const { page } = voter;
      await page.getByRole("button", { name: "审核选票" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("审核选票");
      const n = (c: Choice) => voter.choices.filter((x) => x === c).length;
      await expect(page.getByText(`赞成 ${n("FOR")} 项 · 反对 ${n("AGAINST")} 项 · 弃权 ${n("ABSTAIN")} 项`)).toBeVisible();
      await expect(page.getByText("提交后不能修改。")).toBeVisible();
      await expect(page.getByRole("main").getByRole("listitem")).toHaveText(choiceLines(voter.choices));
    };
    const receipt = async (voter: (typeof voters)[number]) => {
      const { page } = voter;
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("✓ 投票成功");
      const tracker = (await page.getByText(TRACKER).textContent())?.trim() ?? "";
      expect(tracker).toMatch(TRACKER);
      voter.tracker = tracker;
      // The short check address, host included, to copy onto paper.
      await expect(page.getByRole("link", { name: checkAddress(tracker) })).toHaveAttribute("href", checkAddress(tracker));
    };
    const checkAddress = (code: string) => `${new URL(testInfo.project.use.baseURL!).origin}/r/${code}`;
    /** What the review (and the retry screen) lists: each candidate with the choice marked. */
    const choiceLines = (choices: Choice[]) =>
      titles.map((candidate, j) => new RegExp(`^第 ${j + 1} 项 ${esc(candidate)}\\s*✓ ${LABEL[choices[j]!]}$`));
    const expectTurnout = async (returned: number) => {
      await expect(figure(hall, "已投")).toHaveText(String(returned));
      await expect(figure(hall, "未投")).toHaveText(String(present - returned));
      await expect(hall.getByText(`已投 ${returned} / 发出 ${present}`)).toBeVisible();
    };

    type Voter = (typeof voters)[number];
    const [a, b, c, d, ...crowd] = voters as [Voter, Voter, Voter, Voter, ...Voter[]];

    // As in the hall, everyone marks at once; the submissions below go one by one, so the
    // hall screen's 已投 can be watched rising.
    const othersReady = Promise.all(
      [b, c, d].map(async (v) => {
        await markBallot(v);
        await review(v);
      }),
    );
    othersReady.catch(() => undefined); // awaited below; do not report it twice meanwhile

    // A: the plain path, with axe and a screenshot at each screen.
    await markBallot(a);
    await expectNoSeriousAxeViolations(a.page, "ballot");
    await shot(a.page, testInfo, "03-ballot");
    await review(a);
    await shot(a.page, testInfo, "04-review");
    await a.page.getByRole("button", { name: "确认提交" }).click();
    await receipt(a);
    await expectNoSeriousAxeViolations(a.page, "receipt");
    await shot(a.page, testInfo, "05-receipt");
    // Once the receipt is shown, the phone keeps only it, not how its owner voted.
    const kept = await a.page.evaluate(() =>
      Object.entries(localStorage)
        .filter(([k]) => k.startsWith("minsheng:ballot:"))
        .map(([, v]) => v),
    );
    expect(kept).toHaveLength(1);
    expect(JSON.parse(kept[0]!)).toEqual({ v: 1, stage: "done", key: expect.any(String), tracker: a.tracker });
    await expectTurnout(1);

    await othersReady;

    // The scrutineers sign in meanwhile (their phones wait for the close by themselves).
    const scrutineersReady = Promise.all(
      SCRUTINEERS.map(async (code) => {
        const { context, page } = await newPhone(browser, testInfo);
        contexts.push(context);
        await signInDelegate(page, code);
        await signedIn(page);
        await expect(page.getByText("您是本次会议的监票人")).toBeVisible();
        await expect(
          page
            .getByText("暂无需要确认的表决。表决结束后，这里会出现确认入口。")
            .or(page.getByRole("link", { name: "核对计票结果" }).first()),
        ).toBeVisible();
        return { code, page };
      }),
    );
    scrutineersReady.catch(() => undefined); // awaited in step 8

    // B: the plain path too.
    await b.page.getByRole("button", { name: "确认提交" }).click();
    await receipt(b);
    await expectTurnout(2);

    // C: the phone drops off the network just before 确认提交. The ballot stays on screen,
    // the phone keeps retrying, and once back online the same ballot is stored once.
    await c.context.setOffline(true);
    await c.page.getByRole("button", { name: "确认提交" }).click();
    await expect(c.page.getByRole("heading", { level: 1 })).toHaveText("正在提交选票");
    await expect(c.page.getByRole("status")).toContainText(/正在重试…（第 \d+ 次）/);
    await expect(c.page.getByText(/网络不稳定。您的选票已保存在本手机上/)).toBeVisible();
    await expect(c.page.getByRole("region", { name: "您提交的选票" }).getByRole("listitem")).toHaveText(choiceLines(c.choices));
    await shot(c.page, testInfo, "06-retrying-offline");
    expect(await participations(pollId!, c.code), "nothing reached the server while offline").toBe(0);
    await c.context.setOffline(false);
    await receipt(c);
    expect(await participations(pollId!, c.code), "exactly one participation after the retries").toBe(1);
    await expectTurnout(3);

    // D: the ballot reaches the server and is stored, but the answer is lost on the way back.
    // The phone retries with the same idempotency key and gets the same receipt; one ballot.
    let firstAnswer = "";
    let holdRetries = true;
    await d.page.route(
      (url) => url.pathname.startsWith("/api/trpc/") && url.pathname.includes("delegate.cast"),
      async (route) => {
        if (!firstAnswer) {
          const res = await route.fetch();
          firstAnswer = await res.text();
          await route.abort("internetdisconnected");
        } else if (holdRetries) {
          await route.abort("internetdisconnected");
        } else {
          await route.continue();
        }
      },
    );
    await d.page.getByRole("button", { name: "确认提交" }).click();
    // Wait for the second automatic retry: the next one is then at least a second away, so
    // the tap below is normally what gets through.
    await expect(d.page.getByRole("status")).toContainText("正在重试…（第 2 次）");
    await expect(d.page.getByRole("region", { name: "您提交的选票" })).toBeVisible();
    const storedTracker = /"tracker":"([0-9A-Z-]+)"/.exec(firstAnswer)?.[1];
    expect(storedTracker, `the server's first answer: ${firstAnswer}`).toMatch(TRACKER);
    expect(await participations(pollId!, d.code), "the first submission was stored").toBe(1);
    const retry = d.page.getByRole("button", { name: "重试", exact: true });
    await expect(retry).toBeEnabled();
    holdRetries = false;
    // The delegate taps 重试. On a slow machine the phone's own backoff timer may resend
    // first (same key, same outcome) and the button is gone before the tap lands: fine.
    await retry.click({ timeout: 5_000 }).catch(async (error: unknown) => {
      if (!(await d.page.getByText("投票成功").isVisible())) throw error;
    });
    await receipt(d);
    expect(d.tracker, "the retry is answered with the receipt of the stored ballot").toBe(storedTracker);
    expect(await participations(pollId!, d.code), "still exactly one participation").toBe(1);
    await d.page.unrouteAll();
    await expectTurnout(4);

    // The rest of the hall votes, several phones at once; each gets its own receipt, and its
    // phone is put away (closed) once it has one.
    stage("6b the crowd votes");
    await inBatches(crowd, PHONES_AT_ONCE, async (v) => {
      await markBallot(v);
      await review(v);
      await v.page.getByRole("button", { name: "确认提交" }).click();
      await receipt(v);
      await v.context.close();
    });
    expect(new Set(voters.map((v) => v.tracker)).size, "thirty different receipt codes").toBe(voters.length);
    await expectTurnout(voters.length);

    // At home the phone says it voted; going back to the poll shows the same receipt, not a new ballot.
    await a.page.getByRole("link", { name: "返回代表首页" }).click();
    await expect(a.page.getByText("✓ 已投票")).toBeVisible();
    await expect(a.page.getByRole("link", { name: "进入表决" })).toHaveCount(0);
    await a.page.getByRole("link", { name: "查看回执码" }).click();
    await expect(a.page.getByText(TRACKER)).toHaveText(a.tracker);
    await a.page.getByRole("link", { name: "返回代表首页" }).click();

    const storedBallots = () =>
      withDb(async (cl) => ({
        sealed: Number((await cl.query<{ n: string }>(`SELECT count(*) AS n FROM "SealedBallot" WHERE "boxId" = $1`, [pollId])).rows[0]!.n),
        trackers: (
          await cl.query<{ tracker: string }>(`SELECT "tracker" FROM "Ballot" WHERE "pollId" = $1 AND "source" = 'ELECTRONIC'`, [pollId])
        ).rows.map((r) => r.tracker),
      }));
    // The box is sealed while the poll is open: thirty sealed ballots, no receipt code in clear.
    expect(await storedBallots()).toEqual({ sealed: voters.length, trackers: [] });
    await expect(figure(pollCard, "已投")).toHaveText(String(voters.length));
    await expect(figure(pollCard, "未投")).toHaveText(String(present - voters.length));
    await shot(hall, testInfo, "07-hall-screen-thirty-voted");

    // ── 6b. The desk hands LZ0140 a paper ballot; the secretariat resets LZ0141's PIN ──
    stage("6b paper ballot issued, PIN reissued");
    const named = await withDb(async (cl) =>
      Object.fromEntries(
        (
          await cl.query<{ cardCode: string; name: string; seat: string }>(
            `SELECT "cardCode", "name", "seat" FROM "Delegate" WHERE "cardCode" = ANY($1::text[])`,
            [[PAPER_VOTER, NEW_PIN]],
          )
        ).rows.map((r) => [r.cardCode, r]),
      ),
    );
    const paperVoter = named[PAPER_VOTER]!;
    const deskPanel = desk.getByRole("region", { name: "现场签到" });
    await deskPanel.getByLabel("查找代表").fill(PAPER_VOTER);
    await deskPanel.getByRole("button", { name: `向 ${paperVoter.name}（座位 ${paperVoter.seat}）发放“${title}”的纸质选票` }).click();
    await expect(deskPanel.getByRole("status")).toContainText(`已向 ${paperVoter.name} 发放纸质选票`);
    expect(await participations(pollId!, PAPER_VOTER), "the paper ballot is the delegate's one participation").toBe(1);
    // Out, not returned until entered after the close: 未投 keeps it, and the cockpit and the hall screen say why.
    await expect(figure(pollCard, "其中纸质选票")).toHaveText("1");
    await expect(figure(hall, "未投")).toHaveText(String(present - voters.length));
    await expect(hall.getByText("其中纸质选票 1 张")).toBeVisible();
    await shot(hall, testInfo, "07a-hall-screen-paper-out");
    const rosterPage = await desk.context().newPage();
    await rosterPage.goto(`/secretariat/roster?session=${sessionId}`);
    await rosterPage.getByLabel("查找代表").fill(NEW_PIN);
    await rosterPage
      .getByRole("table", { name: "本次会议的代表" })
      .getByRole("row", { name: new RegExp(NEW_PIN) })
      .getByRole("button", { name: "重置密码" })
      .click();
    await rosterPage.getByRole("dialog").getByRole("button", { name: "重置密码" }).click();
    await expect(rosterPage.getByTestId("new-pin")).toHaveText(/^\d{6}$/);
    await rosterPage.close();

    // ── 7. The secretariat closes the poll ──
    stage("7 poll closed");
    await pollCard.getByRole("button", { name: "结束表决" }).click();
    const closeDialog = desk.getByRole("dialog", { name: "结束表决？" });
    await expect(closeDialog).toContainText(`目前已投 ${voters.length} 人 / 发出 ${present} 张`);
    // 30 ballots cannot give any project more than half of the 280 seated: the dialog says so and asks a second time.
    await expect(closeDialog.getByRole("alert")).toContainText("现在结束，没有任何项目能够通过");
    await expect(closeDialog.getByRole("button", { name: "仍然结束表决" })).toBeDisabled();
    await closeDialog.getByLabel("我已了解上述情况，仍要现在结束表决").check();
    await closeDialog.getByRole("button", { name: "仍然结束表决" }).click();
    await expect(closeDialog).toBeHidden();
    // A paper ballot is out: no count exists until the clerks have entered it.
    await expect(pollCard.getByText("已结束 · 正在录入纸质选票")).toBeVisible();
    await expect(figure(pollCard, "其中纸质选票")).toHaveText("1");
    await expect(hall.getByText("表决结束 · 正在录入纸质选票")).toBeVisible();
    await expect(figure(hall, "已投")).toHaveText(String(voters.length));
    await expect(hall.getByText("其中纸质选票 1 张")).toBeVisible();

    // ── 7b. Two tally clerks type the paper ballot in, and declare entry finished ──
    stage("7b paper ballot entered twice");
    const clerkPages: Page[] = [];
    for (const username of ["jipiao1", "jipiao2"]) {
      const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
      contexts.push(context);
      const clerk = await context.newPage();
      await signInStaff(clerk, username);
      await clerk.waitForURL((u) => !u.pathname.startsWith("/sign-in"), { timeout: 30_000 });
      await clerk.goto("/clerk");
      await clerk.getByRole("link", { name: `录入：${title}` }).click();
      await expect(clerk.getByRole("heading", { level: 1 })).toHaveText(title);
      await clerk.getByLabel("选票编号").fill("001");
      for (const [j, candidate] of titles.entries()) {
        await clerk
          .getByRole("group", { name: new RegExp(`^${j + 1}\\. ${esc(candidate)}$`) })
          .getByRole("radio", { name: LABEL[PAPER_MARK] })
          .check();
      }
      await clerk.getByRole("button", { name: "保存这张选票" }).click();
      await expect(clerk.getByRole("status").first()).toContainText(
        username === "jipiao1" ? "选票 001 已保存，等待另一名计票人录入。" : "选票 001：两次录入一致，已计入。",
      );
      clerkPages.push(clerk);
    }
    const clerk1 = clerkPages[0]!;
    await clerk1.reload();
    await expect(figure(clerk1, "已计入")).toHaveText("1");
    await expect(figure(clerk1, "发出纸质选票")).toHaveText("1");
    await expectNoSeriousAxeViolations(clerk1, "paper entry");
    await shot(clerk1, testInfo, "07b-paper-entry");
    await clerk1.getByRole("button", { name: "纸质选票录入完毕" }).click();
    await clerk1.getByRole("button", { name: "确认录入完毕" }).click();
    await expect(clerk1.getByText("只有发放过纸质选票、已结束表决且尚未录入完毕的表决可以录入纸质选票。")).toBeVisible();

    await expect(pollCard.getByText("已结束 · 待监票确认")).toBeVisible();
    await expect(pollCard.getByText("0 / 2 人")).toBeVisible();
    await expect(hall.getByText("表决结束 · 正在核对计票")).toBeVisible();
    await expect(figure(hall, "已投")).toHaveText(String(voters.length + 1));
    await expect(hall.getByText(/其中纸质选票/)).toHaveCount(0);
    // The count opened the box: the counted phone ballots are exactly the thirty receipts.
    const opened = await storedBallots();
    expect(opened.sealed).toBe(0);
    expect(opened.trackers.sort()).toEqual(voters.map((v) => v.tracker).sort());

    // The receipt stays on the phone after the close.
    await expect(b.page.getByRole("heading", { level: 1 })).toHaveText("✓ 投票成功");

    // ── 8. Two scrutineers confirm the count on their phones ──
    stage("8 scrutineers sign off");
    const scrutineers = await scrutineersReady;
    for (const [i, s] of scrutineers.entries()) {
      const duty = s.page.getByRole("region", { name: "监票：确认计票结果" }).getByRole("listitem").filter({ hasText: title });
      await expect(duty).toContainText("待确认");
      await duty.getByRole("link", { name: "核对计票结果" }).click();
      await expect(s.page.getByRole("heading", { level: 1 })).toHaveText("确认计票结果");
      await expect(s.page.getByText(title)).toBeVisible();
      await expect(figure(s.page, "收回选票")).toHaveText(String(voters.length + 1));
      await expect(figure(s.page, "发出选票")).toHaveText(String(present));
      await expect(figure(s.page, "其中手机投票：发出")).toHaveText(String(present - 1));
      await expect(figure(s.page, "其中手机投票：收回")).toHaveText(String(voters.length));
      await expect(figure(s.page, "其中纸质选票：发出")).toHaveText("1");
      await expect(figure(s.page, "其中纸质选票：收回")).toHaveText("1");
      await expect(figure(s.page, "有效票")).toHaveText(String(voters.length + 1));
      // Before signing: who had a paper ballot from whom, the clerks, and the PIN reissued during the poll.
      await expect(s.page.getByTestId("signoff-paper-issued")).toContainText(`${paperVoter.name}（座位 ${paperVoter.seat}），发放人：`);
      await expect(s.page.getByTestId("signoff-reissues")).toContainText(
        new RegExp(`为 ${esc(named[NEW_PIN]!.name)}（座位 ${named[NEW_PIN]!.seat}）补发新密码；该代表未投票`),
      );
      await expect(s.page.getByTestId("signoff-clerks")).toContainText("计票员 李明、计票员 赵敏");
      await expect(figure(s.page, "无效票")).toHaveText("0");
      await expect(s.page.getByText("收回选票不多于发出选票，核对无误。")).toBeVisible();
      // Each candidate's count is what the thirty phones sent (30 赞成 of 280 passes nothing).
      await expect(s.page.getByRole("region", { name: "各项目得票" }).getByRole("listitem")).toHaveText(
        titles.map((candidate, j) => {
          const n = (ch: Choice) => voters.filter((v) => v.choices[j] === ch).length + (ch === PAPER_MARK ? 1 : 0);
          return new RegExp(
            `^第 ${j + 1} 项 ${esc(candidate)}\\s*赞成\\s*${n("FOR")}\\s*反对\\s*${n("AGAINST")}\\s*弃权\\s*${n("ABSTAIN")}\\s*未通过$`,
          );
        }),
      );
      if (i === 0) {
        await expectNoSeriousAxeViolations(s.page, "sign-off");
        await shot(s.page, testInfo, "08-signoff");
      }
      await s.page.getByRole("button", { name: "确认计票结果" }).click();
      if (i === 0) {
        await expect(s.page.getByText("您已确认此结果，等待另一名监票人确认。")).toBeVisible();
        await expect(pollCard.getByText("1 / 2 人")).toBeVisible();
      }
    }
    const last = scrutineers[1]!.page;
    await expect(last.getByText(/计票结果已由监票人确认并锁定/)).toBeVisible();
    await shot(last, testInfo, "09-signoff-certified");
    // The first scrutineer's phone follows too.
    await expect(scrutineers[0]!.page.getByText(/计票结果已由监票人确认并锁定/)).toBeVisible();

    // The cockpit shows the certification without a reload.
    await expect(pollCard.getByText("已确认 · 待发布")).toBeVisible();
    await expect(pollCard.getByText("2 / 2 人")).toBeVisible();
    await expect(pollCard.getByText("监票人已确认，计票结果已冻结。")).toBeVisible();
    await expect(hall.getByText("计票结果已经监票人确认，即将公布")).toBeVisible();

    // ── 9. The secretariat publishes ──
    stage("9 published");
    await pollCard.getByRole("button", { name: "发布结果" }).click();
    const publishDialog = desk.getByRole("dialog", { name: "发布结果？" });
    await expect(publishDialog).toContainText(title);
    await publishDialog.getByRole("button", { name: "发布结果" }).click();
    await expect(publishDialog).toBeHidden();
    await expect(pollCard.getByText("已发布", { exact: true })).toBeVisible();
    await expect(pollCard.getByRole("link", { name: "查看公开结果" })).toHaveAttribute("href", `/results/${pollId}`);
    await shot(desk, testInfo, "10-cockpit-published");
    await expect(hall.getByText("表决结果", { exact: true })).toBeVisible();
    await expect(hall.getByText(/^过半数 \d+ 票/)).toBeVisible();
    await shot(hall, testInfo, "11-hall-screen-result");

    // ── 10. A delegate finds their own ballot in the public record ──
    stage("10 receipt code lookup and record");
    await expect(a.page.getByRole("heading", { level: 1 })).toContainText("代表，您好");
    const mine = a.page.getByRole("region", { name: "本次会议的表决" }).getByRole("listitem").filter({ hasText: title });
    await expect(mine).toContainText("结果已公布 · 您已投票");
    await mine.getByRole("link", { name: "查看公布的结果" }).click();
    await expect(a.page).toHaveURL(new RegExp(`/results/${pollId}$`));
    await expect(a.page.getByRole("heading", { level: 1 })).toHaveText(title);
    const lookup = a.page.getByRole("region", { name: "核对我的选票" });
    await lookup.getByLabel("回执码").fill(a.tracker);
    await lookup.getByRole("button", { name: "查找" }).click();
    await expect(lookup.getByText(`回执码 ${a.tracker} 对应的选票：`)).toBeVisible();
    const myBallot = lookup.getByRole("region", { name: "该选票的选择" });
    await expect(myBallot.getByRole("row")).toHaveText([
      "项目选择",
      ...titles.map((candidate, j) => `${j + 1}. ${candidate}${LABEL[a.choices[j]!]}`),
    ]);
    await expect(myBallot.getByRole("rowheader", { name: `1. ${titles[0]}`, exact: true })).toBeVisible();
    await expectNoSeriousAxeViolations(a.page, "result");
    await shot(a.page, testInfo, "12-result-receipt-found");

    // Typed the way people copy codes off a screen (lower case, no dashes): still found.
    await b.page.goto(`/results/${pollId}?tracker=${encodeURIComponent(b.tracker.replaceAll("-", "").toLowerCase())}`);
    await expect(b.page.getByRole("region", { name: "该选票的选择" }).getByRole("row")).toHaveText([
      "项目选择",
      ...titles.map((candidate, j) => `${j + 1}. ${candidate}${LABEL[b.choices[j]!]}`),
    ]);

    // The address on a receipt leads to that ballot, the lookup first on the page.
    await c.page.getByRole("link", { name: checkAddress(c.tracker) }).click();
    await expect(c.page).toHaveURL(new RegExp(`/results/${pollId}\\?tracker=${c.tracker}$`));
    await expect(c.page.getByRole("region", { name: "该选票的选择" }).getByRole("row")).toHaveText([
      "项目选择",
      ...titles.map((candidate, j) => `${j + 1}. ${candidate}${LABEL[c.choices[j]!]}`),
    ]);

    // The ballot record downloads from the page and holds every receipt code with its choices.
    const [download] = await Promise.all([
      a.page.waitForEvent("download"),
      a.page.getByRole("link", { name: "下载选票记录（JSON）" }).click(),
    ]);
    const path = await download.path();
    const record = JSON.parse(await readFile(path, "utf8")) as {
      format: string;
      poll: { id: string; title: string; kind: string; seats: number; issued: number };
      candidates: { id: string; title: string }[];
      ballots: { tracker: string; choices: Record<string, Choice> }[];
      result: { valid: number; invalid: number; candidates: { id: string; for: number; against: number; abstain: number }[] };
    };
    await testInfo.attach("ballot-record.json", { path, contentType: "application/json" });
    expect(record.format).toBe("minsheng-ballot-record/1");
    expect(record.poll).toMatchObject({ id: pollId, title, kind: "EQUAL", seats: CANDIDATES, issued: present });
    expect(record.candidates.map((x) => x.title)).toEqual(titles);
    expect(record.ballots.map((x) => x.tracker).sort()).toEqual([...voters.map((v) => v.tracker), "P-001"].sort());
    for (const v of voters) {
      const ballot = record.ballots.find((x) => x.tracker === v.tracker)!;
      expect(
        record.candidates.map((cand) => ballot.choices[cand.id]),
        `${v.code}'s ballot in the record`,
      ).toEqual(v.choices);
    }
    expect(record.result.valid).toBe(voters.length + 1);
    expect(record.result.invalid).toBe(0);
    for (const [j, cand] of record.candidates.entries()) {
      const r = record.result.candidates.find((x) => x.id === cand.id)!;
      const count = (ch: Choice) => voters.filter((v) => v.choices[j] === ch).length + (ch === PAPER_MARK ? 1 : 0);
      expect({ for: r.for, against: r.against, abstain: r.abstain }, cand.title).toEqual({
        for: count("FOR"),
        against: count("AGAINST"),
        abstain: count("ABSTAIN"),
      });
    }

    // ── 11. The secretariat files the session: the archive verifies with the README's steps ──
    stage("11 session archive");
    await desk.goto(`/secretariat/exports?session=${sessionId}`);
    const filing = desk.getByRole("region", { name: "会议档案" });
    await expectNoSeriousAxeViolations(desk, "exports");
    const [zip] = await Promise.all([desk.waitForEvent("download"), filing.getByRole("link", { name: "下载会议档案（ZIP）" }).click()]);
    expect(zip.suggestedFilename()).toMatch(/-会议档案\.zip$/);
    await testInfo.attach("session-archive.zip", { path: await zip.path(), contentType: "application/zip" });
    const dir = await unpackArchive(await readFile(await zip.path()));
    try {
      const about = JSON.parse(await readFile(join(dir, "archive.json"), "utf8")) as {
        auditChain: { entries: number; head: string };
        polls: { id: string; ballotRecord: string }[];
      };
      const filed = about.polls.find((p) => p.id === pollId)!;
      expect(filed, "the poll of this session is in its archive").toBeTruthy();
      // The record filed is the record a resident downloads.
      expect(JSON.parse(await readFile(join(dir, filed.ballotRecord), "utf8"))).toEqual(record);
      // Other specs put published polls into this session straight into the database, with a
      // made-up auditHead and counts but no ballots: the checks rightly flag those records. This
      // poll, held through the app, must pass every one.
      const records = about.polls.map((p) => p.ballotRecord).sort();
      const ours = records.indexOf(filed.ballotRecord);
      const fixtures = about.polls.length - 1;
      const checked = await checkArchive(dir);
      expect(checked.manifest.code, checked.manifest.output).toBe(0);
      expect(checked.chain.code, checked.chain.output).toBe(fixtures === 0 ? 0 : 1);
      expect(checked.chain.output).toContain(`${about.auditChain.entries} entries, head ${about.auditChain.head}`);
      expect(checked.chain.output).toMatch(new RegExp(`${esc(filed.ballotRecord.split("/").at(-1)!)}: anchored at entry seq \\d+`));
      expect(checked.chain.output).not.toMatch(new RegExp(`${esc(filed.ballotRecord.split("/").at(-1)!)}: its auditHead`));
      expect(checked.recounts[ours]!.code, checked.recounts[ours]!.output).toBe(0);
      expect(checked.byHand.output.trim()).toBe(`${about.auditChain.entries} entries, head ${about.auditChain.head}`);

      // One FOR turned into AGAINST in the filed record: the manifest names the file, the recount disagrees.
      // (Not every ballot has a FOR: take the first that does.)
      const k = record.ballots.findIndex((b) => Object.values(b.choices).includes("FOR"));
      const tampered = { ...record, ballots: record.ballots.map((b, i) => (i === k ? { ...b, choices: { ...b.choices } } : b)) };
      const first = record.candidates.find((cand) => tampered.ballots[k]!.choices[cand.id] === "FOR")!.id;
      tampered.ballots[k]!.choices[first] = "AGAINST";
      await writeFile(join(dir, filed.ballotRecord), JSON.stringify(tampered, null, 2));
      const caught = await checkArchive(dir);
      expect(caught.manifest.output).toContain(`${filed.ballotRecord}: FAILED`);
      expect(caught.recounts[ours]!.code).toBe(1);
      expect(caught.recounts[ours]!.output).toContain("MISMATCH");
    } finally {
      await rm(join(dir, ".."), { recursive: true, force: true });
    }
    stage("done");
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
});
