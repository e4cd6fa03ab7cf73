import "server-only";
import type { StaffActor } from "../auth/actor";
import { hitRateLimit } from "../auth/rate-limit";
import type { Db } from "../db-client";
import { AppError, parseInput } from "../errors";
import type { TFeedbackInput, TPendingPosts, TSuggestionInput } from "~/lib/schemas/projects";
import { ZFeedbackInput, ZSuggestionInput } from "~/lib/schemas/projects";
import { appendAudit } from "./audit";

// Anti-spam without a third-party service: a few posts per client address per hour
// (counted in PostgreSQL, so every app server agrees) and size limits in the schemas.
// Nothing a resident posts is shown before the secretariat approves it.
const POSTS_PER_HOUR = 5;

async function throttle(db: Db, client: string) {
  if ((await hitRateLimit(db, `post:${client}`, 3600)) > POSTS_PER_HOUR) throw new AppError("RATE_LIMITED");
}

export async function submitSuggestion(db: Db, client: string, raw: TSuggestionInput): Promise<string> {
  const input = parseInput(ZSuggestionInput, raw);
  await throttle(db, client);
  const session = await db.congressSession.findFirst({ orderBy: [{ year: "desc" }, { startsOn: "desc" }], select: { id: true } });
  const s = await db.suggestion.create({
    data: {
      sessionId: session?.id ?? null,
      title: input.title,
      description: input.description,
      category: input.category,
      location: input.location || null,
      contact: input.contact || null,
    },
  });
  return s.id;
}

export async function submitFeedback(db: Db, client: string, raw: TFeedbackInput): Promise<string> {
  const input = parseInput(ZFeedbackInput, raw);
  if (!(await db.candidate.count({ where: { id: input.candidateId } }))) throw new AppError("NOT_FOUND");
  await throttle(db, client);
  const f = await db.feedback.create({ data: { candidateId: input.candidateId, body: input.body, contact: input.contact || null } });
  return f.id;
}

export async function moderate(db: Db, actor: StaffActor, kind: "suggestion" | "feedback", id: string, approve: boolean): Promise<void> {
  const status = approve ? "APPROVED" : "REJECTED";
  await db.$transaction(async (tx) => {
    const updated =
      kind === "suggestion"
        ? await tx.suggestion.updateMany({ where: { id, status: "PENDING" }, data: { status } })
        : await tx.feedback.updateMany({ where: { id, status: "PENDING" }, data: { status } });
    if (updated.count !== 1) throw new AppError("CONFLICT");
    await appendAudit(tx, actor, {
      action: `${kind}.${approve ? "approved" : "rejected"}`,
      entityType: kind === "suggestion" ? "Suggestion" : "Feedback",
      entityId: id,
    });
  });
}

export async function pendingPosts(db: Db): Promise<TPendingPosts> {
  const [suggestions, feedback] = await Promise.all([
    db.suggestion.findMany({ where: { status: "PENDING" }, orderBy: { createdAt: "asc" }, take: 100 }),
    db.feedback.findMany({
      where: { status: "PENDING" },
      orderBy: { createdAt: "asc" },
      take: 100,
      include: { candidate: { select: { title: true } } },
    }),
  ]);
  return { suggestions, feedback };
}
