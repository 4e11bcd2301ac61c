/**
 * `deno task demo`: starts local S3 (s3rver) and DynamoDB (dynalite) emulators on 127.0.0.1 and runs a
 * short MCP session against them through a real MCP client, printing each call and its result — the
 * server at work without an AWS account.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client";
// @ts-types="@modelcontextprotocol/sdk/client/stdio"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { startDynamo, startS3 } from "./local-servers.ts";
import { RUN_FLAGS } from "./run-flags.ts";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const [s3, ddb] = await Promise.all([startS3(), startDynamo()]);
const work = mkdtempSync(join(tmpdir(), "aws-api-mcp-demo-"));
writeFileSync(join(work, "hello.txt"), "Hello from aws-api-mcp!\n");
const transport = new StdioClientTransport({
  command: Deno.execPath(),
  args: ["run", ...RUN_FLAGS, MAIN],
  env: {
    ...Deno.env.toObject(),
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
    AWS_REGION: "us-east-1",
    AWS_API_MCP_WORKING_DIR: work,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: ddb.endpoint,
  },
});
const client = new Client({ name: "aws-api-mcp-demo", version: "1.0.0" });
try {
  await client.connect(transport);
  const { tools } = await client.listTools();
  console.log(
    `Connected to ${client.getServerVersion()?.name}; tools: ${tools.map((t) => t.name).join(", ")}\n`,
  );
  const session: Array<string | string[]> = [
    "aws s3api create-bucket --bucket demo-bucket",
    "aws s3api put-object --bucket demo-bucket --key greetings/hello.txt --body hello.txt --content-type text/plain",
    "aws s3api list-objects-v2 --bucket demo-bucket --query 'Contents[].{Key: Key, Size: Size}'",
    "aws dynamodb create-table --table-name Music --attribute-definitions AttributeName=Artist,AttributeType=S --key-schema AttributeName=Artist,KeyType=HASH --billing-mode PAY_PER_REQUEST",
    "aws dynamodb wait table-exists --table-name Music",
    [
      `aws dynamodb put-item --table-name Music --item '{"Artist": {"S": "Nina Simone"}, "Song": {"S": "Feeling Good"}}'`,
      `aws dynamodb put-item --table-name Music --item '{"Artist": {"S": "Miles Davis"}, "Song": {"S": "So What"}}'`,
      "aws dynamodb describe-table --table-name NoSuchTable",
    ],
    "aws dynamodb scan --table-name Music --query 'Items[].Artist.S'",
    "aws s3api list-objects-v2 --bucket demo-bucket | grep hello",
  ];
  for (const cli_command of session) {
    console.log(`> call_aws ${JSON.stringify({ cli_command })}`);
    const result = await client.callTool({ name: "call_aws", arguments: { cli_command } });
    const text = (result.content as Array<{ type: string; text: string }>)[0]?.text ?? "";
    console.log(`${text}\n`);
  }
} finally {
  await client.close();
  await Promise.all([s3.stop(), ddb.stop()]);
}
