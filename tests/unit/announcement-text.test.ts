import { describe, expect, it } from "vitest";
import { announcementText, type AnnouncementData } from "~/lib/announcement";
import { CATALOGS } from "~/lib/i18n/messages";
import { makeTranslate } from "~/lib/i18n/translate";
import { tally, type TallyBallot } from "~/server/domain/tally";

const zh = makeTranslate(CATALOGS["zh-CN"]);
const en = makeTranslate(CATALOGS.en);

/**
 * A published poll of `candidates` candidates whose result is the one tally's, from ballots
 * giving each candidate the listed FOR count (the rest AGAINST), 10 seated, all present.
 */
function published(
  kind: "EQUAL" | "COMPETITIVE",
  forVotes: number[],
  seats = forVotes.length,
  runoffOfId: string | null = null,
): AnnouncementData {
  const ids = forVotes.map((_, i) => `pc${i}`);
  // Each candidate's FOR go to the ballots with the fewest FOR so far, so no competitive
  // ballot marks more than `seats` (the fixtures keep the total within 10 × seats).
  const ballots: TallyBallot[] = Array.from({ length: 10 }, () => ({ choices: Object.fromEntries(ids.map((id) => [id, "AGAINST"])) }));
  const marks = ballots.map(() => 0);
  forVotes.forEach((n, i) => {
    const fewest = marks.map((m, b) => [m, b] as const).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    for (const [, b] of fewest.slice(0, n)) {
      ballots[b]!.choices[ids[i]!] = "FOR";
      marks[b]!++;
    }
  });
  const result = tally({ kind, seats, basis: "ALL_DELEGATES", seated: 10, present: 10 }, ids, ballots);
  expect(result.invalid).toBe(0);
  return {
    sessionName: "临淄区第十八届人民代表大会第五次会议",
    year: 2021,
    poll: {
      title: "民生实事项目票决",
      kind,
      seats,
      basis: "ALL_DELEGATES",
      seated: 10,
      present: 10,
      issued: 10,
      returned: 10,
      paperIssued: 0,
      paperReturned: 0,
      closedAt: new Date("2021-01-12T02:00:00Z"),
      publishedAt: new Date("2021-01-12T03:00:00Z"),
      runoffOfId,
      candidates: ids.map((id, i) => ({
        id,
        candidateId: `c${i}`,
        position: i + 1,
        title: `项目${i + 1}`,
        unitName: "区住建局",
        budgetWan: "100.00",
        targets: "",
      })),
      result,
    },
    rows: ids.map((id, i) => ["", `项目${i + 1}`, "区住建局", forVotes[i]!, 10 - forVotes[i]!, 0, 0, "—"]),
    auditHead: "3f2a91c07b4ed215" + "0".repeat(48),
  };
}

const outcome = (data: AnnouncementData, t = zh, locale: "zh-CN" | "en" = "zh-CN") => announcementText(data, t, locale).after[0];

