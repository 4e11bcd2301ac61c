/**
 * The user's policy file (`~/.aws/aws-api-mcp/mcp-security-policy.json`): commands to deny and commands
 * that need the user's consent, as exact commands or glob patterns (`aws iam delete-*`, `aws * delete-*`).
 * Read at start-up and again whenever it changes; a bad file is a precise error, and on reload the last
 * good policy stays in force.
 */
import { readFileSync, statSync } from "node:fs";
import { z } from "zod";
import { entryProblem } from "./catalog.ts";
import { globMatch } from "./glob.ts";
import { normalizeKey } from "./keys.ts";
import { decodeText } from "../text-encoding.ts";

const entry = z.string().trim().regex(
  /^aws(\s+\S+){1,3}$/,
  "must be a command like 'aws iam delete-user' or a pattern like 'aws iam delete-*'",
);

const schema = z.object({
  version: z.literal("1.0"),
  policy: z.object({
    denyList: z.array(entry).default([]),
    elicitList: z.array(entry).default([]),
  }).strict(),
}).strict();

/** A loaded policy: entries in normal form (lower case, canonical service names). */
export interface UserPolicy {
  denyList: string[];
  elicitList: string[];
}

/** A policy file problem, naming the field. */
export interface PolicyError {
  code: "INVALID_POLICY";
  message: string;
  hint: string;
}

/** Parses policy file text; errors name the field that is wrong. */
export function parsePolicy(
  text: string,
  path: string,
): { ok: true; policy: UserPolicy } | { ok: false; error: PolicyError } {
  const hint =
    `Fix ${path}: {"version": "1.0", "policy": {"denyList": ["aws iam delete-user"], "elicitList": ["aws s3api delete-*"]}}`;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      error: {
        code: "INVALID_POLICY",
        message: `The policy file ${path} is not valid JSON: ${(e as Error).message}`,
        hint,
      },
    };
  }
  const r = schema.safeParse(data);
  if (!r.success) {
    const issue = r.error.issues[0];
    const field =
      issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(
        /^\./,
        "",
      ) || "(root)";
    return {
      ok: false,
      error: {
        code: "INVALID_POLICY",
        message: `The policy file ${path} is invalid at ${field}: ${issue.message}`,
        hint,
      },
    };
  }
  const lists = { denyList: r.data.policy.denyList, elicitList: r.data.policy.elicitList };
  const policy: UserPolicy = { denyList: [], elicitList: [] };
  for (const list of ["denyList", "elicitList"] as const) {
    for (const [i, raw] of lists[list].entries()) {
      const entry = normalizeKey(raw);
      const problem = entryProblem(entry);
      if (problem) {
        return {
          ok: false,
          error: {
            code: "INVALID_POLICY",
            message: `The policy file ${path} is invalid at policy.${list}[${i}]: '${raw}' ${problem}.`,
            hint:
              "Entries name AWS CLI commands as the CLI spells them (aws iam delete-user) or patterns with * (aws iam delete-*).",
          },
        };
      }
      policy[list].push(entry);
    }
  }
  return { ok: true, policy };
}

/** Whether a policy entry matches a command key (`aws <service> <command>`); `*` matches any text, case is ignored. */
export function matches(entry: string, key: string): boolean {
  return globMatch(normalizeKey(entry), key.toLowerCase());
}

/** A policy file that reloads itself when it changes, keeping the last good policy on a bad change. */
export class PolicySource {
  #policy: UserPolicy = { denyList: [], elicitList: [] };
  #mtime = -1;
  #lastError: PolicyError | undefined;
  /** Whether a policy was ever read from the file: from then on a missing file keeps it in force. */
  #loaded = false;

  constructor(readonly path: string, private readonly onReloadError?: (e: PolicyError) => void) {}

  /** Loads the file for the first time; a missing file is an empty policy, a bad one an error. */
  load(): PolicyError | undefined {
    const r = this.#read();
    if (r && "code" in r) return r;
    return undefined;
  }

  #read(): PolicyError | UserPolicy | undefined {
    let mtime: number;
    try {
      const st = statSync(this.path);
      // A FIFO or device would block the read forever, or feed it endless data.
      if (!st.isFile()) {
        return {
          code: "INVALID_POLICY",
          message: `The policy file ${this.path} is not a regular file`,
          hint: "Point AWS_API_MCP_SECURITY_POLICY_FILE at a JSON file.",
        };
      }
      mtime = st.mtimeMs;
    } catch (e) {
      // Only a file that is not there means "no policy"; any other failure must not drop the user's rules.
      const code = (e as { code?: string }).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") {
        return {
          code: "INVALID_POLICY",
          message: `Cannot check the policy file ${this.path}: ${(e as Error).message}`,
          hint:
            "Fix the file's or its folder's permissions, or point AWS_API_MCP_SECURITY_POLICY_FILE elsewhere.",
        };
      }
      if (this.#loaded) {
        // An editor's save can remove the file for a moment: never let that mean "no rules".
        return {
          code: "INVALID_POLICY",
          message: `The policy file ${this.path} is missing`,
          hint: "Restore the file; to drop every rule, leave both lists empty.",
        };
      }
      this.#policy = { denyList: [], elicitList: [] };
      this.#mtime = 0;
      return undefined;
    }
    if (mtime === this.#mtime) return this.#policy;
    let text: string;
    try {
      text = decodeText(readFileSync(this.path));
    } catch (e) {
      return {
        code: "INVALID_POLICY",
        message: `Cannot read the policy file ${this.path}: ${(e as Error).message}`,
        hint: "Fix the file's permissions.",
      };
    }
    const parsed = parsePolicy(text, this.path);
    this.#mtime = mtime;
    if (!parsed.ok) return parsed.error;
    this.#policy = parsed.policy;
    this.#loaded = true;
    return parsed.policy;
  }

  /** The policy in force: reloaded if the file changed; the last good one if the change is bad. */
  current(): UserPolicy {
    const r = this.#read();
    if (r && "code" in r) {
      if (r.message !== this.#lastError?.message) this.onReloadError?.(r);
      this.#lastError = r;
    } else this.#lastError = undefined;
    return this.#policy;
  }
}
