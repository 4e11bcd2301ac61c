/**
 * `aws cloudformation deploy` against a local endpoint that plays CloudFormation (query protocol): a new
 * stack created through a change set, an update with nothing to change, a change set left for review — the
 * printed lines and the CreateChangeSet request equal to the AWS CLI's against the same endpoint.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../../src/config.ts";
import { callAws, type CommandResult } from "../../../src/exec/call.ts";
import { callDeps } from "../../../src/exec/environment.ts";
import { parameterOverrides, templateParameters } from "../../../src/exec/custom/cfn-deploy.ts";
import { lex } from "../../../src/parse/lex.ts";
import { PolicySource } from "../../../src/policy/policy-file.ts";
import { startRecorder, startS3 } from "../../../scripts/local-servers.ts";
import { CLI, cliAvailable, referenceRequired } from "../../../scripts/wire-compare.ts";

// s3rver (the --s3-bucket test) knows these; the fake CloudFormation takes any.
const CREDS = { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" };
const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
  Size:
    Type: Number
    Default: 1
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "\${Env}-data"
`;

Deno.test("parameter overrides in each form the CLI takes, and a template's parameters in order", () => {
  const as = (m: Map<string, string>) => Object.fromEntries(m);
  assertEquals(as(parameterOverrides(["Env=prod", "Url=https://x?a=b"])), {
    Env: "prod",
    Url: "https://x?a=b",
  });
  assertEquals(as(parameterOverrides(['["Env=prod"]'])), { Env: "prod" });
  assertEquals(as(parameterOverrides(['[{"ParameterKey": "Env", "ParameterValue": "prod"}]'])), {
    Env: "prod",
  });
  assertEquals(as(parameterOverrides(['{"Parameters": {"Env": "prod"}}'])), { Env: "prod" });
  let code: string | undefined;
  try {
    parameterOverrides(["Env"]);
  } catch (e) {
    code = (e as { error: { code: string } }).error.code;
  }
  assertEquals(code, "INVALID_VALUE");
  assertEquals(templateParameters(TEMPLATE), ["Env", "Size"]);
  assertEquals(templateParameters('{"Parameters": {"A": {}, "B": {}}}'), ["A", "B"]);
});

type Scenario = "create" | "unchanged";

/** A CloudFormation that answers as the scenario says; the requests it got. */
async function fakeCfn(scenario: Scenario) {
  const actions: Array<Record<string, string>> = [];
  let executed = false;
  const xml = (action: string, body: string) => ({
    headers: { "content-type": "text/xml" },
    body:
      `<${action}Response xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><${action}Result>${body}` +
      `</${action}Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></${action}Response>`,
  });
  const rec = await startRecorder((r) => {
    const p = Object.fromEntries(new URLSearchParams(r.body));
    actions.push(p);
    switch (p.Action) {
      case "DescribeStacks":
        if (scenario === "create" && !executed) {
          return {
            status: 400,
            headers: { "content-type": "text/xml" },
            body:
              `<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id ${p.StackName} does not exist</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
          };
        }
        return xml(
          "DescribeStacks",
          `<Stacks><member><StackName>${p.StackName}</StackName><StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/${p.StackName}/1</StackId>` +
            `<CreationTime>2026-11-30T10:00:00Z</CreationTime><StackStatus>${
              scenario === "create" ? "CREATE_COMPLETE" : "UPDATE_COMPLETE"
            }</StackStatus></member></Stacks>`,
        );
      case "GetTemplateSummary":
        return xml(
          "GetTemplateSummary",
          "<Parameters><member><ParameterKey>Env</ParameterKey></member></Parameters>",
        );
      case "CreateChangeSet":
        return xml(
          "CreateChangeSet",
          `<Id>arn:aws:cloudformation:us-east-1:123456789012:changeSet/${p.ChangeSetName}/1</Id><StackId>s</StackId>`,
        );
      case "DescribeChangeSet":
        return xml(
          "DescribeChangeSet",
          scenario === "create"
            ? "<Status>CREATE_COMPLETE</Status><ExecutionStatus>AVAILABLE</ExecutionStatus>"
            : "<Status>FAILED</Status><StatusReason>The submitted information didn't contain changes. Submit different information to create a change set.</StatusReason>",
        );
      case "ExecuteChangeSet":
        executed = true;
        return xml("ExecuteChangeSet", "");
    }
    return { status: 400, body: "unexpected" };
  });
  return { rec, actions, reset: () => (executed = false, actions.length = 0) };
}

async function inWork(
  fn: (
    run: (c: string) => Promise<CommandResult>,
    cli: (c: string) => Promise<string>,
    work: string,
  ) => Promise<void>,
  env: Record<string, string> = {},
) {
  const work = mkdtempSync(join(tmpdir(), "cfn-deploy-"));
  try {
    writeFileSync(join(work, "template.yaml"), TEMPLATE);
    for (const [k, v] of Object.entries(CREDS)) Deno.env.set(k, v);
    const config = loadConfig({ HOME: work, AWS_API_MCP_WORKING_DIR: work, AWS_REGION: "us-east-1" });
    ok(config.ok);
    const deps = callDeps(config.config, { AWS_CONFIG_FILE: "/nonexistent", ...env }, {
      source: new PolicySource(config.config.policyFile),
    });
    await fn(
      async (c) => (await callAws([c], deps))[0],
      async (c) => {
        const out = await new Deno.Command(CLI, {
          args: [...lex(c).slice(1), "--region", "us-east-1"],
          cwd: work,
          env: { ...CREDS, PATH: Deno.env.get("PATH") ?? "", HOME: work, AWS_CONFIG_FILE: "/nonexistent" },
          clearEnv: true,
        }).output();
        return new TextDecoder().decode(out.stdout);
      },
      work,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const compare = cliAvailable || referenceRequired;
/** A CreateChangeSet request without what depends on the clock. */
const stable = (p: Record<string, string> | undefined) =>
  Object.fromEntries(Object.entries(p ?? {}).filter(([k]) => k !== "ChangeSetName" && k !== "Description"));

Deno.test({
  name: "cloudformation deploy creates a stack through a change set, as the AWS CLI does",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    inWork(async (run, cli) => {
      const cfn = await fakeCfn("create");
      try {
        const command = `aws cloudformation deploy --template-file template.yaml --stack-name demo ` +
          `--parameter-overrides Env=prod --capabilities CAPABILITY_IAM --tags team=data owner=ops --endpoint-url ${cfn.rec.endpoint}`;
        const r = await run(command);
        assertEquals(r.status, "success", JSON.stringify(r.error));
        assertEquals(
          r.text,
          "\nWaiting for changeset to be created..\nWaiting for stack create/update to complete\nSuccessfully created/updated stack - demo\n",
        );
        const ours = cfn.actions.map((a) => a.Action);
        assertEquals(ours, [
          "DescribeStacks",
          "CreateChangeSet",
          "DescribeChangeSet",
          "ExecuteChangeSet",
          "DescribeStacks",
        ]);
        const create = cfn.actions.find((a) => a.Action === "CreateChangeSet")!;
        assertEquals([
          create.ChangeSetType,
          create["Parameters.member.1.ParameterKey"],
          create["Parameters.member.1.ParameterValue"],
        ], [
          "CREATE",
          "Env",
          "prod",
        ]);
        // Size keeps its default on a new stack: not sent at all.
        ok(!("Parameters.member.2.ParameterKey" in create), JSON.stringify(create));
        ok(create.ChangeSetName.startsWith("awscli-cloudformation-package-deploy-"));
        ok(
          /^Created by AWS CLI at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6} UTC$/.test(create.Description),
          create.Description,
        );
        if (compare) {
          cfn.reset();
          assertEquals(await cli(command), r.text);
          assertEquals(cfn.actions.map((a) => a.Action), ours);
          assertEquals(stable(cfn.actions.find((a) => a.Action === "CreateChangeSet")), stable(create));
        }
        // Left for review: the change set's id to look at.
        cfn.reset();
        const review = await run(`${command} --no-execute-changeset`);
        assertEquals(
          review.text,
          "\nWaiting for changeset to be created..\nChangeset created successfully. Run the following command to review changes:\n" +
            `aws cloudformation describe-change-set --change-set-name arn:aws:cloudformation:us-east-1:123456789012:changeSet/${
              cfn.actions.find((a) => a.Action === "CreateChangeSet")!.ChangeSetName
            }/1\n`,
        );
        ok(!cfn.actions.some((a) => a.Action === "ExecuteChangeSet"));
      } finally {
        await cfn.rec.stop();
      }
    }),
});

Deno.test({
  name: "cloudformation deploy with nothing to change says so and succeeds, unless --fail-on-empty-changeset",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    inWork(async (run, cli, work) => {
      const cfn = await fakeCfn("unchanged");
      try {
        const command =
          `aws cloudformation deploy --template-file template.yaml --stack-name demo --endpoint-url ${cfn.rec.endpoint}`;
        const r = await run(command);
        assertEquals(r.status, "success", JSON.stringify(r.error));
        assertEquals(
          r.text,
          "\nWaiting for changeset to be created..\n\nNo changes to deploy. Stack demo is up to date\n",
        );
        const create = cfn.actions.find((a) => a.Action === "CreateChangeSet")!;
        // An update: Env exists in the stack and keeps its value; Size is new to it and left to its default.
        assertEquals([
          create.ChangeSetType,
          create["Parameters.member.1.ParameterKey"],
          create["Parameters.member.1.UsePreviousValue"],
        ], [
          "UPDATE",
          "Env",
          "true",
        ]);
        ok(!("Parameters.member.2.ParameterKey" in create));
        if (compare) {
          const ours = stable(create);
          cfn.reset();
          assertEquals(await cli(command), r.text);
          assertEquals(stable(cfn.actions.find((a) => a.Action === "CreateChangeSet")), ours);
        }
        const strict = await run(`${command} --fail-on-empty-changeset`);
        assertEquals(strict.status, "error");
        ok(
          strict.error?.message.includes("No changes to deploy. Stack demo is up to date"),
          String(strict.error?.message),
        );
        // The template is a local file: the file policy applies.
        const outside = await run(
          `aws cloudformation deploy --template-file /etc/hostname --stack-name demo --endpoint-url ${cfn.rec.endpoint}`,
        );
        assertEquals(outside.error?.code, "FILE_ACCESS_DENIED");
        // Too large to send inline, and no bucket named.
        writeFileSync(join(work, "big.yaml"), `${TEMPLATE}# ${"x".repeat(60_000)}\n`);
        const big = await run(
          `aws cloudformation deploy --template-file big.yaml --stack-name demo --endpoint-url ${cfn.rec.endpoint}`,
        );
        assertEquals(big.error?.code, "INVALID_VALUE");
        ok(big.error?.message.includes("--s3-bucket"), String(big.error?.message));
      } finally {
        await cfn.rec.stop();
      }
    }),
});

Deno.test({
  name: "cloudformation deploy --s3-bucket uploads the template under its MD5 and deploys it by URL",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const s3 = await startS3();
    const cfn = await fakeCfn("create");
    try {
      await inWork(async (run, _cli, work) => {
        const mb = await run(`aws s3 mb s3://templates --endpoint-url ${s3.endpoint}`);
        assertEquals(mb.status, "success", JSON.stringify(mb.error));
        const r = await run(
          `aws cloudformation deploy --template-file template.yaml --stack-name demo --s3-bucket templates ` +
            `--s3-prefix stacks --parameter-overrides Env=prod --endpoint-url ${cfn.rec.endpoint}`,
        );
        assertEquals(r.status, "success", JSON.stringify(r.error));
        const md5 = createHash("md5").update(readFileSync(join(work, "template.yaml"))).digest("hex");
        const create = cfn.actions.find((a) => a.Action === "CreateChangeSet")!;
        assertEquals(create.TemplateURL, `${s3.endpoint}/templates/stacks/${md5}.template`);
        ok(!("TemplateBody" in create));
        const head = await run(
          `aws s3api head-object --bucket templates --key stacks/${md5}.template --endpoint-url ${s3.endpoint}`,
        );
        assertEquals((head.response as { ContentLength: number }).ContentLength, TEMPLATE.length);
      }, { AWS_ENDPOINT_URL_S3: s3.endpoint });
    } finally {
      await cfn.rec.stop();
      await s3.stop();
    }
  },
});
