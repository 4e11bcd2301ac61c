/**
 * `aws s3 sync` of 1,000 small files and of one 100 MB file to s3rver on 127.0.0.1: call_aws (in process,
 * as the server runs it) against the AWS CLI doing the same in the same run, where it is installed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config.ts";
import { callAws } from "../src/exec/call.ts";
import { callDeps } from "../src/exec/environment.ts";
import { startS3 } from "../scripts/local-servers.ts";
import { CLI, cliAvailable } from "../scripts/wire-compare.ts";

const CREDS = { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" };
for (const [k, v] of Object.entries(CREDS)) Deno.env.set(k, v);
const s3 = await startS3();
const work = mkdtempSync(join(tmpdir(), "s3-bench-"));
const config = loadConfig({ HOME: work, AWS_API_MCP_WORKING_DIR: work, AWS_REGION: "us-east-1" });
if (!config.ok) throw new Error(config.error.message);
const deps = { ...callDeps(config.config, { AWS_CONFIG_FILE: "/nonexistent" }), maxOutputChars: undefined };
const E = `--endpoint-url ${s3.endpoint}`;

async function ours(command: string): Promise<number> {
  const t0 = performance.now();
  const [r] = await callAws([`${command} ${E}`], deps);
  if (r.status !== "success") throw new Error(`${command}: ${r.error?.message}`);
  return (performance.now() - t0) / 1000;
}

async function cli(command: string): Promise<number> {
  const t0 = performance.now();
  const out = await new Deno.Command(CLI, {
    args: [
      ...command.split(" ").slice(1),
      "--endpoint-url",
      s3.endpoint,
      "--region",
      "us-east-1",
      "--only-show-errors",
    ],
    cwd: work,
    env: { ...CREDS, PATH: Deno.env.get("PATH") ?? "", HOME: work, AWS_CONFIG_FILE: "/nonexistent" },
    clearEnv: true,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(`aws ${command}: ${new TextDecoder().decode(out.stderr)}`);
  return (performance.now() - t0) / 1000;
}

mkdirSync(join(work, "small"));
for (let i = 0; i < 1000; i++) {
  writeFileSync(join(work, "small", `f${String(i).padStart(4, "0")}.txt`), "x".repeat(1024));
}
mkdirSync(join(work, "large"));
const big = new Uint8Array(100 * 1024 * 1024);
for (let i = 0; i < big.length; i += 65536) crypto.getRandomValues(big.subarray(i, i + 65536));
writeFileSync(join(work, "large", "big.bin"), big);

try {
  for (const b of ["ours-small", "cli-small", "ours-large", "cli-large"]) await ours(`aws s3 mb s3://${b}`);
  const rows: Array<[string, string]> = [["small", "s3_sync_1000_small_files"], [
    "large",
    "s3_sync_one_100mb_file",
  ]];
  for (const [dir, name] of rows) {
    const t = await ours(`aws s3 sync ${dir} s3://ours-${dir}`);
    console.log(`${name}: ${t.toFixed(2)} s`);
    if (cliAvailable) {
      const c = await cli(`aws s3 sync ${dir} s3://cli-${dir}`);
      console.log(`${name}_awscli: ${c.toFixed(2)} s`);
      console.log(`${name}_ratio_vs_awscli: ${(t / c).toFixed(2)} ratio (below 1 is faster)`);
    }
  }
} finally {
  await s3.stop();
  rmSync(work, { recursive: true, force: true });
}
