/** The MCP server over stdio: what an MCP client launches from its `mcp.json`. */
import process from "node:process";
// The SDK's "./*" export maps types to `*.d.ts` and code to `*`, so code and types need two specifiers.
// @ts-types="@modelcontextprotocol/sdk/server/mcp"
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
// @ts-types="@modelcontextprotocol/sdk/server/stdio"
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Config } from "../config.ts";
import type { CallDeps } from "../exec/call.ts";
import { PROGRAM_NAME, VERSION } from "../version.ts";
import { registerCallTool } from "./call-tool.ts";
import { elicitConsent } from "./consent.ts";
import type { PolicySource } from "../policy/policy-file.ts";
import { registerSuggestTool } from "./suggest-tool.ts";

/** Creates the MCP server with its tools; execution code loads on the first call, not at start-up. */
export async function createServer(
  config: Config,
  env: Record<string, string | undefined>,
  policy: PolicySource,
  warnings: string[] = [],
): Promise<McpServer> {
  const server = new McpServer({ name: PROGRAM_NAME, version: VERSION }, {
    capabilities: { tools: {}, logging: {} },
  });
  let deps: Promise<CallDeps> | undefined;
  registerCallTool(
    server,
    () =>
      deps ??= import("../exec/environment.ts").then((m) =>
        m.callDeps(config, env, { source: policy, ask: elicitConsent(server, config.region) })
      ),
  );
  registerSuggestTool(server);
  if (config.agentScripts) {
    const [{ loadScripts }, { registerPlanTool }] = await Promise.all([
      import("../scripts/loader.ts"),
      import("./plan-tool.ts"),
    ]);
    const { scripts, problems } = loadScripts(config.agentScriptsDir);
    for (const p of problems) warnings.push(`skipped agent script ${p.path}: ${p.reason}`);
    registerPlanTool(server, scripts);
  }
  return server;
}

/** Serves MCP on stdin/stdout until the client closes the stream. */
export async function serveStdio(
  config: Config,
  env: Record<string, string | undefined>,
  policy: PolicySource,
  afterConnect?: (warnings: string[]) => Promise<void>,
): Promise<void> {
  const warnings: string[] = [];
  const server = await createServer(config, env, policy, warnings);
  const closed = new Promise<void>((resolve) => (server.server.onclose = resolve));
  await server.connect(new StdioServerTransport());
  // The transport does not notice the client closing stdin; without this the process would hang.
  process.stdin.once("end", () => void server.close());
  await afterConnect?.(warnings);
  await closed;
}
