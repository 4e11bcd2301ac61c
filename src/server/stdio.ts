/** The MCP server over stdio: what an MCP client launches from its `mcp.json`. */
import type { Config } from "../config.ts";
import type { PolicySource } from "../policy/policy-file.ts";
import { loadAgentScripts, toolServers } from "./tools.ts";
import { LineTransport } from "./line-transport.ts";
import { onShutdown } from "../shutdown.ts";

/** How long after connecting logging is set up, unless a call needs it sooner. */
const LOGGING_DELAY_MS = 100;

/**
 * Serves MCP on stdin/stdout until the client closes the stream; returns why it had to stop otherwise. `startLogging` runs once: shortly after
 * connecting — so that loading it never delays the client's first requests — or before the first call, or
 * at the end of a shorter session.
 */
export async function serveStdio(
  config: Config,
  env: Record<string, string | undefined>,
  policy: PolicySource,
  startLogging: (warnings: string[]) => Promise<void>,
): Promise<Error | undefined> {
  const warnings: string[] = [];
  let logging: Promise<void> | undefined;
  const loggingReady = () => logging ??= startLogging(warnings);
  const scripts = await loadAgentScripts(config, warnings);
  const server = await toolServers({ config, env, policy, scripts, beforeFirstCall: loggingReady })();
  const closed = new Promise<void>((resolve) => (server.onclose = resolve));
  // The transport closes when the client closes stdin; a signal closes the server (main.ts, shutdown.ts).
  const transport = new LineTransport();
  await server.connect(transport);
  onShutdown(() => server.close());
  const timer = setTimeout(() => void loggingReady(), LOGGING_DELAY_MS);
  await closed;
  clearTimeout(timer);
  await loggingReady(); // a short session still logs its start and warnings
  return transport.failure;
}
