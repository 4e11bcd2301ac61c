/**
 * The Deno permissions the program runs under, computed when it starts from where this user's files are.
 * `deno compile` can only bake in paths known at build time, so the binary (like `deno task start`) is
 * granted broad read and write, and main.ts runs everything else in a worker with exactly these
 * permissions: the defence in depth behind the file policy (policy/files.ts).
 */
import { awsSharedFiles, type Env, type FileAccess, joinPath, type Locations } from "../locations.ts";

/** A worker's Deno permissions (every kind named: an omitted kind would be inherited). */
export interface SandboxPermissions {
  read: string[] | boolean;
  write: string[] | boolean;
  env: true;
  net: true;
  sys: true;
  run: string[] | false;
  ffi: false;
  import: false;
}

/** What the sandbox is computed from. */
export interface SandboxInput {
  env: Env;
  fileAccess: FileAccess;
  /** Undefined when no home folder is known: the program then only reports that (config.ts). */
  locations: Locations | undefined;
  /** Data shipped with the program (service models, bundled agent scripts). */
  bundled: string[];
  /** Whether the user's AWS config names a `credential_process`, which the SDK runs through the shell. */
  credentialProcess: boolean;
}

/** Token files named by variables the AWS SDK reads, beside the shared config and credentials files. */
const SDK_TOKEN_VARIABLES = ["AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"];

/** The shell Node's child_process.exec (the SDK's process credentials) runs commands with. */
function shellOf(env: Env): string {
  return Deno.build.os === "windows" ? env.ComSpec || "cmd.exe" : "/bin/sh";
}

/**
 * Variables Deno will not let a scoped run grant pass to a child (the loader's: `LD_*`, `DYLD_*`, any
 * case), since they could make an allowed program run other code. With any of them set, spawning the
 * credential_process shell fails; main.ts leaves them out of the environment instead.
 */
export function loaderVariables(env: Env): string[] {
  return Object.keys(env).filter((name) => /^\s*(LD_|DYLD_)/i.test(name));
}

/** How many rotated log files are kept beside the log file (`<log>.1` … `<log>.7`); log.ts rotates them. */
export const LOG_ROTATIONS = 7;

/** The log file and its rotated copies: the only log paths the program may write. */
export function logFiles(logFile: string): string[] {
  return [logFile, ...Array.from({ length: LOG_ROTATIONS }, (_, i) => `${logFile}.${i + 1}`)];
}

/**
 * Reads: bundled data, the AWS config folder and the files the SDK's variables name, the policy file,
 * the log files, user agent scripts, the working folder. Writes: the working folder, the log files and
 * the SDK's SSO token cache — never the policy file or the folder holding it (by default the log's own).
 * Nothing else — unless the user chose unrestricted file access. No program may be run, except the shell
 * when the user's AWS config has process credentials.
 */
export function sandboxPermissions(input: SandboxInput): SandboxPermissions {
  const { env, locations } = input;
  // Process credentials are the one reason to run anything: then only the shell the SDK runs them with.
  const run = input.credentialProcess ? [shellOf(env)] : false;
  const fixed = { env: true, net: true, sys: true, run, ffi: false, import: false } as const;
  if (!locations) return { read: unique(input.bundled), write: false, ...fixed };
  if (input.fileAccess === "unrestricted") return { read: true, write: true, ...fixed };
  const awsDir = joinPath(locations.home, ".aws");
  const logs = logFiles(locations.logFile);
  const work = input.fileAccess === "workdir" ? [locations.workingDir] : [];
  const named = [
    ...awsSharedFiles(env, locations.home),
    ...SDK_TOKEN_VARIABLES.map((v) => env[v]).filter((p): p is string => !!p),
  ];
  const read = [
    ...input.bundled,
    awsDir,
    ...named,
    locations.policyFile,
    ...logs,
    ...(locations.agentScriptsDir ? [locations.agentScriptsDir] : []),
    ...work,
  ];
  const write = [...logs, joinPath(awsDir, "sso", "cache"), ...work];
  return { read: unique(read), write: unique(write), ...fixed };
}

// An empty list must never reach Deno: some of its permission parsers read an empty list as "everything".
function unique(paths: string[]): string[] | false {
  return paths.length ? [...new Set(paths)] : false;
}
