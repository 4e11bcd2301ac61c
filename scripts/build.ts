/**
 * `deno task build`: the program as the release ships it, in `dist/` — the bundle (entry points
 * `dist/src/main.js` and `dist/src/program.js`, each SDK client a chunk loaded on first use through
 * `dist/models/sdk-clients.js`), the models and the bundled agent scripts, laid out as the program reads
 * them. Nothing in `dist/` reads `node_modules/` or the sources: `deno task compile` compiles it as it is.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants } from "node:zlib";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");

rmSync(dist, { recursive: true, force: true });
const started = performance.now();
const bundle = await new Deno.Command(Deno.execPath(), {
  args: [
    "bundle",
    "--platform",
    "deno",
    "--code-splitting",
    "--minify",
    "--outdir",
    dist,
    "src/main.ts",
    "src/program.ts",
    "models/sdk-clients.js",
  ],
  cwd: root,
  stdout: "null",
  stderr: "piped",
}).output();
if (!bundle.success) {
  console.error(new TextDecoder().decode(bundle.stderr));
  Deno.exit(1);
}
// The models' data beside the bundled registry, brotli-compressed (the registry inflates a file on first
// use): 48 MB of JSON would otherwise be most of the binary. Quality 9 is within 10 % of the best at a
// tenth of its time. The agent scripts go where the program looks for them.
for (const entry of readdirSync(join(root, "models"), { recursive: true, encoding: "utf8" })) {
  const from = join(root, "models", entry);
  if (entry.startsWith("sdk-clients.") || statSync(from).isDirectory()) continue;
  const to = join(dist, "models", entry);
  mkdirSync(dirname(to), { recursive: true });
  if (!entry.endsWith(".json") || entry === "SOURCES.json") { // SOURCES.json: for people, not read
    copyFileSync(from, to);
    continue;
  }
  // Synchronous: Deno's asynchronous brotli is four times slower here.
  const data = readFileSync(from);
  const params = { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: data.length };
  writeFileSync(`${to}.br`, brotliCompressSync(data, { params }));
}
const scripts = join(dist, "src", "scripts", "bundled");
mkdirSync(scripts, { recursive: true });
for (const f of readdirSync(join(root, "src", "scripts", "bundled"))) {
  if (f.endsWith(".script.md")) copyFileSync(join(root, "src", "scripts", "bundled", f), join(scripts, f));
}

function size(path: string): { bytes: number; files: number } {
  const st = statSync(path);
  if (!st.isDirectory()) return { bytes: st.size, files: 1 };
  let bytes = 0, files = 0;
  for (const e of readdirSync(path)) {
    const s = size(join(path, e));
    bytes += s.bytes;
    files += s.files;
  }
  return { bytes, files };
}
const total = size(dist);
const models = size(join(dist, "models"));
console.log(`build_seconds: ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`build_dist: ${(total.bytes / 1048576).toFixed(1)} MiB (${total.files} files)`);
console.log(`build_models: ${(models.bytes / 1048576).toFixed(1)} MiB`);
console.log(`build_code: ${((total.bytes - models.bytes) / 1048576).toFixed(1)} MiB`);
