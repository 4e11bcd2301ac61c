/**
 * Read-only mode hands no secrets to the assistant: every output value the model marks sensitive is
 * replaced — in JSON, text, YAML and --query results alike — and the result says so and how the user
 * turns it off. Operations whose whole purpose is a credential, or that run code, are refused.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config.ts";
import { callAws } from "../../src/exec/call.ts";
import { callDeps } from "../../src/exec/environment.ts";
import { REDACTED } from "../../src/exec/run.ts";
import { PolicySource } from "../../src/policy/policy-file.ts";
import { startRecorder } from "../../scripts/local-servers.ts";

Deno.env.set("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
Deno.env.set("AWS_SECRET_ACCESS_KEY", "secret");
const SECRET = "TOPSECRETclientsecret1234567890";
const work = mkdtempSync(join(tmpdir(), "redact-"));

function deps(env: Record<string, string>) {
  const cfg = loadConfig({
    HOME: Deno.env.get("HOME"),
    AWS_API_MCP_WORKING_DIR: work,
    AWS_API_MCP_SECURITY_POLICY_FILE: join(work, "none.json"),
    AWS_REGION: "us-east-1",
    ...env,
  });
  if (!cfg.ok) throw new Error(cfg.error.message);
  return callDeps(cfg.config, {}, { source: new PolicySource(cfg.config.policyFile) });
}

async function withRecorder(fn: (e: string, sent: () => number) => Promise<void>) {
  const rec = await startRecorder((r) => {
    const target = r.headers["x-amz-target"] ?? "";
    const body = target.endsWith("DescribeUserPoolClient")
      ? { UserPoolClient: { ClientId: "c", ClientName: "web", ClientSecret: SECRET } }
      : target.endsWith("GetConnection")
      ? { Connection: { Name: "db", ConnectionProperties: { USERNAME: "admin", PASSWORD: SECRET } } }
      : {};
    return { headers: { "content-type": "application/x-amz-json-1.1" }, body: JSON.stringify(body) };
  });
  try {
    await fn(`--endpoint-url ${rec.endpoint}`, () => rec.requests.length);
  } finally {
    await rec.stop();
  }
}

Deno.test({
  name: "item 4: read-only mode redacts sensitive output in every format and says how to turn it off",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withRecorder(async (E) => {
      const describe = `aws cognito-idp describe-user-pool-client --user-pool-id p --client-id c ${E}`;
      const results = await callAws([
        describe,
        `${describe} --output text`,
        `${describe} --output yaml`,
        `${describe} --query UserPoolClient.ClientSecret --output text`,
        `aws glue get-connection --name db ${E}`,
      ], deps({ READ_OPERATIONS_ONLY: "true" }));
      for (const r of results) {
        ok(r.status === "success", JSON.stringify(r.error));
        ok(!JSON.stringify(r).includes(SECRET), `${r.command}: ${r.text}`);
        ok(r.notice?.includes("AWS_API_MCP_REDACT_SENSITIVE=false"), String(r.notice));
      }
      assertEquals(
        (results[0].response as { UserPoolClient: Record<string, string> }).UserPoolClient,
        // The model marks client ids sensitive too; names are not.
        { ClientId: REDACTED, ClientName: "web", ClientSecret: REDACTED },
      );
      assertEquals(results[3].text, `${REDACTED}\n`);
      ok(results[2].text?.includes(`ClientSecret: '${REDACTED}'`) || results[2].text?.includes(REDACTED));
      // The user, not the assistant, can turn it off; outside read-only mode nothing is redacted by default.
      const envs: Record<string, string>[] = [
        { READ_OPERATIONS_ONLY: "true", AWS_API_MCP_REDACT_SENSITIVE: "false" },
        {},
      ];
      for (const env of envs) {
        const [plain] = await callAws([describe], deps(env));
        ok(plain.text?.includes(SECRET) && plain.notice === undefined, String(plain.text));
      }
      const [forced] = await callAws([describe], deps({ AWS_API_MCP_REDACT_SENSITIVE: "true" }));
      ok(!forced.text?.includes(SECRET));
    });
  },
});

Deno.test({
  name: "item 4: in read-only mode, credential handouts and Read operations that run code are refused unsent",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withRecorder(async (E, sent) => {
      const results = await callAws([
        `aws s3 presign s3://b/k ${E}`,
        `aws ivs get-stream-key --arn arn:aws:ivs:us-east-1:123456789012:stream-key/abc ${E}`,
        `aws gamelift get-instance-access --fleet-id fleet-1 --instance-id i-1 ${E}`,
        `aws bedrock-runtime invoke-model --model-id m --body '{}' out.json ${E}`,
        `aws sagemaker-runtime invoke-endpoint --endpoint-name e --body '{}' out.json ${E}`,
        `aws timestream-query query --query-string "UNLOAD (SELECT 1) TO 's3://b/x'" ${E}`,
      ], deps({ READ_OPERATIONS_ONLY: "true" }));
      assertEquals(results.map((r) => r.error?.code), Array(6).fill("POLICY_DENIED"));
      assertEquals(sent(), 0);
    });
  },
});
