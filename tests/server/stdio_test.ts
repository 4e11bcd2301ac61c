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
    assertEquals(Array.isArray(tools), true);
  } finally {
    await client.close();
  }
});
