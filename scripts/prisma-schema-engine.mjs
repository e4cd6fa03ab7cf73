#!/usr/bin/env node
/**
 * Prisma's schema engine for machines that cannot download it.
 *
 * The Prisma CLI (generate, migrate deploy/diff/status/dev, db execute) first downloads a
 * native `schema-engine` binary; a congress office's intranet that reaches only an npm
 * mirror cannot. prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here instead, on every
 * machine, so the project behaves the same everywhere: this program speaks the CLI's
 * protocol (newline-delimited JSON-RPC 2.0 on stdin/stdout, arguments
 * `--datamodels <file>… --datasource '{"url":…,"shadowDatabaseUrl":…}'` or `cli <command>`)
 * and answers it with Prisma's own WebAssembly schema engine (@prisma/schema-engine-wasm,
 * pinned in package.json), which reaches PostgreSQL through @prisma/adapter-pg.
 * PostgreSQL only: that is the one database this project supports.
 *
 * tests: scripts/test.sh migrates, checks schema drift and generates the client through it
 * on every run; tests/integration/schema-engine.test.ts covers `migrate status`.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createInterface } from "node:readline";

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const wasmDir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));

if (args.includes("--version") || args.includes("-V")) {
  const { version } = JSON.parse(readFileSync(path.join(wasmDir, "package.json"), "utf8"));
  process.stdout.write(`schema-engine-cli ${version.split(".").pop()} (wasm, scripts/prisma-schema-engine.mjs)\n`);
  process.exit(0);
}

const datamodelFiles = [];
let datasource = {};
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--datamodels") datamodelFiles.push(args[++i]);
  else if (args[i] === "--datasource") datasource = JSON.parse(args[++i]);
  else if (args[i] === "--enabled-preview-features" || args[i] === "--extension-types") i++;
}
const datamodels = datamodelFiles.map((file) => [file, readFileSync(file, "utf8")]);

/** The CLI reads stderr as the engine's JSON log lines. */
function logLine(level, message, extra = {}) {
  return JSON.stringify({ level, target: "schema_engine::logger", fields: { message: String(message), ...extra } }) + "\n";
}

/**
 * Connection fields rather than a connection string: with `connectionString` node-postgres
 * ignores a `database` given beside it, so a shadow database would silently be the main one.
 */
function pgConfig(url) {
  if (!/^postgres(ql)?:\/\//.test(url ?? "")) throw new Error(`prisma-schema-engine.mjs supports PostgreSQL only, not ${url}`);
  const u = new URL(url);
  const schema = schemaOf(url);
  const options = [u.searchParams.get("options"), schema && `-c search_path="${schema}"`].filter(Boolean).join(" ");
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username || "postgres"),
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.slice(1)) || "postgres",
    options: options || undefined,
  };
}

/**
 * `?schema=` as Prisma's native engine reads it: the engine looks for its tables (and
 * `_prisma_migrations`) there, and the migrations' unqualified names land there through the
 * search path (scripts/restore.ts builds a restore beside the live schema this way).
 */
function schemaOf(url) {
  const schema = new URL(url).searchParams.get("schema");
  if (schema !== null && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) throw new Error(`unsupported schema name ${JSON.stringify(schema)}`);
  return schema ?? undefined;
}

/**
 * @prisma/adapter-pg is not meant to drive the schema engine (Prisma 7's CLI uses the native
 * engine), and two things in it break that use; both are mended on each connection:
 *  - PostgreSQL's catalogs have columns of the internal type "char" (OID 18), which the
 *    adapter refuses as unsupported. They are passed to pg as text (OID 25) and reported to
 *    the engine as a character column, the type its schema describer expects (as text it
 *    fails on any CHECK constraint). The engine runs one query at a time per connection, so
 *    remembering the last result's "char" columns between the two calls is safe;
 *  - executeScript splits a script at every ';', which cuts plpgsql function bodies (our
 *    triggers) apart; the whole script goes to PostgreSQL as one simple query instead.
 */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const ENGINE_CHARACTER_TYPE = 6;

function mendQueryable(queryable) {
  let charColumns = [];
  const performIO = queryable.performIO.bind(queryable);
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    charColumns = [];
    (result?.fields ?? []).forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        charColumns.push(i);
      }
    });
    return result;
  };
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns) result.columnTypes[i] = ENGINE_CHARACTER_TYPE;
    return result;
  };
  return queryable;
}

