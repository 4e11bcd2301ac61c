/** Builds call_aws's dependencies from the validated configuration: files, region, profile, user agent. */
import { mkdirSync } from "node:fs";
import { mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, relative, sep } from "node:path";
import { confinedFiles, resolveLocalPath } from "../policy/files.ts";
import { loadSharedConfigFiles } from "@smithy/shared-ini-file-loader";
import type { Config } from "../config.ts";
import { PROGRAM_NAME, VERSION } from "../version.ts";
import type { CallDeps, ConsentAnswer } from "./call.ts";
import { decide } from "../policy/decide.ts";
import type { PolicySource } from "../policy/policy-file.ts";
import type { ParsedCommand } from "../parse/types.ts";
import type { Decision } from "../policy/decide.ts";
import { ExecFailure } from "./errors.ts";

/** The region a profile configures in the shared config file, if any. */
export async function profileRegion(profile: string | undefined): Promise<string | undefined> {
  try {
    const { configFile } = await loadSharedConfigFiles();
    return configFile[profile ?? "default"]?.region;
  } catch {
    return undefined;
  }
}

/** How the caller asks the user for consent (MCP elicitation); absent where nobody can be asked. */
export type AskConsent = (
  cmd: ParsedCommand,
  decision: Decision,
  text: string,
  signal?: AbortSignal,
) => Promise<ConsentAnswer>;

/** call_aws's dependencies for a configuration and environment; with a policy source, decisions apply. */
export function callDeps(
  config: Config,
  env: Record<string, string | undefined>,
  policy?: { source: PolicySource; ask?: AskConsent },
): CallDeps {
  // In no-access mode the sandbox (policy/sandbox.ts) grants no working folder, so none is made.
  if (config.fileAccess !== "no-access") mkdirSync(config.workingDir, { recursive: true });
  const allowed = (path: string) => resolveLocalPath(path, config.fileAccess, config.workingDir);
  const abs = (p: string) => {
    const r = allowed(p);
    if (!r.ok) throw new ExecFailure(r.error);
    return r.path;
  };

  const fileError = (path: string, e: unknown) =>
    new ExecFailure({ code: "FILE_ERROR", message: `Cannot access ${path}: ${(e as Error).message}` });
  const settings = {
    readOperationsOnly: config.readOperationsOnly,
    requireMutationConsent: config.requireMutationConsent,
  };
  return {
    parse: { files: confinedFiles(config.fileAccess, config.workingDir) },
    policy: policy && {
      decide: (cmd) => decide(cmd, settings, policy.source.current()),
      consent: policy.ask ?? (() => Promise.resolve("unsupported" as const)),
      checkFiles: (cmd) => {
        for (const f of cmd.files) {
          const r = allowed(f.path);
          if (!r.ok) return r.error;
        }
        return undefined;
      },
    },
    exec: {
      region: config.region,
      profile: config.profile,
      profileRegion,
      env,
      userAgent: config.telemetry
        ? `${PROGRAM_NAME}/${VERSION} read-only/${config.readOperationsOnly}`
        : undefined,
      files: {
        // The CLI names a local file relative to where it runs: ./f.txt, sub/f.txt.
        display(path) {
          const a = abs(path);
          const dir = relative(config.workingDir, dirname(a)) || ".";
          return `${dir}${sep}${basename(a)}`;
        },
        async read(path) {
          try {
            return await readFile(abs(path));
          } catch (e) {
            throw fileError(path, e);
          }
        },
        async write(path, data) {
          try {
            await mkdir(dirname(abs(path)), { recursive: true });
            await writeFile(abs(path), data);
          } catch (e) {
            throw fileError(path, e);
          }
        },
        async remove(path) {
          try {
            await unlink(abs(path));
          } catch (e) {
            throw fileError(path, e);
          }
        },
      },
    },
  };
}
