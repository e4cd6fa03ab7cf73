import type { TPollStatus } from "~/lib/schemas/vote";
import { stepOutcome, type Step, type StepOutcome } from "./lifecycle";

/**
 * A poll's lifecycle: DRAFT → OPEN → CLOSED → CERTIFIED → PUBLISHED, and VOID from any
 * state before certification. A poll with paper ballots issued at the desk closes into
 * PAPER_ENTRY instead: the clerks enter the paper ballots, and only when paper entry is
 * declared finished does it become CLOSED — the count (phone and paper together) comes
 * into being then, not before (DESIGN §4a, §4b). A certified result is frozen (a trigger
 * refuses to change it); the only step left is publication. The count ends in VOID
 * instead of CLOSED when more ballots came back than were issued (ballotsReconcile in
 * quorum.ts). Closing, finishing paper entry or publishing twice changes nothing.
 */
export const POLL_STEPS = {
  open: { from: ["DRAFT"], to: "OPEN" },
  close: { from: ["OPEN"], to: "CLOSED", done: ["PAPER_ENTRY", "CLOSED", "CERTIFIED", "PUBLISHED"] },
  finishPaper: { from: ["PAPER_ENTRY"], to: "CLOSED", done: ["CLOSED", "CERTIFIED", "PUBLISHED", "VOID"] },
  certify: { from: ["CLOSED"], to: "CERTIFIED", refusedIn: { PAPER_ENTRY: "PAPER_ENTRY_OPEN" } },
  publish: {
    from: ["CERTIFIED"],
    to: "PUBLISHED",
    done: ["PUBLISHED"],
    refusedIn: { CLOSED: "SIGNOFFS_MISSING", PAPER_ENTRY: "PAPER_ENTRY_OPEN" },
  },
  void: { from: ["DRAFT", "OPEN", "PAPER_ENTRY", "CLOSED"], to: "VOID" },
} as const satisfies Record<string, Step<TPollStatus>>;

export type PollStep = keyof typeof POLL_STEPS;

export function pollStep(step: PollStep, status: TPollStatus): StepOutcome {
  return stepOutcome<TPollStatus>(POLL_STEPS[step], status, "POLL_STATE");
}

/**
 * What may be done to a poll besides its steps, by the states it may be done in: its paper
 * ballots are typed in only while in PAPER_ENTRY; its tally clerks are designated only
 * before its count exists (the scrutineers see who they were), never for a void poll.
 */
export const POLL_ACTIONS = {
  enterPaper: ["PAPER_ENTRY"],
  designateClerks: ["DRAFT", "OPEN", "PAPER_ENTRY"],
} as const satisfies Record<string, readonly TPollStatus[]>;

export type PollAction = keyof typeof POLL_ACTIONS;

/** null: the action may be taken; otherwise the refusal to give. */
export function pollActionRefusal(action: PollAction, status: TPollStatus): "POLL_STATE" | null {
  return (POLL_ACTIONS[action] as readonly TPollStatus[]).includes(status) ? null : "POLL_STATE";
}

/**
 * Which of their session's polls a delegate sees: a phone lists every poll from its opening
 * on ("listed") — while its paper ballots are entered too, so a delegate who has voted sees
 * it closed, not gone; a void poll is no longer listed but its page still answers ("page");
 * a draft is nobody's business but the secretariat's ("nothing").
 */
export const DELEGATE_SEES = {
  DRAFT: "nothing",
  OPEN: "listed",
  PAPER_ENTRY: "listed",
  CLOSED: "listed",
  CERTIFIED: "listed",
  PUBLISHED: "listed",
  VOID: "page",
} as const satisfies Record<TPollStatus, "nothing" | "page" | "listed">;

export const POLLS_LISTED_FOR_DELEGATES = (Object.keys(DELEGATE_SEES) as TPollStatus[]).filter((s) => DELEGATE_SEES[s] === "listed");

/**
 * What there is to read of a poll's count in each state. Before close nobody — the
 * secretariat included — sees a count, only turnout ("hidden"). While paper ballots are
 * entered the poll is closed but its count does not exist yet ("pending": the figures of
 * issue and return, nothing of any choice). A CLOSED poll's count is taken from the
 * ballots as they stand, sealed when it came into being ("current"); from certification
 * on it is the frozen, stored result. A VOID poll has none.
 */
export const POLL_COUNT = {
  DRAFT: "hidden",
  OPEN: "hidden",
  PAPER_ENTRY: "pending",
  CLOSED: "current",
  CERTIFIED: "frozen",
  PUBLISHED: "frozen",
  VOID: "none",
} as const satisfies Record<TPollStatus, "hidden" | "pending" | "current" | "frozen" | "none">;

/**
 * Whether a session can be filed (会议档案): once something is published and nothing is
 * still being decided — every poll published, void or never opened. An open poll, one whose
 * paper ballots are being entered, or a closed or certified one would be missing from the
 * archive, or change after it.
 */
export type SessionFiling = "ready" | "nothing-published" | "in-progress";
export function sessionFiling(statuses: readonly TPollStatus[]): SessionFiling {
  if (statuses.some((s) => s === "OPEN" || s === "PAPER_ENTRY" || s === "CLOSED" || s === "CERTIFIED")) return "in-progress";
  return statuses.includes("PUBLISHED") ? "ready" : "nothing-published";
}