function mendAdapter(adapter) {
  mendQueryable(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...a) => mendQueryable(await startTransaction(...a));
  adapter.executeScript = async (script) => {
    try {
      await adapter.client.query(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
  return adapter;
}

function adapterFactory(url, shadowUrl) {
  const { PrismaPg } = require("@prisma/adapter-pg");
  const config = pgConfig(url);
  const factory = new PrismaPg(config, { schema: schemaOf(url) });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => mendAdapter(await connect());
  factory.connectToShadowDb = async () => {
    if (shadowUrl) {
      // A configured shadow database is emptied first, as the native engine does.
      const shadow = mendAdapter(await new PrismaPg(pgConfig(shadowUrl)).connect());
      await shadow.executeScript("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
      return shadow;
    }
    // Otherwise a throwaway database beside the main one, dropped once the engine lets go of
    // it (the adapter's own version drops it while its pool still holds it, which fails).
    const main = await factory.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = mendAdapter(await new PrismaPg({ ...config, database }).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await main.dispose();
    };
    return shadow;
  };
  return factory;
}

async function withClient(config, fn) {
  const pg = require("pg");
  const client = new pg.Client(config);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createDatabase() {
  const config = pgConfig(datasource.url);
  await withClient({ ...config, database: "postgres" }, (c) => c.query(`CREATE DATABASE "${config.database.replace(/"/g, '""')}"`));
  return { databaseName: config.database };
}

/** `schema-engine --datasource … cli <command>`: one-shot checks the CLI makes before `migrate dev`. */
async function runCli(command) {
  const fail = (code, message) =>
    // The CLI skips the first stderr line, the native engine's start-up line.
    process.stderr.write(logLine("INFO", "Starting schema engine CLI") + logLine("ERROR", message, { error_code: code }), () =>
      process.exit(1),
    );
  if (command === "can-connect-to-database") {
    const config = pgConfig(datasource.url);
    try {
      await withClient(config, async () => undefined);
    } catch (error) {
      if (error.code === "3D000") return fail("P1003", `Database \`${config.database}\` does not exist`);
      return fail("P1001", `Can't reach database server: ${error.message}`);
    }
    process.stdout.write("Connection successful\n");
    return process.exit(0);
  }
  if (command === "create-database") {
    const { databaseName } = await createDatabase();
    process.stdout.write(`Database '${databaseName}' was successfully created.\n`);
    return process.exit(0);
  }
  return fail("P1000", `prisma-schema-engine.mjs: unsupported cli command ${command}`);
}
const cliAt = args.indexOf("cli");
if (cliAt !== -1) await runCli(args[cliAt + 1]);

// The wasm glue reports a Rust panic's message through this global before it throws.
let lastPanic = null;
globalThis.PRISMA_WASM_PANIC_REGISTRY = { set_message: (message) => (lastPanic = message) };

async function loadEngineClass() {
  const glue = await import(path.join(wasmDir, "schema_engine_bg.js"));
  const compiled = new WebAssembly.Module(readFileSync(path.join(wasmDir, "schema_engine_bg.wasm")));
  const instance = new WebAssembly.Instance(compiled, { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return glue.SchemaEngine;
}

let engine;
function getEngine() {
  engine ??= (async () => {
    const SchemaEngine = await loadEngineClass();
    const { bindMigrationAwareSqlAdapterFactory } = require("@prisma/driver-adapter-utils");
    const factory = bindMigrationAwareSqlAdapterFactory(adapterFactory(datasource.url, datasource.shadowDatabaseUrl));
    const log = (message) => process.stderr.write(String(message).trimEnd() + "\n");
    return SchemaEngine.new({ datamodels: datamodels.length ? datamodels : undefined }, log, factory);
  })();
  return engine;
}

/** Requests to the CLI (only `print`, for `migrate diff`), answered by id. */
let nextRequestId = 1_000_000;
const awaitingCli = new Map();
function askCli(method, params) {
  const id = nextRequestId++;
  return new Promise((resolve) => {
    awaitingCli.set(id, resolve);
    send({ jsonrpc: "2.0", id, method, params });
  });
}

async function handle({ method, params }) {
  if (method === "createDatabase") return createDatabase();
  const e = await getEngine();
  const name = method === "getDatabaseVersion" ? "version" : method;
  if (typeof e[name] !== "function") throw new Error(`method ${method} is not supported by the wasm schema engine`);
  if ((method === "evaluateDataLoss" || method === "createMigration") && params?.migrationsList) {
    // Both read the shadow database's state that devDiagnostic computes and caches; on a
    // fresh database nothing has computed it yet (`migrate dev` would fail), so compute it.
    await e.devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters }).catch(() => undefined);
  }
  const result = await e[name](params);
  if (method === "diff" && typeof result?.stdout === "string") {
    // The native engine prints a diff by asking the CLI to; so does this one.
    const { stdout, ...rest } = result;
    if (stdout.length) await askCli("print", { content: stdout.replace(/\n$/, "") });
    return rest;
  }
  return result ?? {};
}

function errorOf(error) {
  const panic = error instanceof WebAssembly.RuntimeError;
  const message = panic && lastPanic ? lastPanic : (error?.message ?? String(error));
  const data = { is_panic: panic, message, backtrace: error?.stack };
  if (error?.code) Object.assign(data, { error_code: error.code, meta: error.meta ?? {} });
  return { code: 4466, message, data };
}

process.on("uncaughtException", (error) => {
  // A panic inside an async wasm callback lands here: report it as the native engine would.
  process.stderr.write(logLine("ERROR", lastPanic ?? error?.stack ?? error), () => setTimeout(() => process.exit(101), 50));
});

const send = (message) => process.stdout.write(JSON.stringify(message) + "\n");
let inFlight = 0;
let inputClosed = false;
let queue = Promise.resolve();
const exitWhenDone = () => inputClosed && inFlight === 0 && process.exit(0);

createInterface({ input: process.stdin, crlfDelay: Infinity })
  .on("line", (line) => {
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      return;
    }
    if (!message.method) {
      awaitingCli.get(message.id)?.();
      awaitingCli.delete(message.id);
      return;
    }
    if (message.id === undefined) return; // a notification
    inFlight++;
    // One request at a time: the wasm engine must not be re-entered.
    queue = queue.then(async () => {
      try {
        send({ jsonrpc: "2.0", id: message.id, result: await handle(message) });
      } catch (error) {
        process.stderr.write(logLine("ERROR", error?.message ?? error));
        send({ jsonrpc: "2.0", id: message.id, error: errorOf(error) });
      } finally {
        inFlight--;
        exitWhenDone();
      }
    });
  })
  .on("close", () => {
    inputClosed = true;
    exitWhenDone();
  });
