import "server-only";
import { clerkRouter } from "./routers/clerk";
import { delegateRouter } from "./routers/delegate";
import { publicRouter } from "./routers/public";
import { secretariatRouter } from "./routers/secretariat";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  public: publicRouter,
  delegate: delegateRouter,
  clerk: clerkRouter,
  secretariat: secretariatRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
