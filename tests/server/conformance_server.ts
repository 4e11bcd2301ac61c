/**
 * The product's HTTP server (serveHttp, toolServers) with the official MCP conformance suite's fixture
 * tools added beside call_aws and suggest_aws_commands, so its tool scenarios (errors, progress,
 * elicitation) exercise our transport and tool server. Run by tests/server/conformance_test.ts.
 */
import { z } from "zod";
import { loadConfig } from "../../src/config.ts";
import { PolicySource } from "../../src/policy/policy-file.ts";
import { serveHttp } from "../../src/server/http.ts";
import { toolServers } from "../../src/server/tools.ts";

const cfg = loadConfig({
  ...Deno.env.toObject(),
  AWS_API_MCP_TRANSPORT: "streamable-http",
  AUTH_TYPE: "no-auth",
});
if (!cfg.ok || !cfg.config.http) throw new Error(cfg.ok ? "no HTTP configuration" : cfg.error.message);
const config = cfg.config;
const product = toolServers({
  config,
  env: Deno.env.toObject(),
  policy: new PolicySource(config.policyFile),
  beforeFirstCall: () => Promise.resolve(),
});
const served = serveHttp(config.http!, async () => {
  const server = await product();
  server.registerTool("test_simple_text", { description: "Returns a simple text.", inputSchema: {} }, () => ({
    content: [{ type: "text", text: "This is a simple text response for testing." }],
  }));
  server.registerTool("test_error_handling", { description: "Always fails.", inputSchema: {} }, () => {
    throw new Error("This tool intentionally returns an error for testing");
  });
  server.registerTool(
    "test_tool_with_progress",
    { description: "Reports progress three times.", inputSchema: {} },
    async (_args, extra) => {
      const token = extra._meta?.progressToken;
      for (const progress of [0, 50, 100]) {
        if (token !== undefined) {
          await extra.sendNotification({
            method: "notifications/progress",
            params: { progressToken: token, progress, total: 100 },
          });
        }
      }
      return { content: [{ type: "text", text: "done" }] };
    },
  );
  server.registerTool(
    "test_elicitation",
    { description: "Asks the user.", inputSchema: { message: z.string() } },
    async ({ message }) => {
      const answer = await server.elicitInput({
        message,
        requestedSchema: {
          type: "object",
          properties: {
            username: { type: "string", description: "User's response" },
            email: { type: "string", description: "User's email address" },
          },
          required: ["username", "email"],
        },
      });
      return { content: [{ type: "text", text: `User response: ${JSON.stringify(answer)}` }] };
    },
  );
  return server;
}, { refused: () => {}, warn: () => {} });
console.error(`serving MCP at ${served.url}`);
Deno.addSignalListener("SIGTERM", () => void served.stop().then(() => Deno.exit(0)));
await served.finished;
