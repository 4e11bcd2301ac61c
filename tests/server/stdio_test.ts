import { deepStrictEqual as assertEquals } from "node:assert";
import { Client } from "@modelcontextprotocol/sdk/client";
// @ts-types="@modelcontextprotocol/sdk/client/stdio"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { MAIN, RUN_FLAGS } from "../helpers.ts";
import { VERSION } from "../../src/version.ts";

Deno.test("with no arguments the program serves MCP on stdio to a real client", async () => {
  const transport = new StdioClientTransport({ command: Deno.execPath(), args: ["run", ...RUN_FLAGS, MAIN] });
  const client = new Client({ name: "test", version: "1.0.0" });
  await client.connect(transport);
  try {
    assertEquals(client.getServerVersion(), { name: "aws-api-mcp", version: VERSION });
    const { tools } = await client.listTools();
    assertEquals(tools.map((t) => t.name).sort(), ["call_aws", "suggest_aws_commands"]);
    const r = await client.callTool({
      name: "suggest_aws_commands",
      arguments: { query: "list SQS queues" },
    });
    const top =
      (r.structuredContent as { suggestions: Array<{ command: string; example: string }> }).suggestions[0];
    assertEquals([top.command, top.example], ["aws sqs list-queues", "aws sqs list-queues"]);
    const bad = await client.callTool({ name: "suggest_aws_commands", arguments: { query: "" } });
    assertEquals(bad.isError, true);
  } finally {
    await client.close();
  }
});
