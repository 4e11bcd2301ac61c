/** Consent through a real MCP client over stdio: accept, decline, cancel, and a client without elicitation. */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client";
// @ts-types="@modelcontextprotocol/sdk/client/stdio"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
// @ts-types="@modelcontextprotocol/sdk/types"
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { MAIN, RUN_FLAGS } from "../helpers.ts";
import { startRecorder } from "../../scripts/local-servers.ts";

type Answer = { action: "accept"; content: { confirm: boolean } } | { action: "decline" } | {
  action: "cancel";
};

async function withClient(
  env: Record<string, string>,
  answer: Answer | undefined,
  fn: (c: Client, asked: string[]) => Promise<void>,
) {
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args: ["run", ...RUN_FLAGS, MAIN],
    env: { ...Deno.env.toObject(), ...env },
  });
  const client = new Client({ name: "test", version: "1.0.0" }, {
    capabilities: answer ? { elicitation: {} } : {},
  });
  const asked: string[] = [];
  if (answer) {
    client.setRequestHandler(ElicitRequestSchema, (req) => {
      asked.push((req.params as { message: string }).message);
      return answer;
    });
  }
  await client.connect(transport);
  try {
    await fn(client, asked);
  } finally {
    await client.close();
  }
}

const base = { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret", AWS_REGION: "us-east-1" };

Deno.test({
  name: "mutations ask for consent: accept runs, decline and cancel do not, no elicitation refuses",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const rec = await startRecorder(() => ({
      headers: { "content-type": "application/x-amz-json-1.0" },
      body: JSON.stringify({ QueueUrl: "http://q" }),
    }));
    const env = { ...base, REQUIRE_MUTATION_CONSENT: "true" };
    const command = `aws sqs create-queue --queue-name orders --endpoint-url ${rec.endpoint}`;
    const table: Array<[Answer | undefined, string, number]> = [
      [{ action: "accept", content: { confirm: true } }, "success", 1],
      [{ action: "accept", content: { confirm: false } }, "CONSENT_DECLINED", 0],
      [{ action: "decline" }, "CONSENT_DECLINED", 0],
      [{ action: "cancel" }, "CONSENT_CANCELLED", 0],
      [undefined, "CONSENT_UNAVAILABLE", 0],
    ];
    try {
      for (const [answer, outcome, sent] of table) {
        rec.requests.length = 0;
        await withClient(env, answer, async (c, asked) => {
          const r = await c.callTool({ name: "call_aws", arguments: { cli_command: command } });
          const res =
            (r.structuredContent as { results: Array<{ status: string; error?: { code: string } }> })
              .results[0];
          assertEquals(res.error?.code ?? res.status, outcome, JSON.stringify(answer));
          assertEquals(rec.requests.length, sent, `requests sent for ${JSON.stringify(answer)}`);
          if (answer) {
            ok(
              asked[0].includes(command) && asked[0].includes("CreateQueue") &&
                asked[0].includes("us-east-1"),
              asked[0],
            );
          }
          // Read-only commands are not asked about.
          const ro = await c.callTool({
            name: "call_aws",
            arguments: { cli_command: `aws sqs list-queues --endpoint-url ${rec.endpoint}` },
          });
          assertEquals(
            (ro.structuredContent as { results: Array<{ status: string }> }).results[0].status,
            "success",
          );
          assertEquals(asked.length, answer ? 1 : 0);
        });
      }
    } finally {
      await rec.stop();
    }
  },
});

Deno.test("read-only mode and the policy file refuse through the tool; a bad policy file stops the server", async () => {
  const dir = mkdtempSync(join(tmpdir(), "consent-"));
  const policyFile = join(dir, "policy.json");
  writeFileSync(policyFile, JSON.stringify({ version: "1.0", policy: { denyList: ["aws sts get-*"] } }));
  await withClient(
    { ...base, READ_OPERATIONS_ONLY: "true", AWS_API_MCP_SECURITY_POLICY_FILE: policyFile },
    undefined,
    async (c) => {
      const r = await c.callTool({
        name: "call_aws",
        arguments: { cli_command: ["aws iam delete-user --user-name bob", "aws sts get-caller-identity"] },
      });
      const errors =
        (r.structuredContent as { results: Array<{ error?: { code: string; message: string } }> })
          .results.map((x) => x.error!);
      assertEquals(errors.map((e) => e.code), ["POLICY_DENIED", "POLICY_DENIED"]);
      ok(errors[0].message.includes("read-only mode"), errors[0].message);
      ok(errors[1].message.includes("policy file"), errors[1].message);
    },
  );
  writeFileSync(policyFile, '{"version": "1.0", "policy": {"denyList": [7]}}');
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...RUN_FLAGS, MAIN],
    env: { AWS_API_MCP_SECURITY_POLICY_FILE: policyFile },
    stdin: "null",
    stderr: "piped",
  }).output();
  assertEquals(out.code, 2);
  ok(new TextDecoder().decode(out.stderr).includes("policy.denyList[0]"));
});

Deno.test({
  name: "item 7: the consent prompt shows the resolved operation and parameters, sensitive values masked",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const rec = await startRecorder(() => ({
      headers: { "content-type": "application/x-amz-json-1.1" },
      body: JSON.stringify({ Version: 1 }),
    }));
    const work = mkdtempSync(join(tmpdir(), "consent-params-"));
    writeFileSync(
      join(work, "params.json"),
      JSON.stringify({ Name: "/app/db-password", Value: "hunter2-secret", Type: "SecureString" }),
    );
    try {
      await withClient(
        { ...base, REQUIRE_MUTATION_CONSENT: "true", AWS_API_MCP_WORKING_DIR: work },
        { action: "accept", content: { confirm: true } },
        async (c, asked) => {
          await c.callTool({
            name: "call_aws",
            arguments: {
              cli_command:
                `aws ssm put-parameter --cli-input-json file://params.json --endpoint-url ${rec.endpoint}`,
            },
          });
          ok(asked.length === 1, "asked once");
          const prompt = asked[0];
          ok(prompt.includes("PutParameter") && prompt.includes("/app/db-password"), prompt);
          ok(prompt.includes('"Value": "***"') && !prompt.includes("hunter2"), prompt);
        },
      );
    } finally {
      await rec.stop();
    }
  },
});
