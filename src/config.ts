/** All environment configuration in one place, validated with zod at start-up. */
import { z } from "zod";
import { parseAllowedEndpoints } from "./policy/endpoints.ts";
import { parseAllowedProfiles } from "./policy/profiles.ts";
import { type FileAccess, fileAccessOf, isAbsolutePath, locationsOf, TRUE_WORDS } from "./locations.ts";

const bool = z.enum(["true", "false", "1", "0", "yes", "no", ""]).transform((v) => TRUE_WORDS.includes(v));

const count = z.string().regex(/^\s*[1-9]\d{0,11}\s*$/, "must be a whole number of at least 1").transform(
  Number,
);

const schema = z.object({
  AWS_REGION: z.string().min(1).optional(),
  AWS_API_MCP_PROFILE_NAME: z.string().min(1).optional(),
  AWS_API_MCP_WORKING_DIR: z.string().refine(isAbsolutePath, "must be an absolute path").optional(),
  AWS_API_MCP_TELEMETRY: bool.default(true),
  READ_OPERATIONS_ONLY: bool.default(false),
  REQUIRE_MUTATION_CONSENT: bool.default(false),
  AWS_API_MCP_SECURITY_POLICY_FILE: z.string().refine(isAbsolutePath, "must be an absolute path").optional(),
  AWS_API_MCP_ALLOW_UNRESTRICTED_LOCAL_FILE_ACCESS: bool.default(false),
  AWS_API_MCP_FILE_ACCESS: z.enum(["workdir", "unrestricted", "no-access"]).optional(),
  EXPERIMENTAL_AGENT_SCRIPTS: bool.default(false),
  AWS_API_MCP_AGENT_SCRIPTS_DIR: z.string().refine(isAbsolutePath, "must be an absolute path").optional(),
  AWS_API_MCP_LOG_LEVEL: z.enum(["trace", "debug", "info", "warning", "error", "fatal"]).default("info"),
  AWS_API_MCP_LOG_FILE: z.string().refine(isAbsolutePath, "must be an absolute path").optional(),
  AWS_API_MCP_ALLOWED_ENDPOINTS: z.string().optional(),
  AWS_API_MCP_CALL_TIMEOUT_SECONDS: z.string().regex(
    /^\s*[1-9]\d{0,5}\s*$/,
    "must be a whole number of seconds from 1 to 999999",
  )
    .transform(Number).default(300),
  AWS_API_MCP_MAX_RESPONSE_BYTES: count.default(100 * 1024 * 1024),
  AWS_API_MCP_MAX_PAGES: count.default(1000),
  AWS_API_MCP_MAX_ITEMS: count.default(100_000),
  // Unset or empty: follow read-only mode (an empty value must not turn redaction off).
  AWS_API_MCP_REDACT_SENSITIVE: z.enum(["true", "false", "1", "0", "yes", "no", ""]).optional(),
  AWS_API_MCP_ALLOWED_PROFILES: z.string().optional(),
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
  fileAccess: FileAccess;
  agentScriptsDir?: string;
  logFile: string;
  /** The most bytes one response may have, and the pages of one listing together. */
  maxResponseBytes: number;
  /** Paging stops after this many pages, or this many items, unless max_results says otherwise. */
  maxPages: number;
  maxItems: number;
  /** The longest one call_aws command may run, in seconds (waiters are bounded by their own settings). */
  callTimeoutSeconds: number;
  /** Replace output values the models mark sensitive: by default in read-only mode. */
  redactSensitive: boolean;
  /** Endpoint hosts (or host:port, `*` wildcard) allowed beside loopback and AWS hosts. */
  allowedEndpoints: string[];
  /** Profiles a command may name beside the configured one; undefined when the variable is unset. */
  allowedProfiles?: string[];
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
  const at = locationsOf(env);
  if (!at) {
    return {
      ok: false,
      error: {
        code: "INVALID_CONFIG",
        message: "Neither HOME nor USERPROFILE is set, so ~/.aws cannot be found.",
        hint: 'Set HOME in the server\'s environment (mcp.json "env").',
      },
    };
  }
  return {
    ok: true,
    config: {
      region: v.AWS_REGION,
      profile: v.AWS_API_MCP_PROFILE_NAME,
      workingDir: at.workingDir,
      telemetry: v.AWS_API_MCP_TELEMETRY,
      readOperationsOnly: v.READ_OPERATIONS_ONLY,
      requireMutationConsent: v.REQUIRE_MUTATION_CONSENT,
      logLevel: v.AWS_API_MCP_LOG_LEVEL,
      agentScripts: v.EXPERIMENTAL_AGENT_SCRIPTS,
      fileAccess: fileAccessOf(env),
      policyFile: at.policyFile,
      agentScriptsDir: at.agentScriptsDir,
      logFile: at.logFile,
      callTimeoutSeconds: v.AWS_API_MCP_CALL_TIMEOUT_SECONDS,
      maxResponseBytes: v.AWS_API_MCP_MAX_RESPONSE_BYTES,
      maxPages: v.AWS_API_MCP_MAX_PAGES,
      maxItems: v.AWS_API_MCP_MAX_ITEMS,
      redactSensitive: v.AWS_API_MCP_REDACT_SENSITIVE
        ? TRUE_WORDS.includes(v.AWS_API_MCP_REDACT_SENSITIVE)
        : v.READ_OPERATIONS_ONLY,
      allowedEndpoints: parseAllowedEndpoints(v.AWS_API_MCP_ALLOWED_ENDPOINTS),
      allowedProfiles: parseAllowedProfiles(v.AWS_API_MCP_ALLOWED_PROFILES),
    },
  };
}