describe("the 公告's outcome, as a clerk writes it", () => {
  it("等额, all passed", () => {
    expect(outcome(published("EQUAL", [9, 8, 7]))).toBe("3个候选项目全部获得通过，确定为2021年民生实事项目。");
  });

  it("等额, some passed: says how many did not", () => {
    expect(outcome(published("EQUAL", [9, 6, 5, 2]))).toBe("4个候选项目中，2个获得通过，确定为2021年民生实事项目；其余2个未获通过。");
  });

  it("等额, none passed: no '0个项目…确定为' sentence", () => {
    const text = outcome(published("EQUAL", [5, 3, 0]));
    expect(text).toBe("3个候选项目均未获得通过，本次票决未产生2021年民生实事项目。");
    expect(text).not.toMatch(/0个/);
  });

  it("差额, every place filled", () => {
    expect(outcome(published("COMPETITIVE", [9, 8, 3], 2))).toBe("2个项目入选，确定为2021年民生实事项目。");
  });

  it("差额, some places empty: says how many of how many, and what can follow", () => {
    expect(outcome(published("COMPETITIVE", [9, 4, 3], 2))).toBe(
      "1个项目入选，确定为2021年民生实事项目。应选2个项目，尚有1个名额空缺，可在其余候选项目中另行票决。",
    );
  });

  it("差额, nothing passed — the case the hall saw as 0个项目入选…尚有12个名额未选出", () => {
    const text = outcome(published("COMPETITIVE", [5, 4, 3], 2));
    expect(text).toBe(
      "没有候选项目的赞成票超过全体代表的半数，本次票决未产生2021年民生实事项目。应选2个项目，名额均空缺，可在候选项目中另行票决。",
    );
    expect(text).not.toMatch(/0个项目入选|确定为2021年民生实事项目/);
  });

  it("差额, a tie across the cut-off: names the tied projects and the places left for the run-off", () => {
    // 2 places: 项目1 clear, 项目2 and 项目3 tied for the second.
    expect(outcome(published("COMPETITIVE", [8, 6, 6], 2))).toBe(
      "1个项目入选，确定为2021年民生实事项目。“项目2”、“项目3”赞成票相同，须对其再次投票，确定余下的1个名额。",
    );
  });

  it("差额, all passed and tied: nothing selected yet, the run-off decides every place", () => {
    expect(outcome(published("COMPETITIVE", [6, 6, 6], 2))).toBe(
      "本次票决暂无项目入选。“项目1”、“项目2”、“项目3”赞成票相同，须对其再次投票，确定余下的2个名额。",
    );
  });

  it("a run-off poll says it is one, in its title and its opening", () => {
    const text = announcementText(published("COMPETITIVE", [8, 2], 1, "earlier-poll"), zh, "zh-CN");
    expect(text.title[1]).toBe("关于2021年民生实事项目再次投票结果的公告");
    expect(text.before[0]).toMatch(/^临淄区第十八届人民代表大会第五次会议于2021年1月12日对赞成票相同的2个候选项目进行了再次投票。/);
    expect(text.after[0]).toBe("1个项目入选，确定为2021年民生实事项目。");
  });

  it("English, with spaces between sentences and no '0 projects selected'", () => {
    expect(outcome(published("EQUAL", [5, 3, 0]), en, "en")).toBe(
      "None of the 3 candidates passed: the vote produced no livelihood projects for 2021.",
    );
    expect(outcome(published("COMPETITIVE", [9, 4, 3], 2), en, "en")).toBe(
      "Projects selected as the livelihood projects for 2021: 1. Places still empty: 1 of 2. They may be filled by a further vote among the other candidates.",
    );
    expect(outcome(published("COMPETITIVE", [8, 6, 6], 2), en, "en")).toBe(
      "Projects selected as the livelihood projects for 2021: 1. “项目2”, “项目3” tied for the last places and will be put to a run-off vote for the remaining places (1).",
    );
  });

  it("the whole text: title, figures, rule, table in vote order, closing, issuer, date and the chain head", () => {
    const text = announcementText(published("EQUAL", [9, 6]), zh, "zh-CN");
    expect(text.title).toEqual(["临淄区第十八届人民代表大会第五次会议", "关于2021年民生实事项目票决结果的公告"]);
    expect(text.before[0]).toContain("本次会议应到代表10名，实到代表10名。共发出表决票10张，收回10张，其中有效票10张，无效票0张。");
    expect(text.before[1]).toContain("赞成票超过全体代表半数的项目为通过");
    expect(text.table.header).toEqual(["序号", "项目名称", "责任单位", "赞成", "反对", "弃权", "结果"]);
    expect(text.table.rows[0]).toEqual(["1", "项目1", "区住建局", "9", "1", "0", "—"]);
    expect(text.after[1]).toBe("现予公告。");
    expect(text.issuer).toBe("临淄区第十八届人民代表大会第五次会议主席团");
    expect(text.date).toBe("2021年1月12日");
    // Without paper ballots, no phone/paper sentence; with them, both stated.
    expect(text.before[0]).not.toContain("纸质选票");
    const paper = published("EQUAL", [9, 6]);
    paper.poll = { ...paper.poll, paperIssued: 3, paperReturned: 2, returned: 9 };
    expect(announcementText(paper, zh, "zh-CN").before[0]).toContain("其中手机投票发出7张，收回7张；纸质选票发出3张，收回2张。");
    // The head in the short form `audit:verify --head` takes from a paper copy.
    expect(text.anchor).toBe("审计链校验码：3F2A 91C0 7B4E D215");
    expect(announcementText(published("EQUAL", [9, 6]), en, "en").anchor).toBe("Audit chain code: 3F2A 91C0 7B4E D215");
  });
});
