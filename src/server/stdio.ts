/** The MCP server over stdio: what an MCP client launches from its `mcp.json`. */
import type { Config } from "../config.ts";
import type { CallDeps } from "../exec/call.ts";
import { PROGRAM_NAME, VERSION } from "../version.ts";
import { registerCallTool } from "./call-tool.ts";
import { elicitConsent } from "./consent.ts";
import type { PolicySource } from "../policy/policy-file.ts";
import { registerSuggestTool } from "./suggest-tool.ts";
import { ToolServer } from "./tool-server.ts";
import { LineTransport } from "./line-transport.ts";
import { onShutdown } from "../shutdown.ts";

/**
 * Creates the MCP server with its tools; execution code loads on the first call, not at start-up.
 * `beforeFirstCall` (logging set-up) is awaited before the first call runs.
 */
async function createServer(
  config: Config,
  env: Record<string, string | undefined>,
  policy: PolicySource,
  warnings: string[],
  beforeFirstCall: () => Promise<void>,
): Promise<ToolServer> {
  const server = new ToolServer({ name: PROGRAM_NAME, version: VERSION });
  let deps: Promise<CallDeps> | undefined;
  registerCallTool(
    server,
    () =>
      deps ??= Promise.all([import("../exec/environment.ts"), beforeFirstCall()]).then(([m]) =>
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
  const server = await createServer(config, env, policy, warnings, loggingReady);
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
