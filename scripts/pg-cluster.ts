/**
 * Throwaway PostgreSQL clusters for the test suite, the fault tests and the bench, from the
 * same embedded binaries as `npm start` (scripts/lib/embedded-postgres.ts). Each lives in a
 * fresh folder under the system temp dir, listens on a free loopback port and trusts its
 * loopback connections (nothing of value is in it).
 *
 *   pg-cluster.ts start [-c name=value …]    prints "ROOT PORT"; data in ROOT/data, log ROOT/postgres.log
 *   pg-cluster.ts restart ROOT fast|immediate same port and settings
 *   pg-cluster.ts stop ROOT                   fast, then immediate if that hangs; removes ROOT
 *   pg-cluster.ts sql URL STATEMENT           runs one statement (the embedded binaries bring no psql)
 *
 * e.g.  read -r PG_ROOT PG_PORT < <(npx tsx scripts/pg-cluster.ts start -c fsync=off)
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  EmbeddedPostgresError,
  freePort,
  initCluster,
  restartCluster,
  serverBinaries,
  startCluster,
  stopCluster,
  type StopMode,
} from "./lib/embedded-postgres";
import { withClient } from "./lib/pg-client";

const ROOT_PREFIX = path.join(tmpdir(), "minsheng-pg.");

async function start(settings: string[]) {
  const root = mkdtempSync(ROOT_PREFIX);
  chmodSync(root, 0o755); // the cluster's owner must reach ROOT/data
  try {
    initCluster(path.join(root, "data"));
    const port = await freePort();
    startCluster(path.join(root, "data"), { port, logFile: path.join(root, "postgres.log"), settings });
    console.log(`${root} ${port}`);
  } catch (error) {
    stop(root);
    throw error;
  }
}

function stop(root: string) {
  if (!root.startsWith(ROOT_PREFIX)) throw new EmbeddedPostgresError(`refusing to remove ${root}: not made by pg-cluster.ts start`);
  stopCluster(path.join(root, "data"));
  rmSync(root, { recursive: true, force: true });
}

const sql = (url: string, statement: string) => withClient(url, (client) => client.query(statement));

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === "start") await start(rest);
  else if (command === "restart")
    restartCluster(path.join(rest[0]!, "data"), path.join(rest[0]!, "postgres.log"), (rest[1] ?? "fast") as StopMode);
  else if (command === "stop") stop(rest[0]!);
  else if (command === "sql") await sql(rest[0]!, rest[1]!);
  else if (command === "version") console.log(serverBinaries().version);
  else
    throw new EmbeddedPostgresError(
      "usage: pg-cluster.ts start [-c name=value …] | restart ROOT fast|immediate | stop ROOT | sql URL STATEMENT | version",
    );
} catch (error) {
  console.error(`pg-cluster: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
