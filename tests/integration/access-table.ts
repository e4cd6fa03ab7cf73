import { appRouter } from "~/server/api/root";

/**
 * Who may call each procedure at all (per-object checks come on top, in other tests).
 * A procedure added without a row here fails authorization-matrix.test.ts: every new procedure must
 * declare who may call it.
 */
export type Rung = "public" | "delegate" | "staff" | "clerk" | "secretariat" | "admin";
export const ACCESS: Record<string, Rung> = {
  "public.currentSession": "public",
  "public.candidate": "public",
  "public.publishedPolls": "public",
  "public.result": "public",
  "public.lookupTracker": "public",
  "public.findReceipt": "public",
  "public.turnout": "public",
  "public.liveTurnout": "public",
  "delegate.me": "delegate",
  "delegate.state": "delegate",
  "delegate.checkIn": "delegate",
  "delegate.poll": "delegate",
  "delegate.cast": "delegate",
  "delegate.countForSignoff": "delegate",
  "delegate.signOff": "delegate",
  "clerk.session": "clerk",
  "clerk.paperPoll": "clerk",
  "clerk.issuePaper": "clerk",
  "clerk.enterPaper": "clerk",
  "clerk.finishPaper": "clerk",
  "clerk.paperStatus": "clerk",
  "secretariat.overview": "secretariat",
  "secretariat.turnout": "secretariat",
  "secretariat.setCheckInOpen": "secretariat",
  "secretariat.findDelegates": "clerk",
  "secretariat.deskCheckIn": "clerk",
  "secretariat.issueLoginToken": "secretariat",
  "secretariat.polls": "secretariat",
  "secretariat.poll": "secretariat",
  "secretariat.createPoll": "secretariat",
  "secretariat.openPoll": "secretariat",
  "secretariat.closeOutlook": "secretariat",
  "secretariat.closePoll": "secretariat",
  "secretariat.setPollClerks": "secretariat",
  "secretariat.voidPoll": "secretariat",
  "secretariat.publishPoll": "secretariat",
  "secretariat.createRunoff": "secretariat",
  "setup.congresses": "secretariat",
  "setup.sessions": "secretariat",
  "setup.session": "secretariat",
  "setup.createSession": "secretariat",
  "setup.addDelegation": "secretariat",
  "setup.setScrutineers": "secretariat",
  "setup.setClerks": "secretariat",
  "setup.printCards": "secretariat",
  "setup.resetPin": "secretariat",
  "setup.setDelegateActive": "secretariat",
  "setup.delegates": "secretariat",
  "roster.preview": "secretariat",
  "roster.import": "secretariat",
  "slate.list": "secretariat",
  "slate.departments": "secretariat",
  "slate.suggestions": "secretariat",
  "slate.create": "secretariat",
  "slate.update": "secretariat",
  "slate.delete": "secretariat",
  "slate.reorder": "secretariat",
  "accounts.list": "admin",
  "accounts.create": "admin",
  "accounts.update": "admin",
  "accounts.audit": "secretariat",
  "projects.list": "public",
  "projects.get": "public",
  "projects.suggest": "public",
  "projects.feedback": "public",
  "projects.ratingResults": "public",
  "projects.savePlan": "staff",
  "projects.postUpdate": "staff",
  "projects.reply": "staff",
  "projects.mine": "staff",
  "projects.fileNote": "delegate",
  "projects.openRound": "delegate",
  "projects.rate": "delegate",
  "projects.progressReport": "secretariat",
  "projects.supervision": "secretariat",
  "projects.pending": "secretariat",
  "projects.moderate": "secretariat",
  "projects.startRating": "secretariat",
  "projects.closeRating": "secretariat",
  "projects.publishRating": "secretariat",
  "projects.ratingCounts": "secretariat",
  "projects.rounds": "secretariat",
  "exports.attendance": "secretariat",
  "exports.results": "secretariat",
  "exports.announcement": "secretariat",
};

/** Who calls: a scrutineer is a delegate chosen by the session, a disabled account is anyone whose account was switched off. */
export const ROLES = ["anonymous", "delegate", "scrutineer", "department", "clerk", "secretariat", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const ALLOWED: Record<Rung, Role[]> = {
  public: [...ROLES],
  delegate: ["delegate", "scrutineer"],
  staff: ["department", "clerk", "secretariat", "admin"],
  clerk: ["clerk", "secretariat", "admin"],
  secretariat: ["secretariat", "admin"],
  admin: ["admin"],
};

export type ProcedureType = "query" | "mutation" | "subscription";
/** Every procedure of the app router, by its dotted path: enumerated, never listed by hand. */
export const PROCEDURES = appRouter._def.procedures as unknown as Record<
  string,
  { _def: { type: ProcedureType; inputs: unknown[]; output?: unknown } }
>;
