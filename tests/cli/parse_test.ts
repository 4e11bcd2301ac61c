import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { MAIN, RUN_FLAGS, runCli } from "../helpers.ts";

Deno.test("aws-api-mcp parse prints one JSON object for a command", async () => {
  const { code, stdout } = await runCli(["parse", "aws s3api list-objects-v2 --bucket b --max-keys 5"]);
  assertEquals(code, 0);
  const out = JSON.parse(stdout);
  assertEquals([out.ok, out.service, out.operation, out.params, out.readOnly, out.iamActions], [
    true,
    "s3api",
    "ListObjectsV2",
    { Bucket: "b", MaxKeys: 5, EncodingType: "url" },
    true,
    ["s3:ListBucket"],
  ]);
});

Deno.test("aws-api-mcp parse --jsonl answers every line in order; bad lines never stop it", async () => {
  const lines = [
    "aws sts get-caller-identity",
    "aws s3 ls | grep x",
    "not aws at all",
    "aws ec2 describe-instances --instance-ids i-1",
    "aws iam delete-user --user-name 'unclosed",
  ];
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...RUN_FLAGS, MAIN, "parse", "--jsonl"],
    stdin: "piped",
    stdout: "piped",
  }).spawn();
  const w = child.stdin.getWriter();
  await w.write(new TextEncoder().encode(lines.join("\n") + "\n"));
  await w.close();
  const out = await child.output();
  assertEquals(out.code, 0);
  const results = new TextDecoder().decode(out.stdout).trim().split("\n").map((l) => JSON.parse(l));
  assertEquals(results.map((r) => r.ok ? r.operation : r.error.code), [
    "GetCallerIdentity",
    "SHELL_CONSTRUCT",
    "NOT_AWS_COMMAND",
    "DescribeInstances",
    "SHELL_SYNTAX",
  ]);
  ok(results.every((r) => r.ok || (r.error.message && r.error.hint)));
});
