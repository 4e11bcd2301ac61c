/**
 * Defence in depth: the program runs in a worker whose Deno permissions are computed from the user's
 * environment (src/policy/sandbox.ts). Under the release binary's flags (deno.json `start`), Deno itself
 * stops reads and writes outside them even when every path check of the program is bypassed.
 */
import { deepStrictEqual, ok } from "node:assert";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { loaderVariables, sandboxPermissions } from "../../src/policy/sandbox.ts";
import { locationsOf } from "../../src/locations.ts";
import { permissionFlags, RUN_FLAGS } from "../../scripts/run-flags.ts";
import denoJson from "../../deno.json" with { type: "json" };

/** The shell the SDK runs process credentials with (ComSpec is unset in these tests' environments). */
const SHELL = Deno.build.os === "windows" ? "cmd.exe" : "/bin/sh";
const LAUNCH = fileURLToPath(new URL("./sandbox_launch.ts", import.meta.url));

/** A fresh home, working folder and outside folder, with a file in each. */
function world() {
  const root = mkdtempSync(join(tmpdir(), "aws-api-mcp-sandbox-"));
  const home = join(root, "home");
  const work = join(root, "work");
  const outside = join(root, "outside");
  for (const d of [join(home, ".aws"), work, outside]) mkdirSync(d, { recursive: true });
  writeFileSync(join(home, ".aws", "config"), "[default]\nregion = eu-west-1\n");
  writeFileSync(join(work, "in.txt"), "in");
  writeFileSync(join(outside, "secret.txt"), "secret");
  return { root, home, work, outside };
}

async function probe(env: Record<string, string>, actions: string[]): Promise<Record<string, string>> {
  const run = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...RUN_FLAGS, LAUNCH, ...actions],
    env,
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(run.stdout);
  ok(run.code === 0, `probe failed: ${new TextDecoder().decode(run.stderr)}`);
  return JSON.parse(text);
}

Deno.test("workdir mode: Deno allows the working folder, AWS config, log folder and nothing else", async () => {
  const w = world();
  const env = { HOME: w.home, PATH: Deno.env.get("PATH") ?? "", AWS_API_MCP_WORKING_DIR: w.work };
  const expected: Record<string, string> = {
    [`read:${join(w.work, "in.txt")}`]: "allowed",
    [`write:${join(w.work, "out.txt")}`]: "allowed",
    [`read:${join(w.home, ".aws", "config")}`]: "allowed",
    // The launcher makes the log folder; the log file may be written, the policy file beside it never.
    [`write:${join(w.home, ".aws", "aws-api-mcp", "aws-api-mcp-server.log")}`]: "allowed",
    [`write:${join(w.home, ".aws", "aws-api-mcp", "mcp-security-policy.json")}`]: "denied",
    [`write:${join(w.home, ".aws", "aws-api-mcp", "x.log")}`]: "denied",
    [`write:${join(w.home, ".aws", "config")}`]: "denied",
    [`read:${join(w.outside, "secret.txt")}`]: "denied",
    [`parse-read:${join(w.outside, "secret.txt")}`]: "denied",
    [`write:${join(w.outside, "new.txt")}`]: "denied",
    [`read:${join(w.root, "work-sibling")}`]: "denied",
    ["read:/etc/hostname"]: "denied",
    ["read:/proc/self/environ"]: "denied",
    [`run:${SHELL}`]: "denied",
    [`read:${join(w.work, "..", "outside", "secret.txt")}`]: "denied",
  };
  const got = await probe(env, Object.keys(expected));
  for (const [k, v] of Object.entries(got)) if (v.startsWith("error: ENOENT")) got[k] = "error: ENOENT";
  deepStrictEqual(got, expected);
});

