/**
 * The snapshot file `npm run backup` writes and `npm run restore` reads: one file that says
 * what it holds and proves it is whole.
 *
 *   minsheng-snapshot/1\n          the format (a newer one is refused by name)
 *   sha256 <64 hex>\n              SHA-256 of every byte after this line
 *   {header JSON}\n                what it holds: time, schema version, audit chain head, tables and row counts
 *   <gzip>                         each table's rows as PostgreSQL COPY text, one after the other, in the header's order
 *
 * So `head -n 3 FILE` shows what a file holds, and `tail -n +3 FILE | sha256sum` checks it
 * with standard tools. A damaged, truncated or foreign file is refused before anything
 * is touched.
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { open, rename, rm, stat } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { z } from "zod";

export const SNAPSHOT_FORMAT = "minsheng-snapshot/1";
const HEX64 = /^[0-9a-f]{64}$/;
/** Far more than any header needs; a foreign file without line breaks is refused after reading this much. */
const MAX_HEADER_BYTES = 16 * 1024 * 1024;

/** A file that cannot be restored, with what to do about it. Nothing has been changed when it is thrown. */
export class SnapshotError extends Error {}

const ZMigration = z.object({ name: z.string().min(1), checksum: z.string().regex(HEX64) });

export const ZSnapshotHeader = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  /** The database's clock when the snapshot's transaction began (ISO 8601, UTC). */
  takenAt: z.string(),
  /** PostgreSQL's version on the machine it came from. */
  postgres: z.string(),
  /** The schema version: every applied migration, in order (the last one names the version). */
  schema: z.object({ version: z.string(), migrations: z.array(ZMigration).min(1) }),
  /** The audit chain at snapshot time: `npm run audit:verify` prints the same after a restore. */
  auditChain: z.object({ entries: z.number().int().nonnegative(), head: z.string().regex(HEX64) }),
  /** Polls and rating rounds open at snapshot time (their ballots are sealed; see the README). */
  open: z.object({ polls: z.number().int().nonnegative(), ratingRounds: z.number().int().nonnegative() }),
  /** In load order (a table after those it references); `bytes` of COPY text in the body. */
  tables: z.array(
    z.object({
      name: z.string().min(1),
      columns: z.array(z.string().min(1)).min(1),
      rows: z.number().int().nonnegative(),
      bytes: z.number().int().nonnegative(),
    }),
  ),
  sequences: z.array(z.object({ name: z.string().min(1), value: z.string().regex(/^-?\d+$/), isCalled: z.boolean() })),
  body: z.object({ encoding: z.literal("gzip"), content: z.literal("postgresql-copy-text") }),
});
export type SnapshotHeader = z.infer<typeof ZSnapshotHeader>;

export interface Snapshot {
  file: string;
  header: SnapshotHeader;
  /** Where the gzip body starts. */
  bodyOffset: number;
}

/**
 * Writes the file from its header and the gzip body already written to `bodyFile`: first
 * beside the target, made durable, then renamed into place, so a file under the final name
 * is always complete. Readable by its owner only: it holds the PIN and password hashes.
 */
