/**
 * The adversarial review's attacks, as a table: each is tried the way a hostile or prompt-injected
 * assistant would send it, and must be refused before anything is sent (a local recorder sees no
 * request) — beside the controls that must keep working. Endpoints that are not loopback are checked at
 * the policy layer only, so a broken refusal can never reach them.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config.ts";
import { callAws, type CommandResult } from "../../src/exec/call.ts";
import { callDeps } from "../../src/exec/environment.ts";
import { parseCommand } from "../../src/parse/command.ts";
import type { ParsedCommand } from "../../src/parse/types.ts";
import { diskFiles } from "../../src/parse/files.ts";
import { decide } from "../../src/policy/decide.ts";
import { checkEndpoint } from "../../src/policy/endpoints.ts";
import { parsePolicy, PolicySource } from "../../src/policy/policy-file.ts";
import { globMatch } from "../../src/policy/glob.ts";
import { startRecorder } from "../../scripts/local-servers.ts";
import { runCli } from "../helpers.ts";

Deno.env.set("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
Deno.env.set("AWS_SECRET_ACCESS_KEY", "secret");

const root = mkdtempSync(join(tmpdir(), "attacks-"));
const work = join(root, "work");
Deno.mkdirSync(work);
writeFileSync(join(work, "f.txt"), "data");
const policyFile = join(root, "policy.json");
// The README's own example, plus rules written for the API names of what custom commands call.
writeFileSync(
  policyFile,
  JSON.stringify({
    version: "1.0",
    policy: {
      denyList: [
        "aws s3api delete-*",
        "aws IAM Create-Role",
        "aws rds modify-option-group",
        "aws opsworks-cm delete-server",
        "aws ec2 describe-regions",
      ],
      elicitList: ["aws s3api *", "aws OPSWORKSCM *"],
    },
  }),
);

function setup(env: Record<string, string> = {}) {
  const cfg = loadConfig({
    HOME: Deno.env.get("HOME"),
    AWS_API_MCP_WORKING_DIR: work,
    AWS_API_MCP_SECURITY_POLICY_FILE: policyFile,
    AWS_REGION: "us-east-1",
    ...env,
  });
  if (!cfg.ok) throw new Error(cfg.error.message);
  const source = new PolicySource(cfg.config.policyFile);
  const bad = source.load();
  if (bad) throw new Error(bad.message);
  return { config: cfg.config, deps: callDeps(cfg.config, {}, { source }), source };
}

function parsed(text: string): ParsedCommand {
  const r = parseCommand(text, { files: diskFiles(work) });
  if (!r.ok || r.value.kind === "help") throw new Error(`${text}: ${JSON.stringify(r)}`);
  return r.value;
}

/** Runs commands against a recorder that would answer anything; returns results and what reached it. */
async function run(commands: string[], env: Record<string, string> = {}) {
  const rec = await startRecorder(() => ({ headers: { "content-type": "application/xml" }, body: "<r/>" }));
  try {
    const { deps } = setup(env);
    const results: CommandResult[] = await callAws(
      commands.map((c) => c.replaceAll("$E", `--endpoint-url ${rec.endpoint}`)),
      deps,
    );
    return { results, sent: rec.requests.length };
  } finally {
    await rec.stop();
  }
}

