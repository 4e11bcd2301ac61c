/** Starting the stdio server: configuration, logging, transport. */
import process from "node:process";
import { loadConfig } from "../config.ts";
import { VERSION } from "../version.ts";
import { serveStdio } from "./stdio.ts";
import { PolicySource } from "../policy/policy-file.ts";

/** Validates the configuration (a bad one stops the server with a precise message), serves, returns the exit code. */
export async function startStdioServer(): Promise<number> {
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
