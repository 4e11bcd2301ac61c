/** The call_aws dependencies the model-path tests share: a fresh working folder, fixed credentials, us-east-1. */
import { ok } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../../src/config.ts";
import { callDeps } from "../../../src/exec/environment.ts";

/** Runs `fn` with call_aws dependencies over a working folder made for it and removed after. */
export async function withLocalDeps(fn: (deps: ReturnType<typeof callDeps>) => Promise<void>): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "model-path-"));
  try {
    Deno.env.set("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    Deno.env.set("AWS_SECRET_ACCESS_KEY", "secret");
    const config = loadConfig({ HOME: work, AWS_API_MCP_WORKING_DIR: work, AWS_REGION: "us-east-1" });
    ok(config.ok);
    await fn(callDeps(config.config, { AWS_CONFIG_FILE: "/nonexistent" }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
