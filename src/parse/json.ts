/** The JSON form of a parsed command, as `aws-api-mcp parse` prints it. */
import type { CliError } from "./errors.ts";
import type { HelpRequest } from "./command.ts";
import type { ParsedCommand } from "./types.ts";
import { encodeBase64 } from "./base64.ts";

/** Converts Dates to ISO 8601 strings and bytes to base64, recursively. */
export function toJsonValue(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return encodeBase64(v);
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (v && typeof v === "object") {
    const withToJson = v as { toJSON?: () => unknown };
    if (typeof withToJson.toJSON === "function") return withToJson.toJSON();
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJsonValue(x)]));
  }
  return v;
}

/** The object `parse` prints for a result. */
export function parseResultJson(
  result: { ok: true; value: ParsedCommand | HelpRequest } | { ok: false; error: CliError },
): Record<string, unknown> {
  if (!result.ok) return { ok: false, error: result.error };
  const c = result.value;
  if (c.kind === "help") return { ok: true, kind: "help", service: c.service, command: c.command };
  const out: Record<string, unknown> = {
    ok: true,
    kind: c.kind,
    service: c.service,
    command: c.command,
    operation: c.operation,
    params: toJsonValue(c.params),
    region: c.globals.region ?? null,
    readOnly: c.readOnly,
    accessLevel: c.iam.access,
    iamActions: c.iam.actions,
  };
  if (c.credentials) out.credentials = c.credentials;
  if (c.outfile !== undefined) out.outfile = c.outfile;
  if (c.skeleton) {
    out.skeleton = c.skeleton;
    out.template = c.template;
  }
  if (Object.keys(c.paging).length) out.paging = c.paging;
  if (c.files.length) out.files = c.files;
  if (c.warnings.length) out.warnings = c.warnings;
  return out;
}
