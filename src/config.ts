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
  AWS_API_MCP_TAIL_FOLLOW_SECONDS: z.string().regex(
    /^\s*[1-9]\d{0,4}\s*$/,
    "must be a whole number of seconds from 1 to 99999",
  )
    .transform(Number).default(30),
  AWS_API_MCP_MODEL_DRIVEN: z.enum(["missing", "all"]).default("missing"),
  AWS_API_MCP_MAX_RESPONSE_BYTES: count.default(100 * 1024 * 1024),
  AWS_API_MCP_MAX_PAGES: count.default(1000),
  AWS_API_MCP_MAX_ITEMS: count.default(100_000),
  AWS_API_MCP_MAX_OUTPUT_CHARS: count.default(100_000),
  // Unset or empty: follow read-only mode (an empty value must not turn redaction off).
  AWS_API_MCP_REDACT_SENSITIVE: z.enum(["true", "false", "1", "0", "yes", "no", ""]).optional(),
  AWS_API_MCP_ALLOWED_PROFILES: z.string().optional(),
  AWS_API_MCP_TRANSPORT: z.enum(["stdio", "streamable-http"]).default("stdio"),
  AWS_API_MCP_HOST: z.string().min(1).default("127.0.0.1"),
  AWS_API_MCP_PORT: z.string().regex(/^\s*\d{1,5}\s*$/, "must be a port number").transform(Number)
    .refine((n) => n <= 65535, "must be a port number").default(8000),
  AWS_API_MCP_STATELESS_HTTP: bool.default(false),
  AWS_API_MCP_ALLOWED_HOSTS: z.string().optional(),
  AWS_API_MCP_ALLOWED_ORIGINS: z.string().optional(),
  AUTH_TYPE: z.enum(["no-auth", "oauth"]).optional(),
  AUTH_ISSUER: z.url({ error: "must be a URL" }).optional(),
  AUTH_JWKS_URI: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
});

/** How the HTTP transport serves (AWS_API_MCP_TRANSPORT=streamable-http). */
export interface HttpConfig {
  host: string;
  port: number;
  stateless: boolean;
  /** Host header values accepted (ports stripped), lower case. */
  allowedHosts: string[];
  /** Origin header values accepted (ports stripped); `*` accepts any. */
  allowedOrigins: string[];
  auth: { type: "no-auth" } | { type: "oauth"; issuer: string; jwksUri: string; audience?: string };
}

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
  /** The most characters one call_aws result returns (a batch shares them); larger output is cut at an item. */
  maxOutputChars: number;
  /** The longest one call_aws command may run, in seconds (waiters are bounded by their own settings). */
  callTimeoutSeconds: number;
  /** How long `aws logs tail --follow` follows before it returns what it saw (seconds). */
  tailFollowSeconds: number;
  /**
   * Which operations are made from the model: those no bundled client has (`missing`), or every one, sent
   * through the service's client where there is one (`all`: the measured alternative, see the README).
   */
  modelDriven: "missing" | "all";
  /** Replace output values the models mark sensitive: by default in read-only mode. */
  redactSensitive: boolean;
  /** Set when the server speaks MCP over HTTP instead of stdio. */
  http?: HttpConfig;
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
  const http = v.AWS_API_MCP_TRANSPORT === "streamable-http" ? httpConfig(v) : undefined;
  if (http && "code" in http) return { ok: false, error: http };
  return {
    ok: true,
    config: {
      ...(http ? { http } : {}),
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
      tailFollowSeconds: v.AWS_API_MCP_TAIL_FOLLOW_SECONDS,
      modelDriven: v.AWS_API_MCP_MODEL_DRIVEN,
      maxResponseBytes: v.AWS_API_MCP_MAX_RESPONSE_BYTES,
      maxPages: v.AWS_API_MCP_MAX_PAGES,
      maxItems: v.AWS_API_MCP_MAX_ITEMS,
      maxOutputChars: v.AWS_API_MCP_MAX_OUTPUT_CHARS,
      redactSensitive: v.AWS_API_MCP_REDACT_SENSITIVE
        ? TRUE_WORDS.includes(v.AWS_API_MCP_REDACT_SENSITIVE)
        : v.READ_OPERATIONS_ONLY,
      allowedEndpoints: parseAllowedEndpoints(v.AWS_API_MCP_ALLOWED_ENDPOINTS),
      allowedProfiles: parseAllowedProfiles(v.AWS_API_MCP_ALLOWED_PROFILES),
    },
  };
}

const list = (value: string | undefined) =>
  (value ?? "").split(",").map((s) => s.trim().toLowerCase()).filter((s) => s !== "");

/** The host part of a Host or Origin value, lower case, without its port. */
export function hostOnly(value: string): string {
  const v = value.trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, "").replace(/\/.*$/, "");
  return v.startsWith("[") ? v.slice(0, v.indexOf("]") + 1) : v.replace(/:\d*$/, "");
}

function httpConfig(v: z.infer<typeof schema>): HttpConfig | ConfigError {
  const missing = (name: string, why: string): ConfigError => ({
    code: "INVALID_CONFIG",
    message: `${name} is required with AWS_API_MCP_TRANSPORT=streamable-http: ${why}.`,
    hint: "Set it in the server's environment (mcp.json \"env\", or the container's).",
  });
  if (!v.AUTH_TYPE) {
    return missing(
      "AUTH_TYPE",
      "choose AUTH_TYPE=oauth (with AUTH_ISSUER and AUTH_JWKS_URI) or, to serve without authentication, AUTH_TYPE=no-auth",
    );
  }
  let auth: HttpConfig["auth"] = { type: "no-auth" };
  if (v.AUTH_TYPE === "oauth") {
    if (!v.AUTH_ISSUER) {
      return missing("AUTH_ISSUER", "the issuer whose tokens are accepted (AUTH_TYPE=oauth)");
    }
    if (!v.AUTH_JWKS_URI) {
      return missing("AUTH_JWKS_URI", "where the issuer's signing keys are (AUTH_TYPE=oauth)");
    }
    auth = { type: "oauth", issuer: v.AUTH_ISSUER, jwksUri: v.AUTH_JWKS_URI, audience: v.AUTH_AUDIENCE };
  }
  const bound = hostOnly(v.AWS_API_MCP_HOST);
  const hosts = list(v.AWS_API_MCP_ALLOWED_HOSTS).map(hostOnly);
  const origins = list(v.AWS_API_MCP_ALLOWED_ORIGINS).map((o) => (o === "*" ? o : hostOnly(o)));
  const loopback = ["localhost", "127.0.0.1", "[::1]"];
  return {
    host: v.AWS_API_MCP_HOST,
    port: v.AWS_API_MCP_PORT,
    stateless: v.AWS_API_MCP_STATELESS_HTTP,
    allowedHosts: hosts.length ? hosts : [...new Set([bound, ...loopback])],
    allowedOrigins: origins.length ? origins : [...new Set([bound, ...loopback])],
    auth,
  };
}
