/**
 * Run by tests/policy/permissions_test.ts under the program's permission flags: reads and writes a path
 * outside them with the policy's path check bypassed (the unchecked file access), and reports what happened.
 */
import { writeFileSync } from "node:fs";
import { diskFiles } from "../../src/parse/files.ts";
import { ParseFailure } from "../../src/parse/errors.ts";

const [readPath, writePath] = Deno.args;
const out: Record<string, string> = {};
try {
  diskFiles("/").read(readPath, false);
  out.read = "allowed";
} catch (e) {
  out.read = e instanceof ParseFailure ? e.error.message : `${(e as Error).name}: ${(e as Error).message}`;
}
try {
  writeFileSync(writePath, "x");
  out.write = "allowed";
} catch (e) {
  out.write = `${(e as Error).name}: ${(e as Error).message}`;
}
console.log(JSON.stringify(out));
