/** Shared test helpers: running the program the way its users do. */
import { fileURLToPath } from "node:url";

/** The program's entry point. */
export const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));

/** The permission flags of `deno task cli` / `deno task start` (kept in step with deno.json). */
export const RUN_FLAGS = ["--allow-read", "--allow-write", "--allow-env", "--allow-net", "--allow-sys"];

/** Runs `aws-api-mcp <args>` in a child process and returns its exit code and output. */
export async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), { args: ["run", ...RUN_FLAGS, MAIN, ...args] })
    .output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}
