import { z } from "zod";
import { ZId, ZMoney } from "./common";
import { ZCandidateDetail } from "./session";

/** After the vote: implementation, progress, supervision, residents' posts. Shared by forms and server. */

export const ZMilestoneInput = z.object({
  title: z.string().trim().min(1).max(200),
  plannedOn: z.iso.date(),
  achievedOn: z.iso.date().nullable().default(null),
});

export const ZPlanInput = z.object({
  candidateId: ZId,
  leadOfficial: z.string().trim().min(1).max(50),
  budgetWan: ZMoney,
  deadline: z.iso.date(),
  startedOn: z.iso.date().nullable().default(null),
  completedOn: z.iso.date().nullable().default(null),
  milestones: z.array(ZMilestoneInput).max(50).default([]),
});
export type TPlanInput = z.input<typeof ZPlanInput>;

/** A progress update's photos: how many, and how large each may be (checked by the form first, then by the server). */
export const PHOTO_LIMITS = { perUpdate: 4, bytes: 8 * 1024 * 1024 } as const;

/** A photo travels base64-encoded (8 MiB is 11,184,812 characters); its type is judged from its bytes, not from this name. */
export const ZPhotoInput = z.object({
  contentBase64: z.string().min(1).max(11_200_000),
  alt: z.string().trim().min(1).max(200),
});

export const ZProgressUpdateInput = z.object({
  candidateId: ZId,
  body: z.string().trim().min(2).max(5000),
  percent: z.number().int().min(0).max(100),
  spentWan: ZMoney,
  /** A correction is a new entry pointing at the one it corrects; nothing published is edited. */
  correctsId: ZId.nullable().default(null),
  photos: z.array(ZPhotoInput).max(PHOTO_LIMITS.perUpdate).default([]),
});
export type TProgressUpdateInput = z.input<typeof ZProgressUpdateInput>;

export const SUPERVISION_KINDS = ["INSPECTION", "SUGGESTION"] as const;
export const ZSupervisionNoteInput = z.object({
  candidateId: ZId,
  kind: z.enum(SUPERVISION_KINDS),
  groupName: z.string().trim().max(100).nullable().default(null),
  summary: z.string().trim().min(2).max(200),
  body: z.string().trim().min(2).max(5000),
});
export type TSupervisionNoteInput = z.input<typeof ZSupervisionNoteInput>;
export const ZSupervisionReplyInput = z.object({ noteId: ZId, body: z.string().trim().min(2).max(5000) });
export type TSupervisionReplyInput = z.input<typeof ZSupervisionReplyInput>;

export const ZSuggestionInput = z.object({
  title: z.string().trim().min(4).max(100),
  description: z.string().trim().min(10).max(2000),
  category: z.string().trim().min(1).max(50),
  location: z.string().trim().max(100).default(""),
  contact: z.string().trim().max(100).default(""),
});
export type TSuggestionInput = z.input<typeof ZSuggestionInput>;
export const ZFeedbackInput = z.object({
  candidateId: ZId,
  body: z.string().trim().min(4).max(1000),
  contact: z.string().trim().max(100).default(""),
});
export type TFeedbackInput = z.input<typeof ZFeedbackInput>;
export const ZModerateInput = z.object({ kind: z.enum(["suggestion", "feedback"]), id: ZId, approve: z.boolean() });

export const ROUND_STATUSES = ["DRAFT", "OPEN", "CLOSED", "PUBLISHED"] as const;
export const ZRoundStatus = z.enum(ROUND_STATUSES);
export type TRoundStatus = z.infer<typeof ZRoundStatus>;

export const GRADES = ["SATISFIED", "BASIC", "UNSATISFIED"] as const;
export const ZGrade = z.enum(GRADES);
export type TGrade = z.infer<typeof ZGrade>;
export const ZRateInput = z.object({
  roundId: ZId,
  grades: z.record(ZId, ZGrade),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});
export type TRateInput = z.infer<typeof ZRateInput>;

// ─── what the projects procedures return ───

/** An approved project's status, derived from its plan and progress (server/domain/project-status.ts). */
export const PROJECT_STATUSES = ["NOT_STARTED", "IN_PROGRESS", "COMPLETED", "DELAYED"] as const;
export const ZProjectStatus = z.enum(PROJECT_STATUSES);
export type TProjectStatus = z.infer<typeof ZProjectStatus>;

/** The figures every page and report derives the same way (summarizeProgress). Money in 万元 as decimal strings. */
export const ZProjectProgress = z.object({
  status: ZProjectStatus,
  percent: z.number().int(),
  spentWan: z.string(),
  budgetWan: z.string().nullable(),
  latestUpdateAt: z.date().nullable(),
  /** The day the status was judged against (YYYY-MM-DD): today, or the demo data set's "as of" day. */
  asOf: z.iso.date(),
});

/** A project's satisfaction counts and its grade by the rule (null: nobody rated). */
export const ZProjectRating = z.object({
  candidateId: z.string(),
  satisfied: z.number().int(),
  basic: z.number().int(),
  unsatisfied: z.number().int(),
  grade: ZGrade.nullable(),
});
export type TProjectRating = z.infer<typeof ZProjectRating>;

/** A card of the public overview. */
export const ZProjectCard = ZProjectProgress.extend({
  id: z.string(),
  title: z.string(),
  category: z.string(),
  location: z.string(),
  unitName: z.string(),
  budgetWan: z.string(),
  latestPhoto: z.string().nullable(),
});
export type TProjectCard = z.infer<typeof ZProjectCard>;

