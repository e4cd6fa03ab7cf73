import "server-only";
import type { Db } from "../db-client";
import { POLL_COUNT } from "../domain/poll-lifecycle";
import { quorumMet } from "../domain/quorum";
import type { TTurnout } from "~/lib/schemas/vote";
import { seatedAndPresent } from "./poll-rows";
import { participationCounts } from "./poll-view";

/** Live figures for the cockpit and the hall screen: the session's current (latest non-draft) poll. */
export async function getTurnout(db: Db, sessionId: string): Promise<TTurnout> {
  const [{ seated, present }, poll] = await Promise.all([
    seatedAndPresent(db, sessionId),
    db.poll.findFirst({
      where: { sessionId, status: { not: "DRAFT" } },
      orderBy: [{ openedAt: { sort: "desc", nulls: "last" } }],
      select: { id: true, title: true, status: true, issued: true, returned: true, paperIssued: true },
    }),
  ]);
  let livePoll: TTurnout["poll"] = null;
  if (poll) {
    // While open, 发出 is who is checked in now (read above, not a second time).
    const live = poll.status === "OPEN" ? await participationCounts(db, poll.id) : null;
    livePoll = {
      id: poll.id,
      title: poll.title,
      status: poll.status,
      issued: live ? present : (poll.issued ?? present),
      returned: live?.returned ?? poll.returned ?? 0,
      paperOut: ["hidden", "pending"].includes(POLL_COUNT[poll.status]) ? (live?.paperIssued ?? poll.paperIssued ?? 0) : 0,
    };
  }
  return { sessionId, seated, present, quorumMet: quorumMet(present, seated), poll: livePoll };
}
