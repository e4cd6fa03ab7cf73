import { z } from "zod";
import { CHOICE_VALUES, IDEMPOTENCY_KEY } from "../vote-choices";
import { ZId } from "./common";

/** Shared by the phone's forms and the server: the same rules on both sides. */

export { CHOICE_VALUES };
export const ZChoice = z.enum(CHOICE_VALUES);
export type TChoice = z.infer<typeof ZChoice>;

export const POLL_STATUSES = ["DRAFT", "OPEN", "PAPER_ENTRY", "CLOSED", "CERTIFIED", "PUBLISHED", "VOID"] as const;
export const ZPollStatus = z.enum(POLL_STATUSES);
export type TPollStatus = z.infer<typeof ZPollStatus>;
export const ZPollKind = z.enum(["EQUAL", "COMPETITIVE"]);
export const ZBasis = z.enum(["ALL_DELEGATES", "PRESENT", "VALID_BALLOTS"]);

/**
 * Candidate id → choice. zod's record silently drops a "__proto__" key; every raw key is
 * checked first, so nothing a client sends is ever ignored without a refusal.
 */
export const ZChoices = z.preprocess(
  (raw, ctx) => {
    if (raw !== null && typeof raw === "object") {
      for (const key of Object.keys(raw)) {
        if (!ZId.safeParse(key).success) ctx.addIssue({ code: "custom", message: "UNKNOWN_CANDIDATE", input: key });
      }
    }
    return raw;
  },
  z.record(ZId, ZChoice),
);

// ─── check-in ───

export const ZSetCheckInOpenInput = z.object({ sessionId: ZId, open: z.boolean() });
export type TSetCheckInOpenInput = z.infer<typeof ZSetCheckInOpenInput>;
export const ZDeskCheckInInput = z.object({ delegateId: ZId });
export type TDeskCheckInInput = z.infer<typeof ZDeskCheckInInput>;
export const ZCheckInResult = z.object({ checkedInAt: z.date(), already: z.boolean() });
export type TCheckInResult = z.infer<typeof ZCheckInResult>;
export const ZFindDelegatesInput = z.object({ sessionId: ZId, query: z.string().trim().min(1).max(40) });
/** 签到表: every seated delegate of the session by delegation and seat, with their check-in if any. */
export const ZAttendanceSheet = z.object({
  sessionName: z.string(),
  rows: z.array(
    z.object({
      delegationName: z.string(),
      seat: z.string(),
      name: z.string(),
      cardCode: z.string(),
      checkedInAt: z.date().nullable(),
      method: z.enum(["SELF", "DESK"]).nullable(),
    }),
  ),
});
export type TAttendanceSheet = z.infer<typeof ZAttendanceSheet>;
export const ZDelegateRow = z.object({
  id: z.string(),
  name: z.string(),
  seat: z.string(),
  cardCode: z.string(),
  delegationName: z.string(),
  checkedInAt: z.date().nullable(),
});
export type TDelegateRow = z.infer<typeof ZDelegateRow>;

// ─── polls (secretariat) ───

export const ZCreatePollInput = z
  .object({
    sessionId: ZId,
    title: z.string().trim().min(2).max(200),
    kind: ZPollKind,
    /** COMPETITIVE only; EQUAL uses the number of candidates. */
    seats: z.number().int().min(1).max(500).optional(),
    basis: ZBasis.default("ALL_DELEGATES"),
    quorumNum: z.number().int().min(0).max(100).default(2),
    quorumDen: z.number().int().min(1).max(100).default(3),
    secret: z.boolean().default(true),
    changeable: z.boolean().default(false),
    candidateIds: z.array(ZId).min(1).max(100),
  })
  .superRefine((v, ctx) => {
    if (new Set(v.candidateIds).size !== v.candidateIds.length)
      ctx.addIssue({ code: "custom", path: ["candidateIds"], message: "DUPLICATE" });
    if (v.quorumNum > v.quorumDen) ctx.addIssue({ code: "custom", path: ["quorumNum"], message: "RATIO_ABOVE_ONE" });
    if (v.kind === "COMPETITIVE" && (v.seats === undefined || v.seats >= v.candidateIds.length))
      ctx.addIssue({ code: "custom", path: ["seats"], message: "SEATS_BELOW_CANDIDATES" });
  });
export type TCreatePollInput = z.input<typeof ZCreatePollInput>;

export const ZPollIdInput = z.object({ pollId: ZId });
export type TPollIdInput = z.infer<typeof ZPollIdInput>;
export const ZVoidPollInput = z.object({ pollId: ZId, reason: z.string().trim().min(2).max(500) });
export type TVoidPollInput = z.infer<typeof ZVoidPollInput>;

export const ZPollCandidate = z.object({
  id: z.string(),
  candidateId: z.string(),
  position: z.number().int(),
  title: z.string(),
  unitName: z.string(),
  budgetWan: z.string(),
  targets: z.string(),
});
export type TPollCandidate = z.infer<typeof ZPollCandidate>;

