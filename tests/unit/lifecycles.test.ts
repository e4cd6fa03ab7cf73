import { describe, expect, it } from "vitest";
import { POLL_STATUSES } from "~/lib/schemas/vote";
import { ROUND_STATUSES } from "~/lib/schemas/projects";
import {
  DELEGATE_SEES,
  POLL_COUNT,
  POLL_STEPS,
  POLLS_LISTED_FOR_DELEGATES,
  pollActionRefusal,
  pollStep,
  sessionFiling,
  type PollAction,
  type PollStep,
} from "~/server/domain/poll-lifecycle";
import { ROUND_COUNT, ROUND_STEPS, roundStep, type RoundStep } from "~/server/domain/rating-round-lifecycle";
import { PROJECT_STAGES, projectRefusal, projectStage, type ProjectAction } from "~/server/domain/project-lifecycle";

describe("the poll lifecycle: every step from every state", () => {
  // Rows: the step; columns: the poll's state. "go" takes it, "done" changes nothing, else the refusal.
  const expected: Record<PollStep, Record<(typeof POLL_STATUSES)[number], string>> = {
    open: {
      DRAFT: "go",
      OPEN: "POLL_STATE",
      PAPER_ENTRY: "POLL_STATE",
      CLOSED: "POLL_STATE",
      CERTIFIED: "POLL_STATE",
      PUBLISHED: "POLL_STATE",
      VOID: "POLL_STATE",
    },
    close: {
      DRAFT: "POLL_STATE",
      OPEN: "go",
      PAPER_ENTRY: "done",
      CLOSED: "done",
      CERTIFIED: "done",
      PUBLISHED: "done",
      VOID: "POLL_STATE",
    },
    finishPaper: {
      DRAFT: "POLL_STATE",
      OPEN: "POLL_STATE",
      PAPER_ENTRY: "go",
      CLOSED: "done",
      CERTIFIED: "done",
      PUBLISHED: "done",
      VOID: "done",
    },
    certify: {
      DRAFT: "POLL_STATE",
      OPEN: "POLL_STATE",
      PAPER_ENTRY: "PAPER_ENTRY_OPEN",
      CLOSED: "go",
      CERTIFIED: "POLL_STATE",
      PUBLISHED: "POLL_STATE",
      VOID: "POLL_STATE",
    },
    publish: {
      DRAFT: "POLL_STATE",
      OPEN: "POLL_STATE",
      PAPER_ENTRY: "PAPER_ENTRY_OPEN",
      CLOSED: "SIGNOFFS_MISSING",
      CERTIFIED: "go",
      PUBLISHED: "done",
      VOID: "POLL_STATE",
    },
    void: {
      DRAFT: "go",
      OPEN: "go",
      PAPER_ENTRY: "go",
      CLOSED: "go",
      CERTIFIED: "POLL_STATE",
      PUBLISHED: "POLL_STATE",
      VOID: "POLL_STATE",
    },
  };
  for (const step of Object.keys(POLL_STEPS) as PollStep[]) {
    for (const status of POLL_STATUSES) {
      it(`${step} from ${status}: ${expected[step][status]}`, () => expect(pollStep(step, status)).toBe(expected[step][status]));
    }
  }

  it("a certified result is frozen: from CERTIFIED and PUBLISHED the only step forward is publication (as the Poll_frozen trigger holds)", () => {
    for (const [name, step] of Object.entries(POLL_STEPS)) {
      const fromFrozen = (step.from as readonly string[]).some((s) => s === "CERTIFIED" || s === "PUBLISHED");
      expect(fromFrozen && name !== "publish", name).toBe(false);
    }
  });

  it("no step leads back to where it starts, and a step taken already is never also a step to take", () => {
    for (const step of Object.values(POLL_STEPS)) {
      expect(step.from as readonly string[]).not.toContain(step.to);
      const done: readonly string[] = "done" in step ? step.done : [];
      expect(done.filter((s) => (step.from as readonly string[]).includes(s))).toEqual([]);
    }
  });

  it("no count can be read before the close, nor while paper ballots are entered; the stored result from certification on", () => {
    expect(POLL_COUNT).toEqual({
      DRAFT: "hidden",
      OPEN: "hidden",
      PAPER_ENTRY: "pending",
      CLOSED: "current",
      CERTIFIED: "frozen",
      PUBLISHED: "frozen",
      VOID: "none",
    });
  });
});