Deno.test({
  name:
    "item 1: rules hold for what a command does — s3 commands, custom and virtual commands, aliases, case",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const table: Array<[string, string, string]> = [
      // command, expected code, the rule that decides
      ["aws s3 rb s3://prod --force $E", "POLICY_DENIED", "policy-file:denyList"],
      ["aws --region us-west-2 s3 rb s3://prod --force $E", "POLICY_DENIED", "policy-file:denyList"],
      ["aws s3 rm s3://prod/k $E", "POLICY_DENIED", "policy-file:denyList"],
      ["aws s3 rm s3://prod/logs/ --recursive $E", "POLICY_DENIED", "policy-file:denyList"],
      ["aws s3 mv s3://prod/a s3://prod/b $E", "POLICY_DENIED", "policy-file:denyList"],
      ["aws s3 cp f.txt s3://prod/f.txt $E", "CONSENT_UNAVAILABLE", "policy-file:elicitList"],
      ["aws s3 cp s3://prod/f.txt got.txt $E", "CONSENT_UNAVAILABLE", "policy-file:elicitList"],
      ["aws s3 mb s3://newbucket $E", "CONSENT_UNAVAILABLE", "policy-file:elicitList"],
      ["aws s3 ls $E", "CONSENT_UNAVAILABLE", "policy-file:elicitList"],
      [
        "aws s3 website s3://prod --index-document i.html $E",
        "CONSENT_UNAVAILABLE",
        "policy-file:elicitList",
      ],
      [
        "aws rds add-option-to-option-group --option-group-name g --options OptionName=X $E",
        "POLICY_DENIED",
        "policy-file:denyList",
      ],
      ["aws emr create-default-roles $E", "POLICY_DENIED", "policy-file:denyList"],
      ["aws opsworkscm delete-server --server-name s $E", "POLICY_DENIED", "policy-file:denyList"],
      ["aws opsworks-cm delete-server --server-name s $E", "POLICY_DENIED", "policy-file:denyList"],
      ["aws opsworks-cm describe-servers $E", "CONSENT_UNAVAILABLE", "policy-file:elicitList"],
      ["aws s3api list-buckets --cli-input-json '{}' $E", "CONSENT_UNAVAILABLE", "policy-file:elicitList"],
      // --region '*' first calls ec2 describe-regions, which the policy denies.
      ["aws sts get-caller-identity --region * $E", "POLICY_DENIED", "policy-file:denyList"],
    ];
    const { results, sent } = await run(table.map(([c]) => c));
    assertEquals(
      results.map((r) => [r.error?.code, (r.error as { rule?: string })?.rule]),
      table.map(([, code, rule]) => [code, rule]),
    );
    assertEquals(sent, 0, "nothing reached the endpoint");
    // Deny wins over consent across keys: rb --force matches both lists and is denied.
    const d = decide(parsed("aws s3 rb s3://prod --force"), setup().config, setup().source.current());
    ok(d.matched.some((m) => m.list === "elicitList") && d.decision === "deny");
    ok(
      d.keys.includes("aws s3api delete-bucket") && d.keys.includes("aws s3api list-objects-v2"),
      d.keys.join(),
    );
  },
});

Deno.test({
  name: "item 1: policy explain gives call_aws's decision and every matched key",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const env = { AWS_API_MCP_SECURITY_POLICY_FILE: policyFile, AWS_API_MCP_WORKING_DIR: work };
    const explain = async (command: string) => {
      const out = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          "--unstable-worker-options",
          join(import.meta.dirname!, "../../src/main.ts"),
          "policy",
          "explain",
          command,
          "--json",
        ],
        env,
      }).output();
      return JSON.parse(new TextDecoder().decode(out.stdout));
    };
    const install = await explain("aws deploy install --config-file c.yml");
    assertEquals([install.decision, install.rule], ["deny", "builtin-denylist"]);
    const rb = await explain("aws s3 rb s3://prod --force");
    assertEquals([rb.decision, rb.rule], ["deny", "policy-file:denyList"]);
    ok(
      rb.matched.some((m: { entry: string; key: string }) =>
        m.entry === "aws s3api delete-*" && m.key === "aws s3api delete-bucket"
      ),
      JSON.stringify(rb.matched),
    );
  },
});

Deno.test("item 2: endpoints — loopback and AWS hosts allowed; metadata, private and foreign hosts refused", () => {
  const allowed = ["localstack:4566", "*.internal.example"];
  const table: Array<[string, boolean]> = [
    ["http://127.0.0.1:4566", true],
    ["http://127.9.8.7", true],
    ["http://localhost:9000/", true],
    ["http://[::1]:8000", true],
    ["https://s3.us-east-1.amazonaws.com", true],
    ["https://vpce-0a1b-abc.s3.us-east-1.vpce.amazonaws.com", true],
    ["https://ec2.cn-north-1.amazonaws.com.cn", true],
    ["https://sts.us-east-1.api.aws", true],
    ["http://localstack:4566", true],
    ["http://LocalStack:4566", true],
    ["https://api.internal.example", true],
    ["http://169.254.169.254/latest/meta-data/", false],
    ["http://169.254.170.2/v2/credentials", false],
    ["http://[fd00:ec2::254]/latest", false],
    ["http://2852039166/", false], // 169.254.169.254 in decimal
    ["http://0xa9fea9fe/", false], // … in hex
    ["http://0251.0376.0251.0376/", false], // … in octal
    ["http://169.254.43518/", false], // … in a short form
    ["http://[::ffff:169.254.169.254]/", false],
    ["http://[::ffff:a9fe:a9fe]/", false],
    ["http://[64:ff9b::a9fe:a9fe]/", false],
    ["http://[fe80::1]/", false],
    ["http://10.0.0.5", false],
    ["http://192.168.1.1", false],
    ["https://attacker.example", false],
    ["https://s3.amazonaws.com.attacker.example", false],
    ["https://amazonaws.com", false],
    ["http://localstack:4567", false],
    ["http://user:pass@127.0.0.1", false],
    ["ftp://127.0.0.1", false],
    ["http://0.0.0.0:80", false],
  ];
  for (const [url, want] of table) {
    assertEquals(checkEndpoint(url, allowed) === undefined, want, url);
  }
  // Listing never allows link-local or metadata addresses.
  ok(checkEndpoint("http://169.254.169.254", ["*", "169.254.169.254"]));
  ok(checkEndpoint("http://[fd00:ec2::254]", ["*"]));
});

