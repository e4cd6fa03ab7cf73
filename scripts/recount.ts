/**
 * npm run recount -- <ballot-record.json>
 *
 * Recounts a published ballot record from its ballots alone and compares with its
 * `result` (server/domain/ballot-record.ts, tally.ts). Exit 0: they agree (prints a summary). Exit 1: they differ
 * (prints every difference). Exit 2: the file is not a valid record.
 *
 * Relative imports on purpose: tsx does not reliably resolve the `~/` alias here, and a
 * verifier should be able to run this with nothing but the repository checked out.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";

import { parseBallotRecord, recountRecord, type TBallotRecord } from "../server/domain/ballot-record";
import type { TallyResult } from "../server/domain/tally";

const USAGE = "usage: npm run recount -- <ballot-record.json>";

async function main(args: readonly string[]): Promise<number> {
  const files = args.filter((arg) => arg !== "--");
  if (files.length !== 1) {
    console.error(files.length === 0 ? `no file given\n${USAGE}` : `expected one file, got ${files.length}\n${USAGE}`);
    return 2;
  }
  // npm runs scripts from the project folder; a relative path means where the command was typed.
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), files[0]!);

  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    console.error(`cannot read ${path}: ${(error as Error).message}`);
    return 2;
  }
  let json: unknown;
  try {
    // A byte-order mark from an editor on Windows is not a reason to reject a record.
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    console.error(`${path} is not valid JSON: ${(error as Error).message}`);
    return 2;
  }
  const parsed = parseBallotRecord(json);
  if (!parsed.ok) {
    console.error(`${path} is not a valid ballot record (minsheng-ballot-record/1):\n${indent(parsed.error)}`);
    return 2;
  }

  const { ok, recomputed, differences } = recountRecord(parsed.record);
  console.log(summary(parsed.record, recomputed));
  if (ok) {
    console.log("\nOK: the recount from the ballots matches the published result.");
    return 0;
  }
  console.error(`\nMISMATCH: ${differences.length} difference(s) between the recount and the published result:`);
  console.error(indent(differences.join("\n")));
  return 1;
}

function summary(record: TBallotRecord, result: TallyResult): string {
  const { poll } = record;
  const titles = new Map(record.candidates.map((c) => [c.id, c.title]));
  const lines = [
    `Poll ${JSON.stringify(poll.id)}: ${poll.title}`,
    `  ${poll.kind}, seats ${poll.seats}, basis ${poll.basis}; seated ${poll.seated}, present ${poll.present}, issued ${poll.issued}`,
    `Ballots (recounted): ${result.valid} valid, ${result.invalid} invalid, ${record.ballots.length} returned`,
    "Candidates:",
    ...result.candidates.map((c) => {
      const status = c.selected ? ", selected" : result.runoff.includes(c.id) ? ", needs a runoff" : "";
      const outcome = c.passed ? `passed (rank ${c.rank})${status}` : "not passed";
      return `  ${JSON.stringify(c.id)} ${titles.get(c.id) ?? ""}: FOR ${c.for}, AGAINST ${c.against}, ABSTAIN ${c.abstain} — ${outcome}`;
    }),
    `Runoff: ${result.runoff.length === 0 ? "none" : result.runoff.map((id) => JSON.stringify(id)).join(", ")}`,
    `Unfilled: ${result.unfilled}`,
  ];
  return lines.join("\n");
}

function indent(text: string): string {
  return text.replace(/^/gm, "  ");
}

process.exitCode = await main(process.argv.slice(2));