Deno.test("process credentials in the AWS config: the shell may run, nothing else", async () => {
  const w = world();
  writeFileSync(join(w.home, ".aws", "config"), "[profile p]\ncredential_process = /opt/creds --json\n");
  const env = { HOME: w.home, PATH: Deno.env.get("PATH") ?? "", AWS_API_MCP_WORKING_DIR: w.work };
  deepStrictEqual(await probe(env, [`run:${SHELL}`, "run:/usr/bin/env"]), {
    [`run:${SHELL}`]: "allowed",
    "run:/usr/bin/env": "denied",
  });
});

Deno.test("no-access mode: not even the working folder; unrestricted mode: any path", async () => {
  const w = world();
  const base = { HOME: w.home, PATH: Deno.env.get("PATH") ?? "", AWS_API_MCP_WORKING_DIR: w.work };
  const inWork = `read:${join(w.work, "in.txt")}`;
  const outside = `read:${join(w.outside, "secret.txt")}`;
  deepStrictEqual(await probe({ ...base, AWS_API_MCP_FILE_ACCESS: "no-access" }, [inWork, outside]), {
    [inWork]: "denied",
    [outside]: "denied",
  });
  deepStrictEqual(
    await probe({ ...base, AWS_API_MCP_ALLOW_UNRESTRICTED_LOCAL_FILE_ACCESS: "true" }, [inWork, outside]),
    { [inWork]: "allowed", [outside]: "allowed" },
  );
});

const logs = (file: string) => [file, ...[1, 2, 3, 4, 5, 6, 7].map((i) => `${file}.${i}`)];

Deno.test({
  name: "sandbox permissions: table of environments",
  ignore: Deno.build.os === "windows", // POSIX paths, joined with the platform's separator
  fn: tableOfEnvironments,
});

function tableOfEnvironments() {
  const home = "/home/u";
  const bundled = ["/opt/app/models/"];
  const cases: {
    env: Record<string, string>;
    read: string[];
    write: string[] | false;
    credentialProcess?: boolean;
    run?: string[];
  }[] = [
    {
      env: { HOME: home, XDG_RUNTIME_DIR: "/run/user/1" },
      read: [
        ...bundled,
        "/home/u/.aws",
        "/home/u/.aws/config",
        "/home/u/.aws/credentials",
        "/home/u/.aws/aws-api-mcp/mcp-security-policy.json",
        ...logs("/home/u/.aws/aws-api-mcp/aws-api-mcp-server.log"),
        "/home/u/.aws/aws-api-mcp/workdir",
      ],
      // The log files alone: never the policy file or the folder they share.
      write: [
        ...logs("/home/u/.aws/aws-api-mcp/aws-api-mcp-server.log"),
        "/home/u/.aws/sso/cache",
        "/home/u/.aws/aws-api-mcp/workdir",
      ],
    },
    {
      env: {
        HOME: home,
        AWS_API_MCP_WORKING_DIR: "/srv/work",
        AWS_CONFIG_FILE: "~/cfg/aws.ini",
        AWS_WEB_IDENTITY_TOKEN_FILE: "/var/run/token",
        AWS_API_MCP_SECURITY_POLICY_FILE: "/etc/aws-api-mcp/policy.json",
        AWS_API_MCP_LOG_FILE: "/var/log/aws-api-mcp/server.log",
        AWS_API_MCP_AGENT_SCRIPTS_DIR: "/srv/scripts",
      },
      read: [
        ...bundled,
        "/home/u/.aws",
        "/home/u/cfg/aws.ini",
        "/home/u/.aws/credentials",
        "/var/run/token",
        "/etc/aws-api-mcp/policy.json",
        ...logs("/var/log/aws-api-mcp/server.log"),
        "/srv/scripts",
        "/srv/work",
      ],
      write: [...logs("/var/log/aws-api-mcp/server.log"), "/home/u/.aws/sso/cache", "/srv/work"],
    },
    {
      // A relative working folder is invalid (config.ts stops the program); it never widens the sandbox.
      // Process credentials in the AWS config: the SDK may run the shell, nothing else.
      env: { HOME: home, AWS_API_MCP_WORKING_DIR: "relative", TMPDIR: "/t" },
      credentialProcess: true,
      run: ["/bin/sh"],
      read: [
        ...bundled,
        "/home/u/.aws",
        "/home/u/.aws/config",
        "/home/u/.aws/credentials",
        "/home/u/.aws/aws-api-mcp/mcp-security-policy.json",
        ...logs("/home/u/.aws/aws-api-mcp/aws-api-mcp-server.log"),
        "/home/u/.aws/aws-api-mcp/workdir",
      ],
      write: [
        ...logs("/home/u/.aws/aws-api-mcp/aws-api-mcp-server.log"),
        "/home/u/.aws/sso/cache",
        "/home/u/.aws/aws-api-mcp/workdir",
      ],
    },
    {
      // No home folder known: only the bundled data, so the program can say what is wrong and stop.
      env: { AWS_API_MCP_WORKING_DIR: "/srv/work" },
      read: bundled,
      write: false,
    },
  ];
  for (const c of cases) {
    const p = sandboxPermissions({
      env: c.env,
      fileAccess: "workdir",
      locations: locationsOf(c.env),
      bundled,
      credentialProcess: c.credentialProcess ?? false,
    });
    deepStrictEqual({ read: p.read, write: p.write }, { read: c.read, write: c.write });
    deepStrictEqual(
      [p.env, p.net, p.sys, p.run, p.ffi, p.import],
      [true, true, true, c.run ?? false, false, false],
    );
  }
}

