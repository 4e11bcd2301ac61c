/**
 * `deno task bench:http`: a load test of the HTTP transport on loopback — 50 concurrent MCP clients ×
 * 200 call_aws calls each against a local endpoint, in session and in stateless mode, twice: the first
 * round warms up, the second is measured. Prints throughput, p50/p99 latency, errors (target 0) and the
 * server's RSS after each round (target: growth over the measured round < 10 %).
 * Bounded in count and time: it stops by itself.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client";
// @ts-types="@modelcontextprotocol/sdk/client/streamableHttp"
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { awaitStderr, freePort, LOCAL_CREDENTIALS, startRecorder } from "../scripts/local-servers.ts";
import { RUN_FLAGS } from "../scripts/run-flags.ts";
import { percentile } from "./stats.ts";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const CLIENTS = Number(Deno.env.get("HTTP_BENCH_CLIENTS") ?? 50);
const CALLS = Number(Deno.env.get("HTTP_BENCH_CALLS") ?? 200);
const DEADLINE_MS = 10 * 60 * 1000;

function rssMiB(pid: number): number | undefined {
  if (!existsSync(`/proc/${pid}/status`)) return undefined;
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : undefined;
}

async function run(mode: "session" | "stateless", endpoint: string) {
  const port = freePort();
  const server = new Deno.Command(Deno.execPath(), {
    args: ["run", ...RUN_FLAGS, MAIN],
    env: {
      ...Deno.env.toObject(),
      ...LOCAL_CREDENTIALS,
      AWS_API_MCP_WORKING_DIR: mkdtempSync(join(tmpdir(), "http-bench-")),
      AWS_API_MCP_LOG_FILE: join(mkdtempSync(join(tmpdir(), "http-bench-log-")), "server.log"),
      AWS_API_MCP_TRANSPORT: "streamable-http",
      AWS_API_MCP_PORT: String(port),
      AWS_API_MCP_STATELESS_HTTP: String(mode === "stateless"),
      AUTH_TYPE: "no-auth",
    },
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  await awaitStderr(server.stderr, "serving MCP at");
  const url = new URL(`http://127.0.0.1:${port}/mcp`);
  const command = `aws dynamodb list-tables --endpoint-url ${endpoint}`;
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  /** One round: every client connects, calls `calls` times, and ends its session as a client should. */
  const round = (calls: number, record: boolean) =>
    Promise.all(Array.from({ length: CLIENTS }, async (_, c) => {
      const client = new Client({ name: `c${c}`, version: "1" });
      const transport = new StreamableHTTPClientTransport(url);
      await client.connect(transport);
      for (let i = 0; i < calls && performance.now() - started < DEADLINE_MS; i++) {
        const t0 = performance.now();
        try {
          const r = await client.callTool({ name: "call_aws", arguments: { cli_command: command } });
          if (r.isError && record) errors++;
        } catch {
          if (record) errors++;
        }
        if (record) latencies.push(performance.now() - t0);
      }
      if (mode === "session") await transport.terminateSession();
      await client.close();
    }));
  // A first full round brings the heap to its working size (SDK client loaded, pools and buffers grown);
  // growth over the measured second round of the same load is what would show a leak.
  await round(CALLS, false);
  // HTTP_BENCH_WARMUP_ROUNDS > 1 shows whether memory settles or keeps growing.
  for (let extra = 1; extra < Number(Deno.env.get("HTTP_BENCH_WARMUP_ROUNDS") ?? 1); extra++) {
    console.log(`http_${mode}_rss_after_warmup_round_${extra}: ${rssMiB(server.pid)?.toFixed(1)} MiB`);
    await round(CALLS, false);
  }
  const before = rssMiB(server.pid);
  const t0 = performance.now();
  await round(CALLS, true);
  const seconds = (performance.now() - t0) / 1000;
  const after = rssMiB(server.pid);
  server.kill("SIGTERM");
  const status = await server.status;
  console.log(`http_${mode}_calls: ${latencies.length} calls (${CLIENTS} clients × ${CALLS})`);
  console.log(`http_${mode}_throughput: ${(latencies.length / seconds).toFixed(0)} calls/s`);
  console.log(`http_${mode}_p50: ${percentile(latencies, 50).toFixed(1)} ms`);
  console.log(`http_${mode}_p99: ${percentile(latencies, 99).toFixed(1)} ms`);
  console.log(`http_${mode}_errors: ${errors}`);
  if (before !== undefined && after !== undefined) {
    console.log(`http_${mode}_rss_after_first_round: ${before.toFixed(1)} MiB`);
    console.log(`http_${mode}_rss_after_second_round: ${after.toFixed(1)} MiB`);
    console.log(`http_${mode}_rss_growth: ${((after / before - 1) * 100).toFixed(1)} %`);
  }
  console.log(`http_${mode}_exit_after_sigterm: ${status.code}`);
}

const rec = await startRecorder(() => ({
  headers: { "content-type": "application/x-amz-json-1.0" },
  body: JSON.stringify({ TableNames: ["a", "b"] }),
}));
try {
  await run("session", rec.endpoint);
  await run("stateless", rec.endpoint);
} finally {
  await rec.stop();
}
