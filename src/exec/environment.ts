/** Builds call_aws's dependencies from the validated configuration: files, region, profile, user agent. */
import { mkdirSync } from "node:fs";
import { basename, dirname, relative, sep } from "node:path";
import {
  confinedFiles,
  PLATFORM_CASE_INSENSITIVE,
  probeCaseInsensitive,
  resolveLocalPath,
} from "../policy/files.ts";
import { profileRegion, profileSection } from "./profile-region.ts";
import { transferSettings } from "./s3/settings.ts";
import type { Config } from "../config.ts";
import { PROGRAM_NAME, VERSION } from "../version.ts";
import type { CallDeps, ConsentAnswer } from "./call.ts";
import { decide } from "../policy/decide.ts";
import type { PolicySource } from "../policy/policy-file.ts";
import type { ParsedCommand } from "../parse/types.ts";
import type { Decision } from "../policy/decide.ts";
import { ExecFailure } from "./errors.ts";
import {
  FileFailure,
  kindConfined,
  listConfined,
  openConfined,
  readConfined,
  readConfinedSync,
  removeConfined,
  writeConfined,
} from "../policy/confined-io.ts";
import { endpointFor } from "./endpoint.ts";
import { checkEndpoint } from "../policy/endpoints.ts";
import { checkProfile } from "../policy/profiles.ts";
import { loadService } from "../models/registry.ts";

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
  // The working folder's own file system says whether names differ only by case.
  const caseInsensitive = config.fileAccess === "workdir"
    ? probeCaseInsensitive(config.workingDir)
    : PLATFORM_CASE_INSENSITIVE;
  const allowed = (path: string) =>
    resolveLocalPath(path, config.fileAccess, config.workingDir, caseInsensitive);
  const abs = (p: string) => {
    const r = allowed(p);
    if (!r.ok) throw new ExecFailure(r.error);
    return r.path;
  };

  const confinement = { mode: config.fileAccess, workdir: config.workingDir, caseInsensitive };
  // Every local read, write and delete opens first and verifies what it opened (policy/confined-io.ts).
  const confined = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (e) {
      if (e instanceof FileFailure) throw new ExecFailure(e.error);
      throw e;
    }
  };
  const settings = {
    readOperationsOnly: config.readOperationsOnly,
    requireMutationConsent: config.requireMutationConsent,
  };
  return {
    parse: {
      files: confinedFiles(
        config.fileAccess,
        config.workingDir,
        (path) => readConfinedSync(path, confinement),
        caseInsensitive,
      ),
    },
    prefetch: {
      read: (path) => readConfined(path, confinement),
      options: (readBytes) => ({
        files: confinedFiles(config.fileAccess, config.workingDir, readBytes, caseInsensitive),
      }),
    },
    guard: (cmd) => {
      for (const f of cmd.files) {
        const r = allowed(f.path);
        if (!r.ok) return r.error;
      }
      const profile = checkProfile(cmd.globals.profile, config.profile, config.allowedProfiles);
      if (profile) return profile;
      const service = loadService(cmd.serviceModel);
      const endpoint = service ? endpointFor(service, cmd, env) : cmd.globals.endpointUrl;
      return endpoint === undefined ? undefined : checkEndpoint(endpoint, config.allowedEndpoints);
    },
    policy: policy && {
      decide: (cmd) => decide(cmd, settings, policy.source.current()),
      consent: policy.ask ?? (() => Promise.resolve("unsupported" as const)),
    },
    callTimeoutMs: config.callTimeoutSeconds * 1000,
    maxOutputChars: config.maxOutputChars,
    exec: {
      region: config.region,
      profile: config.profile,
      profileRegion,
      transferSettings: async (profile) => transferSettings(await profileSection(profile)),
      env,
      redactSensitive: config.redactSensitive,
      maxResponseBytes: config.maxResponseBytes,
      // Following ends a little before the call limit too.
      tailFollowMs: Math.min(config.tailFollowSeconds, config.callTimeoutSeconds * 0.9) * 1000,
      modelDriven: config.modelDriven,
      // Paging ends a little before the call limit, so that what was fetched is returned, not lost.
      paging: {
        pages: config.maxPages,
        items: config.maxItems,
        bytes: config.maxResponseBytes,
        ms: config.callTimeoutSeconds * 900,
        chars: config.maxOutputChars,
      },
      userAgent: config.telemetry
        ? `${PROGRAM_NAME}/${VERSION} read-only/${config.readOperationsOnly}`
        : undefined,
      files: {
        // The CLI names a local file relative to where it runs: ./f.txt, sub/f.txt.
        display(path) {
          // The folder as resolved, the name as written (a link is named as the link, as the CLI names it).
          const a = abs(path);
          const dir = relative(config.workingDir, dirname(a)) || ".";
          const name = path.split(/[/\\]/).filter(Boolean).at(-1) ?? basename(a);
          return `${dir}${sep}${name === "." || name === ".." ? basename(a) : name}`;
        },
        absolute: (path) => abs(path),
        read: (path) => confined(() => readConfined(path, confinement)),
        open: (path) => confined(() => openConfined(path, confinement)),
        kind: (path) => confined(() => kindConfined(path, confinement)),
        write: (path, data, mtime) => confined(() => writeConfined(path, data, confinement, mtime)),
        list: (dir, follow, missing) => confined(() => listConfined(dir, confinement, follow, missing)),
        remove: (path) => confined(() => removeConfined(path, confinement)),
      },
    },
  };
}
