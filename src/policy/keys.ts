/**
 * What policy entries are matched against: the command as typed and every API operation it calls, each
 * as `aws <service> <command>`, lower case, in every spelling of the service (`opsworks-cm` and
 * `opsworkscm`). So `aws s3 rb --force` meets rules written for `aws s3api delete-*`, and an alias cannot
 * slip past a rule written with the other name.
 */
import { modelIndex, resolveServiceName } from "../models/registry.ts";
import type { ParsedCommand } from "../parse/types.ts";

/** Every spelling of a service: its canonical CLI name and the aliases that stand for it. */
export function serviceSpellings(service: string): string[] {
  const lower = service.toLowerCase();
  const canonical = resolveServiceName(lower) ?? lower;
  const aliases = Object.entries(modelIndex().aliases).filter(([, to]) => to === canonical).map(([a]) => a);
  return [...new Set([canonical, lower, ...aliases])];
}

/** A policy entry or key in normal form: lower case, single spaces, the service's canonical name. */
export function normalizeKey(text: string): string {
  const words = text.trim().toLowerCase().split(/\s+/);
  if (words.length >= 2 && !words[1].includes("*")) words[1] = resolveServiceName(words[1]) ?? words[1];
  return words.join(" ");
}

/** The command's own key as typed: `aws <service> <command>` (waiters: `aws <service> wait <name>`). */
export function policyKey(cmd: Pick<ParsedCommand, "service" | "command" | "kind">): string {
  return cmd.kind === "waiter"
    ? `aws ${cmd.service} wait ${cmd.command}`
    : `aws ${cmd.service} ${cmd.command}`;
}

/** Every key a command is matched by: typed command first, then each API call, in every service spelling. */
export function policyKeys(cmd: ParsedCommand): string[] {
  const keys: string[] = [];
  const add = (service: string, rest: string) => {
    for (const s of serviceSpellings(service)) keys.push(`aws ${s} ${rest.toLowerCase()}`);
  };
  add(cmd.service, cmd.kind === "waiter" ? `wait ${cmd.command}` : cmd.command);
  for (const c of cmd.calls) add(c.service, c.command);
  // `--region '*'` first asks EC2 for the enabled regions.
  if (cmd.globals.region === "*") add("ec2", "describe-regions");
  return [...new Set(keys)];
}
