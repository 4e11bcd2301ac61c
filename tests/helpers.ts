/** Shared test helpers: running the program the way its users do, with the same permission flags. */
import { homedir } from "node:os";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));

/** The program's entry point. */
export const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));

/**
 * The permission flags of `deno task start` and `deno task cli` (deno.json), with the paths expanded:
 * reads of the bundled data, ~/.aws and the temp folder; writes to the temp folder and the log folder.
 */
export const RUN_FLAGS = [
  `--allow-read=${root}models,${root}src/scripts/bundled,${homedir()}/.aws,/tmp`,
  `--allow-write=/tmp,${homedir()}/.aws/aws-api-mcp`,
  "--allow-env",
  "--allow-net",
  "--allow-sys",
];

/** Runs `aws-api-mcp <args>` in a child process and returns its exit code and output. */
export async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), { args: ["run", ...RUN_FLAGS, MAIN, ...args] })
    .output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}