Deno.test("start, cli, compile and the release workflow use the same permission flags and embedded files", () => {
  const tasks = denoJson.tasks;
  ok(RUN_FLAGS.includes("--unstable-worker-options"), "the sandbox needs --unstable-worker-options");
  deepStrictEqual(permissionFlags(tasks.cli), RUN_FLAGS);
  deepStrictEqual(permissionFlags(tasks.compile), RUN_FLAGS);
  const release = parseYaml(
    readFileSync(fileURLToPath(new URL("../../.github/workflows/release.yml", import.meta.url)), "utf8"),
  );
  const steps: { run?: string }[] = Object.values(
    release.jobs as Record<string, { steps: { run?: string }[] }>,
  )
    .flatMap((j) => j.steps);
  const compile = steps.find((s) => s.run?.includes("deno compile"));
  ok(compile?.run, "release.yml has a deno compile step");
  deepStrictEqual(permissionFlags(compile.run), RUN_FLAGS);
  // What the binary embeds: the worker's module and the SDK registry are loaded by computed specifiers.
  const includes = (cmd: string) => [...cmd.matchAll(/--include\s+(\S+)/g)].map((m) => m[1]);
  deepStrictEqual(includes(compile.run), includes(tasks.compile));
  // The built program, never the sources or node_modules (tests/scripts/build_test.ts runs it).
  deepStrictEqual(includes(tasks.compile), ["dist"]);
  ok(
    /--no-npm\b/.test(tasks.compile) && /--no-config\b/.test(tasks.compile) &&
      /dist\/src\/main\.js$/.test(tasks.compile),
  );
  ok(/--no-npm\b/.test(compile.run) && /--include dist dist\/src\/main\.js\b/.test(compile.run));
});

Deno.test("the dynamic loader's variables, which Deno refuses to pass to a child, are found in any case", () => {
  deepStrictEqual(
    loaderVariables({
      LD_LIBRARY_PATH: "/opt/lib",
      ld_preload: "",
      DYLD_INSERT_LIBRARIES: "x",
      Dyld_Fallback_Library_Path: "y",
      OLD_PATH: "/bin",
      LDFLAGS: "-L/opt",
      PATH: "/bin",
    }),
    ["LD_LIBRARY_PATH", "ld_preload", "DYLD_INSERT_LIBRARIES", "Dyld_Fallback_Library_Path"],
  );
});
