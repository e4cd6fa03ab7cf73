import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { clientKeyFrom } from "../auth/options";
import { getActor } from "../auth/session";
import { createCaller } from "./root";
import { createContextFor } from "./trpc";

/** The tRPC caller for server components: same procedures, same permission checks, no HTTP hop. */
export const getServerCaller = cache(async () => createCaller(createContextFor(await getActor(), clientKeyFrom(await headers()))));
