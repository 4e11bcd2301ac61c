/**
 * The user's policy file (`~/.aws/aws-api-mcp/mcp-security-policy.json`): commands to deny and commands
 * that need the user's consent, as exact commands or glob patterns (`aws iam delete-*`, `aws * delete-*`).
 * Read at start-up and again whenever it changes; a bad file is a precise error, and on reload the last
 * good policy stays in force.
 */
import { readFileSync, statSync } from "node:fs";
import { z } from "zod";

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

/** A loaded policy: patterns compiled. */
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
  const norm = (s: string) => s.trim().split(/\s+/).join(" ");
  return {
    ok: true,
    policy: { denyList: r.data.policy.denyList.map(norm), elicitList: r.data.policy.elicitList.map(norm) },
  };
}

/** Whether a policy entry matches a command key (`aws <service> <command>`); `*` matches any text. */
export function matches(entry: string, key: string): boolean {
  if (!entry.includes("*")) return entry === key;
  const re = new RegExp(
    `^${entry.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`,
  );
  return re.test(key);
}

/** A policy file that reloads itself when it changes, keeping the last good policy on a bad change. */
export class PolicySource {
  #policy: UserPolicy = { denyList: [], elicitList: [] };
  #mtime = -1;
  #lastError: PolicyError | undefined;

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
      mtime = statSync(this.path).mtimeMs;
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
      this.#policy = { denyList: [], elicitList: [] };
      this.#mtime = 0;
      return undefined;
    }
    if (mtime === this.#mtime) return this.#policy;
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
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