Deno.test("item 2: the refusal comes from call_aws's guard, for --endpoint-url and endpoint variables alike", () => {
  const { config } = setup({ AWS_API_MCP_ALLOWED_ENDPOINTS: "localstack:4566" });
  const guard = (text: string, env: Record<string, string> = {}) =>
    callDeps(config, env).guard!(parsed(text))?.code;
  assertEquals(guard("aws sts get-caller-identity --endpoint-url http://169.254.169.254"), "ENDPOINT_DENIED");
  assertEquals(guard("aws --endpoint-url=http://0xa9fea9fe sts get-caller-identity"), "ENDPOINT_DENIED");
  assertEquals(guard("aws s3 ls --endpoint-url https://attacker.example"), "ENDPOINT_DENIED");
  assertEquals(
    guard("aws sts get-caller-identity", { AWS_ENDPOINT_URL: "http://169.254.170.2" }),
    "ENDPOINT_DENIED",
  );
  assertEquals(
    guard("aws sqs list-queues", { AWS_ENDPOINT_URL_SQS: "https://evil.example" }),
    "ENDPOINT_DENIED",
  );
  assertEquals(guard("aws sts get-caller-identity --endpoint-url http://localstack:4566"), undefined);
  assertEquals(guard("aws sts get-caller-identity --endpoint-url http://127.0.0.1:1"), undefined);
  assertEquals(guard("aws sts get-caller-identity"), undefined);
  // A region is part of the host name: one that is not a plain label is refused by the parser.
  const r = parseCommand("aws sts get-caller-identity --region us-east-1.attacker.example#", {
    files: diskFiles(work),
  });
  ok(!r.ok && r.error.code === "INVALID_REGION");
});

Deno.test({
  name: "item 3: --profile is honoured only for the configured profile or one the user allowed",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const base = { AWS_API_MCP_PROFILE_NAME: "readonly" };
    const denied = await run([
      "aws sts get-caller-identity --profile admin $E",
      "aws --profile=admin s3 ls $E",
      "aws s3api list-buckets --cli-input-json '{}' --profile Admin $E",
    ], base);
    assertEquals(denied.results.map((r) => r.error?.code), [
      "PROFILE_DENIED",
      "PROFILE_DENIED",
      "PROFILE_DENIED",
    ]);
    assertEquals(denied.sent, 0);
    const guard = (env: Record<string, string>, text: string) =>
      callDeps(setup(env).config, {}).guard!(parsed(text))?.code;
    const text = "aws sts get-caller-identity --profile admin";
    assertEquals(guard(base, "aws sts get-caller-identity --profile readonly"), undefined);
    assertEquals(guard({ ...base, AWS_API_MCP_ALLOWED_PROFILES: "dev,admin" }, text), undefined);
    assertEquals(guard({ ...base, AWS_API_MCP_ALLOWED_PROFILES: "*" }, text), undefined);
    assertEquals(guard({ AWS_API_MCP_ALLOWED_PROFILES: "dev" }, text), "PROFILE_DENIED");
    assertEquals(guard({}, text), undefined, "with neither variable, as the AWS CLI");
  },
});

