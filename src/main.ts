/**
 * Entry point of `aws-api-mcp`. It computes the Deno permissions this user's files call for
 * (policy/sandbox.ts) and runs the program (program.ts) in a worker holding only those, so that even the
 * release binary — compiled with broad read and write, since `deno compile` cannot know the user's paths —
 * reads and writes nothing else. It needs `--unstable-worker-options`; without it Deno refuses to start
 * the worker, so the program never runs unconfined.
 */
import {
  awsSharedFiles,
  type Env,
  fileAccessOf,
  homeOf,
  locationsOf,
  pathOfFileUrl,
  platformEnv,
} from "./locations.ts";
import { loaderVariables, sandboxPermissions } from "./policy/sandbox.ts";
import { canonicalFolder, networkFolderProblem, prepareFolders } from "./policy/folders.ts";
import type { ProgramEnd, ProgramStart } from "./program.ts";

/** Whether this is the built program (dist/src/main.js) rather than the checkout's src/main.ts. */
const BUILT = !import.meta.url.endsWith(".ts");

/**
 * What the program reads of its own: the models and agent scripts — and, when built, its code too, whose
 * chunks (each SDK client one) are imported on first use: the whole dist/ folder, which holds nothing else.
 */
const BUNDLED = BUILT ? [pathOfFileUrl(new URL("../", import.meta.url))] : [
  pathOfFileUrl(new URL("../models/", import.meta.url)),
  pathOfFileUrl(new URL("./scripts/bundled/", import.meta.url)),
];

/** Whether the user's shared AWS config or credentials file sets up process credentials for any profile. */
function usesCredentialProcess(env: Env): boolean {
  const home = homeOf(env);
  if (!home) return false;
  return awsSharedFiles(env, home).some((path) => {
    try {
      return /^\s*credential_process\s*=/m.test(Deno.readTextFileSync(path));
    } catch {
      return false; // no file: nothing to run
    }
  });
}

/**
 * Runs a program module in a worker with the sandbox's permissions for this environment; resolves with
 * the exit code it reports (an uncaught error is printed, without a stack, as exit code 1).
 */
export function runSandboxed(program: URL, args: string[], env: Env): Promise<number> {
  const fileAccess = fileAccessOf(env);
  const found = locationsOf(env);
  const unsafe = found && prepareFolders(env, found, fileAccess !== "no-access");
  if (unsafe) {
    console.error(`aws-api-mcp: ${unsafe.message}\n${unsafe.hint}`);
    return Promise.resolve(2);
  }
  // One canonical working folder for the grant, the containment checks and what is shown: the program
  // (same process environment) reads it back from the variable.
  const locations = found && fileAccess !== "no-access"
    ? { ...found, workingDir: canonicalFolder(found.workingDir) }
    : found;
  // Windows: a share (UNC, or a mapped drive resolving to one) holds no path the file checks accept.
  const network = found && locations && fileAccess !== "no-access" && Deno.build.os === "windows" &&
    networkFolderProblem(found.workingDir, locations.workingDir);
  if (network) {
    console.error(`aws-api-mcp: ${network.message}\n${network.hint}`);
    return Promise.resolve(2);
  }
  if (locations && fileAccess !== "no-access" && locations.workingDir !== found!.workingDir) {
    Deno.env.set("AWS_API_MCP_WORKING_DIR", locations.workingDir);
  }
  const credentialProcess = usesCredentialProcess(env);
  const loader = credentialProcess ? loaderVariables(env) : [];
  if (loader.length) {
    // The SDK's shell inherits the process environment; Deno would refuse to start it with these.
    for (const name of loader) Deno.env.delete(name);
    console.error(
      `aws-api-mcp: ${loader.join(", ")} not passed to credential_process: ` +
        "the sandbox runs no program with the dynamic loader's variables set.",
    );
  }
  const permissions = sandboxPermissions({
    env,
    fileAccess,
    locations,
    bundled: BUNDLED,
    credentialProcess,
  });
  const worker = new Worker(
    program,
    { type: "module", name: "aws-api-mcp", deno: { permissions } } as WorkerOptions,
  );
  // SIGINT and SIGTERM stop the program: the server closes (cancelling in-flight calls), then exits.
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
  let forced: ReturnType<typeof setTimeout> | undefined;
  const onSignal = (signal: "SIGINT" | "SIGTERM") => () => {
    worker.postMessage({ shutdown: signal } satisfies ProgramStart);
    // Bounded: whatever does not stop in time is ended.
    forced ??= setTimeout(() => Deno.exit(signal === "SIGINT" ? 130 : 143), SHUTDOWN_GRACE_MS);
  };
  const listeners = signals.map((s) => [s, onSignal(s as "SIGINT" | "SIGTERM")] as const);
  for (const [s, f] of listeners) Deno.addSignalListener(s, f);
  return new Promise<number>((resolve) => {
    worker.onmessage = (event: MessageEvent<ProgramEnd>) => resolve(event.data.exitCode);
    worker.onerror = (event) => {
      event.preventDefault();
      console.error(`aws-api-mcp: ${event.message}`);
      resolve(1);
    };
    worker.postMessage({ args } satisfies ProgramStart);
  }).finally(() => {
    clearTimeout(forced);
    for (const [s, f] of listeners) Deno.removeSignalListener(s, f);
  });
}

/** How long the program has to stop after a signal before the process ends anyway. */
const SHUTDOWN_GRACE_MS = 5000;

if (import.meta.main) {
  // The checkout runs src/program.ts; the bundle (dist/src/main.js) its program.js beside it.
  const program = new URL(BUILT ? "./program.js" : "./program.ts", import.meta.url);
  Deno.exit(await runSandboxed(program, Deno.args, platformEnv(Deno.env.toObject())));
}