export const ZPollCandidateResult = z.object({
  id: z.string(),
  for: z.number().int(),
  against: z.number().int(),
  abstain: z.number().int(),
  passed: z.boolean(),
  rank: z.number().int().nullable(),
  selected: z.boolean(),
});
export const ZPollResult = z.object({
  valid: z.number().int(),
  invalid: z.number().int(),
  candidates: z.array(ZPollCandidateResult),
  runoff: z.array(z.string()),
  unfilled: z.number().int(),
});
export type TPollResult = z.infer<typeof ZPollResult>;

/** A poll as the secretariat, the hall screen and (after publication) everyone see it. Never any choice before close. */
export const ZPollView = z.object({
  id: z.string(),
  sessionId: z.string(),
  title: z.string(),
  kind: ZPollKind,
  seats: z.number().int(),
  basis: ZBasis,
  quorumNum: z.number().int(),
  quorumDen: z.number().int(),
  secret: z.boolean(),
  changeable: z.boolean(),
  status: ZPollStatus,
  runoffOfId: z.string().nullable(),
  openedAt: z.date().nullable(),
  closedAt: z.date().nullable(),
  certifiedAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
  voidReason: z.string().nullable(),
  /**
   * 应到 / 实到 at open; 发出 / 收回 at close (live counts while open), phone and paper
   * together. Of those, paper: issued at the desk (live while open, frozen at close) and
   * returned (once paper entry is finished). Phone = total − paper.
   */
  seated: z.number().int().nullable(),
  present: z.number().int().nullable(),
  issued: z.number().int().nullable(),
  returned: z.number().int().nullable(),
  paperIssued: z.number().int().nullable(),
  paperReturned: z.number().int().nullable(),
  candidates: z.array(ZPollCandidate),
  /** Only once the poll is closed. */
  result: ZPollResult.nullable(),
  resultHash: z.string().nullable(),
  signoffs: z.array(z.object({ delegateName: z.string(), resultHash: z.string(), signedAt: z.date() })),
  /** How many scrutineers must confirm the same count to certify it (server/domain/certification.ts). */
  signoffsRequired: z.number().int(),
});
export type TPollView = z.infer<typeof ZPollView>;

/** A sign-in reissued to a delegate while the poll was open (DESIGN §4b), and whether a vote followed. */
export const ZReissue = z.object({
  delegateName: z.string(),
  seat: z.string(),
  kind: z.enum(["LOGIN_TOKEN", "PIN", "CARD"]),
  byName: z.string(),
  at: z.date(),
  voted: z.enum(["BEFORE", "PHONE_AFTER", "PAPER_AFTER", "NO"]),
});
export type TReissue = z.infer<typeof ZReissue>;
export const ZClerkScope = z.enum(["POLL", "SESSION"]);

/**
 * What the scrutineers see before they sign besides the count (DESIGN §4 promise 7): who
 * the tally clerks are and who designated them, who was handed a paper ballot by whom, and
 * every sign-in reissued while the poll was open.
 */
export const ZOversight = z.object({
  clerks: z.object({ scope: ZClerkScope, names: z.array(z.string()) }),
  clerkAssignments: z.array(z.object({ scope: ZClerkScope, byName: z.string(), names: z.array(z.string()), at: z.date() })),
  paperIssued: z.array(z.object({ delegateName: z.string(), seat: z.string(), byName: z.string() })),
  reissues: z.array(ZReissue),
});
export type TOversight = z.infer<typeof ZOversight>;
export const ZSignoffView = ZPollView.extend({ oversight: ZOversight });
export type TSignoffView = z.infer<typeof ZSignoffView>;

/**
 * What a published poll's 公告 is written from (lib/announcement.ts): the poll, its session, and
 * the audit chain's head at certification, printed so a paper copy anchors the chain.
 */
export const ZAnnouncementSource = z.object({ sessionName: z.string(), year: z.number().int(), poll: ZPollView, auditHead: z.string() });
export type TAnnouncementSource = z.infer<typeof ZAnnouncementSource>;

export const ZPollSummary = ZPollView.pick({
  id: true,
  title: true,
  kind: true,
  seats: true,
  status: true,
  runoffOfId: true,
  secret: true,
});
export type TPollSummary = z.infer<typeof ZPollSummary>;

/** Live figures for the cockpit and the hall screen: counts only, never choices. */
export const ZTurnout = z.object({
  sessionId: z.string(),
  seated: z.number().int(),
  present: z.number().int(),
  quorumMet: z.boolean(),
  poll: z
    .object({
      id: z.string(),
      title: z.string(),
      status: ZPollStatus,
      issued: z.number().int(),
      returned: z.number().int(),
      /**
       * Paper ballots issued at the desk and not yet counted: each is returned only once
       * entered, so until then 未投 includes them.
       */
      paperOut: z.number().int(),
    })
    .nullable(),
});
export type TTurnout = z.infer<typeof ZTurnout>;

