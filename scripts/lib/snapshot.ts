/**
 * A logical snapshot of the app's database over the ordinary PostgreSQL protocol, taken and
 * loaded by the project's own code: the embedded PostgreSQL brings no pg_dump, and a
 * district's server need not have a matching one.
 *
 * Taking: one REPEATABLE READ, READ ONLY transaction sees one committed state while the app
 * keeps serving (a vote storm included: every ballot committed before it began is in it,
 * none after), and holds ACCESS SHARE locks so no migration changes a table under it.
 * Each table leaves as COPY text, ordered by its primary key — never in the order rows were
 * written, so a snapshot cannot line up a secret poll's participations with its ballots.
 *
 * Loading: one transaction into a schema freshly built at the snapshot's version. The
 * app's triggers (participation only while a poll is open, the append-only audit log, frozen
 * results, …) guard live changes, not history, so those enabled are switched off for the
 * load and on again before the commit; foreign keys stay checked, deferrable constraints
 * are checked before the commit, sequences continue where they were. Nothing is committed
 * unless every table holds exactly the rows the header lists and the audit chain ends at
 * the recorded head.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { createGzip } from "node:zlib";
import { pipeline } from "node:stream/promises";
import { GENESIS_HASH } from "../../server/domain/audit-chain";
import { appliedMigrations, type Migration } from "./migrations";
import { countLines, readTables, SNAPSHOT_FORMAT, SnapshotError, type Snapshot, type SnapshotHeader } from "./snapshot-file";

/** Prisma keeps the app's tables in `public`; a restore builds its copy in another schema first. */
export const APP_SCHEMA = "public";

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * A connection whose COPY text means the same on both ends whatever the server's
 * configuration: dates in ISO, times in UTC, floats exact, bytea in hex, UTF-8.
 */
export async function snapshotConnection(url: string, applicationName: string, schema = APP_SCHEMA): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: applicationName });
  await client.connect();
  await client.query(
    `SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; SET extra_float_digits = 3;
     SET bytea_output = 'hex'; SET client_encoding = 'UTF8'; SET search_path = ${quoteIdent(schema)}`,
  );
  return client;
}

/** How long the audit chain is and the hash it ends at (the genesis hash when it is empty). */
async function auditChainEnd(client: pg.ClientBase): Promise<SnapshotHeader["auditChain"]> {
  const { rows } = await client.query<{ entries: number; head: string | null }>(
    `SELECT count(*)::int AS entries, (SELECT "hash" FROM "AuditLog" ORDER BY "seq" DESC LIMIT 1) AS head FROM "AuditLog"`,
  );
  return { entries: rows[0]!.entries, head: rows[0]!.head ?? GENESIS_HASH };
}

/** Rows of a table with status OPEN; 0 when an older schema has no such table. */
async function countOpen(client: pg.ClientBase, table: string): Promise<number> {
  const { rows } = await client.query<{ exists: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS "exists"`, [quoteIdent(table)]);
  if (!rows[0]!.exists) return 0;
  const { rows: open } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdent(table)} WHERE "status" = 'OPEN'`);
  return open[0]!.n;
}

interface TableInfo {
  oid: number;
  name: string;
  columns: string[];
  orderBy: string[];
}

/** The schema's tables (Prisma's bookkeeping aside), each after the tables its foreign keys reference. */
async function tablesInLoadOrder(client: pg.ClientBase, schema: string): Promise<TableInfo[]> {
  const { rows: tables } = await client.query<{ oid: number; name: string; columns: string[]; pk: string[] | null }>(
    `SELECT c.oid::int AS oid, c.relname AS name,
            (SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '') AS columns,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM pg_index i
               CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
              WHERE i.indrelid = c.oid AND i.indisprimary) AS pk
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> '_prisma_migrations'
      ORDER BY c.relname`,
    [schema],
  );
  const { rows: references } = await client.query<{ from: number; to: number }>(
    `SELECT conrelid::int AS "from", confrelid::int AS "to" FROM pg_constraint
      WHERE contype = 'f' AND connamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND conrelid <> confrelid`,
    [schema],
  );
  const ordered: TableInfo[] = [];
  const placed = new Set<number>();
  const remaining = new Set(tables.map((t) => t.oid));
  while (remaining.size > 0) {
    const ready = tables.filter(
      (t) => remaining.has(t.oid) && references.every((r) => r.from !== t.oid || placed.has(r.to) || !remaining.has(r.to)),
    );
    if (ready.length === 0) {
      const cycle = tables.filter((t) => remaining.has(t.oid)).map((t) => t.name);
      throw new Error(`the foreign keys of ${cycle.join(", ")} form a cycle; a snapshot cannot order them for loading`);
    }
    for (const t of ready) {
      ordered.push({ oid: t.oid, name: t.name, columns: t.columns, orderBy: t.pk ?? t.columns });
      placed.add(t.oid);
      remaining.delete(t.oid);
    }
  }
  return ordered;
}

