/**
 * Conformance of our parser with the AWS CLI on judged commands (../shared/conformance/*.jsonl):
 * verdict, operation and params, with timestamps, blobs and generated tokens normalized. Run as
 * `deno task conformance [file.jsonl]` for a report of every disagreement by class.
 */
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { parseCommand } from "../src/parse/command.ts";
import { ParseFailure } from "../src/parse/errors.ts";
import type { FileAccess } from "../src/parse/unpack.ts";
import { FileBody } from "../src/parse/types.ts";
import { parseTimestamp } from "../src/parse/timestamp.ts";

/** One judged command, as in the corpus. */
export interface Judged {
  command: string;
  status: "ok" | "cli_error" | "no_call" | "exception";
  operation?: string;
  params?: Record<string, unknown>;
  error?: string;
}

/** One disagreement between the CLI and us. */
export interface Disagreement {
  class: string;
  command: string;
  detail: string;
}

/** Counts and disagreements of a conformance run. */
export interface ConformanceReport {
  total: number;
  verdictAgree: number;
  cliOk: number;
  operationAgree: number;
  paramsAgree: number;
  disagreements: Disagreement[];
}

/** The corpus shipped in ../shared. */
export const CORPUS = new URL("../../shared/conformance/awscli-examples.jsonl", import.meta.url);

/** Reads a JSONL file of judged commands. */
export function readJudged(path: URL | string): Judged[] {
  return readFileSync(path, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
}

// The corpus's files do not exist, as when it was judged: every read fails like the CLI's.
const NO_FILES: FileAccess = {
  read(path) {
    throw new ParseFailure({
      code: "FILE_ERROR",
      message: `Unable to load paramfile ${path}: No such file or directory`,
    });
  },
  isFile: () => false,
  // Only the current folder exists, as wherever the judge ran.
  isDir: (path) => path === "." || path === "./",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function pyBytesRepr(b: Uint8Array): string {
  const hasSingle = b.includes(0x27), hasDouble = b.includes(0x22);
  const q = hasSingle && !hasDouble ? '"' : "'";
  let s = "";
  for (const c of b) {
    if (c === 0x5c) s += "\\\\";
    else if (c === 0x27 && q === "'") s += "\\'";
    else if (c === 0x09) s += "\\t";
    else if (c === 0x0a) s += "\\n";
    else if (c === 0x0d) s += "\\r";
    else if (c < 0x20 || c >= 0x7f) s += `\\x${c.toString(16).padStart(2, "0")}`;
    else s += String.fromCharCode(c);
  }
  return `b${q}${s}${q}`;
}

/** Our value in the judge's terms: bytes as Python reprs, dates as ISO strings, files as names. */
function ours(v: unknown): unknown {
  if (v instanceof Uint8Array) return pyBytesRepr(v);
  if (v instanceof Date) return v.toISOString();
  if (v instanceof FileBody) return `file:${v.path}`;
  if (Array.isArray(v)) return v.map(ours);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, ours(x)]));
  return v;
}

/** The judge's value normalized: decimals as numbers, open files as names. */
function theirs(v: unknown): unknown {
  if (typeof v === "string") {
    const dec = /^Decimal\('([^']*)'\)$/.exec(v);
    if (dec) return Number(dec[1]);
    const file = /^<_io\.BufferedReader name='(.*)'>$/.exec(v);
    if (file) return `file:${file[1]}`;
    return v;
  }
  if (Array.isArray(v)) return v.map(theirs);
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, theirs(x)]));
  }
  return v;
}

