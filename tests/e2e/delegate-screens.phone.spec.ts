import { expect as baseExpect, type Browser, type Page, type TestInfo } from "@playwright/test";
import { test } from "@playwright/test";
import en from "../../lib/i18n/messages/en";
import zhCN from "../../lib/i18n/messages/zh-CN";
import { candidateIdsOf, createTestSession, issueLoginToken, withDb, type TestSession } from "./db";
import { hydrated, shot } from "./helpers";
import { DEMO_PIN, signInStaff, staffCall } from "./sign-in";

/**
 * Every screen a delegate meets, in both languages, on a 360 px phone: each is saved as a
 * screenshot (the test's artifacts, `<lang>-<nn>-<screen>.png`) and fails the test when the
 * page is wider than the screen or any text is cut off (issue 16, "Done when").
 *
 * Each language walks one congress session of its own from sign-in (card code and PIN, or
 * the card's QR code) to the year-end rating and signing out: check-in not open, not checked
 * in, waiting, the ballot, its review, the ballot being resent from a phone gone offline, the
 * receipt, voted; a paper ballot taken at the desk (the holder's home and ballot page);
 * closed while paper is entered (the home, and the ballot of one who did not vote), a
 * scrutineer's sign-off before and after entry is finished (paper ballots and a reissued PIN
 * listed, the 结果校验码), the published result, the rating, its review and receipt,
 * supervision. Labels come from the catalogs, so the walk reads as each language does. The
 * secretariat's steps go through its tRPC procedures (the cockpit's own calls); the subject
 * here is the phone.
 */

/** A page on a congested hall network answers slowly; waiting longer costs nothing when it is quick. */
const expect = baseExpect.configure({ timeout: 15_000 });

const LANGS = [
  { lang: "zh-CN", m: zhCN },
  { lang: "en", m: en },
] as const;
type Catalog = (typeof LANGS)[number]["m"];

