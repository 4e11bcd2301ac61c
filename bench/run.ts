/** `deno task bench`: runs every `*_bench.ts` here in its own process; each prints `name: value unit` lines. */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
let failed = false;
for (const file of readdirSync(dir).filter((f) => f.endsWith("_bench.ts")).sort()) {
  const { code } = await new Deno.Command(Deno.execPath(), {
    // Benchmarks measure the program from outside (spawning it, reading /proc): they need every permission.
    args: ["run", "--allow-all", `${dir}/${file}`],
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (code !== 0) {
    console.error(`${file} failed with exit code ${code}`);
    failed = true;
  }
}
if (failed) Deno.exit(1);
