/** `--cli-input-yaml`: YAML parameters. */
import { parse } from "yaml";
import { fail } from "./errors.ts";

/** Parses YAML text, failing with INVALID_JSON's sibling message on bad input. */
export function parseYaml(text: string, flag: string): unknown {
  try {
    return parse(text, { maxAliasCount: 100 });
  } catch (e) {
    fail("INVALID_JSON", `Error parsing parameter '--${flag}': Invalid YAML: ${(e as Error).message}`);
  }
}
