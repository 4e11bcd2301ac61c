/** The MCP server over stdio: what an MCP client launches from its `mcp.json`. */
import process from "node:process";
import { Server } from "@modelcontextprotocol/sdk/server";
// The SDK's "./*" export maps types to `*.d.ts` and code to `*`, so code and types need two specifiers.
// @ts-types="@modelcontextprotocol/sdk/server/stdio"
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
// @ts-types="@modelcontextprotocol/sdk/types"
import { ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { PROGRAM_NAME, VERSION } from "../version.ts";

/** Creates the MCP server with its tools registered (none yet: call_aws lands with its own issue). */
export function createServer(): Server {
  const server = new Server({ name: PROGRAM_NAME, version: VERSION }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [] }));
  return server;
}

/** Serves MCP on stdin/stdout until the client closes the stream. */
export async function serveStdio(): Promise<void> {
  const server = createServer();
  const closed = new Promise<void>((resolve) => (server.onclose = resolve));
  await server.connect(new StdioServerTransport());
  // The transport does not notice the client closing stdin; without this the process would hang.
  process.stdin.once("end", () => void server.close());
  await closed;
}
