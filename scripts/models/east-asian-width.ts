/**
 * The characters the AWS CLI counts as two columns wide when it lays out `--output table`
 * (`unicodedata.east_asian_width(c) in 'WFA'`), as code point ranges from the Python that runs the CLI.
 */
import { execFileSync } from "node:child_process";

/** Wide, full-width and ambiguous characters as [first, last] ranges, and the Unicode version they are from. */
export function eastAsianWide(): { unicode: string; ranges: Array<[number, number]> } {
  const script = [
    "import json, unicodedata",
    "r, s = [], None",
    "for c in range(0x110000):",
    "    w = unicodedata.east_asian_width(chr(c)) in 'WFA'",
    "    if w and s is None: s = c",
    "    if not w and s is not None: r.append([s, c - 1]); s = None",
    "print(json.dumps({'unicode': unicodedata.unidata_version, 'ranges': r}))",
  ].join("\n");
  return JSON.parse(execFileSync("/usr/bin/python3", ["-c", script], { encoding: "utf8" }));
}
