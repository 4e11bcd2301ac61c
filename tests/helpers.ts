/** Shared test helpers: running the program the way its users do, with the same permission flags. */
import { fileURLToPath } from "node:url";
import { RUN_FLAGS } from "../scripts/run-flags.ts";

export { RUN_FLAGS };

/** The program's entry point. */
export const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));

/** Runs `aws-api-mcp <args>` in a child process and returns its exit code and output. */
export async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), { args: ["run", ...RUN_FLAGS, MAIN, ...args] })
    .output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}
