/**
 * `deno task embed-size`: what `deno compile` would embed besides the runtime: the bundled models and the
 * npm packages the program imports. (The compile itself needs a download this machine cannot make.)
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

function size(path: string): { bytes: number; files: number } {
  const st = statSync(path);
  if (!st.isDirectory()) return { bytes: st.size, files: 1 };
  let bytes = 0, files = 0;
  for (const entry of readdirSync(path)) {
    const s = size(join(path, entry));
    bytes += s.bytes;
    files += s.files;
  }
  return { bytes, files };
}

const mib = (b: number) => (b / 1024 / 1024).toFixed(1);
for (const part of ["models", "models/services", "models/outputs", "models/docs", "src"]) {
  const s = size(join(root, part));
  console.log(`embed_${part.replace("/", "_")}: ${mib(s.bytes)} MiB (${s.files} files)`);
}
