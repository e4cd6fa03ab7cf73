import "server-only";
import { accountsRouter } from "./routers/accounts";
import { clerkRouter } from "./routers/clerk";
import { delegateRouter } from "./routers/delegate";
import { exportsRouter } from "./routers/exports";
import { projectsRouter } from "./routers/projects";
import { publicRouter } from "./routers/public";
import { rosterRouter } from "./routers/roster";
import { secretariatRouter } from "./routers/secretariat";
import { setupRouter } from "./routers/setup";
import { slateRouter } from "./routers/slate";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  public: publicRouter,
  delegate: delegateRouter,
  clerk: clerkRouter,
  secretariat: secretariatRouter,
  setup: setupRouter,
  roster: rosterRouter,
  slate: slateRouter,
  accounts: accountsRouter,
  projects: projectsRouter,
  exports: exportsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
