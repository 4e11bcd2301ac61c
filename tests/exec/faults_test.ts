/**
 * Reliability against misbehaving endpoints (local TCP servers on 127.0.0.1): a silent, stalling or
 * trickling endpoint is bounded by --cli-read-timeout and the per-call limit; resets and non-HTTP answers
 * are network errors with their cause, never service errors or time-outs; local failures are local.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config.ts";
import { callAws, type CommandResult } from "../../src/exec/call.ts";
import { callDeps } from "../../src/exec/environment.ts";
import { fromSdkError } from "../../src/exec/errors.ts";
import { type Fault, startFaultServer } from "../../scripts/local-servers.ts";
import { runCli } from "../helpers.ts";

Deno.env.set("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
Deno.env.set("AWS_SECRET_ACCESS_KEY", "secret");

function deps(callTimeout: string) {
  const cfg = loadConfig({
    HOME: Deno.env.get("HOME"),
    AWS_API_MCP_WORKING_DIR: mkdtempSync(join(tmpdir(), "faults-")),
    AWS_REGION: "us-east-1",
    AWS_API_MCP_CALL_TIMEOUT_SECONDS: callTimeout,
  });
  if (!cfg.ok) throw new Error(cfg.error.message);
  return callDeps(cfg.config, {});
}

async function against(fault: Fault, flags: string, callTimeout: string): Promise<[CommandResult, number]> {
  const server = await startFaultServer(fault);
  const started = Date.now();
  try {
    const [r] = await callAws(
      [`aws dynamodb list-tables ${flags} --endpoint-url ${server.endpoint}`],
      deps(callTimeout),
    );
    return [r, Date.now() - started];
  } finally {
    await server.stop();
  }
}

Deno.test({
  name: "item 1: silent, stalling and trickling endpoints end within the read timeout or the call limit",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const cases: Array<[Fault, string, string, string, number]> = [
      // fault, flags, AWS_API_MCP_CALL_TIMEOUT_SECONDS, expected code, at most ms
      ["silent", "--cli-read-timeout 1", "60", "TIMEOUT", 15_000],
      ["stall-after-headers", "--cli-read-timeout 1", "60", "TIMEOUT", 15_000],
      // A byte every half second defeats the read timeout, as in the AWS CLI; the call limit ends it.
      ["trickle", "--cli-read-timeout 1", "3", "CALL_TIMEOUT", 8_000],
      ["silent", "--cli-read-timeout 0", "2", "CALL_TIMEOUT", 8_000],
    ];
    for (const [fault, flags, limit, code, most] of cases) {
      const [r, ms] = await against(fault, flags, limit);
      assertEquals(r.error?.code, code, `${fault} ${flags}: ${JSON.stringify(r.error)}`);
      ok(ms < most, `${fault} took ${ms} ms`);
    }
  },
});

Deno.test({
  name: "item 1: progress keeps flowing while a call waits on a silent endpoint",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const server = await startFaultServer("silent");
    const messages: string[] = [];
    try {
      await callAws([`aws dynamodb list-tables --cli-read-timeout 1 --endpoint-url ${server.endpoint}`], {
        ...deps("30"),
        heartbeatMs: 200,
        onProgress: (_done, _total, message) => message && messages.push(message),
      });
    } finally {
      await server.stop();
    }
    ok(messages.filter((m) => /ListTables: still running/.test(m)).length >= 3, messages.join("; "));
  },
});

Deno.test({
  name: "item 4: resets and non-HTTP answers are network errors with their cause; a bad URL value is local",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const [reset] = await against("reset", "", "30");
    assertEquals(reset.error?.code, "NETWORK_ERROR");
    ok(/reset the connection/.test(reset.error!.message) && !/timeout/i.test(reset.error!.hint ?? ""));
    const [garbage] = await against("garbage", "", "30");
    assertEquals(garbage.error?.code, "NETWORK_ERROR");
    ok(/not HTTP/.test(garbage.error!.message), garbage.error!.message);
    const [refused] = await callAws(
      ["aws dynamodb list-tables --endpoint-url http://127.0.0.1:9"],
      deps("30"),
    );
    ok(refused.error?.code === "NETWORK_ERROR" && /nothing is listening/.test(refused.error.message));
    const [uri] = await callAws(
      ["aws s3api get-object --bucket b --key \uD800 out.bin --endpoint-url http://127.0.0.1:9"],
      deps("30"),
    );
    assertEquals(uri.error?.code, "INVALID_VALUE");
    // DNS failures, checked on the error the runtime gives (a real lookup would leave this machine).
    const dns = Object.assign(new Error("getaddrinfo ENOTFOUND nowhere.invalid"), { code: "ENOTFOUND" });
    const e = fromSdkError(Object.assign(dns, { $metadata: { attempts: 3 } }), "ListTables");
    ok(e.code === "NETWORK_ERROR" && e.message.includes("DNS"), JSON.stringify(e));
    // Only what a service answered is a service error.
    const answered = {
      name: "ResourceNotFoundException",
      message: "no table",
      $fault: "client",
      $metadata: { httpStatusCode: 400 },
    };
    assertEquals(fromSdkError(answered, "DescribeTable").code, "SERVICE_ERROR");
    assertEquals(fromSdkError(new TypeError("x is not a function"), "DescribeTable").code, "LOCAL_ERROR");
    // A local file that cannot be read is no network failure.
    const missing = Object.assign(new Error("ENOENT: no such file or directory, open 'x.json'"), {
      code: "ENOENT",
    });
    assertEquals(fromSdkError(missing, "DescribeTable").code, "LOCAL_ERROR");
  },
});

Deno.test({
  name:
    "item 4: values the CLI refuses before sending are refused locally, naming the parameter; typos are named",
  async fn() {
    const results = await callAws([
      "aws s3api get-object --bucket 'a\u0000b' --key k out.bin --endpoint-url http://127.0.0.1:9",
      "aws s3 ls 's3://bad^bucket/' --endpoint-url http://127.0.0.1:9",
      "aws s3api list-buckets —region us-east-1",
      "aws s3api list-buckets --re\u200bgion us-east-1",
    ], deps("30"));
    assertEquals(results.map((r) => r.error?.code), [
      "VALIDATION_ERROR",
      "VALIDATION_ERROR",
      "UNKNOWN_OPTION",
      "UNKNOWN_OPTION",
    ]);
    ok(results[0].error!.message.includes("Invalid bucket name"));
    ok(results[2].error!.message.includes("write '--region'"), results[2].error!.message);
    ok(results[3].error!.message.includes("\\u200B"), results[3].error!.message);
  },
});

Deno.test({
  name: "item 1: `aws-api-mcp call` against a silent endpoint returns",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const server = await startFaultServer("silent");
    try {
      const r = await runCli([
        "call",
        `aws dynamodb list-tables --cli-read-timeout 1 --endpoint-url ${server.endpoint}`,
      ]);
      ok(r.stdout.includes("TIMEOUT"), r.stdout + r.stderr);
    } finally {
      await server.stop();
    }
  },
});
