/** What terminal subcommands share: the validated configuration and the user's policy file. */
import process from "node:process";
import { type Config, loadConfig } from "../config.ts";
import { PolicySource } from "../policy/policy-file.ts";

/** The configuration and policy, or undefined after printing the error (exit code 2). */
export function loadContext(): { config: Config; policy: PolicySource } | undefined {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    console.error(JSON.stringify({ error: loaded.error }));
    process.exitCode = 2;
    return undefined;
  }
  const policy = new PolicySource(loaded.config.policyFile);
  const bad = policy.load();
  if (bad) {
    console.error(JSON.stringify({ error: bad }));
    process.exitCode = 2;
    return undefined;
  }
  return { config: loaded.config, policy };
}
