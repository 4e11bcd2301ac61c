/**
 * What a release ships: builds `dist/` afresh (so server_bench.ts, which runs after this, times start-up of
 * the current code's build), prints what `deno compile` embeds by part, and the linux archive's size —
 * runtime plus `dist/`, tar.gz as release.yml packs it — against the AWS CLI v2 installer (~60 MB).
 * `deno compile` cannot download its runtime here: `DENORT_BIN` names a real `denort` when there is one;
 * otherwise the full `deno` executable stands in, which holds everything denort does and more, so the
 * figure is an upper bound.
 */
import { copyFileSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

async function task(name: string): Promise<void> {
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: ["task", "-q", name],
    cwd: root,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (code !== 0) throw new Error(`deno task ${name} failed with exit code ${code}`);
}

await task("build");
await task("embed-size");

const denort = Deno.env.get("DENORT_BIN");
const runtime = denort && statSync(denort).size > 1_000_000 ? denort : Deno.execPath();
const stage = mkdtempSync(join(tmpdir(), "release-bench-"));
try {
  // The compiled binary is the runtime with dist/ appended: the archive packs the same bytes.
  copyFileSync(runtime, join(stage, "aws-api-mcp"));
  const tar = await new Deno.Command("tar", {
    args: ["-czf", "-", "-C", stage, "aws-api-mcp", "-C", root, "dist"],
    stdout: "piped",
  }).output();
  const mib = (b: number) => (b / 1048576).toFixed(1);
  const kind = runtime === denort ? "denort" : "full deno CLI as runtime: an upper bound";
  console.log(`release_archive_linux_tar_gz: ${mib(tar.stdout.length)} MiB (${kind})`);
  console.log(
    `release_archive_vs_awscli_v2_installer: ${(tar.stdout.length / 60e6).toFixed(2)} ratio (~60 MB)`,
  );
} finally {
  rmSync(stage, { recursive: true, force: true });
}