export async function writeSnapshotFile(target: string, header: SnapshotHeader, bodyFile: string): Promise<string> {
  const headerLine = Buffer.from(JSON.stringify(header) + "\n");
  const hash = createHash("sha256").update(headerLine);
  await pipeline(createReadStream(bodyFile), hash);
  const partial = `${target}.partial`;
  const out = createWriteStream(partial, { mode: 0o600 });
  const checksum = hash.digest("hex");
  try {
    out.write(`${SNAPSHOT_FORMAT}\nsha256 ${checksum}\n`);
    out.write(headerLine);
    await pipeline(createReadStream(bodyFile), out);
    const fd = await open(partial, "r+");
    await fd.sync();
    await fd.close();
    await rename(partial, target);
    return checksum;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** What a snapshot holds, for a person: printed by the backup and by the restore before it starts. */
export function describeSnapshot(header: SnapshotHeader): string {
  const rows = header.tables.reduce((sum, t) => sum + t.rows, 0);
  const count = (name: string) => header.tables.find((t) => t.name === name)?.rows ?? 0;
  const open = header.open.polls + header.open.ratingRounds;
  return [
    `  taken at        ${header.takenAt} (the database's clock, UTC)`,
    `  schema version  ${header.schema.version} (${header.schema.migrations.length} migrations), PostgreSQL ${header.postgres}`,
    `  audit chain     ${header.auditChain.entries} entries, head ${header.auditChain.head}`,
    `  content         ${header.tables.length} tables, ${rows} rows: ${count("CongressSession")} sessions, ${count("Delegate")} delegates, ` +
      `${count("Poll")} polls, ${count("Ballot")} ballots, ${count("ProgressUpdate")} progress updates`,
    ...(open > 0
      ? [
          `  open            ${header.open.polls} poll(s) and ${header.open.ratingRounds} rating round(s) were open: their ballots are sealed, ` +
            `and counting them after a restore needs the same BALLOT_SEAL_KEY (kept in DATA_DIR, never in this file)`,
        ]
      : []),
  ].join("\n");
}

/** Reads the first lines of a file (at most MAX_HEADER_BYTES); `ends` are the offsets just after each line break. */
async function readLines(file: string, count: number): Promise<{ lines: string[]; ends: number[] }> {
  const fd = await open(file, "r");
  try {
    const chunks: Buffer[] = [];
    const ends: number[] = [];
    let read = 0;
    while (ends.length < count && read < MAX_HEADER_BYTES) {
      const buffer = Buffer.alloc(Math.min(64 * 1024, MAX_HEADER_BYTES - read));
      const { bytesRead } = await fd.read(buffer, 0, buffer.length, read);
      if (bytesRead === 0) break;
      for (let i = buffer.indexOf(10); i !== -1 && i < bytesRead && ends.length < count; i = buffer.indexOf(10, i + 1))
        ends.push(read + i + 1);
      chunks.push(buffer.subarray(0, bytesRead));
      read += bytesRead;
    }
    const all = Buffer.concat(chunks);
    const lines = ends.map((end, i) => all.subarray(i === 0 ? 0 : ends[i - 1]!, end - 1).toString("utf8"));
    return { lines, ends };
  } finally {
    await fd.close();
  }
}

/**
 * Opens a snapshot for restoring: checks that it is one (and of this format), that its
 * checksum matches every byte after it (a damaged or truncated copy does not), and reads
 * its header. Throws SnapshotError saying what is wrong and what to do.
 */
export async function openSnapshot(file: string): Promise<Snapshot> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new SnapshotError(`${file} is not a file.`);
    size = info.size;
  } catch (error) {
    if (error instanceof SnapshotError) throw error;
    throw new SnapshotError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const { lines, ends } = await readLines(file, 3);
  const [magic, checksumLine, headerLine] = lines;
  if (magic !== SNAPSHOT_FORMAT) {
    if (magic?.startsWith("minsheng-snapshot/")) {
      throw new SnapshotError(
        `${file} is a ${magic.slice(0, 40)} file, made by a newer version of the app; this version reads ${SNAPSHOT_FORMAT}. Restore it with the version that made it, or a later one.`,
      );
    }
    throw new SnapshotError(
      `${file} is not a snapshot made by 'npm run backup' (it does not begin with '${SNAPSHOT_FORMAT}'). Check that you picked the right file.`,
    );
  }
  const expected = /^sha256 ([0-9a-f]{64})$/.exec(checksumLine ?? "")?.[1];
  if (!expected || headerLine === undefined) {
    throw new SnapshotError(`${file} is damaged or truncated: its checksum line or header is missing. Use another copy of the backup.`);
  }
  const hash = createHash("sha256");
  await pipeline(createReadStream(file, { start: ends[1] }), hash);
  const actual = hash.digest("hex");
  if (actual !== expected) {
    throw new SnapshotError(
      `${file} is damaged or truncated: its content does not match its checksum (${size} bytes; expected SHA-256 ${expected}, found ${actual}). ` +
        `Nothing was changed. Use another copy of the backup.`,
    );
  }
  let header: SnapshotHeader;
  try {
    header = ZSnapshotHeader.parse(JSON.parse(headerLine));
  } catch (error) {
    throw new SnapshotError(
      `${file} has a checksum but its header is not what ${SNAPSHOT_FORMAT} describes (${(error as Error).message.slice(0, 300)}).`,
    );
  }
  return { file, header, bodyOffset: ends[2]! };
}

/**
 * Hands each table's COPY text to `load`, in the header's order, exactly `bytes` long each;
 * the body must end right after the last one.
 */
export async function readTables(
  snapshot: Snapshot,
  load: (table: SnapshotHeader["tables"][number], chunks: AsyncIterable<Buffer>) => Promise<void>,
): Promise<void> {
  const body = createReadStream(snapshot.file, { start: snapshot.bodyOffset }).pipe(createGunzip());
  const source = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let pending: Buffer = Buffer.alloc(0);
  async function* take(n: number): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      if (pending.length === 0) {
        const next = await source.next();
        if (next.done) throw new SnapshotError(`${snapshot.file}: the data ends early. Use another copy of the backup.`);
        pending = next.value;
      }
      const piece = pending.subarray(0, Math.min(left, pending.length));
      pending = pending.subarray(piece.length);
      left -= piece.length;
      yield piece;
    }
  }
  try {
    for (const table of snapshot.header.tables) {
      const chunks = take(table.bytes);
      await load(table, chunks);
      // Whatever `load` left unread of its table is skipped, so the next table starts right.
      while (!(await chunks.next()).done);
    }
    if (pending.length > 0 || !(await source.next()).done)
      throw new SnapshotError(`${snapshot.file}: there is more data than its header lists.`);
  } finally {
    body.destroy();
  }
}

/** Counts COPY text rows: each ends with a line break (a line break inside a value is written as \n). */
export function countLines(chunk: Buffer): number {
  let n = 0;
  for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
  return n;
}