/** Equal up to timestamps written differently and generated tokens. */
function same(a: unknown, b: unknown): boolean {
  if (isDeepStrictEqual(a, b)) return true;
  if (typeof a === "string" && typeof b === "number") {
    return parseTimestamp(a)?.getTime() === parseTimestamp(String(b))?.getTime();
  }
  if (typeof a === "string" && typeof b === "string") {
    if (UUID.test(a) && UUID.test(b)) return true;
    // Caller references the CLI generates (cli-<time>-<n>) differ from run to run.
    if (a.startsWith("cli-") && b.startsWith("cli-")) return true;
    // Raw blobs (--cli-binary-format raw-in-base64-out) stay text in the CLI, bytes in ours.
    if (a === pyBytesRepr(new TextEncoder().encode(b))) return true;
    const ta = parseTimestamp(a), tb = parseTimestamp(b);
    return ta !== undefined && tb !== undefined && ta.getTime() === tb.getTime() && /\d{4}/.test(b);
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a).sort(), kb = Object.keys(b).sort();
    return isDeepStrictEqual(ka, kb) &&
      ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

const firstLine = (s: string | undefined) =>
  (s ?? "").split("\n").filter((l) => l.trim()).at(-1)?.slice(0, 70) ?? "";

/** Compares our parser with the judged records. */
export function runConformance(records: Judged[]): ConformanceReport {
  const report: ConformanceReport = {
    total: 0,
    verdictAgree: 0,
    cliOk: 0,
    operationAgree: 0,
    paramsAgree: 0,
    disagreements: [],
  };
  for (const r of records) {
    if (r.status === "exception") continue;
    report.total++;
    const res = parseCommand(r.command, { files: NO_FILES });
    const cliAccepts = r.status !== "cli_error";
    if (cliAccepts !== res.ok) {
      report.disagreements.push(
        res.ok
          ? {
            class: `we accept, CLI rejects: ${firstLine(r.error).replace(/[0-9]+/g, "N").slice(0, 50)}`,
            command: r.command,
            detail: firstLine(r.error),
          }
          : {
            class: `we reject (${res.error.code}), CLI accepts`,
            command: r.command,
            detail: res.error.message.slice(0, 300),
          },
      );
      continue;
    }
    report.verdictAgree++;
    if (r.status !== "ok" || !res.ok) continue;
    report.cliOk++;
    const v = res.value;
    if (v.kind === "help" || v.operation !== r.operation) {
      report.disagreements.push({
        class: "operation differs",
        command: r.command,
        detail: `CLI ${r.operation}, we ${v.kind === "help" ? "help" : v.operation}`,
      });
      continue;
    }
    report.operationAgree++;
    const a = ours(v.params), b = theirs(r.params ?? {});
    if (same(a, b)) report.paramsAgree++;
    else {report.disagreements.push({
        class: "params differ",
        command: r.command,
        detail: `CLI ${JSON.stringify(b).slice(0, 400)}\n      we  ${JSON.stringify(a).slice(0, 400)}`,
      });}
  }
  return report;
}

/** Prints the report: the rates, then every disagreement grouped by class. */
export function printReport(r: ConformanceReport): void {
  const pct = (a: number, b: number) => `${((100 * a) / Math.max(b, 1)).toFixed(2)} %`;
  console.log(`records: ${r.total}`);
  console.log(`verdict agreement: ${r.verdictAgree}/${r.total} (${pct(r.verdictAgree, r.total)})`);
  console.log(
    `operation agreement (CLI ok): ${r.operationAgree}/${r.cliOk} (${pct(r.operationAgree, r.cliOk)})`,
  );
  console.log(`params agreement (CLI ok): ${r.paramsAgree}/${r.cliOk} (${pct(r.paramsAgree, r.cliOk)})`);
  const byClass = new Map<string, Disagreement[]>();
  for (const d of r.disagreements) byClass.set(d.class, [...(byClass.get(d.class) ?? []), d]);
  for (const [cls, ds] of [...byClass].sort((x, y) => y[1].length - x[1].length)) {
    console.log(`\n## ${cls} (${ds.length})`);
    for (const d of ds) {
      console.log(`  ${d.command.slice(0, 220)}\n      ${d.detail.replaceAll("\n", " | ")}`);
    }
  }
}

if (import.meta.main) {
  const file = Deno.args[0] ?? CORPUS;
  printReport(runConformance(readJudged(file)));
}
