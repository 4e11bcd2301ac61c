/**
 * The decision for a parsed command — deny, consent or allow — and the rule that made it. Precedence:
 * built-in denylist and policy-file deny > policy-file consent > READ_OPERATIONS_ONLY >
 * REQUIRE_MUTATION_CONSENT > allow.
 */
import type { ParsedCommand } from "../parse/types.ts";
import { builtinDenial } from "./denylist.ts";
import { matches, type UserPolicy } from "./policy-file.ts";

/** What the settings say about mutations. */
export interface PolicySettings {
  readOperationsOnly: boolean;
  requireMutationConsent: boolean;
}

/** A decision with its reason. */
export interface Decision {
  decision: "deny" | "consent" | "allow";
  /** The deciding rule: `builtin-denylist`, `policy-file:denyList`, `policy-file:elicitList`, `read-only-mode`, `mutation-consent`, `default`. */
  rule: string;
  reason: string;
  hint?: string;
}

/** The command as policy entries name it: `aws <service> <command>` (waiters: `aws <service> wait <name>`). */
export function policyKey(cmd: Pick<ParsedCommand, "service" | "command" | "kind">): string {
  return cmd.kind === "waiter"
    ? `aws ${cmd.service} wait ${cmd.command}`
    : `aws ${cmd.service} ${cmd.command}`;
}

/** Decides what happens to a command. */
export function decide(cmd: ParsedCommand, settings: PolicySettings, policy: UserPolicy): Decision {
  const key = policyKey(cmd);
  const builtin = builtinDenial(cmd.service, cmd.command);
  if (builtin) {
    return {
      decision: "deny",
      rule: "builtin-denylist",
      reason: `'${key}' is never run by this server: ${builtin.reason}.`,
      hint: builtin.instead,
    };
  }
  const denied = policy.denyList.find((e) => matches(e, key));
  if (denied) {
    return {
      decision: "deny",
      rule: "policy-file:denyList",
      reason: `'${key}' is denied by the policy file entry '${denied}'.`,
      hint: "Ask the user to change the security policy file if this command is needed.",
    };
  }
  const elicit = policy.elicitList.find((e) => matches(e, key));
  if (elicit) {
    return {
      decision: "consent",
      rule: "policy-file:elicitList",
      reason: `The policy file entry '${elicit}' asks for the user's consent before '${key}'.`,
    };
  }
  const what = cmd.credentials
    ? `hands out credentials or secrets (${cmd.credentials})`
    : `is not read-only (IAM access level ${cmd.iam.access})`;
  if (settings.readOperationsOnly && !cmd.readOnly) {
    return {
      decision: "deny",
      rule: "read-only-mode",
      reason: `The server is in read-only mode (READ_OPERATIONS_ONLY=true) and '${key}' ${what}.`,
      hint: "Use read-only commands (describe, get, list), or ask the user to turn read-only mode off.",
    };
  }
  if (settings.requireMutationConsent && !cmd.readOnly) {
    return {
      decision: "consent",
      rule: "mutation-consent",
      reason: `'${key}' ${what}, and REQUIRE_MUTATION_CONSENT=true asks the user first.`,
    };
  }
  return {
    decision: "allow",
    rule: "default",
    reason: cmd.readOnly ? `'${key}' is read-only.` : `'${key}' is allowed: no rule restricts it.`,
  };
}
