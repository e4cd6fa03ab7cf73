import { describe, expect, it } from "vitest";
import { appRouter } from "~/server/api/root";
import { changesPublicPages, proceduresOf } from "~/server/api/public-pages";

describe("which tRPC requests refresh the cached public pages", () => {
  it("reads the procedures of a batched request", () => {
    expect(proceduresOf("http://127.0.0.1:3000/api/trpc/projects.postUpdate,delegate.cast?batch=1")).toEqual([
      "projects.postUpdate",
      "delegate.cast",
    ]);
    expect(proceduresOf("http://127.0.0.1:3000/api/trpc/delegate.cast")).toEqual(["delegate.cast"]);
    expect(proceduresOf("http://127.0.0.1:3000/api/trpc/projects.postUpdate%2Cdelegate.cast?batch=1")).toEqual([
      "projects.postUpdate",
      "delegate.cast",
    ]);
  });

  it("the vote's busy mutations leave them alone; changes residents can see refresh them", () => {
    expect(changesPublicPages(["delegate.cast"])).toBe(false);
    expect(changesPublicPages(["delegate.checkIn", "projects.rate"])).toBe(false);
    for (const p of [
      "projects.postUpdate",
      "projects.savePlan",
      "projects.moderate",
      "projects.publishRating",
      "projects.fileNote",
      "secretariat.publishPoll",
      "slate.update",
    ]) {
      expect(changesPublicPages([p]), p).toBe(true);
    }
    expect(changesPublicPages(["delegate.cast", "projects.postUpdate"])).toBe(true);
  });

  it("every procedure named as leaving the public pages alone exists and is a mutation", () => {
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
    const quiet = Object.keys(procedures).filter((p) => procedures[p]!._def.type === "mutation" && !changesPublicPages([p]));
    expect(quiet.sort()).toEqual(
      [
        "clerk.enterPaper",
        "secretariat.deskCheckIn",
        "secretariat.clearSignInDelay",
        "delegate.cast",
        "delegate.checkIn",
        "delegate.signOff",
        "projects.feedback",
        "projects.rate",
        "projects.suggest",
        "secretariat.issueLoginToken",
        "setup.resetPin",
      ].sort(),
    );
  });
});
