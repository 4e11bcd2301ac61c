/**
 * Long calls through a real MCP client over stdio: progress notifications as a batch advances, and
 * cancellation that reaches the AWS request in flight (the endpoint sees its connection dropped) while
 * the server keeps serving.
 */
import { deepStrictEqual, ok, rejects } from "node:assert";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client";
// @ts-types="@modelcontextprotocol/sdk/client/stdio"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { MAIN, RUN_FLAGS } from "../helpers.ts";

/** A DynamoDB-like endpoint: list-tables answers after 200 ms; describe-table never answers. */
async function slowEndpoint() {
  const dropped: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const target = String(req.headers["x-amz-target"] ?? "");
    req.resume();
    if (target.endsWith("DescribeTable")) {
      res.on("close", () => dropped.push(target));
      return; // hangs until the client gives up
    }
    setTimeout(() => {
      res.writeHead(200, { "content-type": "application/x-amz-json-1.0" });
      res.end('{"TableNames":["t"]}');
    }, 200);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    endpoint,
    dropped,
    stop: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

Deno.test("call_aws reports progress through a batch and honours cancellation", async () => {
  const slow = await slowEndpoint();
  const transport = new StdioClientTransport({
    command: Deno.execPath(),
    args: ["run", ...RUN_FLAGS, MAIN],
    env: {
      ...Deno.env.toObject(),
      AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
      AWS_SECRET_ACCESS_KEY: "secret",
      AWS_REGION: "us-east-1",
      AWS_API_MCP_WORKING_DIR: mkdtempSync(join(tmpdir(), "aws-api-mcp-progress-")),
    },
  });
  const client = new Client({ name: "test", version: "1.0.0" });
  await client.connect(transport);
  try {
    const list = `aws dynamodb list-tables --endpoint-url ${slow.endpoint}`;
    const progress: [number, number | undefined][] = [];
    const batch = await client.callTool(
      { name: "call_aws", arguments: { cli_command: [list, list, list] } },
      undefined,
      { onprogress: (p) => progress.push([p.progress, p.total]) },
    );
    ok(!batch.isError);
    // Every notification counts the 3 commands; the count of finished ones only grows, through 1, 2 and 3.
    const done = progress.map(([d, total]) => (ok(total === 3), d));
    deepStrictEqual(done, [...done].sort((a, b) => a - b), JSON.stringify(progress));
    ok([1, 2, 3].every((n) => done.includes(n)) && done.at(-1) === 3, JSON.stringify(progress));

    const abort = new AbortController();
    const hanging = client.callTool(
      {
        name: "call_aws",
        arguments: {
          cli_command: `aws dynamodb describe-table --table-name t --endpoint-url ${slow.endpoint}`,
        },
      },
      undefined,
      { signal: abort.signal },
    );
    setTimeout(() => abort.abort("user stopped it"), 500);
    await rejects(hanging);
    // The server's SDK request is aborted, not left running.
    for (let i = 0; i < 50 && slow.dropped.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    deepStrictEqual(slow.dropped, ["DynamoDB_20120810.DescribeTable"]);
    const after = await client.callTool({ name: "call_aws", arguments: { cli_command: list } });
    ok(!after.isError, "the server still serves after a cancellation");
  } finally {
    await client.close();
    await slow.stop();
  }
});
