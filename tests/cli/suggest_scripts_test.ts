import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { MAIN, RUN_FLAGS, runCli } from "../helpers.ts";

Deno.test("aws-api-mcp suggest --jsonl answers each line; suggest --json gives the full result", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...RUN_FLAGS, MAIN, "suggest", "--jsonl"],
    stdin: "piped",
    stdout: "piped",
  })
    .spawn();
  const w = child.stdin.getWriter();
  await w.write(new TextEncoder().encode("list SQS queues\n\ndescribe a DynamoDB table\n"));
  await w.close();
  const out = await child.output();
  const lines = new TextDecoder().decode(out.stdout).trim().split("\n").map((l) => JSON.parse(l));
  assertEquals(lines.map((l) => l.suggestions?.[0]?.command ?? l.error.code), [
    "aws sqs list-queues",
    "EMPTY_QUERY",
    "aws dynamodb describe-table",
  ]);
  const one = await runCli(["suggest", "list lambda layers", "--json"]);
  const r = JSON.parse(one.stdout);
  assertEquals([r.ok, r.suggestions.length, r.suggestions[0].command], [true, 5, "aws lambda list-layers"]);
});

Deno.test("aws-api-mcp scripts list --json and scripts show", async () => {
  const list = JSON.parse((await runCli(["scripts", "list", "--json"])).stdout) as Array<
    { name: string; source: string }
  >;
  ok(list.length >= 8 && list.every((s) => s.source === "bundled"));
  const show = await runCli(["scripts", "show", "find-unused-ebs-and-eips"]);
  ok(show.stdout.includes("aws ec2 describe-volumes"));
  const missing = await runCli(["scripts", "show", "nope"]);
  ok(missing.code !== 0 && missing.stderr.includes("Unknown script"));
});
