/** Outcomes and questions: requests by intent find the command an experienced AWS user would run. */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { OUTCOMES } from "../../src/suggest/outcomes.ts";
import { loadIndex } from "../../src/suggest/rank.ts";
import { suggest } from "../../src/suggest/suggest.ts";

const top = (q: string, n = 1) => {
  const r = suggest(q);
  ok(r.ok, q);
  return r.suggestions.slice(0, n).map((s) => s.command);
};

Deno.test("every outcome names real commands and has words in each group", () => {
  const known = new Set(loadIndex().docs.map(([service, command]) => `${service} ${command}`));
  for (const o of OUTCOMES) {
    ok(o.all.length > 0 && o.all.every((g) => g.length > 0), JSON.stringify(o));
    for (const c of o.commands) ok(known.has(c), `unknown command in outcomes: ${c}`);
  }
});

Deno.test("outcomes, questions and trouble find their commands; requests to act keep their verbs", () => {
  const cases: [string, string][] = [
    // Outcomes worded unlike their commands.
    ["whose credentials does the server use", "aws sts get-caller-identity"],
    ["what did the data team spend in October", "aws ce get-cost-and-usage"],
    ["who stopped the batch instance", "aws cloudtrail lookup-events"],
    ["flush the cloudfront cache for /index.html", "aws cloudfront create-invalidation"],
    ["hand out a temporary link to the report in s3", "aws s3 presign"],
    ["authenticate docker to the registry", "aws ecr get-login-password"],
    // Questions about state look things up instead of acting on the adjective.
    ["which instances are running", "aws ec2 describe-instances"],
    ["which volumes are attached", "aws ec2 describe-volumes"],
    // The same words as requests to act keep their verbs; nouns that look like outcomes do not trigger them.
    ["stop the instance i-0abc", "aws ec2 stop-instances"],
    ["create a budget of 100 dollars", "aws budgets create-budget"],
    ["list log streams in a log group", "aws logs describe-log-streams"],
    ["receive messages from a queue", "aws sqs receive-message"],
  ];
  const got = cases.map(([q]) => [q, top(q)[0]]);
  assertEquals(got, cases);
});

Deno.test("a command this server never runs still appears when it is the answer, saying why and what instead", () => {
  const r = suggest("open a shell session on my instance without ssh");
  ok(r.ok);
  const session = r.suggestions.find((s) => s.command === "aws ssm start-session");
  ok(session, r.suggestions.map((s) => s.command).join());
  ok(session.notRunnable?.includes("aws ssm send-command"), String(session.notRunnable));
  const send = r.suggestions.find((s) => s.command === "aws ssm send-command");
  ok(send && !send.notRunnable, "a runnable suggestion carries no such note");
});
