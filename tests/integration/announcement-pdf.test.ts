import { describe, expect, it } from "vitest";
import { shortHash } from "~/lib/format";
import { announcementPdf } from "~/server/services/announcement";
import { embeddedFonts, pdfText } from "../pdf-text";
import { allChoices, approvedSession, callerFor, checkInMany, codeOf, createSessionFixture, db, newKey, openPollFixture } from "./fixtures";

/** A published poll in which every delegate voted AGAINST everything: it elected nothing. */
async function nothingElected() {
  const f = await createSessionFixture({ delegates: 4, candidates: 2 });
  await checkInMany(f, 4);
  const poll = await openPollFixture(f);
  for (let i = 0; i < 4; i++) {
    await callerFor(await f.delegate(i)).delegate.cast({
      pollId: poll.id,
      choices: allChoices(poll.pollCandidates, "AGAINST"),
      idempotencyKey: newKey(),
    });
  }
  const secretariat = callerFor(f.actors.secretariat).secretariat;
  await secretariat.closePoll({ pollId: poll.id });
  const view = await callerFor(await f.delegate(0)).delegate.countForSignoff({ pollId: poll.id });
  for (const i of [0, 1]) await callerFor(await f.delegate(i)).delegate.signOff({ pollId: poll.id, resultHash: view.resultHash! });
  await secretariat.publishPoll({ pollId: poll.id });
  return { ...f, pollId: poll.id };
}

describe("the 公告 as a PDF, made without a request", () => {
  it("says in Chinese text (not pictures of it) what the page says, in an embedded subset of the CJK font", async () => {
    const f = await approvedSession();
    const started = performance.now();
    const { pdf, title } = await announcementPdf(db, f.pollId, "zh-CN");
    console.log(`announcement PDF: ${pdf.length} bytes in ${Math.round(performance.now() - started)} ms (first, fonts parsed)`);
    expect(title).toBe("民生实事项目票决-结果公告");
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const [page, ...more] = await pdfText(pdf);
    expect(more).toEqual([]);
    const text = page!.replaceAll("\n", "");
    expect(text).toContain(f.session.name);
    expect(text).toContain("关于2021年民生实事项目票决结果的公告");
    expect(text).toContain("本次会议应到代表4名，实到代表4名。共发出表决票4张，收回4张，其中有效票4张，无效票0张。");
    expect(text).toContain("3个候选项目中，2个获得通过，确定为2021年民生实事项目；其余1个未获通过。");
    expect(text).toContain("现予公告。");
    expect(text).toContain(`${f.session.name}主席团`);
    // The chain head at certification, short, so the paper copy anchors the audit log (audit:verify --head).
    const { auditHead } = await db.poll.findUniqueOrThrow({ where: { id: f.pollId } });
    expect(text).toContain(`审计链校验码：${shortHash(auditHead!)}`);
    // The table, in order of votes: the two passed candidates first, with their unit and outcome.
    for (const heading of ["序号", "项目名称", "责任单位", "赞成", "反对", "弃权", "结果"]) expect(text).toContain(heading);
    expect(text).toMatch(new RegExp(`${f.candidates[2]!.title}.*4.*未通过`));
    // Embedded, subset (a six-letter tag before the name), never a system font.
    const fonts = embeddedFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const name of fonts) expect(name).toMatch(/^[A-Z]{6}\+NotoSansHans-(Regular|Bold)$/);
    // A subset, not the 8 MB font: a one-page 公告 stays small.
    expect(pdf.length).toBeLessThan(400_000);
  });

  it("a poll that elected nothing says so as a clerk would, in both languages", async () => {
    const f = await nothingElected();
    const zh = (await pdfText((await announcementPdf(db, f.pollId, "zh-CN")).pdf)).join("").replaceAll("\n", "");
    expect(zh).toContain("2个候选项目均未获得通过，本次票决未产生2021年民生实事项目。");
    expect(zh).not.toContain("0个项目");
    const enFile = await announcementPdf(db, f.pollId, "en");
    expect(enFile.title).toBe("民生实事项目票决 - announcement");
    const en = (await pdfText(enFile.pdf)).join("").replaceAll("\n", " ");
    expect(en).toContain("Announcement of the results of the vote on the 2021 livelihood projects");
    expect(en).toMatch(/None of the 2 candidates passed: the vote produced no livelihood projects for\s+2021\./);
  });

  it("the same poll gives the same bytes (a filed copy can be checked against a new one)", async () => {
    const f = await approvedSession();
    const a = await announcementPdf(db, f.pollId, "zh-CN");
    const started = performance.now();
    const b = await announcementPdf(db, f.pollId, "zh-CN");
    console.log(`announcement PDF: again in ${Math.round(performance.now() - started)} ms (fonts kept)`);
    expect(Buffer.compare(a.pdf, b.pdf)).toBe(0);
  });

  it("only for a published poll", async () => {
    const f = await createSessionFixture({ delegates: 4, candidates: 2 });
    await checkInMany(f, 4);
    const poll = await openPollFixture(f);
    expect(await codeOf(announcementPdf(db, poll.id, "zh-CN"))).toBe("NOT_FOUND");
  });
});
