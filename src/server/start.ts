/** Starting the server: configuration, logging, and the transport the configuration names (stdio or HTTP). */
import process from "node:process";
import { type Config, type HttpConfig, loadConfig } from "../config.ts";
import { VERSION } from "../version.ts";
import { serveStdio } from "./stdio.ts";
import { loadAgentScripts, toolServers } from "./tools.ts";
import { onShutdown } from "../shutdown.ts";
import { PolicySource } from "../policy/policy-file.ts";

/** Validates the configuration (a bad one stops the server with a precise message), serves, returns the exit code. */
export async function startServer(): Promise<number> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    console.error(`${loaded.error.message} ${loaded.error.hint}`);
    return 2;
  }
  const config = loaded.config;
  const policy = new PolicySource(config.policyFile, (e) => {
    void import("../log.ts").then(({ logger }) =>
      logger("policy").error("{message} (keeping the last valid policy)", { message: e.message })
    );
  });
  const bad = policy.load();
  if (bad) {
    // Never fail open: a policy the user wrote but we cannot read stops the server.
    console.error(`${bad.message}\n${bad.hint}`);
    return 2;
  }
  if (config.http) return await startHttpServer(config, config.http, policy);
  const failure = await serveStdio(config, process.env, policy, async (warnings) => {
    const { logger, setupLogging } = await import("../log.ts");
    await setupLogging(config.logFile, config.logLevel);
    logger("server").info("started {version} over stdio", {
      version: VERSION,
      readOnly: config.readOperationsOnly,
      consent: config.requireMutationConsent,
      workingDir: config.workingDir,
    });
    for (const w of warnings) logger("server").warn(w);
  });
  if (failure) {
    // Said where it can still be seen: stderr and the log (stdout is what failed).
    const message = `the connection to the MCP client failed, so the server stopped: ${failure.message}`;
    console.error(`aws-api-mcp: ${message}`);
    const { logger } = await import("../log.ts");
    logger("server").error(message);
    return 1;
  }
  return 0;
}

/** Serves MCP over HTTP until a signal stops it; start-up problems (a port in use) are exit code 1. */
async function startHttpServer(config: Config, http: HttpConfig, policy: PolicySource): Promise<number> {
  const [{ logger, setupLogging }, { serveHttp }] = await Promise.all([
    import("../log.ts"),
    import("./http.ts"),
  ]);
  await setupLogging(config.logFile, config.logLevel);
  const log = logger("http");
  const warnings: string[] = [];
  const scripts = await loadAgentScripts(config, warnings);
  for (const w of warnings) log.warn(w);
  const servers = toolServers({
    config,
    env: process.env,
    policy,
    scripts,
    beforeFirstCall: () => Promise.resolve(),
  });
  let served;
  try {
    served = serveHttp(http, servers, {
      refused: (status, reason) => log.warn("refused {status}: {reason}", { status, reason }),
      warn: (message) => {
        log.warn(message);
        console.error(`aws-api-mcp: warning: ${message}`);
      },
    });
  } catch (e) {
    console.error(`aws-api-mcp: cannot serve on ${http.host}:${http.port}: ${(e as Error).message}`);
    return 1;
  }
  const auth = http.auth.type === "oauth" ? `OAuth (issuer ${http.auth.issuer})` : "no authentication";
  log.info("started {version} over HTTP at {url}", {
    version: VERSION,
    url: served.url,
    auth,
    stateless: http.stateless,
  });
  console.error(
    `aws-api-mcp: serving MCP at ${served.url} (${http.stateless ? "stateless" : "sessions"}, ${auth})`,
  );
  onShutdown(() => served.stop());
  await served.finished;
  return 0;
}