/**
 * Before a close: what turnout leaves possible (server/domain/pass-outlook.ts), with the
 * figures it was worked out from, so the dialog can say it in numbers.
 */
export const ZCloseOutlook = z.object({
  verdict: z.enum(["NONE_CAN_PASS", "UNLIKELY", "POSSIBLE"]),
  basis: ZBasis,
  basisCount: z.number().int().nullable(),
  needed: z.number().int().nullable(),
  slots: z.number().int(),
  maxPassing: z.number().int(),
  maxPassingIfAllReturned: z.number().int(),
  outstanding: z.number().int(),
  neededPercent: z.number().int().nullable(),
  issued: z.number().int(),
  returned: z.number().int(),
});
export type TCloseOutlook = z.infer<typeof ZCloseOutlook>;

// ─── casting (delegate) ───

/**
 * The phone makes `idempotencyKey` once per ballot (crypto.randomUUID) and keeps it with
 * the draft until it sees the receipt; every retry sends the same key.
 */
export const ZIdempotencyKey = z.string().regex(IDEMPOTENCY_KEY);
export const ZCastBallotInput = z.object({
  pollId: ZId,
  /** pollCandidate id → choice; every candidate of the poll must be marked. */
  choices: ZChoices,
  idempotencyKey: ZIdempotencyKey,
  /** Changeable polls: the key of the ballot this one replaces. */
  replacesKey: ZIdempotencyKey.optional(),
});
export type TCastBallotInput = z.infer<typeof ZCastBallotInput>;
export const ZCastBallotResult = z.object({ tracker: z.string(), replay: z.boolean() });
export type TCastBallotResult = z.infer<typeof ZCastBallotResult>;

/** What the phone needs to show the ballot: the poll, its candidates, and whether this delegate already took part. */
export const ZDelegatePollView = z.object({
  id: z.string(),
  title: z.string(),
  kind: ZPollKind,
  seats: z.number().int(),
  secret: z.boolean(),
  changeable: z.boolean(),
  status: ZPollStatus,
  candidates: z.array(ZPollCandidate),
  voted: z.boolean(),
  /** Took part with a paper ballot handed out at the desk: the phone shows that instead of a ballot. */
  paper: z.boolean(),
  checkedIn: z.boolean(),
});
export type TDelegatePollView = z.infer<typeof ZDelegatePollView>;

export const ZDelegateSessionState = z.object({
  sessionId: z.string(),
  checkInOpen: z.boolean(),
  checkedInAt: z.date().nullable(),
  isScrutineer: z.boolean(),
  /** Polls a delegate can see: open ones, and closed ones (paper still being entered, awaiting or past certification). */
  polls: z.array(
    ZPollSummary.extend({
      voted: z.boolean(),
      /** Took part with a paper ballot from the desk: not voted yet as far as the phone knows, and no receipt code. */
      paper: z.boolean(),
    }),
  ),
});
export type TDelegateSessionState = z.infer<typeof ZDelegateSessionState>;

// ─── scrutineers, paper, publication ───

export const ZSignoffInput = z.object({ pollId: ZId, resultHash: z.string().regex(/^[0-9a-f]{64}$/) });
export type TSignoffInput = z.infer<typeof ZSignoffInput>;

export const ZPaperEntryInput = z.object({
  pollId: ZId,
  serial: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,20}$/),
  /** pollCandidate id → choice; a blank mark is simply absent. */
  choices: ZChoices,
});
export type TPaperEntryInput = z.infer<typeof ZPaperEntryInput>;
export const ZPaperStatus = z.object({
  /** Paper ballots issued at the desk (live while the poll is open, then frozen). */
  issued: z.number().int(),
  matched: z.number().int(),
  pending: z.array(z.object({ serial: z.string(), clerkName: z.string() })),
  mismatched: z.array(z.object({ serial: z.string(), clerks: z.array(z.string()) })),
});
export type TPaperStatus = z.infer<typeof ZPaperStatus>;
export const ZIssuePaperInput = z.object({ pollId: ZId, delegateId: ZId });
export type TIssuePaperInput = z.infer<typeof ZIssuePaperInput>;
export const ZSetPollClerksInput = z.object({ pollId: ZId, staffIds: z.array(ZId).max(50) });
export type TSetPollClerksInput = z.infer<typeof ZSetPollClerksInput>;

export const ZTrackerLookupInput = z.object({ pollId: ZId, tracker: z.string().trim().min(4).max(20) });
/** The receipt code alone, as the short check address carries it (`/r/<code>`). */
export const ZReceiptCodeInput = ZTrackerLookupInput.pick({ tracker: true });
export const ZReceiptPolls = z.object({
  /** The code as stored (upper case, grouped), for showing back. */
  tracker: z.string(),
  /** The published polls whose record holds a ballot with this code: almost always one, none before publication. */
  polls: z.array(z.object({ pollId: z.string(), title: z.string() })),
});
export type TReceiptPolls = z.infer<typeof ZReceiptPolls>;
