import "server-only";
import type { Db } from "../db-client";
import { passOutlook } from "../domain/pass-outlook";
import { AppError } from "../errors";
import type { TCloseOutlook } from "~/lib/schemas/vote";

/**
 * The close dialog's question for an OPEN poll: can anything still pass if it closes now?
 * Reads turnout only — 发出 (delegates checked in now, as the close will count them), 收回
 * (participations), 应到/实到 frozen at open — never a ballot, so it reveals nothing a
 * sealed box would hide. Turnout only grows while the poll is open, so an answer that is a
 * moment old errs on the side of warning.
 */
export async function getCloseOutlook(db: Db, pollId: string): Promise<TCloseOutlook> {
  const poll = await db.poll.findUnique({
    where: { id: pollId },
    select: {
      sessionId: true,
      status: true,
      kind: true,
      seats: true,
      basis: true,
      seated: true,
      present: true,
      // Returned so far: phone ballots. A paper ballot issued at the desk is out, not yet returned.
      _count: { select: { candidates: true, participations: { where: { kind: "PHONE" } } } },
    },
  });
  if (!poll) throw new AppError("NOT_FOUND");
  if (poll.status !== "OPEN") throw new AppError("POLL_STATE");
  const issued = await db.checkIn.count({ where: { sessionId: poll.sessionId, delegate: { active: true } } });
  const returned = poll._count.participations;
  const outlook = passOutlook({
    kind: poll.kind,
    seats: poll.seats,
    candidates: poll._count.candidates,
    basis: poll.basis,
    seated: poll.seated ?? 0,
    present: poll.present ?? 0,
    issued,
    returned,
  });
  return { ...outlook, basis: poll.basis, issued, returned };
}
