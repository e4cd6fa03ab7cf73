import "server-only";
import type { StaffActor } from "../auth/actor";
import type { Db } from "../db-client";
import { storedResult } from "../domain/approved-projects";
import { POLL_COUNT } from "../domain/poll-lifecycle";
import { AppError } from "../errors";
import { createPoll } from "./create-poll";

/** From a result with a run-off list: a new DRAFT poll among exactly those candidates, for the slots still open. */
export async function createRunoff(db: Db, actor: StaffActor, pollId: string): Promise<string> {
  const poll = await db.poll.findUnique({
    where: { id: pollId },
    select: {
      sessionId: true,
      title: true,
      seats: true,
      basis: true,
      quorumNum: true,
      quorumDen: true,
      secret: true,
      changeable: true,
      status: true,
      result: true,
      candidates: { select: { id: true, candidateId: true } },
    },
  });
  if (!poll) throw new AppError("NOT_FOUND");
  if (POLL_COUNT[poll.status] !== "frozen") throw new AppError("POLL_STATE");
  const result = storedResult(poll.result);
  if (!result || result.runoff.length === 0) throw new AppError("NO_RUNOFF_NEEDED");
  const selected = result.candidates.filter((c) => c.selected).length;
  const toCandidate = new Map(poll.candidates.map((c) => [c.id, c.candidateId]));
  return createPoll(
    db,
    actor,
    {
      sessionId: poll.sessionId,
      title: `${poll.title}（再次投票）`,
      kind: "COMPETITIVE",
      seats: poll.seats - selected,
      basis: poll.basis,
      quorumNum: poll.quorumNum,
      quorumDen: poll.quorumDen,
      secret: poll.secret,
      changeable: poll.changeable,
      candidateIds: result.runoff.map((id) => toCandidate.get(id)!),
    },
    pollId,
  );
}