/** A resident's project page: only approved posts and published ratings. Calendar days as YYYY-MM-DD. */
export const ZProjectPage = ZCandidateDetail.omit({ sortOrder: true }).extend({
  approved: z.boolean(),
  votes: z.array(
    z.object({
      pollId: z.string(),
      pollTitle: z.string(),
      for: z.number().int(),
      against: z.number().int(),
      abstain: z.number().int(),
      passed: z.boolean(),
      selected: z.boolean(),
    }),
  ),
  progress: ZProjectProgress,
  plan: z
    .object({
      leadOfficial: z.string(),
      deadline: z.string(),
      startedOn: z.string().nullable(),
      completedOn: z.string().nullable(),
      milestones: z.array(z.object({ id: z.string(), title: z.string(), plannedOn: z.string(), achievedOn: z.string().nullable() })),
      updates: z.array(
        z.object({
          id: z.string(),
          body: z.string(),
          percent: z.number().int(),
          spentWan: z.string(),
          createdAt: z.date(),
          correctsId: z.string().nullable(),
          photos: z.array(z.object({ key: z.string(), alt: z.string(), width: z.number().int(), height: z.number().int() })),
        }),
      ),
    })
    .nullable(),
  supervision: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(SUPERVISION_KINDS),
      summary: z.string(),
      groupName: z.string().nullable(),
      createdAt: z.date(),
      answered: z.boolean(),
    }),
  ),
  feedback: z.array(z.object({ id: z.string(), body: z.string(), createdAt: z.date() })),
  rating: ZProjectRating.extend({ roundTitle: z.string() }).nullable(),
});
export type TProjectPage = z.infer<typeof ZProjectPage>;

/** A department's own approved project, with the full supervision notes filed on it and their answers. */
export const ZDepartmentProject = ZProjectProgress.extend({
  id: z.string(),
  title: z.string(),
  category: z.string(),
  sessionName: z.string(),
  hasPlan: z.boolean(),
  notes: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(SUPERVISION_KINDS),
      groupName: z.string().nullable(),
      summary: z.string(),
      body: z.string(),
      createdAt: z.date(),
      delegateName: z.string(),
      replies: z.array(z.object({ id: z.string(), body: z.string(), createdAt: z.date() })),
    }),
  ),
});
export type TDepartmentProject = z.infer<typeof ZDepartmentProject>;

/** 进展情况汇总: one row per approved project, in slate order, with totals. */
export const ZProgressReport = z.object({
  sessionName: z.string(),
  today: z.string(),
  rows: z.array(
    ZProjectProgress.extend({
      position: z.number().int(),
      id: z.string(),
      title: z.string(),
      category: z.string(),
      unitName: z.string(),
      leadOfficial: z.string().nullable(),
      budgetWan: z.string(),
      deadline: z.string(),
      milestonesDone: z.number().int(),
      milestonesTotal: z.number().int(),
      nextMilestone: z.object({ title: z.string(), plannedOn: z.string() }).nullable(),
      supervisionTotal: z.number().int(),
      supervisionOpen: z.number().int(),
      rating: ZProjectRating.nullable(),
    }),
  ),
  totals: z.object({
    count: z.number().int(),
    budgetWan: z.string(),
    spentWan: z.string(),
    averagePercent: z.number().int(),
    byStatus: z.record(ZProjectStatus, z.number().int()),
  }),
});
export type TProgressReport = z.infer<typeof ZProgressReport>;

/** For the secretariat: every supervision note with its first answer's time; open ones first. */
export const ZSupervisionRow = z.object({
  id: z.string(),
  kind: z.enum(SUPERVISION_KINDS),
  summary: z.string(),
  createdAt: z.date(),
  groupName: z.string().nullable(),
  delegateName: z.string(),
  candidateId: z.string(),
  candidateTitle: z.string(),
  unitName: z.string(),
  firstReplyAt: z.date().nullable(),
  replyHours: z.number().int().nullable(),
});
export type TSupervisionRow = z.infer<typeof ZSupervisionRow>;

/** Residents' posts waiting for the secretariat's decision (contacts are for the secretariat only). */
export const ZPendingPosts = z.object({
  suggestions: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      description: z.string(),
      category: z.string(),
      location: z.string().nullable(),
      contact: z.string().nullable(),
      createdAt: z.date(),
    }),
  ),
  feedback: z.array(
    z.object({
      id: z.string(),
      body: z.string(),
      contact: z.string().nullable(),
      createdAt: z.date(),
      candidate: z.object({ title: z.string() }),
    }),
  ),
});
export type TPendingPosts = z.infer<typeof ZPendingPosts>;

export const ZRoundInput = z.object({ roundId: ZId });
export const ZStartRatingInput = z.object({ sessionId: ZId, title: z.string().trim().min(2).max(100) });
export const ZOpenRound = z.object({ id: z.string(), title: z.string() });
export const ZRateResult = z.object({ receipt: z.string(), replay: z.boolean() });

/** A rating round as the secretariat's close and publish buttons see it. */
export const ZRatingRound = z.object({
  id: z.string(),
  title: z.string(),
  status: ZRoundStatus,
  openedAt: z.date().nullable(),
  closedAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
  _count: z.object({ participations: z.number().int() }),
});
export type TRatingRound = z.infer<typeof ZRatingRound>;
