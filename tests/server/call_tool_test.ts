/**
 * call_aws end to end: a real MCP client spawns the server over stdio, which runs commands against
 * s3rver (S3) and dynalite (DynamoDB) started by the test on 127.0.0.1.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client";
// @ts-types="@modelcontextprotocol/sdk/client/stdio"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { MAIN, RUN_FLAGS } from "../helpers.ts";
import { type LocalServer, startDynamo, startS3 } from "../../scripts/local-servers.ts";

interface ToolResult {
  results: Array<
    {
      command: string;
      status: string;
      response?: Record<string, unknown>;
      error?: { code: string; message: string };
    }
  >;
}

async function withServer(
  fn: (
    call: (cmd: string | string[], max?: number) => Promise<ToolResult>,
    work: string,
    client: Client,
  ) => Promise<void>,
) {
  const work = mkdtempSync(join(tmpdir(), "aws-api-mcp-work-"));
  const env = {
    ...Deno.env.toObject(),
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
    AWS_REGION: "us-east-1",
    AWS_API_MCP_WORKING_DIR: work,
    AWS_CONFIG_FILE: "/nonexistent",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
  };
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args: ["run", ...RUN_FLAGS, MAIN],
    env,
  });
  const client = new Client({ name: "test", version: "1.0.0" });
  await client.connect(transport);
  try {
    const call = async (cmd: string | string[], max?: number) => {
      const res = await client.callTool({
        name: "call_aws",
        arguments: { cli_command: cmd, ...(max ? { max_results: max } : {}) },
      });
      return res.structuredContent as unknown as ToolResult;
    };
    await fn(call, work, client);
  } finally {
    await client.close();
  }
}

let s3: LocalServer, ddb: LocalServer;

Deno.test({
  name: "call_aws through a real MCP client: S3 and DynamoDB emulators, batches, pagination, --query",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    [s3, ddb] = await Promise.all([startS3(), startDynamo()]);
    try {
      await withServer(async (call, work, client) => {
        const { tools } = await client.listTools();
        const tool = tools.find((t) => t.name === "call_aws")!;
        ok(tool.outputSchema && tool.inputSchema, "schemas declared");

        const S3 = `--endpoint-url ${s3.endpoint}`;
        let r = await call(`aws s3api create-bucket --bucket demo ${S3}`);
        assertEquals(r.results[0].status, "success", JSON.stringify(r));
        writeFileSync(join(work, "hello.txt"), "hello world");
        r = await call([
          `aws s3api put-object --bucket demo --key a.txt --body hello.txt ${S3}`,
          `aws s3api put-object --bucket demo --key b.txt --body hello.txt ${S3}`,
          `aws s3api put-object --bucket demo --key c.txt --body hello.txt ${S3}`,
        ]);
        assertEquals(r.results.map((x) => x.status), ["success", "success", "success"], JSON.stringify(r));
        r = await call(`aws s3api list-objects-v2 --bucket demo --query 'Contents[].Key' ${S3}`);
        assertEquals(r.results[0].response, ["a.txt", "b.txt", "c.txt"]);
        // (s3rver fails max-keys requests, for the AWS CLI too, so pages are tested on dynalite below.)
        r = await call(`aws s3api list-objects-v2 --bucket demo ${S3}`, 2);
        const listed = r.results[0].response!;
        assertEquals((listed.Contents as Array<{ Key: string }>).map((c) => c.Key), ["a.txt", "b.txt"]);
        ok(typeof listed.NextToken === "string", "truncated listing carries a NextToken");
        r = await call(`aws s3api get-object --bucket demo --key b.txt downloaded.txt ${S3}`);
        assertEquals(r.results[0].status, "success", JSON.stringify(r));
        assertEquals(readFileSync(join(work, "downloaded.txt"), "utf8"), "hello world");
        assertEquals(r.results[0].response?.ContentLength, 11);
        r = await call([
          `aws s3api delete-object --bucket demo --key a.txt ${S3}`,
          `aws s3api head-object --bucket demo --key missing.txt ${S3}`,
          `aws s3api list-objects-v2 --bucket demo --query 'KeyCount' ${S3}`,
        ]);
        assertEquals(r.results.map((x) => x.status), ["success", "error", "success"]);
        assertEquals(r.results[1].error?.code, "SERVICE_ERROR");
        ok(
          r.results[1].error?.message.includes("when calling the HeadObject operation"),
          r.results[1].error?.message,
        );

        const D = `--endpoint-url ${ddb.endpoint}`;
        r = await call(
          `aws dynamodb create-table --table-name Music --attribute-definitions AttributeName=Artist,AttributeType=S --key-schema AttributeName=Artist,KeyType=HASH --billing-mode PAY_PER_REQUEST ${D}`,
        );
        assertEquals(r.results[0].status, "success", JSON.stringify(r));
        r = await call(`aws dynamodb wait table-exists --table-name Music ${D}`);
        assertEquals([r.results[0].status, r.results[0].response], ["success", undefined], JSON.stringify(r));
        const puts = ["Abba", "Bach", "Cher", "Dido", "Enya"].map((a, i) =>
          `aws dynamodb put-item --table-name Music --item '{"Artist": {"S": "${a}"}, "Rank": {"N": "${i}"}}' ${D}`
        );
        r = await call(puts);
        assertEquals(r.results.every((x) => x.status === "success"), true, JSON.stringify(r));
        r = await call(`aws dynamodb scan --table-name Music --page-size 2 ${D}`);
        assertEquals((r.results[0].response?.Items as unknown[]).length, 5);
        assertEquals(r.results[0].response?.Count, 5);
        r = await call(`aws dynamodb scan --table-name Music --page-size 2 ${D}`, 3);
        assertEquals((r.results[0].response?.Items as unknown[]).length, 3);
        r = await call(
          `aws dynamodb get-item --table-name Music --key '{"Artist": {"S": "Cher"}}' --query Item.Rank.N ${D}`,
        );
        assertEquals(r.results[0].response, "2");
        r = await call([
          `aws dynamodb describe-table --table-name Nope ${D}`,
          "aws s3api list-buckets | head",
          `aws dynamodb list-tables ${D}`,
        ]);
        assertEquals(r.results.map((x) => x.error?.code ?? "ok"), ["SERVICE_ERROR", "SHELL_CONSTRUCT", "ok"]);
        assertEquals(r.results[2].response, { TableNames: ["Music"] });
      });
    } finally {
      await Promise.all([s3.stop(), ddb.stop()]);
    }
  },
});
