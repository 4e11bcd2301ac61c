/** HTTP servers and sessions end when their clients are done: nothing is kept per request or per session. */
import { deepStrictEqual as assertEquals } from "node:assert";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client";
// @ts-types="@modelcontextprotocol/sdk/client/streamableHttp"
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { loadConfig } from "../../src/config.ts";
import { PolicySource } from "../../src/policy/policy-file.ts";
import { serveHttp } from "../../src/server/http.ts";
import { toolServers } from "../../src/server/tools.ts";

for (const stateless of [false, true]) {
  Deno.test({
    name: `${
      stateless ? "stateless" : "session"
    } mode: after 40 clients × 5 calls no server or session is left`,
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      const cfg = loadConfig({
        HOME: Deno.env.get("HOME"),
        AWS_API_MCP_WORKING_DIR: mkdtempSync(join(tmpdir(), "lifecycle-")),
        AWS_API_MCP_TRANSPORT: "streamable-http",
        AWS_API_MCP_PORT: "0",
        AWS_API_MCP_STATELESS_HTTP: String(stateless),
        AUTH_TYPE: "no-auth",
      });
      if (!cfg.ok) throw new Error(cfg.error.message);
      const config = cfg.config;
      const servers = toolServers({
        config,
        env: {},
        policy: new PolicySource(config.policyFile),
        beforeFirstCall: () => Promise.resolve(),
      });
      const served = serveHttp(config.http!, servers, { refused: () => {}, warn: () => {} });
      try {
        await Promise.all(Array.from({ length: 40 }, async () => {
          const client = new Client({ name: "c", version: "1" });
          const transport = new StreamableHTTPClientTransport(new URL(served.url));
          await client.connect(transport);
          for (let i = 0; i < 5; i++) {
            await client.callTool({ name: "suggest_aws_commands", arguments: { query: "list s3 buckets" } });
          }
          if (!stateless) await transport.terminateSession();
          await client.close();
        }));
        await new Promise((r) => setTimeout(r, 100));
        assertEquals(served.stats(), { sessions: 0, servers: 0 });
      } finally {
        await served.stop();
      }
    },
  });
}
