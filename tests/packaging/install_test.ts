/**
 * packaging/install.sh against a release served on 127.0.0.1: it picks this machine's archive, refuses
 * one whose checksum does not match (installing nothing), and says where the binary went.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const INSTALL_SH = fileURLToPath(new URL("../../packaging/install.sh", import.meta.url));
const ARCH = Deno.build.arch === "aarch64" ? "aarch64" : "x86_64";
const OS = Deno.build.os === "darwin" ? "apple-darwin" : "unknown-linux-gnu";
const ARCHIVE = `aws-api-mcp-${ARCH}-${OS}.tar.gz`;

/** A release folder: an archive holding a stand-in binary that prints its version, and SHA256SUMS. */
function release(sums: (sha: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "release-"));
  const stage = join(dir, "stage");
  mkdirSync(stage);
  writeFileSync(join(stage, "aws-api-mcp"), "#!/bin/sh\necho 9.9.9\n", { mode: 0o755 });
  const tar = new Deno.Command("tar", { args: ["-czf", join(dir, ARCHIVE), "-C", stage, "aws-api-mcp"] })
    .outputSync();
  ok(tar.success);
  const sha = createHash("sha256").update(readFileSync(join(dir, ARCHIVE))).digest("hex");
  writeFileSync(join(dir, "SHA256SUMS"), sums(sha));
  return dir;
}

async function install(dir: string) {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const name = new URL(req.url).pathname.split("/").pop()!;
    return existsSync(join(dir, name))
      ? new Response(readFileSync(join(dir, name)))
      : new Response("not found", { status: 404 });
  });
  const home = mkdtempSync(join(tmpdir(), "install-home-"));
  try {
    const out = await new Deno.Command("sh", {
      args: [INSTALL_SH],
      env: {
        HOME: home,
        PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
        AWS_API_MCP_RELEASE_URL: `http://127.0.0.1:${server.addr.port}/download/`,
      },
      clearEnv: true,
    }).output();
    const text = (b: Uint8Array) => new TextDecoder().decode(b);
    return {
      code: out.code,
      stdout: text(out.stdout),
      stderr: text(out.stderr),
      bin: join(home, ".local", "bin"),
    };
  } finally {
    await server.shutdown();
  }
}

Deno.test({
  name: "install.sh installs this platform's binary after checking its checksum, and says where",
  ignore: Deno.build.os === "windows", // install.ps1 there
  async fn() {
    const ok1 = await install(release((sha) => `${"0".repeat(64)}  other.tar.gz\n${sha}  ${ARCHIVE}\n`));
    assertEquals(ok1.code, 0, ok1.stderr);
    const installed = join(ok1.bin, "aws-api-mcp");
    ok(ok1.stdout.includes(`Installed aws-api-mcp 9.9.9 to ${installed}`), ok1.stdout);
    ok(ok1.stdout.includes(`"command": "${installed}"`), ok1.stdout);
    ok(ok1.stdout.includes("is not on your PATH"), ok1.stdout);
    ok((statSync(installed).mode & 0o111) !== 0);

    const tampered = await install(release(() => `${"f".repeat(64)}  ${ARCHIVE}\n`));
    assertEquals(tampered.code, 1);
    ok(tampered.stderr.includes(`checksum mismatch for ${ARCHIVE}`), tampered.stderr);
    ok(!existsSync(join(tampered.bin, "aws-api-mcp")), "a tampered archive was installed");

    const unlisted = await install(release(() => `${"0".repeat(64)}  other.tar.gz\n`));
    assertEquals(unlisted.code, 1);
    ok(unlisted.stderr.includes(`SHA256SUMS has no checksum for ${ARCHIVE}`), unlisted.stderr);
    ok(!existsSync(join(unlisted.bin, "aws-api-mcp")));
  },
});