describe("what else may be done to a poll, and what a delegate sees of it", () => {
  // Rows: the action; columns: the poll's state. null: allowed.
  const expected: Record<PollAction, Record<(typeof POLL_STATUSES)[number], string | null>> = {
    enterPaper: {
      DRAFT: "POLL_STATE",
      OPEN: "POLL_STATE",
      PAPER_ENTRY: null,
      CLOSED: "POLL_STATE",
      CERTIFIED: "POLL_STATE",
      PUBLISHED: "POLL_STATE",
      VOID: "POLL_STATE",
    },
    designateClerks: {
      DRAFT: null,
      OPEN: null,
      PAPER_ENTRY: null,
      CLOSED: "POLL_STATE",
      CERTIFIED: "POLL_STATE",
      PUBLISHED: "POLL_STATE",
      VOID: "POLL_STATE",
    },
  };
  for (const action of Object.keys(expected) as PollAction[]) {
    for (const status of POLL_STATUSES) {
      it(`${action} in ${status}: ${expected[action][status] ?? "allowed"}`, () =>
        expect(pollActionRefusal(action, status)).toBe(expected[action][status]));
    }
  }

  it("tally clerks change only while no count exists: never once it does, nor for a void poll", () => {
    for (const status of POLL_STATUSES) {
      const before = POLL_COUNT[status] === "hidden" || POLL_COUNT[status] === "pending";
      expect(pollActionRefusal("designateClerks", status) === null, status).toBe(before);
    }
  });

  it("a phone lists every poll from its opening on, paper entry included; a void poll only by its page; never a draft", () => {
    expect(POLLS_LISTED_FOR_DELEGATES).toEqual(["OPEN", "PAPER_ENTRY", "CLOSED", "CERTIFIED", "PUBLISHED"]);
    expect(DELEGATE_SEES.VOID).toBe("page");
    expect(DELEGATE_SEES.DRAFT).toBe("nothing");
  });
});

describe("the rating round lifecycle", () => {
  const expected: Record<RoundStep, Record<(typeof ROUND_STATUSES)[number], string>> = {
    open: { DRAFT: "go", OPEN: "done", CLOSED: "ROUND_STATE", PUBLISHED: "ROUND_STATE" },
    close: { DRAFT: "ROUND_STATE", OPEN: "go", CLOSED: "done", PUBLISHED: "ROUND_STATE" },
    publish: { DRAFT: "ROUND_STATE", OPEN: "ROUND_STATE", CLOSED: "go", PUBLISHED: "done" },
  };
  for (const step of Object.keys(ROUND_STEPS) as RoundStep[]) {
    for (const status of ROUND_STATUSES) {
      it(`${step} from ${status}: ${expected[step][status]}`, () => expect(roundStep(step, status)).toBe(expected[step][status]));
    }
  }

  it("no count while the round is open (the secretariat included); the secretariat's from the close; everyone's once published", () => {
    expect(ROUND_COUNT).toEqual({ DRAFT: "hidden", OPEN: "hidden", CLOSED: "staff", PUBLISHED: "public" });
  });
});

describe("a project after the vote", () => {
  it("its stage: approved by a published poll, then planned", () => {
    expect(projectStage({ approved: false, hasPlan: false })).toBe("CANDIDATE");
    expect(projectStage({ approved: false, hasPlan: true })).toBe("CANDIDATE");
    expect(projectStage({ approved: true, hasPlan: false })).toBe("APPROVED");
    expect(projectStage({ approved: true, hasPlan: true })).toBe("PLANNED");
  });

  const expected: Record<ProjectAction, Record<(typeof PROJECT_STAGES)[number], string | null>> = {
    savePlan: { CANDIDATE: "PROJECT_NOT_APPROVED", APPROVED: null, PLANNED: null },
    postProgress: { CANDIDATE: "PROJECT_NOT_APPROVED", APPROVED: "PLAN_MISSING", PLANNED: null },
    fileSupervisionNote: { CANDIDATE: "PROJECT_NOT_APPROVED", APPROVED: null, PLANNED: null },
  };
  for (const action of Object.keys(expected) as ProjectAction[]) {
    for (const stage of PROJECT_STAGES) {
      it(`${action} in ${stage}: ${expected[action][stage] ?? "allowed"}`, () =>
        expect(projectRefusal(action, stage)).toBe(expected[action][stage]));
    }
  }
});

describe("when a session can be filed (会议档案)", () => {
  it("with something published and nothing still being decided: every other poll void or never opened", () => {
    expect(sessionFiling(["PUBLISHED"])).toBe("ready");
    expect(sessionFiling(["DRAFT", "PUBLISHED", "VOID", "PUBLISHED"])).toBe("ready");
  });
  it("not while a poll is open, closed or certified: the archive would miss it, or change after filing", () => {
    for (const pending of ["OPEN", "CLOSED", "CERTIFIED"] as const) expect(sessionFiling(["PUBLISHED", pending])).toBe("in-progress");
  });
  it("not before anything is published", () => {
    expect(sessionFiling([])).toBe("nothing-published");
    expect(sessionFiling(["DRAFT", "VOID"])).toBe("nothing-published");
  });
});
