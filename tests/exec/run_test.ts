import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config.ts";
import { callAws } from "../../src/exec/call.ts";
import { callDeps } from "../../src/exec/environment.ts";
import { startRecorder } from "../../scripts/local-servers.ts";

Deno.env.set("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
Deno.env.set("AWS_SECRET_ACCESS_KEY", "secret");
const config = loadConfig({
  HOME: Deno.env.get("HOME"),
  AWS_API_MCP_WORKING_DIR: mkdtempSync(join(tmpdir(), "run-")),
  AWS_REGION: "us-east-1",
});
if (!config.ok) throw new Error(config.error.message);
const deps = callDeps(config.config, {});
const identity =
  '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
  "<Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>";

Deno.test({
  name: "--region '*' runs the command in every enabled region, results keyed by region",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const rec = await startRecorder((r) => ({
      headers: { "content-type": "text/xml" },
      body: r.body.includes("DescribeRegions")
        ? '<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><regionInfo><item><regionName>eu-west-1</regionName></item><item><regionName>us-west-2</regionName></item></regionInfo></DescribeRegionsResponse>'
        : identity,
    }));
    try {
      const [r] = await callAws(
        [`aws sts get-caller-identity --region * --endpoint-url ${rec.endpoint}`],
        deps,
      );
      assertEquals(r.response, {
        "eu-west-1": { Account: "123456789012" },
        "us-west-2": { Account: "123456789012" },
      });
      const scopes = rec.requests.map((q) =>
        /Credential=[^/]+\/\d+\/([^/]+)\//.exec(q.headers.authorization)?.[1]
      ).sort();
      assertEquals(scopes, ["eu-west-1", "us-east-1", "us-west-2"]);
    } finally {
      await rec.stop();
    }
  },
});

Deno.test({
  name: "a cancelled call stops at once with CANCELLED",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const rec = await startRecorder(() => ({ headers: { "content-type": "text/xml" }, body: identity }));
    // A recorder that never answers: the SDK call waits until cancelled.
    const hang = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (hang.addr as Deno.NetAddr).port;
    const conns: Deno.Conn[] = [];
    (async () => {
      for await (const c of hang) conns.push(c);
    })();
    try {
      const ac = new AbortController();
      const t0 = performance.now();
      setTimeout(() => ac.abort(), 200);
      const [r] = await callAws([`aws sts get-caller-identity --endpoint-url http://127.0.0.1:${port}`], {
        ...deps,
        exec: { ...deps.exec, signal: ac.signal },
      });
      assertEquals(r.error?.code, "CANCELLED", JSON.stringify(r));
      ok(performance.now() - t0 < 5000);
    } finally {
      hang.close();
      for (const c of conns) c.close();
      await rec.stop();
    }
  },
});

Deno.test({
  name: "--no-sign-request sends no signature",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const rec = await startRecorder(() => ({ headers: { "content-type": "text/xml" }, body: identity }));
    try {
      const [signed, unsigned] = await callAws([
        `aws sts get-caller-identity --endpoint-url ${rec.endpoint}`,
        `aws sts get-caller-identity --no-sign-request --endpoint-url ${rec.endpoint}`,
      ], { ...deps, concurrency: 1 });
      assertEquals([signed.status, unsigned.status], ["success", "success"]);
      ok(rec.requests[0].headers.authorization?.startsWith("AWS4-HMAC-SHA256"));
      assertEquals(rec.requests[1].headers.authorization, undefined);
    } finally {
      await rec.stop();
    }
  },
});

Deno.test("help is answered from the models, without sending anything", async () => {
  const [service, command, waiter, unknown] = await callAws([
    "aws dynamodb help",
    "aws lambda get-function help",
    "aws ec2 wait instance-running help",
    "aws nosuchservice help",
  ], deps);
  ok(service.status === "success" && service.text?.includes("  describe-table\n"));
  ok(service.text?.includes("  wait table-exists\n"));
  const detail = command.response as { requiredParameters: Array<{ flag: string }>; example: string };
  assertEquals(detail.requiredParameters.map((p) => p.flag), ["--function-name"]);
  ok(command.text?.startsWith("aws lambda get-function\n\nReturns information about the function"));
  assertEquals(detail.example, "aws lambda get-function --function-name FUNCTION_NAME");
  ok(waiter.status === "success" && waiter.text?.includes("--instance-ids (list of string)"));
  assertEquals(unknown.error?.code, "UNKNOWN_SERVICE");
});
