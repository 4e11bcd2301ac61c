/**
 * Benchmarks of the server as MCP clients use it: spawn → tools/list answered (a real client over
 * stdio), idle memory after start-up, and the time of one call_aws against a local endpoint — each next
 * to the AWS CLI where it is installed (its start-up, and the same call).
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client";
// @ts-types="@modelcontextprotocol/sdk/client/stdio"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { startRecorder } from "../scripts/local-servers.ts";
import { RUN_FLAGS } from "../scripts/run-flags.ts";
import { median } from "./stats.ts";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const env = {
  ...Deno.env.toObject(),
  AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
  AWS_SECRET_ACCESS_KEY: "secret",
  AWS_REGION: "us-east-1",
  AWS_API_MCP_LOG_FILE: "/tmp/aws-api-mcp-bench.log",
};

/** The built program (`deno task build`), if there is one: start-up from it is measured too. */
const BUILT = fileURLToPath(new URL("../dist/src/main.js", import.meta.url));

async function connect(main = MAIN): Promise<{ client: Client; transport: StdioClientTransport }> {
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args: ["run", ...RUN_FLAGS, main],
    env,
  });
  const client = new Client({ name: "bench", version: "1.0.0" });
  await client.connect(transport);
  return { client, transport };
}

async function timeCommand(cmd: string, args: string[], runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await new Deno.Command(cmd, { args, env, stdout: "null", stderr: "null" }).output();
    times.push(performance.now() - t0);
  }
  return median(times);
}

const startTimes: number[] = [];
for (let i = 0; i < 11; i++) {
  const t0 = performance.now();
  const { client } = await connect();
  await client.listTools();
  startTimes.push(performance.now() - t0);
  await client.close();
}
const startup = median(startTimes);
console.log(`startup_to_tools_list_median: ${startup.toFixed(1)} ms`);
if (existsSync(BUILT)) {
  const builtTimes: number[] = [];
  for (let i = 0; i < 11; i++) {
    const t0 = performance.now();
    const { client } = await connect(BUILT);
    await client.listTools();
    builtTimes.push(performance.now() - t0);
    await client.close();
  }
  console.log(
    `startup_built_to_tools_list_median: ${median(builtTimes).toFixed(1)} ms (dist/, deno task build)`,
  );
}

const { client, transport } = await connect();
await client.listTools();
const pid = transport.pid;
if (pid && existsSync(`/proc/${pid}/status`)) {
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (rss) console.log(`idle_rss_after_startup: ${(Number(rss[1]) / 1024).toFixed(1)} MiB`);
}

const rec = await startRecorder(() => ({
  headers: { "content-type": "application/x-amz-json-1.0" },
  body: JSON.stringify({ TableNames: ["a", "b"] }),
}));
const command = `aws dynamodb list-tables --endpoint-url ${rec.endpoint}`;
await client.callTool({ name: "call_aws", arguments: { cli_command: command } }); // first call loads the client
const callTimes: number[] = [];
for (let i = 0; i < 50; i++) {
  const t0 = performance.now();
  await client.callTool({ name: "call_aws", arguments: { cli_command: command } });
  callTimes.push(performance.now() - t0);
}
const perCall = median(callTimes);
console.log(`call_aws_per_call_median: ${perCall.toFixed(2)} ms`);

/** The server's resident memory now, in MiB (Linux). */
function rssMiB(): string | undefined {
  if (!pid || !existsSync(`/proc/${pid}/status`)) return undefined;
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return rss ? (Number(rss[1]) / 1024).toFixed(1) : undefined;
}
for (let i = 0; i < 1000; i++) {
  await client.callTool({ name: "call_aws", arguments: { cli_command: command } });
}
const after1000 = rssMiB();
if (after1000) console.log(`rss_after_1000_calls: ${after1000} MiB`);

// A 300 MB object downloaded to a file streams to disk: it is never held whole.
{
  const body = "x".repeat(300_000_000);
  const blob = await startRecorder(() => ({ headers: { "content-type": "application/octet-stream" }, body }));
  const r = await client.callTool({
    name: "call_aws",
    arguments: {
      cli_command: `aws s3api get-object --bucket b --key k big.bin --endpoint-url ${blob.endpoint}`,
    },
  });
  const rss = rssMiB();
  if (rss) console.log(`rss_after_300mb_download_to_file: ${rss} MiB (${r.isError ? "failed" : "ok"})`);
  await blob.stop();
}
// A response just under the 100 MiB cap is served; three times that is refused without being held.
const bodyOf = (bytes: number) => {
  const names = Array.from(
    { length: Math.floor(bytes / 20) },
    (_, i) => `table-${String(i).padStart(9, "0")}`,
  );
  return JSON.stringify({ TableNames: names });
};
for (
  const [name, bytes] of [["rss_after_100mb_response", 95_000_000], [
    "rss_after_300mb_refused",
    300_000_000,
  ]] as const
) {
  const body = bodyOf(bytes);
  const big = await startRecorder(() => ({
    headers: { "content-type": "application/x-amz-json-1.0" },
    body,
  }));
  const r = await client.callTool({
    name: "call_aws",
    arguments: {
      cli_command:
        `aws dynamodb list-tables --no-paginate --query 'length(TableNames)' --endpoint-url ${big.endpoint}`,
    },
  });
  const text = (r.content as Array<{ text: string }>)[0].text.slice(0, 60).replace(/\s+/g, " ");
  const rss = rssMiB();
  if (rss) console.log(`${name}: ${rss} MiB (${(body.length / 1e6).toFixed(0)} MB answer: ${text})`);
  await big.stop();
}
await client.close();

if (existsSync("/usr/bin/aws")) {
  const cliStart = await timeCommand("/usr/bin/aws", ["--version"], 5);
  console.log(`awscli_startup_median: ${cliStart.toFixed(1)} ms`);
  console.log(`startup_ratio_vs_awscli: ${(cliStart / startup).toFixed(1)} x faster`);
  const cliCall = await timeCommand("/usr/bin/aws", [
    "dynamodb",
    "list-tables",
    "--endpoint-url",
    rec.endpoint,
  ], 5);
  console.log(`awscli_same_call_median: ${cliCall.toFixed(1)} ms`);
  console.log(`per_call_ratio_vs_awscli: ${(cliCall / perCall).toFixed(0)} x faster`);
}
await rec.stop();
