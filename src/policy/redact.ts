/**
 * What of a command may be written to the log: every value the model marks sensitive is masked wherever
 * it appears in the command text (flags, shorthand, inline JSON), after which the log's own redaction of
 * secret-looking names and URL credentials applies.
 */
import { loadService } from "../models/registry.ts";
import { mapSensitive, sensitiveTexts, unmarkedSensitive } from "../models/sensitive.ts";
import type { ParsedCommand } from "../parse/types.ts";

/** The mask that stands for a hidden value. */
export const MASK = "***";

/** The sensitive input values of a parsed command, as text. */
export function sensitiveInputs(cmd: ParsedCommand): string[] {
  const service = loadService(cmd.serviceModel);
  const input = service?.operations[cmd.operation]?.input;
  if (!service || !input) return [];
  return sensitiveTexts(cmd.params, input.shape, (n) => service.shapes[n], unmarkedSensitive(service.name));
}

/** `text` with every occurrence of each value (also in its JSON-escaped form) replaced by the mask. */
export function maskValues(text: string, values: readonly string[]): string {
  const forms = new Set<string>();
  for (const v of values) {
    if (v === "") continue;
    forms.add(v);
    forms.add(JSON.stringify(v).slice(1, -1));
  }
  let out = text;
  for (const f of [...forms].sort((a, b) => b.length - a.length)) out = out.split(f).join(MASK);
  return out;
}

/** The command's API parameters with sensitive values masked, as the consent prompt shows them. */
export function maskedParams(cmd: ParsedCommand): unknown {
  const service = loadService(cmd.serviceModel);
  const input = service?.operations[cmd.operation]?.input;
  if (!service || !input) return cmd.params;
  return mapSensitive(
    cmd.params,
    input.shape,
    (n) => service.shapes[n],
    () => MASK,
    unmarkedSensitive(service.name),
  );
}

/** JSON for people: bytes as their size, no more than `max` characters. */
export function displayJson(value: unknown, max = 2000): string {
  const text = JSON.stringify(
    value,
    (_k, v) => (v instanceof Uint8Array ? `<${v.length} bytes>` : v),
    2,
  ) ?? "";
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
}
