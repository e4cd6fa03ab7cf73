/**
 * npm run backup [-- <file or folder>]
 *
 * Writes one consistent snapshot of the app's database (scripts/lib/snapshot.ts) while the
 * app keeps serving: DATABASE_URL, or the embedded default in DATA_DIR (running or not).
 * Into backups/ by default, as minsheng-<UTC time>.snapshot. Exit 0 when written, 2 when not
 * (then no file under the final name exists).
 */
import { existsSync, statSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { openAppDatabase, root, type AppDatabase } from "./lib/app-database";
import { takeSnapshot } from "./lib/snapshot";
import { describeSnapshot, writeSnapshotFile } from "./lib/snapshot-file";

const USAGE = "usage: npm run backup [-- <file or folder>]   (default folder: backups/)";

/** Where the snapshot goes: a folder given (or backups/) gets a name with the time; a file name is used as is. */
function target(args: string[]): string {
  if (args.length > 1) throw new Error(`expected at most one file or folder, got ${args.length}\n${USAGE}`);
  // npm runs scripts from the project folder; a relative path means where the command was typed.
  const given = args[0] === undefined ? path.join(root, "backups") : path.resolve(process.env.INIT_CWD ?? process.cwd(), args[0]);
  const isFolder = args[0] === undefined || args[0].endsWith("/") || (existsSync(given) && statSync(given).isDirectory());
  if (!isFolder) return given;
  const stamp = new Date()
    .toISOString()
    .replace(/:/g, "-")
    .replace(/\.\d+Z$/, "Z");
  return path.join(given, `minsheng-${stamp}.snapshot`);
}

let file: string;
let database: AppDatabase | null = null;
try {
  file = target(process.argv.slice(2).filter((a) => a !== "--"));
  if (existsSync(file)) throw new Error(`${file} exists already; a backup never overwrites one. Name another file.`);
  await mkdir(path.dirname(file), { recursive: true });
  database = await openAppDatabase("command");
  const body = path.join(path.dirname(file), `.${path.basename(file)}.body`);
  try {
    const header = await takeSnapshot(database.url, body);
    const checksum = await writeSnapshotFile(file, header, body);
    console.log(`Backup written: ${file} (${statSync(file).size} bytes)`);
    console.log(describeSnapshot(header));
    console.log(`  checksum        ${checksum}  (tail -n +3 FILE | sha256sum)`);
    console.log("Copy it off this machine now: see README, 'Backup and restore'.");
  } finally {
    await rm(body, { force: true });
  }
} catch (e) {
  console.error(`Backup failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
} finally {
  database?.stop?.();
}
