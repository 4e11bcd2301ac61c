/**
 * Fuzzing the parser: random and mutated commands (quotes, unicode, huge numbers, deep nesting, long
 * inputs) must each give a result or a structured error, never an exception or a hang.
 * `deno task fuzz [count] [seed]`; tests/parse/fuzz_test.ts runs a seeded share of it.
 */
import { parseCommand } from "../src/parse/command.ts";
import { ParseFailure } from "../src/parse/errors.ts";
import type { FileAccess } from "../src/parse/unpack.ts";
import { CORPUS, readJudged } from "./conformance.ts";

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NO_FILES: FileAccess = {
  read(path) {
    throw new ParseFailure({ code: "FILE_ERROR", message: `no file ${path}` });
  },
  isFile: () => false,
  isDir: () => false,
};

const PIECES = [
  "'",
  '"',
  "\\",
  "\n",
  " ",
  "=",
  ",",
  "[",
  "]",
  "{",
  "}",
  ":",
  "--",
  "-",
  "$",
  "`",
  "|",
  ";",
  "&",
  "<",
  ">",
  "(",
  ")",
  "\u0000",
  "\u202e",
  "😀",
  "日本",
  "é",
  "\uffff",
  "\ud800",
  "file://",
  "fileb://",
  "s3://",
  "99999999999999999999999",
  "-1e308",
  "NaN",
  "Infinity",
  "true",
  "null",
  "Key=",
  "Value=",
  "Name=x,Values=a,b",
  "--dry-run",
  "--no-",
  "--cli-input-json",
  "--query",
  "--output",
  "--region",
  "help",
  "wait",
  "aws",
];

/** One mutated or generated command. */
export function mutate(base: string, r: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const kind = Math.floor(r() * 8);
  switch (kind) {
    case 0: { // insert pieces
      let s = base;
      for (let n = 1 + Math.floor(r() * 4); n > 0; n--) {
        const at = Math.floor(r() * (s.length + 1));
        s = s.slice(0, at) + pick(PIECES) + s.slice(at);
      }
      return s;
    }
    case 1: { // delete a span
      const a = Math.floor(r() * base.length), b = a + Math.floor(r() * 20);
      return base.slice(0, a) + base.slice(b);
    }
    case 2: { // deep nesting in JSON and in shorthand lists
      const depth = 1 + Math.floor(r() * 20000);
      return r() < 0.5
        ? `aws ec2 describe-instances --filters '${"[".repeat(depth)}${"]".repeat(depth)}'`
        : `aws ec2 describe-instances --filters Name=a,Values=${"[".repeat(depth)}`;
    }
    case 3: // deep shorthand nesting
      return `aws ec2 run-instances --image-id a --count 1 --tag-specifications ${
        "a={".repeat(1 + Math.floor(r() * 3000))
      }`;
    case 4: // long values
      return `${base} --description ${"x".repeat(Math.floor(r() * 1_000_000))}`;
    case 5: // huge numbers where integers go
      return `aws s3api list-objects-v2 --bucket b --max-keys ${
        pick(["1".repeat(400), "-0", "1e3", "0x10", "١٢", " 7 ", "1_000"])
      }`;
    case 6: // random words
      return ["aws", ...Array.from({ length: 1 + Math.floor(r() * 8) }, () => pick(PIECES))].join(
        r() < 0.5 ? " " : "",
      );
    default: { // swap words between commands
      const w = base.split(" ");
      const i = Math.floor(r() * w.length), j = Math.floor(r() * w.length);
      [w[i], w[j]] = [w[j], w[i]];
      return w.join(" ");
    }
  }
}

/** Runs `count` fuzz cases; returns the failures (exceptions, malformed results, slow cases). */
export function fuzz(count: number, seed: number): { failures: string[]; slowestMs: number } {
  const r = rng(seed);
  const corpus = readJudged(CORPUS).map((j) => j.command);
  const failures: string[] = [];
  let slowestMs = 0;
  for (let i = 0; i < count; i++) {
    const text = mutate(corpus[Math.floor(r() * corpus.length)], r);
    const t0 = performance.now();
    try {
      const res = parseCommand(text, { files: NO_FILES, uuid: () => "u" });
      if (!res.ok && (typeof res.error.code !== "string" || typeof res.error.message !== "string")) {
        failures.push(`malformed error for ${JSON.stringify(text.slice(0, 200))}`);
      }
      if (res.ok) JSON.stringify(res.value, (_k, v) => (typeof v === "bigint" ? String(v) : v));
    } catch (e) {
      failures.push(
        `${(e as Error).name}: ${(e as Error).message.slice(0, 200)} for ${
          JSON.stringify(text.slice(0, 200))
        }`,
      );
    }
    const ms = performance.now() - t0;
    slowestMs = Math.max(slowestMs, ms);
    if (ms > 2000) failures.push(`slow (${ms.toFixed(0)} ms) for ${JSON.stringify(text.slice(0, 200))}`);
  }
  return { failures, slowestMs };
}

if (import.meta.main) {
  const count = Number(Deno.args[0] ?? 100_000), seed = Number(Deno.args[1] ?? 1);
  const t0 = performance.now();
  const { failures, slowestMs } = fuzz(count, seed);
  console.log(
    `fuzz: ${count} cases, seed ${seed}, ${failures.length} failures, slowest ${
      slowestMs.toFixed(1)
    } ms, total ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  for (const f of failures.slice(0, 50)) console.log(`  ${f}`);
  if (failures.length) Deno.exit(1);
}
