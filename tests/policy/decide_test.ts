import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCommand } from "../../src/parse/command.ts";
import { diskFiles } from "../../src/parse/files.ts";
import type { ParsedCommand } from "../../src/parse/types.ts";
import { decide } from "../../src/policy/decide.ts";
import { BUILTIN_DENIALS } from "../../src/policy/denylist.ts";
import { matches, parsePolicy, PolicySource } from "../../src/policy/policy-file.ts";

const files = diskFiles(tmpdir());
function cmd(text: string): ParsedCommand {
  const r = parseCommand(text, { files });
  if (!r.ok || r.value.kind === "help") throw new Error(`${text}: ${JSON.stringify(r)}`);
  return r.value;
}
const off = { readOperationsOnly: false, requireMutationConsent: false };
const empty = { denyList: [], elicitList: [] };

Deno.test("precedence: built-in and file deny > file consent > read-only mode > mutation consent > allow", () => {
  const policy = { denyList: ["aws iam delete-*"], elicitList: ["aws iam *", "aws ssm *"] };
  const table: Array<
    [string, { readOperationsOnly: boolean; requireMutationConsent: boolean }, string, string]
  > = [
    ["aws ssm start-session --target i-1", off, "deny", "builtin-denylist"],
    [
      "aws iam delete-user --user-name u",
      { readOperationsOnly: false, requireMutationConsent: true },
      "deny",
      "policy-file:denyList",
    ],
    [
      "aws iam list-users",
      { readOperationsOnly: true, requireMutationConsent: true },
      "consent",
      "policy-file:elicitList",
    ],
    [
      "aws ec2 terminate-instances --instance-ids i-1",
      { readOperationsOnly: true, requireMutationConsent: true },
      "deny",
      "read-only-mode",
    ],
    [
      "aws ec2 terminate-instances --instance-ids i-1",
      { readOperationsOnly: false, requireMutationConsent: true },
      "consent",
      "mutation-consent",
    ],
    [
      "aws ec2 describe-instances",
      { readOperationsOnly: true, requireMutationConsent: true },
      "allow",
      "default",
    ],
    ["aws ec2 terminate-instances --instance-ids i-1", off, "allow", "default"],
    [
      "aws secretsmanager get-secret-value --secret-id s",
      { readOperationsOnly: true, requireMutationConsent: false },
      "deny",
      "read-only-mode",
    ],
    [
      "aws s3 cp s3://b/k local.txt",
      { readOperationsOnly: true, requireMutationConsent: false },
      "allow",
      "default",
    ],
    [
      "aws s3 rm s3://b/k",
      { readOperationsOnly: true, requireMutationConsent: false },
      "deny",
      "read-only-mode",
    ],
    [
      "aws ec2 wait instance-running --instance-ids i-1",
      { readOperationsOnly: true, requireMutationConsent: false },
      "allow",
      "default",
    ],
  ];
  for (const [text, settings, decision, rule] of table) {
    const d = decide(cmd(text), settings, policy);
    assertEquals([d.decision, d.rule], [decision, rule], text);
    ok(d.reason.length > 10);
  }
});

Deno.test("every built-in denial says why and what to do instead", () => {
  for (const d of BUILTIN_DENIALS) ok(d.reason && d.instead.length > 10, d.command);
  const names = BUILTIN_DENIALS.map((d) => d.command);
  for (
    const must of [
      "deploy install",
      "deploy uninstall",
      "emr ssh",
      "emr sock",
      "emr socks",
      "emr get",
      "emr put",
      "configure set",
      "sso login",
      "ssm start-session",
      "ecs execute-command",
    ]
  ) {
    ok(names.includes(must), must);
  }
});

Deno.test("policy entries: exact commands and glob patterns", () => {
  const table: Array<[string, string, boolean]> = [
    ["aws iam delete-user", "aws iam delete-user", true],
    ["aws iam delete-user", "aws iam delete-user-policy", false],
    ["aws iam delete-*", "aws iam delete-user-policy", true],
    ["aws iam delete-*", "aws iam create-user", false],
    ["aws s3api *", "aws s3api list-buckets", true],
    ["aws s3api *", "aws s3api wait bucket-exists", true],
    ["aws * delete-*", "aws ec2 delete-vpc", true],
    ["aws * delete-*", "aws ec2 describe-vpcs", false],
    ["aws *", "aws sts get-caller-identity", true],
    ["aws ec2 describe-instances", "aws ec2 describe-instance", false],
    ["aws iam.delete", "aws iam-delete", false],
  ];
  for (const [entry, key, want] of table) assertEquals(matches(entry, key), want, `${entry} ~ ${key}`);
});

Deno.test("invalid policy files are precise errors naming the field", () => {
  const table: Array<[string, string]> = [
    ["{not json", "not valid JSON"],
    ['{"version": "2.0", "policy": {}}', "version"],
    ['{"version": "1.0"}', "policy"],
    ['{"version": "1.0", "policy": {"denyList": "aws iam delete-user"}}', "policy.denyList"],
    [
      '{"version": "1.0", "policy": {"denyList": ["aws iam delete-user", "iam delete-user"]}}',
      "policy.denyList[1]",
    ],
    ['{"version": "1.0", "policy": {"elicitList": [42]}}', "policy.elicitList[0]"],
    ['{"version": "1.0", "policy": {"denylist": []}}', "policy"],
  ];
  for (const [text, field] of table) {
    const r = parsePolicy(text, "/p.json");
    ok(
      !r.ok && r.error.code === "INVALID_POLICY" && r.error.message.includes(field),
      `${text}: ${JSON.stringify(r)}`,
    );
  }
  const good = parsePolicy(
    '{"version": "1.0", "policy": {"denyList": ["aws  iam   delete-user"], "elicitList": []}}',
    "/p.json",
  );
  assertEquals(good.ok && good.policy.denyList, ["aws iam delete-user"]);
});

Deno.test("the policy file reloads on change and keeps the last valid policy on a bad change", () => {
  const dir = mkdtempSync(join(tmpdir(), "policy-"));
  const path = join(dir, "policy.json");
  const errors: string[] = [];
  const src = new PolicySource(path, (e) => errors.push(e.message));
  assertEquals(src.load(), undefined, "a missing file is an empty policy");
  assertEquals(src.current(), empty);
  const write = (text: string, t: number) => {
    writeFileSync(path, text);
    utimesSync(path, t, t);
  };
  write('{"version": "1.0", "policy": {"denyList": ["aws iam delete-user"]}}', 1000);
  assertEquals(src.current().denyList, ["aws iam delete-user"]);
  write('{"version": "1.0", "policy": {"denyList": [1]}}', 2000);
  assertEquals(src.current().denyList, ["aws iam delete-user"], "last valid policy kept");
  ok(errors.length === 1 && errors[0].includes("denyList[0]"));
  write('{"version": "1.0", "policy": {"denyList": ["aws s3api *"]}}', 3000);
  assertEquals(src.current().denyList, ["aws s3api *"]);
  const bad = new PolicySource(path);
  write("{", 4000);
  ok(bad.load()?.code === "INVALID_POLICY", "a bad file at start-up is an error");
  // A file that cannot even be checked (here: a name too long for the file system) is never "no policy".
  const unreadable = new PolicySource(join(dir, "x".repeat(300), "policy.json"));
  const err = unreadable.load();
  ok(err?.code === "INVALID_POLICY" && err.message.includes("Cannot check"), JSON.stringify(err));
});
