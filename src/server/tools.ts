/**
 * The MCP server with its tools, made for each connection: one for stdio, one per HTTP session (or per
 * request when stateless). What can be shared — call_aws's dependencies, the agent scripts — is made once;
 * execution code loads on the first call, not at start-up.
 */
import type { Config } from "../config.ts";
import type { CallDeps } from "../exec/call.ts";
import type { PolicySource } from "../policy/policy-file.ts";
import type { AgentScript } from "../scripts/types.ts";
import { PROGRAM_NAME, VERSION } from "../version.ts";
import { registerCallTool } from "./call-tool.ts";
import { elicitConsent } from "./consent.ts";
import { registerSuggestTool } from "./suggest-tool.ts";
import { ToolServer } from "./tool-server.ts";
import { serverInstructions } from "./instructions.ts";

/** What every server of this process shares. */
export interface ToolsContext {
  config: Config;
  env: Record<string, string | undefined>;
  policy: PolicySource;
  /** The agent scripts, when EXPERIMENTAL_AGENT_SCRIPTS is on. */
  scripts?: AgentScript[];
  /** Awaited before the first call runs (logging set-up). */
  beforeFirstCall: () => Promise<void>;
}

/** Loads the agent scripts once, if they are on; problems become warnings. */
export async function loadAgentScripts(
  config: Config,
  warnings: string[],
): Promise<AgentScript[] | undefined> {
  if (!config.agentScripts) return undefined;
  const { loadScripts } = await import("../scripts/loader.ts");
  const { scripts, problems } = loadScripts(config.agentScriptsDir);
  for (const p of problems) warnings.push(`skipped agent script ${p.path}: ${p.reason}`);
  return scripts;
}

/** The server's instructions: AWS_REGION, else the profile's region, and the modes in force. */
async function instructionsFor(config: Config, scripts: boolean): Promise<string> {
  const region = config.region ??
    await import("../exec/profile-region.ts").then((m) => m.profileRegion(config.profile));
  return serverInstructions({
    region,
    profile: config.profile,
    readOnly: config.readOperationsOnly,
    consent: config.requireMutationConsent,
    fileAccess: config.fileAccess,
    workingDir: config.workingDir,
    maxOutputChars: config.maxOutputChars,
    scripts,
  });
}

/** A factory of servers sharing one set of call dependencies (each server asks consent of its own client). */
export function toolServers(ctx: ToolsContext): () => Promise<ToolServer> {
  let base: Promise<CallDeps> | undefined;
  const shared = () =>
    base ??= Promise.all([import("../exec/environment.ts"), ctx.beforeFirstCall()]).then(([m]) =>
      m.callDeps(ctx.config, ctx.env, { source: ctx.policy })
    );
  const planTool = ctx.scripts ? import("./plan-tool.ts") : undefined;
  const { config } = ctx;
  // Once per process: the facts do not change while it runs.
  let instructions: Promise<string> | undefined;
  return async () => {
    const server = new ToolServer(
      { name: PROGRAM_NAME, version: VERSION },
      await (instructions ??= instructionsFor(config, !!ctx.scripts)),
    );
    const ask = elicitConsent(server, config.region);
    registerCallTool(
      server,
      () => shared().then((d) => ({ ...d, policy: d.policy && { ...d.policy, consent: ask } })),
      config.readOperationsOnly,
    );
    registerSuggestTool(server);
    if (ctx.scripts && planTool) (await planTool).registerPlanTool(server, ctx.scripts);
    return server;
  };
}
