/**
 * Benchmark: parse + validate every command of the conformance corpus, median time per command (warm,
 * models loaded), and — when Debian's AWS CLI v2 is installed — the AWS CLI doing the same in one process.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CORPUS, readJudged } from "../scripts/conformance.ts";
import { parseCommand } from "../src/parse/command.ts";
import { ParseFailure } from "../src/parse/errors.ts";
import type { FileAccess } from "../src/parse/unpack.ts";
import { median, percentile } from "./stats.ts";

const files: FileAccess = {
  read(path) {
    throw new ParseFailure({ code: "FILE_ERROR", message: `no file ${path}` });
  },
  isFile: () => false,
  isDir: () => false,
};

const commands = readJudged(CORPUS).map((r) => r.command);
for (const c of commands) parseCommand(c, { files }); // warm: load the models the corpus uses
const times: number[] = [];
for (let round = 0; round < 5; round++) {
  for (const c of commands) {
    const t0 = performance.now();
    parseCommand(c, { files });
    times.push(performance.now() - t0);
  }
}
const ours = median(times);
console.log(`parse_median_per_command: ${(ours * 1000).toFixed(1)} us`);
console.log(`parse_p95_per_command: ${(percentile(times, 95) * 1000).toFixed(1)} us`);
console.log(
  `parse_commands_per_second: ${Math.round(1000 / (times.reduce((a, b) => a + b, 0) / times.length))} /s`,
);

if (existsSync("/usr/lib/python3/dist-packages/awscli/clidriver.py")) {
  const judge = fileURLToPath(new URL("../../shared/tools/awscli-judge", import.meta.url));
  await new Deno.Command(judge, { args: ["aws sts help"], stdout: "null", stderr: "null" }).output();
  const child = new Deno.Command("/usr/bin/python3", {
    args: [fileURLToPath(new URL("./awscli_parse.py", import.meta.url))],
    stdin: "piped",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(commands.slice(0, 600).join("\n") + "\n"));
  await writer.close();
  const out = await child.output();
  const theirs = Number(new TextDecoder().decode(out.stdout).trim());
  console.log(`awscli_parse_median_per_command: ${(theirs * 1000).toFixed(1)} us`);
  console.log(`parse_speedup_vs_awscli: ${(theirs / ours).toFixed(0)} x`);
}
