/**
 * `deno task embed-size`: what `deno compile` embeds besides the runtime — `dist/` as `deno task build` made
 * it, by part (our code, SDK client chunks, models, agent scripts) — and the gzipped tar a release would
 * ship of it. (The compile itself needs a runtime download this machine cannot make.)
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const dist = fileURLToPath(new URL("../dist", import.meta.url));
try {
  statSync(join(dist, "src", "main.js"));
} catch {
  console.error("No dist/: run `deno task build` first.");
  Deno.exit(1);
}

/** Bytes and files under a folder, or of the files a test picks out of it. */
function size(path: string, pick: (name: string) => boolean = () => true): { bytes: number; files: number } {
  const st = statSync(path);
  if (!st.isDirectory()) return pick(path) ? { bytes: st.size, files: 1 } : { bytes: 0, files: 0 };
  let bytes = 0, files = 0;
  for (const entry of readdirSync(path)) {
    const s = size(join(path, entry), pick);
    bytes += s.bytes;
    files += s.files;
  }
  return { bytes, files };
}

const mib = (b: number) => (b / 1024 / 1024).toFixed(1);
// Top-level chunks: SDK clients and their dependencies (esbuild names them after their packages' files).
const chunks = (p: string) => !p.includes("/src/") && !p.includes("/models/") && p.endsWith(".js");
const parts: Array<[string, { bytes: number; files: number }]> = [
  ["embed_total", size(dist)],
  ["embed_program_entries", size(join(dist, "src"), (p) => p.endsWith(".js"))],
  ["embed_chunks", size(dist, chunks)],
  ["embed_models", size(join(dist, "models"))],
  ["embed_models_services", size(join(dist, "models", "services"))],
  ["embed_models_outputs", size(join(dist, "models", "outputs"))],
  ["embed_models_docs", size(join(dist, "models", "docs"))],
  ["embed_scripts", size(join(dist, "src", "scripts"))],
];
for (const [name, s] of parts) console.log(`${name}: ${mib(s.bytes)} MiB (${s.files} files)`);
const tar = await new Deno.Command("tar", { args: ["-czf", "-", "-C", dist, "."], stdout: "piped" }).output();
console.log(
  `embed_archive_tar_gz: ${
    mib(tar.stdout.length)
  } MiB (dist/ as a release archive would pack it, runtime aside)`,
);
