/** `aws-api-mcp health`: whether the HTTP server on this machine serves (a container's health check). */
import type { Command } from "commander";
import process from "node:process";
import { loadConfig } from "../config.ts";

/** Registers `health`. */
export function registerHealth(program: Command): void {
  program.command("health")
    .description("Check that the HTTP server (AWS_API_MCP_TRANSPORT=streamable-http) answers on this machine")
    .option("--port <port>", "the port to ask (default: AWS_API_MCP_PORT, else 8000)")
    .action(async (opts: { port?: string }) => {
      const loaded = loadConfig(process.env);
      const port = opts.port ?? String(loaded.ok && loaded.config.http ? loaded.config.http.port : 8000);
      const url = `http://127.0.0.1:${port}/health`;
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
        const body = await res.text();
        console.log(`${res.status} ${body}`);
        process.exitCode = res.ok ? 0 : 1;
      } catch (e) {
        console.log(`unhealthy: ${url}: ${(e as Error).message}`);
        process.exitCode = 1;
      }
    });
}
