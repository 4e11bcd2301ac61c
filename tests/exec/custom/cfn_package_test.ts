/**
 * `aws cloudformation package` against s3rver: code folders and files zipped and uploaded under their MD5,
 * nested templates packaged in turn, the template written back as the CLI writes it (its reader and writer
 * compared with the CLI's own yaml_parse and yaml_dump), uploads skipped when already there.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../../src/config.ts";
import { callAws, type CommandResult } from "../../../src/exec/call.ts";
import { callDeps } from "../../../src/exec/environment.ts";
import { parseTemplate } from "../../../src/exec/custom/cfn-template.ts";
import { zip } from "../../../src/exec/custom/zip.ts";
import { formatTemplateYaml } from "../../../src/exec/output/yaml.ts";
import { startS3 } from "../../../scripts/local-servers.ts";
import { cliAvailable, referenceRequired } from "../../../scripts/wire-compare.ts";
import { python } from "../output/reference.ts";

const CREDS = { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" };

const TEMPLATE = `AWSTemplateFormatVersion: 2010-09-09
Description: 'It''s a demo: packaged'
Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Code: ./src
      Handler: index.handler
      Role: !GetAtt Role.Arn
      MemorySize: 128
      Timeout: 3.0
      Environment:
        Variables:
          ENV: !Ref Env
          ENABLED: yes
          NAME: !Sub "\${AWS::StackName}-fn"
  Py:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: handler.py
      Runtime: python3.12
  Child:
    Type: AWS::CloudFormation::Stack
    Condition: IsProd
    Properties:
      TemplateURL: nested/child.yaml
  Already:
    Type: AWS::Lambda::Function
    Properties:
      Code:
        S3Bucket: elsewhere
        S3Key: code.zip
`;
const CHILD = `Resources:
  Inner:
    Type: AWS::Lambda::Function
    Properties:
      Code: code
`;

Deno.test({
  name: "templates are read and written back as the CLI's yaml_parse and yaml_dump do",
  ignore: !cliAvailable && !referenceRequired,
  async fn() {
    const script =
      "import sys\nfrom awscli.customizations.cloudformation.yamlhelper import yaml_dump, yaml_parse\n" +
      "sys.stdout.write(yaml_dump(yaml_parse(sys.stdin.read())))";
    for (
      const text of [
        TEMPLATE,
        CHILD,
        '{"Resources": {"A": {"Type": "X", "Properties": {"N": 1.5, "On": "yes"}}}}',
      ]
    ) {
      assertEquals(formatTemplateYaml(parseTemplate(text)), await python(script, text));
    }
  },
});

Deno.test("the zip of a folder lists its files as unzip reads them", () => {
  const dir = mkdtempSync(join(tmpdir(), "zip-"));
  try {
    const bytes = zip([
      {
        name: "index.js",
        data: new TextEncoder().encode("exports.handler = 1;\n"),
        mtime: new Date(2026, 0, 2, 3, 4, 6),
      },
      { name: "lib/é.txt", data: new Uint8Array(5000).fill(65), mtime: new Date(2026, 0, 2, 3, 4, 6) },
    ]);
    writeFileSync(join(dir, "a.zip"), bytes);
    const test = new Deno.Command("unzip", { args: ["-t", join(dir, "a.zip")] }).outputSync();
    ok(test.success, new TextDecoder().decode(test.stdout));
    const list = new TextDecoder().decode(
      new Deno.Command("unzip", { args: ["-l", join(dir, "a.zip")] }).outputSync().stdout,
    );
    ok(list.includes("index.js") && list.includes("lib/") && list.includes("2026-01-02 03:04"), list);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test({
  name: "cloudformation package uploads local code and nested templates and rewrites the template",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const s3 = await startS3();
    const work = mkdtempSync(join(tmpdir(), "cfn-package-"));
    try {
      mkdirSync(join(work, "src", "lib"), { recursive: true });
      mkdirSync(join(work, "nested", "code"), { recursive: true });
      writeFileSync(join(work, "template.yaml"), TEMPLATE);
      writeFileSync(join(work, "src", "index.js"), "exports.handler = async () => 1;\n");
      writeFileSync(join(work, "src", "lib", "util.js"), "module.exports = {};\n");
      writeFileSync(join(work, "handler.py"), "def handler(e, c):\n    return 1\n");
      writeFileSync(join(work, "nested", "child.yaml"), CHILD);
      writeFileSync(join(work, "nested", "code", "main.py"), "print(1)\n");
      for (const [k, v] of Object.entries(CREDS)) Deno.env.set(k, v);
      const config = loadConfig({ HOME: work, AWS_API_MCP_WORKING_DIR: work, AWS_REGION: "us-east-1" });
      ok(config.ok);
      const deps = callDeps(config.config, {
        AWS_CONFIG_FILE: "/nonexistent",
        AWS_ENDPOINT_URL_S3: s3.endpoint,
      });
      const uploads: string[] = [];
      deps.onProgress = (_d, _t, m) => m?.startsWith("Uploaded") && uploads.push(m);
      const run = async (c: string): Promise<CommandResult> => (await callAws([c], deps))[0];
      assertEquals((await run(`aws s3 mb s3://pkg --endpoint-url ${s3.endpoint}`)).status, "success");

      const r = await run(
        "aws cloudformation package --template-file template.yaml --s3-bucket pkg --s3-prefix app",
      );
      assertEquals(r.status, "success", JSON.stringify(r.error));
      ok(r.text!.startsWith("\n"));
      const out = parseTemplate(r.text!) as {
        Resources: Record<string, { Properties: Record<string, unknown> }>;
      };
      const res = out.Resources;
      const code = res.Fn.Properties.Code as { S3Bucket: string; S3Key: string };
      assertEquals(code.S3Bucket, "pkg");
      ok(/^app\/[0-9a-f]{32}$/.test(code.S3Key), code.S3Key);
      ok(
        /^s3:\/\/pkg\/app\/[0-9a-f]{32}$/.test(res.Py.Properties.CodeUri as string),
        String(res.Py.Properties.CodeUri),
      );
      ok(
        (res.Child.Properties.TemplateURL as string).startsWith(`${s3.endpoint}/pkg/app/`) &&
          (res.Child.Properties.TemplateURL as string).endsWith(".template"),
        String(res.Child.Properties.TemplateURL),
      );
      assertEquals(res.Already.Properties.Code, { S3Bucket: "elsewhere", S3Key: "code.zip" });
      // The rest of the template as the CLI writes it: long-form intrinsics, YAML 1.1 booleans read, dates kept.
      ok(r.text!.includes("\nAWSTemplateFormatVersion: 2010-09-09\n"), r.text!);
      ok(r.text!.includes("      Role:\n        Fn::GetAtt:\n        - Role\n        - Arn\n"), r.text!);
      ok(r.text!.includes("          ENABLED: true\n") && r.text!.includes("      Timeout: 3.0\n"), r.text!);
      ok(r.text!.includes(`Description: "It's a demo: packaged"\n`), r.text!);

      // The uploaded code: a zip of the folder, and the single Python file zipped.
      const fetch = async (key: string, file: string) => {
        const got = await run(
          `aws s3api get-object --bucket pkg --key ${key} ${file} --endpoint-url ${s3.endpoint}`,
        );
        assertEquals(got.status, "success", JSON.stringify(got.error));
        return readFileSync(join(work, file));
      };
      const zipped = await fetch(code.S3Key, "fn.zip");
      assertEquals(createHash("md5").update(zipped).digest("hex"), code.S3Key.slice(4));
      const names = new TextDecoder().decode(
        new Deno.Command("unzip", { args: ["-Z1", join(work, "fn.zip")] }).outputSync().stdout,
      );
      assertEquals(names.trim().split("\n").sort(), ["index.js", "lib/util.js"]);
      await fetch((res.Py.Properties.CodeUri as string).slice("s3://pkg/".length), "py.zip");
      const pyNames = new TextDecoder().decode(
        new Deno.Command("unzip", { args: ["-Z1", join(work, "py.zip")] }).outputSync().stdout,
      );
      assertEquals(pyNames.trim(), "handler.py");
      // The nested template, packaged in turn: its code relative to its own folder.
      const childKey = (res.Child.Properties.TemplateURL as string).slice(`${s3.endpoint}/pkg/`.length);
      const child = parseTemplate(
        new TextDecoder().decode(await fetch(childKey, "child.out.yaml")),
      ) as typeof out;
      ok(/^app\/[0-9a-f]{32}$/.test((child.Resources.Inner.Properties.Code as { S3Key: string }).S3Key));
      ok(uploads.length === 4, uploads.join("\n"));

      // Again, to a file: nothing uploaded twice; the CLI's message.
      uploads.length = 0;
      const again = await run(
        "aws cloudformation package --template-file template.yaml --s3-bucket pkg --s3-prefix app --output-template-file packaged.yaml",
      );
      assertEquals(again.status, "success", JSON.stringify(again.error));
      assertEquals(uploads, []);
      assertEquals(
        again.text,
        "\nSuccessfully packaged artifacts and wrote output template to file packaged.yaml.\n" +
          "Execute the following command to deploy the packaged template\n" +
          `aws cloudformation deploy --template-file ${
            join(Deno.realPathSync(work), "packaged.yaml")
          } --stack-name <YOUR STACK NAME>\n`,
      );
      assertEquals(`\n${readFileSync(join(work, "packaged.yaml"), "utf8")}`, r.text);
      const json = await run(
        "aws cloudformation package --template-file template.yaml --s3-bucket pkg --s3-prefix app --use-json",
      );
      assertEquals(JSON.parse(json.text!), JSON.parse(JSON.stringify(out)));

      // A path that is not there, and one outside the working directory.
      writeFileSync(
        join(work, "bad.yaml"),
        "Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Code: nowhere\n",
      );
      const bad = await run("aws cloudformation package --template-file bad.yaml --s3-bucket pkg");
      ok(
        bad.error?.message.includes(
          "Unable to upload artifact nowhere referenced by Code parameter of F resource.",
        ),
        JSON.stringify(bad.error),
      );
      writeFileSync(
        join(work, "out.yaml"),
        "Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Code: /etc\n",
      );
      const outside = await run("aws cloudformation package --template-file out.yaml --s3-bucket pkg");
      assertEquals(outside.status, "error");
      ok(/FILE_ACCESS_DENIED|outside/.test(JSON.stringify(outside.error)), JSON.stringify(outside.error));
    } finally {
      await s3.stop();
      rmSync(work, { recursive: true, force: true });
    }
  },
});
