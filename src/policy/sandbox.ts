/**
 * The Deno permissions the program runs under, computed when it starts from where this user's files are.
 * `deno compile` can only bake in paths known at build time, so the binary (like `deno task start`) is
 * granted broad read and write, and main.ts runs everything else in a worker with exactly these
 * permissions: the defence in depth behind the file policy (policy/files.ts).
 */
import { type Env, type FileAccess, joinPath, type Locations, parentPath } from "../locations.ts";

/** A worker's Deno permissions (every kind named: an omitted kind would be inherited). */
export interface SandboxPermissions {
  read: string[] | boolean;
  write: string[] | boolean;
  env: true;
  net: true;
  sys: true;
  run: false;
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
}

/** Files named by variables the AWS SDK reads (credentials, tokens), beside the shared config folder. */
const SDK_FILE_VARIABLES = [
  "AWS_CONFIG_FILE",
  "AWS_SHARED_CREDENTIALS_FILE",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
];

/**
 * Reads: bundled data, the AWS config folder and the files the SDK's variables name, the policy file,
 * the log folder, user agent scripts, the working folder. Writes: the working folder, the log folder and
 * the SDK's SSO token cache. Nothing else — unless the user chose unrestricted file access.
 */
export function sandboxPermissions(input: SandboxInput): SandboxPermissions {
  const { env, locations } = input;
  const fixed = { env: true, net: true, sys: true, run: false, ffi: false, import: false } as const;
  if (!locations) return { read: unique(input.bundled), write: false, ...fixed };
  if (input.fileAccess === "unrestricted") return { read: true, write: true, ...fixed };
  const awsDir = joinPath(locations.home, ".aws");
  const logDir = parentPath(locations.logFile);
  const work = input.fileAccess === "workdir" ? [locations.workingDir] : [];
  // The SDK expands a leading ~/ in these variables.
  const named = SDK_FILE_VARIABLES.map((v) => env[v]).filter((p): p is string => !!p)
    .map((p) => p.startsWith("~/") ? joinPath(locations.home, p.slice(2)) : p);
  const read = [
    ...input.bundled,
    awsDir,
    ...named,
    locations.policyFile,
    logDir,
    ...(locations.agentScriptsDir ? [locations.agentScriptsDir] : []),
    ...work,
  ];
  const write = [logDir, joinPath(awsDir, "sso", "cache"), ...work];
  return { read: unique(read), write: unique(write), ...fixed };
}

// An empty list must never reach Deno: some of its permission parsers read an empty list as "everything".
function unique(paths: string[]): string[] | false {
  return paths.length ? [...new Set(paths)] : false;
}
