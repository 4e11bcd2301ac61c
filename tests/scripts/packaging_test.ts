/**
 * The Homebrew formula and winget manifests as scripts/packaging.ts writes them from a release's
 * SHA256SUMS. The winget manifests are validated against Microsoft's published JSON schemas when
 * WINGET_SCHEMAS names a folder holding them (ci.yml downloads them; they are not vendored here).
 */
import { deepStrictEqual as assertEquals, ok, throws } from "node:assert";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import {
  ARCHIVES,
  homebrewFormula,
  parseSums,
  releaseOf,
  WINGET_ID,
  wingetManifests,
} from "../../scripts/packaging.ts";
import pkg from "../../package.json" with { type: "json" };

const hex = (i: number) => i.toString(16).repeat(64).slice(0, 64);
const SUMS = Object.values(ARCHIVES).map((name, i) => `${hex(i + 10)}  ${name}`).join("\n") + "\n";
const release = releaseOf(pkg, "1.2.3", parseSums(SUMS));

Deno.test("SHA256SUMS lines are read as sha256sum writes them; anything else is an error", () => {
  const sums = parseSums(`${"A".repeat(64)}  a.tar.gz\r\n${"b".repeat(64)} *b.zip\n\n`);
  assertEquals([...sums], [["a.tar.gz", "a".repeat(64)], ["b.zip", "b".repeat(64)]]);
  throws(() => parseSums("deadbeef  a.tar.gz"), /Not a sha256sum line/);
  throws(() => releaseOf(pkg, "latest", sums), /Not a version/);
  throws(() => homebrewFormula(releaseOf(pkg, "1.0.0", sums)), /SHA256SUMS has no line for/);
});

Deno.test("the Homebrew formula names each platform's archive with its checksum, installs and tests the binary", () => {
  const rb = homebrewFormula(release);
  const blocks = [...rb.matchAll(/on_(arm|intel) do\n\s+url "([^"]+)"\n\s+sha256 "([0-9a-f]{64})"\n\s+end/g)]
    .map((m) => [m[2].split("/").pop(), m[3]]);
  const unix = Object.values(ARCHIVES).filter((n) => n.endsWith(".tar.gz"));
  assertEquals(new Set(blocks.map(([name]) => name)), new Set(unix));
  for (const [name, sha] of blocks) assertEquals(sha, release.sums.get(name!));
  ok(blocks.every(([name]) => name), rb);
  ok(rb.includes(`/releases/download/v1.2.3/`), rb);
  ok(/^class AwsApiMcp < Formula$/m.test(rb) && rb.includes('bin.install "aws-api-mcp"'), rb);
  ok(rb.includes('shell_output("#{bin}/aws-api-mcp --version")'), rb);
  // Balanced blocks: every `do`/`class`/`def` has its `end`.
  const opens = rb.split("\n").filter((l) => /\bdo$|^\s*(class|def) /.test(l)).length;
  assertEquals(rb.split("\n").filter((l) => /^\s*end$/.test(l)).length, opens);
  const ruby = ["/usr/bin/ruby", "/usr/local/bin/ruby", "/opt/homebrew/bin/ruby"].find(existsSync);
  if (ruby) {
    const file = join(mkdtempSync(join(tmpdir(), "formula-")), "aws-api-mcp.rb");
    writeFileSync(file, rb);
    const check = new Deno.Command(ruby, { args: ["-c", file] }).outputSync();
    ok(check.success, new TextDecoder().decode(check.stderr));
  }
});

Deno.test("the winget manifests: a portable exe in the Windows zip, with its checksum, in all three files", () => {
  const files = wingetManifests(release);
  assertEquals(Object.keys(files).sort(), [
    `${WINGET_ID}.installer.yaml`,
    `${WINGET_ID}.locale.en-US.yaml`,
    `${WINGET_ID}.yaml`,
  ]);
  const docs = Object.fromEntries(Object.entries(files).map(([n, t]) => [n, parseYaml(t)]));
  for (const doc of Object.values(docs)) {
    assertEquals([doc.PackageIdentifier, doc.PackageVersion, doc.ManifestVersion], [
      WINGET_ID,
      "1.2.3",
      "1.9.0",
    ]);
  }
  const installer = docs[`${WINGET_ID}.installer.yaml`];
  assertEquals(installer.InstallerType, "zip");
  assertEquals(installer.NestedInstallerFiles, [
    { RelativeFilePath: "aws-api-mcp.exe", PortableCommandAlias: "aws-api-mcp" },
  ]);
  assertEquals(installer.Installers, [{
    Architecture: "x64",
    InstallerUrl: `https://github.com/aws-api-mcp/aws-api-mcp/releases/download/v1.2.3/${
      ARCHIVES["x86_64-pc-windows-msvc"]
    }`,
    InstallerSha256: release.sums.get(ARCHIVES["x86_64-pc-windows-msvc"])!.toUpperCase(),
  }]);
  assertEquals(docs[`${WINGET_ID}.locale.en-US.yaml`].ShortDescription, pkg.description);
  assertEquals(docs[`${WINGET_ID}.yaml`].DefaultLocale, "en-US");
});

const schemas = Deno.env.get("WINGET_SCHEMAS");
Deno.test({
  name: "the winget manifests validate against the published 1.9.0 JSON schemas",
  ignore: !schemas,
  fn() {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addFormat("long", true);
    const files = wingetManifests(release);
    const kinds: Record<string, string> = {
      [`${WINGET_ID}.yaml`]: "version",
      [`${WINGET_ID}.installer.yaml`]: "installer",
      [`${WINGET_ID}.locale.en-US.yaml`]: "defaultLocale",
    };
    for (const [name, kind] of Object.entries(kinds)) {
      const schema = JSON.parse(readFileSync(join(schemas!, `manifest.${kind}.1.9.0.json`), "utf8"));
      const validate = ajv.compile(schema);
      ok(validate(parseYaml(files[name])), `${name}: ${JSON.stringify(validate.errors)}`);
      // The schema bites: a manifest without its identifier is refused.
      const broken = { ...parseYaml(files[name]), PackageIdentifier: undefined };
      ok(!validate(JSON.parse(JSON.stringify(broken))), `${name} without PackageIdentifier passed`);
    }
  },
});

Deno.test("deno task packaging writes the formula and manifests from a SHA256SUMS file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "packaging-"));
  writeFileSync(join(dir, "SHA256SUMS"), SUMS);
  const run = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-write",
      fileURLToPath(new URL("../../scripts/packaging.ts", import.meta.url)),
      "v1.2.3",
      join(dir, "SHA256SUMS"),
      join(dir, "out"),
    ],
  }).output();
  ok(run.success, new TextDecoder().decode(run.stderr));
  assertEquals(
    readFileSync(join(dir, "out", "homebrew", "aws-api-mcp.rb"), "utf8"),
    homebrewFormula(release),
  );
  for (const [name, text] of Object.entries(wingetManifests(release))) {
    assertEquals(readFileSync(join(dir, "out", "winget", "1.2.3", name), "utf8"), text);
  }
});
