/**
 * Where the program's files are, derived from the environment without validation (config.ts validates).
 * Shared by config.ts and the sandbox launcher (main.ts). It uses no `node:` module on purpose: the first
 * one costs the launcher ~20 ms of Node-compatibility start-up before the program even begins.
 */

/** Environment variables by name. */
export type Env = Record<string, string | undefined>;

/**
 * The process environment as a record whose names match as the platform's do: on Windows in any case
 * (`ComSpec` finds `COMSPEC`, `SystemRoot` finds `SYSTEMROOT`), as Node's `process.env` does there.
 */
export function platformEnv(vars: Record<string, string>, os: string = Deno.build.os): Env {
  if (os !== "windows") return vars;
  const byUpper = new Map(Object.keys(vars).map((k) => [k.toUpperCase(), k]));
  return new Proxy(vars, {
    get: (target, name) =>
      typeof name === "string" ? target[byUpper.get(name.toUpperCase()) ?? name] : undefined,
    has: (_, name) => typeof name === "string" && byUpper.has(name.toUpperCase()),
  });
}

const windows = Deno.build.os === "windows";
const SEP = windows ? "\\" : "/";

/** Whether a path is absolute on this platform (a drive or UNC path on Windows). */
export function isAbsolutePath(path: string): boolean {
  return windows ? /^([a-zA-Z]:[\\/]|[\\/]{2})/.test(path) : path.startsWith("/");
}

/** Joins path segments with this platform's separator, without doubling separators. */
export function joinPath(first: string, ...rest: string[]): string {
  let out = first;
  for (const part of rest) out = out.replace(/[\\/]+$/, "") + SEP + part.replace(/^[\\/]+/, "");
  return out;
}

/** The folder holding a path (the path itself for a root). */
export function parentPath(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, "");
  const i = Math.max(trimmed.lastIndexOf("/"), windows ? trimmed.lastIndexOf("\\") : -1);
  if (i < 0) return ".";
  return i === 0 ? SEP : trimmed.slice(0, i);
}

/** The local path of a file: URL (what node:url's fileURLToPath gives, for the URLs of this program's files). */
export function pathOfFileUrl(url: URL): string {
  const path = decodeURIComponent(url.pathname);
  return windows ? path.replace(/^\/([a-zA-Z]:)/, "$1").replaceAll("/", "\\") : path;
}

/** The user's home folder as the AWS CLI and SDK find it ($HOME, else %USERPROFILE%, else %HOMEDRIVE%%HOMEPATH%). */
export function homeOf(env: Env): string | undefined {
  return env.HOME || env.USERPROFILE ||
    (env.HOMEDRIVE && env.HOMEPATH ? env.HOMEDRIVE + env.HOMEPATH : undefined);
}

/** The shared config and credentials files the AWS SDK reads ($AWS_CONFIG_FILE, … with ~/ expanded). */
export function awsSharedFiles(env: Env, home: string): string[] {
  const expand = (p: string) => p.startsWith("~/") ? joinPath(home, p.slice(2)) : p;
  return [
    expand(env.AWS_CONFIG_FILE || joinPath(home, ".aws", "config")),
    expand(env.AWS_SHARED_CREDENTIALS_FILE || joinPath(home, ".aws", "credentials")),
  ];
}

/** The spellings of true in boolean variables; anything else is false (or invalid, per config.ts). */
export const TRUE_WORDS = ["true", "1", "yes"];

/** How local files may be used: `workdir` (the default), `unrestricted` or `no-access`. */
export type FileAccess = "workdir" | "unrestricted" | "no-access";

/** The file-access mode the variables ask for. */
export function fileAccessOf(env: Env): FileAccess {
  const mode = env.AWS_API_MCP_FILE_ACCESS;
  if (mode === "workdir" || mode === "unrestricted" || mode === "no-access") return mode;
  return TRUE_WORDS.includes(env.AWS_API_MCP_ALLOW_UNRESTRICTED_LOCAL_FILE_ACCESS ?? "")
    ? "unrestricted"
    : "workdir";
}

/** An absolute path from a variable, or undefined when unset or not absolute (config.ts rejects those). */
function absolute(value: string | undefined): string | undefined {
  return value && isAbsolutePath(value) ? value : undefined;
}

/** The program's own files: working folder, policy file, log file, user agent scripts. */
export interface Locations {
  home: string;
  workingDir: string;
  policyFile: string;
  logFile: string;
  agentScriptsDir?: string;
}

/** The locations the environment selects, with their defaults; undefined when no home folder is known. */
export function locationsOf(env: Env): Locations | undefined {
  const home = homeOf(env);
  if (!home) return undefined;
  const own = joinPath(home, ".aws", "aws-api-mcp");
  return {
    home,
    // Per user by default: a shared temp folder could be made, linked or read by another local user.
    workingDir: absolute(env.AWS_API_MCP_WORKING_DIR) ?? joinPath(own, "workdir"),
    policyFile: absolute(env.AWS_API_MCP_SECURITY_POLICY_FILE) ?? joinPath(own, "mcp-security-policy.json"),
    logFile: absolute(env.AWS_API_MCP_LOG_FILE) ?? joinPath(own, "aws-api-mcp-server.log"),
    agentScriptsDir: absolute(env.AWS_API_MCP_AGENT_SCRIPTS_DIR),
  };
}
