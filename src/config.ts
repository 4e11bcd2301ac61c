/** All environment configuration in one place, validated with zod at start-up. */
import { homedir, tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import process from "node:process";
import { z } from "zod";

const bool = z.enum(["true", "false", "1", "0", "yes", "no", ""]).transform((v) =>
  ["true", "1", "yes"].includes(v)
);

/** The platform temp folder the AWS CLI's users expect: $XDG_RUNTIME_DIR, $TMPDIR, /tmp on Linux. */
function platformTemp(env: Record<string, string | undefined>): string {
  if (process.platform === "linux") return env.XDG_RUNTIME_DIR || env.TMPDIR || "/tmp";
  return tmpdir();
}

const schema = z.object({
  AWS_REGION: z.string().min(1).optional(),
  AWS_API_MCP_PROFILE_NAME: z.string().min(1).optional(),
  AWS_API_MCP_WORKING_DIR: z.string().refine(isAbsolute, "must be an absolute path").optional(),
  AWS_API_MCP_TELEMETRY: bool.default(true),
  READ_OPERATIONS_ONLY: bool.default(false),
  REQUIRE_MUTATION_CONSENT: bool.default(false),
  AWS_API_MCP_SECURITY_POLICY_FILE: z.string().refine(isAbsolute, "must be an absolute path").optional(),
  AWS_API_MCP_ALLOW_UNRESTRICTED_LOCAL_FILE_ACCESS: bool.default(false),
  AWS_API_MCP_FILE_ACCESS: z.enum(["workdir", "unrestricted", "no-access"]).optional(),
  EXPERIMENTAL_AGENT_SCRIPTS: bool.default(false),
  AWS_API_MCP_AGENT_SCRIPTS_DIR: z.string().refine(isAbsolute, "must be an absolute path").optional(),
  AWS_API_MCP_LOG_LEVEL: z.enum(["trace", "debug", "info", "warning", "error", "fatal"]).default("info"),
  AWS_API_MCP_LOG_FILE: z.string().refine(isAbsolute, "must be an absolute path").optional(),
});

/** The validated configuration. */
export interface Config {
  region?: string;
  profile?: string;
  workingDir: string;
  telemetry: boolean;
  readOperationsOnly: boolean;
  requireMutationConsent: boolean;
  logLevel: "trace" | "debug" | "info" | "warning" | "error" | "fatal";
  agentScripts: boolean;
  policyFile: string;
  fileAccess: "workdir" | "unrestricted" | "no-access";
  agentScriptsDir?: string;
  logFile: string;
}

/** A configuration problem: which variable and what is wrong. */
export interface ConfigError {
  code: "INVALID_CONFIG";
  message: string;
  hint: string;
}

/** Reads and validates the configuration from an environment map. */
export function loadConfig(
  env: Record<string, string | undefined>,
): { ok: true; config: Config } | { ok: false; error: ConfigError } {
  const parsed = schema.safeParse(Object.fromEntries(Object.keys(schema.shape).map((k) => [k, env[k]])));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: {
        code: "INVALID_CONFIG",
        message: `Environment variable ${String(issue.path[0])} ${issue.message}.`,
        hint: 'Fix or unset the variable in the server\'s environment (mcp.json "env").',
      },
    };
  }
  const v = parsed.data;
  return {
    ok: true,
    config: {
      region: v.AWS_REGION,
      profile: v.AWS_API_MCP_PROFILE_NAME,
      workingDir: v.AWS_API_MCP_WORKING_DIR ?? join(platformTemp(env), "aws-api-mcp", "workdir"),
      telemetry: v.AWS_API_MCP_TELEMETRY,
      readOperationsOnly: v.READ_OPERATIONS_ONLY,
      requireMutationConsent: v.REQUIRE_MUTATION_CONSENT,
      logLevel: v.AWS_API_MCP_LOG_LEVEL,
      agentScripts: v.EXPERIMENTAL_AGENT_SCRIPTS,
      fileAccess: v.AWS_API_MCP_FILE_ACCESS ??
        (v.AWS_API_MCP_ALLOW_UNRESTRICTED_LOCAL_FILE_ACCESS ? "unrestricted" : "workdir"),
      policyFile: v.AWS_API_MCP_SECURITY_POLICY_FILE ??
        join(env.HOME || homedir(), ".aws", "aws-api-mcp", "mcp-security-policy.json"),
      agentScriptsDir: v.AWS_API_MCP_AGENT_SCRIPTS_DIR,
      logFile: v.AWS_API_MCP_LOG_FILE ??
        join(env.HOME || homedir(), ".aws", "aws-api-mcp", "aws-api-mcp-server.log"),
    },
  };
}
