/**
 * The decision for a parsed command — deny, consent or allow — and the rule that made it. Precedence:
 * built-in denylist and policy-file deny > policy-file consent > READ_OPERATIONS_ONLY >
 * REQUIRE_MUTATION_CONSENT > allow.
 */
import type { ParsedCommand } from "../parse/types.ts";
import { builtinDenial, denialForText, secretSettingDenial } from "./denylist.ts";
import { normalizeKey, policyKey, policyKeys } from "./keys.ts";
import { matches, type UserPolicy } from "./policy-file.ts";

/** What the settings say about mutations. */
export interface PolicySettings {
  readOperationsOnly: boolean;
  requireMutationConsent: boolean;
}

/** A policy-file entry that matched one of the command's keys. */
export interface Match {
  list: "denyList" | "elicitList";
  entry: string;
  key: string;
}

/** A decision with its reason. */
export interface Decision {
  decision: "deny" | "consent" | "allow";
  /** The deciding rule: `builtin-denylist`, `policy-file:denyList`, `policy-file:elicitList`, `read-only-mode`, `mutation-consent`, `default`. */
  rule: string;
  reason: string;
  hint?: string;
  /** Every key the command was matched by: as typed, and each API operation it calls. */
  keys: string[];
  /** Every policy-file entry that matched, deny and consent alike. */
  matched: Match[];
}

/** Decides what happens to a command: deny wins over consent over allow, across every key. */
export function decide(cmd: ParsedCommand, settings: PolicySettings, policy: UserPolicy): Decision {
  const keys = policyKeys(cmd);
  const key = policyKey(cmd);
  const matched: Match[] = [];
  for (const list of ["denyList", "elicitList"] as const) {
    for (const entry of policy[list]) {
      for (const k of keys) if (matches(entry, k)) matched.push({ list, entry, key: k });
    }
  }
  const base = { keys, matched };
  const builtin = keys.map((k) => builtinDenial(...serviceAndCommand(k))).find((d) => d !== undefined) ??
    secretSettingDenial(cmd.service, cmd.command ?? "", cmd.highLevel?.paths ?? []);
  if (builtin) {
    return {
      decision: "deny",
      rule: "builtin-denylist",
      reason: `'aws ${builtin.command}' is never run by this server: ${builtin.reason}.`,
      hint: builtin.instead,
      ...base,
    };
  }
  const denied = matched.find((m) => m.list === "denyList");
  if (denied) {
    return {
      decision: "deny",
      rule: "policy-file:denyList",
      reason: `'${key}' is denied by the policy file entry '${denied.entry}'${via(denied, key)}.`,
      hint: "Ask the user to change the security policy file if this command is needed.",
      ...base,
    };
  }
  const elicit = matched.find((m) => m.list === "elicitList");
  if (elicit) {
    return {
      decision: "consent",
      rule: "policy-file:elicitList",
      reason: `The policy file entry '${elicit.entry}' asks for the user's consent before '${key}'${
        via(elicit, key)
      }.`,
      ...base,
    };
  }
  const what = cmd.credentials
    ? `hands out credentials or secrets (${cmd.credentials})`
    : cmd.sideEffect
    ? `is not read-only (it ${cmd.sideEffect})`
    : `is not read-only (IAM access level ${cmd.iam.access})`;
  if (settings.readOperationsOnly && !cmd.readOnly) {
    return {
      decision: "deny",
      rule: "read-only-mode",
      reason: `The server is in read-only mode (READ_OPERATIONS_ONLY=true) and '${key}' ${what}.`,
      hint: "Use read-only commands (describe, get, list), or ask the user to turn read-only mode off.",
      ...base,
    };
  }
  if (settings.requireMutationConsent && !cmd.readOnly) {
    return {
      decision: "consent",
      rule: "mutation-consent",
      reason: `'${key}' ${what}, and REQUIRE_MUTATION_CONSENT=true asks the user first.`,
      ...base,
    };
  }
  return {
    decision: "allow",
    rule: "default",
    reason: cmd.readOnly ? `'${key}' is read-only.` : `'${key}' is allowed: no rule restricts it.`,
    ...base,
  };
}

/** ` (it calls 'aws s3api delete-bucket')` when the entry matched an API call rather than the typed command. */
function via(m: Match, key: string): string {
  return m.key === normalizeKey(key) || m.key === key.toLowerCase() ? "" : ` (it calls '${m.key}')`;
}

function serviceAndCommand(key: string): [string, string] {
  const words = key.split(" ");
  return [words[1], words.slice(2).join(" ")];
}

/** The decision for a command the parser does not run (UNSUPPORTED_COMMAND) but the denylist names. */
export function decideUnparsed(text: string): Decision | undefined {
  const denial = denialForText(text);
  if (!denial) return undefined;
  const key = `aws ${denial.command}`;
  return {
    decision: "deny",
    rule: "builtin-denylist",
    reason: `'${key}' is never run by this server: ${denial.reason}.`,
    hint: denial.instead,
    keys: [key],
    matched: [],
  };
}
