/**
 * The escape corpus: path tricks through file://, fileb://, streaming bodies and outfiles, each refused
 * in workdir mode before anything is read, written or sent; the legitimate forms accepted.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { callAws } from "../../src/exec/call.ts";
import { callDeps } from "../../src/exec/environment.ts";
import { loadConfig } from "../../src/config.ts";
import { PolicySource } from "../../src/policy/policy-file.ts";
import { probeCaseInsensitive, resolveLocalPath } from "../../src/policy/files.ts";

const root = mkdtempSync(join(tmpdir(), "escape-"));
const work = join(root, "work");
const outside = join(root, "outside");
mkdirSync(join(work, "sub"), { recursive: true });
mkdirSync(outside, { recursive: true });
writeFileSync(join(outside, "secret.json"), '{"Key": "leaked"}');
writeFileSync(join(work, "ok.json"), '[{"Key": "team", "Value": "blue"}]');
writeFileSync(join(work, "sub", "ok.json"), '[{"Key": "team", "Value": "blue"}]');
symlinkSync(outside, join(work, "link-out"));
symlinkSync(join(outside, "secret.json"), join(work, "secret-link.json"));
symlinkSync(root, join(work, "sub", "up"));
symlinkSync(join(work, "sub"), join(work, "link-in"));

const TRICKS = [
  "../outside/secret.json",
  "../../etc/passwd",
  "sub/../../outside/secret.json",
  "./../outside/secret.json",
  "sub/./../../outside/secret.json",
  `${outside}/secret.json`,
  "/etc/passwd",
  "/etc/shadow",
  "/proc/self/environ",
  "/root/.aws/credentials",
  "~/.aws/credentials",
  "~root/.ssh/id_rsa",
  "~",
  "link-out/secret.json",
  "secret-link.json",
  "sub/up/outside/secret.json",
  "link-out",
  "%2e%2e/outside/secret.json",
  "%2E%2E%2Foutside%2Fsecret.json",
  "..%2foutside/secret.json",
  "ok.json%00.txt",
  "ok.json\u0000../../etc/passwd",
  "\u2024\u2024/outside/secret.json",
  "\uff0e\uff0e/outside/secret.json",
  "..\u2215outside\u2215secret.json",
  "..\uff0foutside\uff0fsecret.json",
  "..\u2044outside",
  "ok\u202e.json",
  "C:\\Windows\\win.ini",
  "c:/windows/win.ini",
  "D:secret.json",
  "\\\\server\\share\\secret.json",
  "\\\\?\\C:\\secret.json",
  "..\\outside\\secret.json",
  `${"a/".repeat(2100)}ok.json`,
  `${"../".repeat(40)}etc/passwd`,
  "/",
  "",
];

const LEGIT = [
  "ok.json",
  "./ok.json",
  "sub/ok.json",
  "sub/../ok.json",
  `${work}/ok.json`,
  "link-in/ok.json",
  "new-dir/out.bin",
  // The working folder itself is inside (aws s3 sync . s3://b, aws s3 cp . s3://b --recursive).
  ".",
  "./",
  work,
];

Deno.test("path tricks are refused in workdir mode; legitimate paths resolve inside it", () => {
  for (const t of TRICKS) {
    const r = resolveLocalPath(t, "workdir", work);
    ok(!r.ok, `accepted: ${JSON.stringify(t.slice(0, 80))} → ${r.ok && r.path}`);
  }
  for (const p of LEGIT) ok(resolveLocalPath(p, "workdir", work).ok, p);
  ok(!resolveLocalPath("ok.json", "no-access", work).ok);
  ok(resolveLocalPath("/etc/hostname", "unrestricted", work).ok);
  ok(!resolveLocalPath("a\u0000b", "unrestricted", work).ok, "NUL bytes are refused in every mode");
});

Deno.test("case-insensitive platforms (macOS, Windows): case variants of the working folder, and no escape", () => {
  const upper = work.toUpperCase();
  const cases: [string, boolean, boolean][] = [
    // path, allowed where case is ignored, allowed where it is not
    [join(upper, "in.txt"), true, false],
    [join(work, "SUB", "Out.bin"), true, true],
    [`${upper}-evil/x`, false, false],
    [join(upper, "..", "other", "x"), false, false],
    [`${work.slice(0, -1)}${work.slice(-1).toUpperCase()}x/y`, false, false],
  ];
  for (const [p, insensitive, sensitive] of cases) {
    assertEquals(
      [resolveLocalPath(p, "workdir", work, true).ok, resolveLocalPath(p, "workdir", work, false).ok],
      [insensitive, sensitive],
      p,
    );
  }
});

Deno.test({
  name:
    "every trick through file://, fileb://, a streaming body, an outfile and --ca-bundle is refused before anything runs",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    Deno.env.set("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    Deno.env.set("AWS_SECRET_ACCESS_KEY", "secret");
    const cfg = loadConfig({
      HOME: Deno.env.get("HOME"),
      AWS_API_MCP_WORKING_DIR: work,
      AWS_API_MCP_SECURITY_POLICY_FILE: join(root, "none.json"),
    });
    if (!cfg.ok) throw new Error(cfg.error.message);
    const deps = callDeps(cfg.config, {}, { source: new PolicySource(cfg.config.policyFile) });
    // An endpoint nothing listens on: a command that got past the file checks fails to connect instead.
    const E = "--endpoint-url http://127.0.0.1:9";
    const forms = (p: string) => [
      `aws ec2 create-tags --resources i-1 --tags 'file://${p}' ${E}`,
      `aws kinesis put-record --stream-name s --partition-key k --data 'fileb://${p}' ${E}`,
      `aws s3api put-object --bucket b --key k --body '${p}' ${E}`,
      `aws s3api get-object --bucket b --key k '${p}' ${E}`,
      `aws s3api put-object --cli-input-json 'file://${p}' ${E}`,
      `aws s3api list-buckets --ca-bundle '${p}' ${E}`,
    ];
    const tricks = TRICKS.filter((t) => t && !t.includes("\u0000") && !t.includes("'"));
    const commands = tricks.flatMap(forms);
    ok(commands.length >= 60, `${commands.length} cases`);
    const results = [];
    for (let i = 0; i < commands.length; i += 20) {
      results.push(...await callAws(commands.slice(i, i + 20), deps));
    }
    const leaks = results.filter((r) => r.error?.code !== "FILE_ACCESS_DENIED").map((r) =>
      `${r.command.slice(0, 120)} → ${r.error?.code ?? r.status}`
    );
    assertEquals(leaks, []);
    const good = await callAws([
      `aws ec2 create-tags --resources i-1 --tags file://ok.json ${E}`,
      `aws s3api get-object --bucket b --key k sub/out.bin ${E}`,
      `aws s3api list-buckets --ca-bundle ok.json ${E}`,
    ], deps);
    assertEquals(good.map((r) => r.error?.code), ["NETWORK_ERROR", "NETWORK_ERROR", "NETWORK_ERROR"]);
  },
});

Deno.test("Windows paths: inside the folder accepted in any form; UNC, devices, streams, reserved names refused", () => {
  const root = "C:\\Users\\u\\.aws\\aws-api-mcp\\workdir";
  const table: Array<[string, boolean]> = [
    ["data.json", true],
    ["sub\\data.json", true],
    ["sub/data.json", true],
    [".\\data.json", true],
    [`${root}\\data.json`, true],
    ["c:\\users\\U\\.aws\\aws-api-mcp\\workdir\\x.bin", true],
    ["\\Users\\u\\.aws\\aws-api-mcp\\workdir\\x.bin", true],
    [".", true],
    ["..\\secret.txt", false],
    ["sub\\..\\..\\secret.txt", false],
    ["C:\\Windows\\win.ini", false],
    ["D:\\data.json", false],
    ["D:data.json", false],
    ["\\\\server\\share\\x", false],
    ["//server/share/x", false],
    ["\\\\?\\C:\\Users\\u\\x", false],
    ["\\\\.\\PhysicalDrive0", false],
    ["CON", false],
    ["nul.txt", false],
    ["sub\\COM1.log", false],
    ["LPT9", false],
    ["a.txt:hidden", false],
    ["a.txt::$DATA", false],
    ["trailing.", false],
    ["trailing ", false],
    ["sub.\\x", false],
    ["what?.txt", false],
    ["~\\secret", false],
  ];
  for (const [path, allowed] of table) {
    const r = resolveLocalPath(path, "workdir", root, true, true);
    assertEquals(r.ok, allowed, `${path}: ${r.ok ? r.path : r.error.message}`);
  }
  // The hint names the working folder, which is itself a path that is accepted.
  const refused = resolveLocalPath("D:\\x", "workdir", root, true, true);
  ok(
    !refused.ok && refused.error.hint.includes(root) &&
      resolveLocalPath(root, "workdir", root, true, true).ok,
  );
});

Deno.test("case sensitivity is asked of the working folder's file system, and the probe leaves nothing", () => {
  const dir = mkdtempSync(join(tmpdir(), "case-probe-"));
  // Linux's file systems here tell case apart; macOS's and Windows' usual ones do not.
  assertEquals(probeCaseInsensitive(dir), Deno.build.os !== "linux");
  assertEquals(readdirSync(dir), []);
});