/**
 * Takes a snapshot of the database at `url` into `bodyFile` (gzip, COPY text) and returns
 * the header that describes it; snapshot-file.ts writes the two together.
 */
export async function takeSnapshot(url: string, bodyFile: string): Promise<SnapshotHeader> {
  const client = await snapshotConnection(url, "minsheng-backup");
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    // The first statement fixes the transaction's view of the data; its clock is the snapshot's time.
    const { rows: info } = await client.query<{ takenAt: Date; postgres: string }>(
      `SELECT transaction_timestamp() AS "takenAt", current_setting('server_version') AS postgres`,
    );
    const migrations = await appliedMigrations(client);
    if (!migrations || migrations.length === 0) {
      throw new Error("the database has no tables yet (no migration applied): there is nothing to back up");
    }
    const tables = await tablesInLoadOrder(client, APP_SCHEMA);
    // No migration may change a table while it is being read.
    for (const t of tables) await client.query(`LOCK TABLE ${quoteIdent(t.name)} IN ACCESS SHARE MODE`);

    const auditChain = await auditChainEnd(client);
    const open = { polls: await countOpen(client, "Poll"), ratingRounds: await countOpen(client, "RatingRound") };
    // Sequences are not transactional: a value read now is at least every value the snapshot's rows hold.
    const { rows: sequenceNames } = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind = 'S' ORDER BY c.relname`,
      [APP_SCHEMA],
    );
    const sequences: SnapshotHeader["sequences"] = [];
    for (const { name } of sequenceNames) {
      const { rows } = await client.query<{ value: string; isCalled: boolean }>(
        `SELECT last_value::text AS value, is_called AS "isCalled" FROM ${quoteIdent(name)}`,
      );
      sequences.push({ name, ...rows[0]! });
    }

    const gzip = createGzip();
    const written = pipeline(gzip, createWriteStream(bodyFile, { mode: 0o600 }));
    const listed: SnapshotHeader["tables"] = [];
    try {
      for (const t of tables) {
        const columns = t.columns.map(quoteIdent).join(", ");
        const order = t.orderBy.map(quoteIdent).join(", ");
        const copy = client.query(copyTo(`COPY (SELECT ${columns} FROM ${quoteIdent(t.name)} ORDER BY ${order}) TO STDOUT`));
        let bytes = 0;
        let rows = 0;
        for await (const chunk of copy as AsyncIterable<Buffer>) {
          bytes += chunk.length;
          rows += countLines(chunk);
          if (!gzip.write(chunk)) await once(gzip, "drain");
        }
        listed.push({ name: t.name, columns: t.columns, rows, bytes });
      }
    } finally {
      gzip.end();
      await written;
    }
    await client.query("COMMIT");
    return {
      format: SNAPSHOT_FORMAT,
      takenAt: info[0]!.takenAt.toISOString(),
      postgres: info[0]!.postgres,
      schema: { version: migrations.at(-1)!.name, migrations },
      auditChain,
      open,
      tables: listed,
      sequences,
      body: { encoding: "gzip", content: "postgresql-copy-text" },
    };
  } finally {
    await client.end();
  }
}

/** Tables of a schema that hold at least one row (Prisma's bookkeeping aside): what a restore must not overwrite unasked. */
export async function tablesWithRows(client: pg.ClientBase, schema: string): Promise<string[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> '_prisma_migrations' ORDER BY 1`,
    [schema],
  );
  const filled: string[] = [];
  for (const { name } of tables) {
    const { rows } = await client.query<{ any: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ${quoteIdent(schema)}.${quoteIdent(name)}) AS "any"`,
    );
    if (rows[0]!.any) filled.push(name);
  }
  return filled;
}

/**
 * Loads a snapshot's rows into `schema`, which must hold the snapshot's schema version and
 * no rows: one transaction, committed only when everything checks out.
 */
export async function loadSnapshot(url: string, schema: string, snapshot: Snapshot): Promise<void> {
  const { header } = snapshot;
  const client = await snapshotConnection(url, "minsheng-restore", schema);
  try {
    await client.query("BEGIN");
    const tables = await tablesInLoadOrder(client, schema);
    const here = new Map(tables.map((t) => [t.name, t.columns.join(",")]));
    const there = new Map(header.tables.map((t) => [t.name, t.columns.join(",")]));
    const differ = [...new Set([...here.keys(), ...there.keys()])].filter((name) => here.get(name) !== there.get(name));
    if (differ.length > 0) {
      throw new SnapshotError(
        `${snapshot.file} does not fit the schema version it names (${header.schema.version}): tables ${differ.join(", ")} differ. Nothing was changed.`,
      );
    }
    const filled = await tablesWithRows(client, schema);
    if (filled.length > 0) throw new Error(`the schema being restored into already holds rows (${filled.join(", ")})`);

    // Only the triggers that are on now, so each is switched on again exactly as it was.
    const { rows: triggers } = await client.query<{ table: string; name: string }>(
      `SELECT c.relname AS "table", t.tgname AS name FROM pg_trigger t
         JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND NOT t.tgisinternal AND t.tgenabled <> 'D' ORDER BY 1, 2`,
      [schema],
    );
    const setTriggers = async (state: "DISABLE" | "ENABLE") => {
      for (const t of triggers) await client.query(`ALTER TABLE ${quoteIdent(t.table)} ${state} TRIGGER ${quoteIdent(t.name)}`);
    };
    await setTriggers("DISABLE");
    await client.query("SET CONSTRAINTS ALL DEFERRED");

    await readTables(snapshot, async (table, chunks) => {
      const copy = client.query(copyFrom(`COPY ${quoteIdent(table.name)} (${table.columns.map(quoteIdent).join(", ")}) FROM STDIN`));
      await pipeline(chunks, copy);
      if (copy.rowCount !== table.rows) {
        throw new SnapshotError(
          `${snapshot.file}: table ${table.name} holds ${copy.rowCount} rows, its header says ${table.rows}. Nothing was changed.`,
        );
      }
    });
    for (const s of header.sequences) {
      await client.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [quoteIdent(s.name), s.value, s.isCalled]);
    }

    await setTriggers("ENABLE");
    // Deferred checks run here, so a violation is reported before the commit, not as a failed commit.
    await client.query("SET CONSTRAINTS ALL IMMEDIATE");
    const chain = await auditChainEnd(client);
    if (chain.entries !== header.auditChain.entries || chain.head !== header.auditChain.head) {
      throw new SnapshotError(
        `${snapshot.file}: the restored audit chain does not end at the head its header records. Nothing was changed.`,
      );
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * How a snapshot's schema version meets this version of the app: its migrations must be the
 * first ones this version carries, unchanged. Returns the version to rebuild before loading
 * (null: this version's latest) and the migrations to apply afterwards.
 */
export function schemaPlan(snapshot: Snapshot, repo: Migration[]): { upTo: string | null; forward: string[] } {
  const theirs = snapshot.header.schema.migrations;
  const known = new Map(repo.map((m) => [m.name, m.checksum]));
  const unknown = theirs.filter((m) => !known.has(m.name)).map((m) => m.name);
  if (unknown.length > 0) {
    throw new SnapshotError(
      `${snapshot.file} was taken from a newer version of the app (its schema has ${unknown.join(", ")}, which this version does not know). ` +
        `Restore it with the version that took it, or a later one. Nothing was changed.`,
    );
  }
  theirs.forEach((m, i) => {
    if (repo[i]!.name !== m.name || repo[i]!.checksum !== m.checksum) {
      throw new SnapshotError(
        `${snapshot.file} does not fit this version's migrations (${m.name} ${repo[i]!.name !== m.name ? "is out of order" : "differs from this version's"}): ` +
          `it was taken from a different build of the app. Restore it with that build. Nothing was changed.`,
      );
    }
  });
  const forward = repo.slice(theirs.length).map((m) => m.name);
  return { upTo: forward.length > 0 ? theirs.at(-1)!.name : null, forward };
}
