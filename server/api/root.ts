import "server-only";
import { delegateRouter } from "./routers/delegate";
import { publicRouter } from "./routers/public";
import { secretariatRouter } from "./routers/secretariat";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  public: publicRouter,
  delegate: delegateRouter,
  secretariat: secretariatRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
