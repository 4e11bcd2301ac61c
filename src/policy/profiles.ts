/**
 * Which AWS profiles a command may name with `--profile`. The user chose a profile for the assistant
 * (AWS_API_MCP_PROFILE_NAME, say a read-only one); a command naming another (`--profile admin`) would
 * sign with credentials the user never meant to hand over. Others are allowed only when listed in
 * AWS_API_MCP_ALLOWED_PROFILES (`*` allows any); with neither variable set, any profile, as the AWS CLI.
 */

/** A refused profile and why. */
export interface ProfileDenied {
  code: "PROFILE_DENIED";
  message: string;
  hint: string;
}

/** Parses AWS_API_MCP_ALLOWED_PROFILES (comma-separated names); undefined when unset. */
export function parseAllowedProfiles(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

/** Whether a command may use the profile it names; undefined means yes. */
export function checkProfile(
  named: string | undefined,
  configured: string | undefined,
  allowed: readonly string[] | undefined,
): ProfileDenied | undefined {
  if (named === undefined || named === configured) return undefined;
  if (allowed === undefined ? configured === undefined : allowed.includes("*") || allowed.includes(named)) {
    return undefined;
  }
  const usable = [...new Set([configured, ...(allowed ?? [])].filter((p): p is string => p !== undefined))];
  return {
    code: "PROFILE_DENIED",
    message: `The profile '${named}' is not one this server may use (${
      usable.length ? `allowed: ${usable.join(", ")}` : "no profile may be named"
    }).`,
    hint: configured
      ? `Leave out --profile: commands run with the configured profile '${configured}'. The user can allow others with AWS_API_MCP_ALLOWED_PROFILES.`
      : "Leave out --profile, or ask the user to list it in AWS_API_MCP_ALLOWED_PROFILES.",
  };
}
