/** Item 9: the default working folder is the user's own (0700, not a link, not another user's); no log at a root. */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { chownSync, mkdirSync, mkdtempSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { locationsOf } from "../../src/locations.ts";
import { isFilesystemRoot, networkFolderProblem, prepareFolders } from "../../src/policy/folders.ts";
import { MAIN, RUN_FLAGS } from "../helpers.ts";
import { LOCAL_CREDENTIALS } from "../../scripts/local-servers.ts";

function home() {
  const h = mkdtempSync(join(tmpdir(), "folders-"));
  return { h, env: { HOME: h }, workdir: join(h, ".aws", "aws-api-mcp", "workdir") };
}

Deno.test("the default working folder is made owner-only under ~/.aws/aws-api-mcp", () => {
  const { env, workdir } = home();
  assertEquals(prepareFolders(env, locationsOf(env)!, true), undefined);
  assertEquals(statSync(workdir).mode & 0o777, 0o700);
  assertEquals(prepareFolders(env, locationsOf(env)!, true), undefined, "an existing own folder is fine");
});

Deno.test("a default working folder that is a link or another user's is refused", () => {
  const linked = home();
  mkdirSync(join(linked.h, ".aws", "aws-api-mcp"), { recursive: true });
  symlinkSync(tmpdir(), linked.workdir);
  assertEquals(prepareFolders(linked.env, locationsOf(linked.env)!, true)?.code, "UNSAFE_FOLDER");
  if (Deno.uid() === 0) {
    const foreign = home();
    mkdirSync(foreign.workdir, { recursive: true });
    chownSync(foreign.workdir, 65534, 65534);
    const p = prepareFolders(foreign.env, locationsOf(foreign.env)!, true);
    ok(p?.code === "UNSAFE_FOLDER" && p.message.includes("another user"), JSON.stringify(p));
  }
  // No working folder is needed in no-access mode, so none is checked or made.
  const none = home();
  mkdirSync(join(none.h, ".aws", "aws-api-mcp"), { recursive: true });
  symlinkSync(tmpdir(), none.workdir);
  assertEquals(prepareFolders(none.env, locationsOf(none.env)!, false), undefined);
});

Deno.test("a log file at a filesystem root is refused", () => {
  const { h } = home();
  const env = { HOME: h, AWS_API_MCP_LOG_FILE: "/x.log" };
  assertEquals(prepareFolders(env, locationsOf(env)!, true)?.code, "UNSAFE_FOLDER");
  for (
    const [p, root] of [["/", true], ["//", true], ["C:\\", true], ["/var/log", false], [
      "/x",
      false,
    ]] as const
  ) {
    assertEquals(isFilesystemRoot(p), root, p);
  }
});

Deno.test("the program stops with a clear message before serving when its working folder is unsafe", async () => {
  const linked = home();
  mkdirSync(join(linked.h, ".aws", "aws-api-mcp"), { recursive: true });
  symlinkSync(tmpdir(), linked.workdir);
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...RUN_FLAGS, MAIN, "--version"],
    env: { HOME: linked.h, PATH: Deno.env.get("PATH") ?? "" },
    clearEnv: true,
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  ok(out.code === 2 && stderr.includes("symbolic link") && !stderr.includes("    at "), stderr);
});

Deno.test("a working folder reached through a symlink works: one canonical root for grant, checks and display", async () => {
  const root = mkdtempSync(join(tmpdir(), "canonical-"));
  const real = join(root, "real");
  mkdirSync(real);
  Deno.writeTextFileSync(join(real, "f.txt"), "hi");
  symlinkSync(real, join(root, "link"));
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      ...RUN_FLAGS,
      MAIN,
      "call",
      "aws s3api put-object --bucket b --key k --body f.txt --endpoint-url http://127.0.0.1:9",
    ],
    env: {
      HOME: root,
      PATH: Deno.env.get("PATH") ?? "",
      ...LOCAL_CREDENTIALS,
      AWS_API_MCP_WORKING_DIR: join(root, "link"),
    },
    clearEnv: true,
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  // The file was read (inside the sandbox) and the request attempted: nothing listens there.
  ok(text.includes('"NETWORK_ERROR"') && !text.includes("FILE_"), text);
});

Deno.test("Windows: a working folder on a network share is refused at start-up, a local drive is not", () => {
  const cases: [string, string, boolean][] = [
    ["C:\\Users\\u\\work", "C:\\Users\\u\\work", false],
    ["\\\\server\\share\\work", "\\\\server\\share\\work", true],
    ["//server/share/work", "//server/share/work", true],
    ["Z:\\work", "\\\\server\\share\\work", true], // a mapped drive resolves to its share
    ["C:\\link", "D:\\target", false],
  ];
  for (const [written, resolved, refused] of cases) {
    const problem = networkFolderProblem(written, resolved);
    assertEquals(!!problem, refused, written);
    if (problem) {
      assertEquals(problem.code, "UNSAFE_FOLDER");
      ok(problem.message.includes(written) && problem.message.includes("network share"), problem.message);
      ok(problem.hint.includes("AWS_API_MCP_WORKING_DIR"));
    }
  }
});