/**
 * What is wrong with the layout at this width: the page scrolls sideways, or an element that
 * clips its content (overflow hidden, clip, auto or scroll, or text-overflow) holds more than
 * it shows — text cut off. Visually hidden text (the 1 px screen-reader-only kind) is not
 * shown, so not cut off.
 */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) problems.push(`the page is ${doc.scrollWidth} px wide on a ${doc.clientWidth} px screen`);
    const describe = (el: Element) => {
      const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 60);
      const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 4).join(".")}` : "";
      return `<${el.tagName.toLowerCase()}${cls}> "${text}"`;
    };
    for (const el of document.body.querySelectorAll<HTMLElement>("*")) {
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden") continue;
      if (el.clientWidth <= 1 || el.clientHeight <= 1) continue; // visually hidden
      const clipsX = style.overflowX !== "visible" || style.textOverflow === "ellipsis";
      const clipsY = style.overflowY !== "visible" && style.webkitLineClamp === "none";
      if (clipsX && el.scrollWidth > el.clientWidth + 1)
        problems.push(`${describe(el)} shows ${el.clientWidth} px of ${el.scrollWidth} px (overflow-x ${style.overflowX})`);
      if (clipsY && el.scrollHeight > el.clientHeight + 1 && el !== document.body)
        problems.push(`${describe(el)} shows ${el.clientHeight} px of ${el.scrollHeight} px in height (overflow-y ${style.overflowY})`);
    }
    return problems;
  });
}

function screens(page: Page, testInfo: TestInfo, lang: string) {
  let n = 0;
  return async (name: string) => {
    // Fonts in place before measuring: a fallback font has other widths.
    await page.evaluate(() => document.fonts.ready);
    const file = `${lang}-${String(++n).padStart(2, "0")}-${name}`;
    await shot(page, testInfo, file);
    expect(await layoutProblems(page), `${file} at ${page.url()}`).toEqual([]);
  };
}

async function newPhone(browser: Browser, testInfo: TestInfo, lang: string): Promise<Page> {
  const { baseURL, viewport, userAgent, deviceScaleFactor, isMobile, hasTouch, timezoneId } = testInfo.project.use;
  const context = await browser.newContext({
    baseURL,
    viewport,
    userAgent,
    deviceScaleFactor,
    isMobile,
    hasTouch,
    timezoneId,
    locale: lang,
  });
  await context.addCookies([{ name: "locale", value: lang, url: baseURL! }]);
  return context.newPage();
}

async function signIn(page: Page, m: Catalog, cardCode: string) {
  await page.goto("/sign-in");
  const form = page.getByRole("form", { name: m.signIn.delegateHeading });
  await form.getByLabel(m.signIn.cardCode).fill(cardCode);
  await form.getByLabel(m.signIn.pin, { exact: true }).fill(DEMO_PIN);
  await form.getByRole("button", { name: m.signIn.submit }).click();
  await page.waitForURL(/\/delegate$/, { timeout: 30_000 });
}

/** A scrutineer's phone confirms the count (the first one's screen is photographed by the caller). */
async function signOff(page: Page, m: Catalog, pollTitle: string) {
  const duty = page.getByRole("region", { name: m.vote.status.scrutineerHeading }).getByRole("listitem").filter({ hasText: pollTitle });
  await duty.getByRole("link", { name: m.vote.status.scrutineerOpen }).click();
  await expect(page.getByRole("heading", { level: 1, name: m.signoff.title })).toBeVisible();
}

async function titlesOf(pollId: string): Promise<string[]> {
  return withDb(async (c) =>
    (await c.query<{ title: string }>(`SELECT "title" FROM "PollCandidate" WHERE "pollId" = $1 ORDER BY "position"`, [pollId])).rows.map(
      (r) => r.title,
    ),
  );
}

for (const { lang, m } of LANGS) {
  test(`every delegate screen fits a 360 px phone in ${lang}`, async ({ browser, page: desk }, testInfo) => {
    test.setTimeout(300_000);
    const s: TestSession = await createTestSession(`screens ${lang}`, { delegates: 5, candidates: 3 });
    // The second delegate checks in late and takes a paper ballot; the third gets a new PIN while the poll is open.
    const [me, other, , scrutineer1, scrutineer2] = s.cardCodes as [string, string, string, string, string];
    const [, otherId, reissuedId] = s.delegateIds as [string, string, string];
    await signInStaff(desk, "mishu");
    await desk.waitForURL(/\/secretariat/, { timeout: 30_000 });

    const phone = await newPhone(browser, testInfo, lang);
    const check = screens(phone, testInfo, lang);
    const status = phone.getByRole("region", { name: m.vote.status.heading });

    await test.step("sign-in", async () => {
      await phone.goto("/sign-in");
      await expect(phone.getByRole("heading", { level: 1, name: m.signIn.title })).toBeVisible();
      await check("sign-in");
      const form = phone.getByRole("form", { name: m.signIn.delegateHeading });
      await form.getByLabel(m.signIn.cardCode).fill(me);
      await form.getByLabel(m.signIn.pin, { exact: true }).fill("000000");
      await form.getByRole("button", { name: m.signIn.submit }).click();
      await expect(form.getByRole("alert")).toHaveText(m.signIn.failed.delegate.INVALID_CREDENTIALS);
      await check("sign-in-wrong-pin");
      // The card's QR code leads here (not confirmed: the token stays unused).
      await phone.goto(`/t/${await issueLoginToken(me)}`);
      await expect(phone.getByRole("heading", { level: 1, name: m.signIn.tokenTitle })).toBeVisible();
      await check("sign-in-qr");
      await signIn(phone, m, me);
    });

    await test.step("check-in: not open, open, done", async () => {
      await expect(status.getByText(m.vote.status.checkInNotOpen)).toBeVisible();
      await check("check-in-not-open");
      await staffCall(desk, "secretariat.setCheckInOpen", { sessionId: s.sessionId, open: true });
      await expect(status.getByText(m.delegate.notCheckedIn, { exact: true })).toBeVisible();
      await check("not-checked-in");
      await status.getByRole("button", { name: m.vote.status.checkIn, exact: true }).click();
      await expect(status.getByText(m.vote.status.waiting)).toBeVisible();
      await check("waiting");
    });

    const pollTitle = lang === "en" ? "Vote on the 2019 livelihood projects" : "2019 年民生实事项目票决";
    const { id: pollId } = await test.step("the poll opens", async () => {
      for (const delegateId of s.delegateIds.slice(2)) await staffCall(desk, "secretariat.deskCheckIn", { delegateId });
      const poll = await staffCall<{ id: string }>(desk, "secretariat.createPoll", {
        sessionId: s.sessionId,
        title: pollTitle,
        kind: "EQUAL",
        basis: "VALID_BALLOTS",
        candidateIds: await candidateIdsOf(s.sessionId),
      });
      await staffCall(desk, "secretariat.openPoll", { pollId: poll.id });
      await expect(status.getByText(m.vote.status.open)).toBeVisible();
      await check("poll-open");

      // A delegate who has not checked in (four of five have: the quorum) is told what to do instead.
      const late = await newPhone(browser, testInfo, lang);
      const checkLate = screens(late, testInfo, `${lang}-late`);
      await signIn(late, m, other);
      await late.goto(`/delegate/polls/${poll.id}`);
      await expect(late.getByRole("heading", { level: 1, name: m.vote.state.notCheckedInHeading })).toBeVisible();
      await checkLate("ballot-not-checked-in");

      // …checks in at the desk and takes a paper ballot there: the home says so, with no receipt code to show.
      await staffCall(desk, "secretariat.deskCheckIn", { delegateId: otherId });
      await staffCall(desk, "clerk.issuePaper", { pollId: poll.id, delegateId: otherId });
      await late.goto("/delegate");
      const lateStatus = late.getByRole("region", { name: m.vote.status.heading });
      await expect(lateStatus.getByText(m.vote.state.paperHeading)).toBeVisible();
      await expect(lateStatus.getByText(m.vote.state.paperBody)).toBeVisible();
      await expect(lateStatus.getByRole("link", { name: m.vote.status.viewReceipt })).toHaveCount(0);
      await checkLate("home-paper-ballot");
      await late.goto(`/delegate/polls/${poll.id}`);
      await expect(late.getByRole("heading", { level: 1, name: m.vote.state.paperHeading })).toBeVisible();
      await checkLate("ballot-paper-ballot");
      await late.context().close();

      // A PIN reissued during the poll, for the scrutineers to see before they sign.
      await staffCall(desk, "setup.resetPin", { delegateId: reissuedId });
      return poll;
    });

    await test.step("ballot, review, receipt", async () => {
      await status.getByRole("link", { name: m.vote.status.enter }).click();
      await expect(phone.getByRole("heading", { level: 1, name: pollTitle })).toBeVisible({ timeout: 30_000 });
      await check("ballot");
      const choices = [m.vote.choice.FOR, m.vote.choice.FOR, m.vote.choice.ABSTAIN];
      for (const [j, title] of (await titlesOf(pollId)).entries()) {
        const radio = phone.getByRole("group", { name: title, exact: true }).getByRole("radio", { name: choices[j]! });
        await radio.locator("xpath=ancestor::label[1]").click();
        await expect(radio).toBeChecked();
      }
      await check("ballot-marked");
      await phone.getByRole("button", { name: m.vote.ballot.review }).click();
      await expect(phone.getByRole("heading", { level: 1, name: m.vote.review.heading })).toBeVisible();
      await check("review");
      // The hall's Wi-Fi drops the phone as it submits: the ballot stays on screen and is resent.
      await phone.context().setOffline(true);
      await phone.getByRole("button", { name: m.vote.review.confirm }).click();
      await expect(phone.getByRole("heading", { level: 1, name: m.vote.submit.heading })).toBeVisible();
      await expect(phone.getByText(m.vote.submit.retrying.split("{")[0]!)).toBeVisible({ timeout: 30_000 });
      await check("sending-offline");
      await phone.context().setOffline(false);
      await expect(phone.getByRole("heading", { level: 1 })).toContainText(m.vote.receipt.heading, { timeout: 45_000 });
      await check("receipt");
      await phone.getByRole("link", { name: m.vote.receipt.home }).click();
      await expect(status.getByText(new RegExp(`^(✓ )?${m.vote.status.voted}$`))).toBeVisible();
      await check("voted");
    });

    await test.step("the poll closes; paper is entered; two scrutineers confirm the count; it is published", async () => {
      // A paper ballot is out: the close leaves the poll in paper entry, which the phones show as over.
      await staffCall(desk, "secretariat.closePoll", { pollId });
      await expect(status.getByText(m.vote.status.closed, { exact: true })).toBeVisible();
      await expect(status.getByText(m.vote.pollStatus.PAPER_ENTRY)).toBeVisible();
      await check("closed-paper-entry");

      const first = await newPhone(browser, testInfo, lang);
      const checkFirst = screens(first, testInfo, `${lang}-scrutineer`);
      await signIn(first, m, scrutineer1);
      await expect(first.getByRole("region", { name: m.vote.status.scrutineerHeading })).toContainText(m.vote.status.scrutineerNone);
      await checkFirst("scrutineer-home-paper-entry");
      // The ballot of a delegate who did not vote, once the poll is over.
      await first.goto(`/delegate/polls/${pollId}`);
      await expect(first.getByRole("heading", { level: 1, name: m.vote.state.closedHeading })).toBeVisible();
      await checkFirst("ballot-closed");
      await first.goto(`/delegate/polls/${pollId}/signoff`);
      await expect(first.getByText(m.signoff.paperEntry)).toBeVisible();
      const [otherName, reissuedName] = await withDb(async (c) =>
        (
          await c.query<{ name: string }>(`SELECT "name" FROM "Delegate" WHERE "id" = ANY($1) ORDER BY "seat"`, [[otherId, reissuedId]])
        ).rows.map((r) => r.name),
      );
      await expect(first.getByTestId("signoff-paper-issued")).toContainText(otherName!);
      await expect(first.getByTestId("signoff-reissues")).toContainText(reissuedName!);
      await checkFirst("sign-off-paper-entry");

      // Entry finished (the paper ballot was not handed back): the count appears on the phone by itself.
      await staffCall(desk, "clerk.finishPaper", { pollId });
      await expect(first.getByRole("button", { name: m.signoff.confirm })).toBeVisible();
      // The 结果校验码 as two people compare it: 16 hex digits in four groups, the full 64 one tap away.
      const short = (await first.getByTestId("result-code").textContent())!.trim();
      expect(short).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){3}$/);
      await expect(first.getByText(m.signoff.hashHint)).toBeVisible();
      await first.getByText(m.common.resultCodeFull).click();
      const full = (await first.getByText(/^[0-9a-f]{64}$/).textContent())!.trim();
      expect(short.replaceAll(" ", "")).toBe(full.slice(0, 16).toUpperCase());
      await checkFirst("sign-off");
      await first.getByRole("button", { name: m.signoff.confirm }).click();
      await expect(first.getByText(m.signoff.waitingOthers)).toBeVisible();
      await checkFirst("sign-off-waiting");
      // What was confirmed is the count with the code on the screen.
      const signed = await withDb(async (c) =>
        (await c.query<{ resultHash: string }>(`SELECT "resultHash" FROM "ScrutineerSignoff" WHERE "pollId" = $1`, [pollId])).rows.map(
          (r) => r.resultHash,
        ),
      );
      expect(signed).toEqual([full]);

      const second = await newPhone(browser, testInfo, lang);
      await signIn(second, m, scrutineer2);
      await signOff(second, m, pollTitle);
      // The other scrutineer's phone shows the same code.
      await expect(second.getByTestId("result-code")).toHaveText(short);
      await second.getByRole("button", { name: m.signoff.confirm }).click();
      await expect(second.getByText(m.signoff.certifiedBody.split("{")[0]!)).toBeVisible();
      await screens(second, testInfo, `${lang}-scrutineer2`)("sign-off-certified");
      await Promise.all([first.context().close(), second.context().close()]);

      await staffCall(desk, "secretariat.publishPoll", { pollId });
      await phone.reload();
      await expect(status.getByRole("link", { name: m.vote.status.viewResult }).first()).toBeVisible();
      await check("published");
    });

    await test.step("the year-end rating", async () => {
      await phone.goto("/delegate/rating");
      await expect(phone.getByRole("heading", { level: 1, name: m.projects.rating.title })).toBeVisible();
      await check("rating-no-round");
      const round = lang === "en" ? "Rating of the 2019 livelihood projects" : "2019 年度民生实事项目满意度测评";
      await staffCall(desk, "projects.startRating", { sessionId: s.sessionId, title: round });
      await phone.reload();
      await expect(phone.getByRole("heading", { level: 1, name: round })).toBeVisible();
      const groups = phone.getByRole("main").getByRole("group");
      await expect(groups.first()).toBeVisible();
      for (const group of await groups.all())
        await group.getByRole("radio", { name: m.projects.grade.SATISFIED, exact: true }).locator("xpath=ancestor::label[1]").click();
      await check("rating");
      await phone.getByRole("button", { name: m.projects.rating.review }).click();
      await expect(phone.getByRole("heading", { level: 1, name: m.projects.rating.reviewHeading })).toBeVisible();
      await check("rating-review");
      await phone.getByRole("button", { name: m.projects.rating.confirm }).click();
      await expect(phone.getByRole("heading", { name: m.projects.rating.receiptHeading })).toBeVisible({ timeout: 30_000 });
      await check("rating-receipt");
    });

    await test.step("supervision", async () => {
      await phone.goto("/delegate/supervise");
      await expect(phone.getByRole("heading", { level: 1, name: m.projects.supervise.title })).toBeVisible();
      await check("supervise");
    });

    await test.step("signing out asks first", async () => {
      await phone.getByRole("button", { name: m.nav.signOut }).click();
      const dialog = phone.getByRole("dialog", { name: m.nav.signOutConfirmTitle });
      await expect(dialog).toBeVisible();
      await check("sign-out-confirm");
      await dialog.getByRole("button", { name: m.common.cancel }).click();
      await expect(dialog).toBeHidden();
    });

    await phone.context().close();
  });
}

test("the layout check sees a page wider than the screen and text cut off, and not text hidden on purpose", async ({ page }) => {
  await page.goto("/sign-in");
  // Added before hydration ends, the nodes below would be wiped by it (on a slow machine it failed so).
  await hydrated(page);
  expect(await layoutProblems(page)).toEqual([]);
  await page.evaluate(() => {
    const main = document.querySelector("main")!;
    const add = (html: string) => main.insertAdjacentHTML("beforeend", html);
    add('<p class="sr-only">只给读屏软件的文字，不算被截断</p>');
    add('<p style="width: 120px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap">代表证号或密码（PIN）不正确，请核对</p>');
  });
  expect(await layoutProblems(page)).toEqual([expect.stringContaining("shows 120 px of")]);
  await page.evaluate(() => document.querySelector("main")!.insertAdjacentHTML("beforeend", '<div style="width: 500px">宽</div>'));
  expect(await layoutProblems(page)).toEqual([expect.stringMatching(/^the page is \d+ px wide on a 360 px screen$/), expect.any(String)]);
});
