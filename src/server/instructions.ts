/**
 * The server's instructions, which clients add to the assistant's context: how the tools fit together and
 * the live facts a command depends on (region, profile, read-only and consent modes, where files go).
 */
import type { FileAccess } from "../locations.ts";

/** What the instructions state about this server. */
export interface InstructionFacts {
  /** The region commands use when they name none; undefined: none configured (us-east-1 then). */
  region?: string;
  profile?: string;
  readOnly: boolean;
  consent: boolean;
  fileAccess: FileAccess;
  workingDir: string;
  maxOutputChars: number;
  scripts: boolean;
}

/** The instructions text (kept under 800 characters: it is in every conversation's context). */
export function serverInstructions(f: InstructionFacts): string {
  const mode = f.readOnly
    ? "read-only (only read operations run)"
    : f.consent
    ? "writes need the user's consent"
    : "writes allowed";
  const files = f.fileAccess === "no-access"
    ? "none"
    : f.fileAccess === "unrestricted"
    ? "any path"
    : `only in ${f.workingDir} (relative paths resolve there)`;
  return [
    "Run AWS CLI commands with call_aws ('aws <service> <command> --flag value', one command per string; a list " +
    "runs independent commands at once). Unsure of a command or its parameters? Ask suggest_aws_commands first" +
    (f.scripts ? "; get_execution_plan has step-by-step plans for common tasks." : "."),
    `Keep results small: --query (JMESPath) to pick fields, max_results to cap listings, the operation's own ` +
    `filters (e.g. --filters); a result over ${f.maxOutputChars.toLocaleString("en-US")} characters is cut.`,
    `Now: region ${f.region ?? "us-east-1 (none configured)"}; profile ${f.profile ?? "default"}; ${mode}; ` +
    `local files: ${files}.`,
  ].join("\n");
}
