/**
 * A stand-in for program.ts, run by tests/policy/sandbox_test.ts inside the real sandbox (main.ts's
 * runSandboxed): it tries each read or write it is given, with every path check of the program bypassed,
 * and reports what Deno let through.
 */
/// <reference lib="deno.worker" />
import { readFileSync, writeFileSync } from "node:fs";
import { diskFiles } from "../../src/parse/files.ts";
import type { ProgramEnd, ProgramStart } from "../../src/program.ts";

function attempt(action: string): string {
  const [kind, path] = [action.slice(0, action.indexOf(":")), action.slice(action.indexOf(":") + 1)];
  try {
    if (kind === "read") readFileSync(path);
    else if (kind === "write") writeFileSync(path, "x");
    else if (kind === "parse-read") diskFiles("/").read(path, false); // the parser's unchecked reader
    else if (kind === "run") new Deno.Command(path, { args: ["-c", "true"], stdout: "null" }).outputSync();
    return "allowed";
  } catch (e) {
    const text = `${(e as Error).name}: ${(e as Error).message}`;
    return /NotCapable|Requires (read|write|run) access|not permitted/.test(text)
      ? "denied"
      : `error: ${(e as Error).message}`;
  }
}

self.onmessage = (event: MessageEvent<ProgramStart>) => {
  if (!("args" in event.data)) return;
  const out = Object.fromEntries(event.data.args.map((a) => [a, attempt(a)]));
  console.log(JSON.stringify(out));
  self.postMessage({ exitCode: 0 } satisfies ProgramEnd);
};
