import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";

/** What the projects procedures return, as the pages and forms receive it (dates stay dates: superjson). */
type Outputs = inferRouterOutputs<AppRouter>["projects"];
export type TProjectPage = Outputs["get"];
export type TProjectListItem = Outputs["list"][number];
export type TProjectStatus = TProjectListItem["status"];
export type TMyProject = Outputs["mine"][number];
export type TProjectRating = Outputs["ratingCounts"][number];
export type TRatingRound = Outputs["rounds"][number];
export type TSupervisionRow = Outputs["supervision"][number];
export type TPendingPosts = Outputs["pending"];

export const PROJECT_STATUS_ORDER: readonly TProjectStatus[] = ["NOT_STARTED", "IN_PROGRESS", "DELAYED", "COMPLETED"];

/** Photos are stored in two web sizes; the URL is the file route's. */
export const photoUrl = (key: string, size: "large" | "thumb") => `/api/files/${key}-${size}.webp`;
