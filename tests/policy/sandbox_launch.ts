/** Runs tests/policy/sandbox_probe.ts in main.ts's sandbox, as main.ts runs program.ts. */
import { runSandboxed } from "../../src/main.ts";

Deno.exit(await runSandboxed(new URL("./sandbox_probe.ts", import.meta.url), Deno.args, Deno.env.toObject()));