Deno.test({
  name:
    "item 12: policy entries that match nothing are refused; case is ignored; patterns match in linear time",
  fn() {
    const load = (entries: string[]) =>
      parsePolicy(JSON.stringify({ version: "1.0", policy: { denyList: entries } }), "/p.json");
    for (
      const bad of [
        "aws iam delete-usr",
        "aws ｉａｍ delete-user",
        "aws iam ｄelete-user",
        "aws nosuchservice *",
        "aws iam",
        "aws * nosuchverb-*",
        "aws s3 frobnicate",
      ]
    ) {
      const r = load([bad]);
      ok(!r.ok && r.error.message.includes("denyList[0]"), `${bad}: ${JSON.stringify(r)}`);
    }
    const good = load([
      "aws IAM Delete-User",
      "aws iam Delete-Role",
      "aws S3 RB",
      "aws * delete-*",
      "aws ec2 wait *",
    ]);
    ok(good.ok, JSON.stringify(good));
    assertEquals(good.policy.denyList.slice(0, 3), [
      "aws iam delete-user",
      "aws iam delete-role",
      "aws s3 rb",
    ]);
    const d = decide(parsed("aws iam delete-user --user-name u"), setup().config, good.policy);
    assertEquals(d.decision, "deny");
    // 40 stars against a long key: a backtracking regex would take ages.
    const pattern = `aws ${"*a".repeat(40)}b`;
    const started = performance.now();
    assertEquals(globMatch(pattern, `aws ${"a".repeat(5000)}`), false);
    ok(performance.now() - started < 1000);
    assertEquals(globMatch("aws *-*-*", "aws iam delete-user-policy"), true);
  },
});

Deno.test("item 12: a policy file that disappears keeps the last valid policy, and says so", () => {
  const dir = mkdtempSync(join(tmpdir(), "policy-gone-"));
  const path = join(dir, "p.json");
  writeFileSync(path, JSON.stringify({ version: "1.0", policy: { denyList: ["aws iam delete-user"] } }));
  const errors: string[] = [];
  const src = new PolicySource(path, (e) => errors.push(e.message));
  assertEquals(src.load(), undefined);
  Deno.removeSync(path);
  assertEquals(src.current().denyList, ["aws iam delete-user"]);
  ok(errors.some((e) => e.includes("missing")), errors.join());
  if (Deno.build.os === "windows") return; // no FIFOs (mkfifo) there
  // A FIFO in its place is refused, not read (a read would block forever).
  new Deno.Command("mkfifo", { args: [path] }).outputSync();
  assertEquals(src.current().denyList, ["aws iam delete-user"]);
  ok(errors.some((e) => e.includes("not a regular file")), errors.join());
});

Deno.test("item 8: the working directory itself is inside", () => {
  for (
    const text of ["aws s3 sync . s3://b", "aws s3 cp . s3://b --recursive", `aws s3 sync ${work} s3://b`]
  ) {
    assertEquals(setup().deps.guard!(parsed(text)), undefined, text);
  }
});

Deno.test("the CLI's parse subcommand refuses a typo'd policy entry at start-up with the field", async () => {
  const dir = mkdtempSync(join(tmpdir(), "policy-cli-"));
  const path = join(dir, "p.json");
  writeFileSync(path, JSON.stringify({ version: "1.0", policy: { denyList: ["aws iam delete-usr"] } }));
  Deno.env.set("AWS_API_MCP_SECURITY_POLICY_FILE", path);
  try {
    const r = await runCli(["policy", "explain", "aws iam delete-user --user-name u"]);
    ok(r.code !== 0 && /denyList\[0\].*delete-user/s.test(r.stderr + r.stdout), r.stderr + r.stdout);
  } finally {
    Deno.env.delete("AWS_API_MCP_SECURITY_POLICY_FILE");
  }
});

Deno.test("item 2: parameter values that are URLs are passed as text, never fetched (as in the AWS CLI v2)", () => {
  const cmd = parsed(
    "aws cloudformation create-stack --stack-name s --template-body http://169.254.169.254/latest",
  );
  assertEquals(cmd.params.TemplateBody, "http://169.254.169.254/latest");
});

Deno.test("policy files written by PowerShell or Notepad (a BOM, UTF-16) load", () => {
  const dir = mkdtempSync(join(tmpdir(), "policy-enc-"));
  const json = JSON.stringify({ version: "1.0", policy: { denyList: ["aws iam delete-user"] } });
  const utf16 = (text: string, bom: number[]) =>
    new Uint8Array([
      ...bom,
      ...new Uint8Array(new Uint16Array([...text].map((c) => c.charCodeAt(0))).buffer),
    ]);
  const files: Array<[string, Uint8Array | string]> = [
    ["bom.json", `\uFEFF${json}`],
    ["utf16le.json", utf16(json, [0xff, 0xfe])],
  ];
  for (const [name, data] of files) {
    const path = join(dir, name);
    writeFileSync(path, data);
    const src = new PolicySource(path);
    assertEquals(src.load(), undefined, name);
    assertEquals(src.current().denyList, ["aws iam delete-user"], name);
  }
});
