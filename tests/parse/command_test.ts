import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCommand } from "../../src/parse/command.ts";
import { diskFiles } from "../../src/parse/files.ts";
import { toJsonValue } from "../../src/parse/json.ts";
import type { ParsedCommand } from "../../src/parse/types.ts";

const dir = mkdtempSync(join(tmpdir(), "parse-test-"));
writeFileSync(join(dir, "tags.json"), '[{"Key": "team", "Value": "blue"}]');
writeFileSync(join(dir, "input.json"), '{"Bucket": "from-file", "Key": "k", "ACL": "private"}');
writeFileSync(join(dir, "input.yaml"), "Bucket: yaml-bucket\nKey: k\n");
writeFileSync(join(dir, "bytes.bin"), new Uint8Array([0, 1, 2, 255]));
writeFileSync(join(dir, "body.txt"), "hello");
const opts = { files: diskFiles(dir), uuid: () => "00000000-0000-4000-8000-000000000000" };

function ok1(text: string): ParsedCommand {
  const r = parseCommand(text, opts);
  if (!r.ok) throw new Error(`${text}: ${JSON.stringify(r.error)}`);
  if (r.value.kind === "help") throw new Error(`${text}: help`);
  return r.value;
}
const params = (text: string) => toJsonValue(ok1(text).params) as Record<string, unknown>;
function err(text: string): { code: string; message: string; hint?: string } {
  const r = parseCommand(text, opts);
  if (r.ok) throw new Error(`accepted: ${text}`);
  return r.error;
}

Deno.test("params: typed scalars, lists, shorthand and JSON structures, maps", () => {
  const table: Array<[string, unknown]> = [
    ["aws s3api list-objects-v2 --bucket b --max-keys 5", { Bucket: "b", MaxKeys: 5, EncodingType: "url" }],
    ["aws ec2 describe-instances --instance-ids i-1 i-2 --dry-run", {
      InstanceIds: ["i-1", "i-2"],
      DryRun: true,
    }],
    ["aws ec2 describe-instances --instance-ids '[\"i-1\"]' --no-dry-run", {
      InstanceIds: ["i-1"],
      DryRun: false,
    }],
    [
      "aws ec2 describe-instances --filters Name=tag:Env,Values=prod,dev Name=x,Values=y",
      { Filters: [{ Name: "tag:Env", Values: ["prod", "dev"] }, { Name: "x", Values: ["y"] }] },
    ],
    ["aws sqs create-queue --queue-name q --attributes DelaySeconds=10", {
      QueueName: "q",
      Attributes: { DelaySeconds: "10" },
    }],
    [
      `aws dynamodb put-item --table-name t --item '{"id": {"S": "1"}, "n": {"N": "2"}}'`,
      { TableName: "t", Item: { id: { S: "1" }, n: { N: "2" } } },
    ],
    ["aws cloudwatch put-metric-data --namespace N --metric-data MetricName=m,Value=1.5", {
      Namespace: "N",
      MetricData: [{ MetricName: "m", Value: 1.5 }],
    }],
    [
      "aws autoscaling set-desired-capacity --auto-scaling-group-name g --desired-capacity 3 --honor-cooldown",
      {
        AutoScalingGroupName: "g",
        DesiredCapacity: 3,
        HonorCooldown: true,
      },
    ],
    ["aws sns subscribe --topic-arn arn:t --protocol email --notification-endpoint a@b.c", {
      TopicArn: "arn:t",
      Protocol: "email",
      Endpoint: "a@b.c",
    }],
    ["aws ec2 describe-instances --instance-id i-1", { InstanceIds: ["i-1"] }],
    ["aws ec2 modify-subnet-attribute --subnet-id s --map-public-ip-on-launch", {
      SubnetId: "s",
      MapPublicIpOnLaunch: { Value: true },
    }],
    ["aws ec2 modify-subnet-attribute --subnet-id s --no-map-public-ip-on-launch", {
      SubnetId: "s",
      MapPublicIpOnLaunch: { Value: false },
    }],
    ["aws elb describe-instance-health --load-balancer-name l --instances i-1 i-2", {
      LoadBalancerName: "l",
      Instances: [{ InstanceId: "i-1" }, { InstanceId: "i-2" }],
    }],
    ["aws route53 get-hosted-zone --id /hostedzone/Z1", { Id: "Z1" }],
    ["aws glacier list-vaults --account-id -", { accountId: "-" }],
    ["aws ec2 run-instances --image-id ami-1 --min-count 1 --max-count 1 --dry-run", "reject"],
  ];
  for (const [text, want] of table) {
    if (want === "reject") ok(!parseCommand(text, opts).ok, text);
    else assertEquals(params(text), want, text);
  }
});

Deno.test("timestamps come out as ISO 8601, blobs as base64", () => {
  assertEquals(
    params(
      "aws cloudwatch get-metric-statistics --namespace N --metric-name M --start-time 2024-01-02T03:04:05Z --end-time 1704164645 --period 60 --statistics Average",
    ),
    {
      Namespace: "N",
      MetricName: "M",
      StartTime: "2024-01-02T03:04:05.000Z",
      EndTime: "2024-01-02T03:04:05.000Z",
      Period: 60,
      Statistics: ["Average"],
    },
  );
  assertEquals(
    params("aws kinesis put-record --stream-name s --data aGVsbG8= --partition-key k").Data,
    "aGVsbG8=",
  );
  assertEquals(
    params(
      "aws kinesis put-record --cli-binary-format raw-in-base64-out --stream-name s --data hello --partition-key k",
    ).Data,
    "aGVsbG8=",
  );
  assertEquals(
    err("aws kinesis put-record --stream-name s --data hello --partition-key k").code,
    "INVALID_BASE64",
  );
  assertEquals(
    params("aws kinesis put-record --stream-name s --data fileb://bytes.bin --partition-key k").Data,
    "AAEC/w==",
  );
  assertEquals(
    err(
      "aws cloudwatch get-metric-statistics --namespace N --metric-name M --start-time yesterday --end-time 1 --period 60",
    ).code,
    "VALIDATION_ERROR",
  );
});

Deno.test("file:// and --cli-input-json/yaml read files; explicit flags win", () => {
  assertEquals(params("aws ec2 create-tags --resources i-1 --tags file://tags.json"), {
    Resources: ["i-1"],
    Tags: [{ Key: "team", Value: "blue" }],
  });
  assertEquals(params("aws s3api put-object --cli-input-json file://input.json --bucket explicit"), {
    Bucket: "explicit",
    Key: "k",
    ACL: "private",
  });
  assertEquals(params("aws s3api put-object --cli-input-yaml file://input.yaml"), {
    Bucket: "yaml-bucket",
    Key: "k",
  });
  const missing = err("aws ec2 create-tags --resources i-1 --tags file://nope.json");
  assertEquals(missing.code, "FILE_ERROR");
  ok(missing.message.includes("--tags") && missing.message.includes("nope.json"), missing.message);
  const body = ok1("aws s3api put-object --bucket b --key k --body body.txt");
  assertEquals(body.files, [{ path: "body.txt", mode: "read-binary", via: "--body" }]);
  assertEquals(err("aws s3api put-object --bucket b --key k --body missing.txt").code, "FILE_ERROR");
});

Deno.test("errors name what is wrong and suggest the nearest valid choice", () => {
  const table: Array<[string, string, string]> = [
    ["aws ec3 describe-instances", "UNKNOWN_SERVICE", "ec2"],
    ["aws ec2 describe-instancess", "UNKNOWN_OPERATION", "describe-instances"],
    ["aws ec2 describe-instances --instance-idz i-1", "UNKNOWN_OPTION", "--instance-ids"],
    ["aws s3api get-object --bucket b", "MISSING_ARGUMENT", "--key"],
    ["aws s3api get-object --bucket b --key k", "MISSING_ARGUMENT", "outfile"],
    ["aws s3api list-objects-v2 --bucket b --max-keys lots", "INVALID_VALUE", "int"],
    [
      "aws ec2 create-tags --resources i-1 --tags Key=a,Value=b,Extra=c",
      "VALIDATION_ERROR",
      'Unknown parameter in Tags[0]: "Extra"',
    ],
    ["aws ssm get-maintenance-window --window-id mw-1", "VALIDATION_ERROR", "valid min length: 20"],
    ["aws dynamodb put-item --table-name t --item '{bad json}'", "INVALID_JSON", "--item"],
    ["aws ec2 describe-instances --output xml", "INVALID_CHOICE", "json"],
    ["aws ec2 describe-instances --query 'Reservations[.'", "INVALID_QUERY", "--query"],
    ["aws ec2 describe-instances --endpoint-url localhost", "INVALID_VALUE", "scheme"],
    ["aws ec2 wait instance-runing --instance-ids i-1", "UNKNOWN_WAITER", "instance-running"],
    ["aws ec2", "MISSING_ARGUMENT", "operation"],
    ["aws", "MISSING_ARGUMENT", "command"],
    ["ls -la", "NOT_AWS_COMMAND", "aws"],
    ["", "EMPTY_COMMAND", "empty"],
    ["aws eks update-kubeconfig --name c", "UNSUPPORTED_COMMAND", "own commands"],
  ];
  for (const [text, code, needle] of table) {
    const e = err(text);
    assertEquals(e.code, code, `${text}: ${e.message}`);
    ok(`${e.message} ${e.hint ?? ""}`.includes(needle), `${text}: ${e.message} / ${e.hint}`);
  }
});

Deno.test("waiters, help, skeletons, aliases, virtual commands and pagination", () => {
  const w = ok1("aws ec2 wait instance-running --instance-ids i-1");
  assertEquals([w.kind, w.command, w.operation, toJsonValue(w.params)], [
    "waiter",
    "instance-running",
    "DescribeInstances",
    { InstanceIds: ["i-1"] },
  ]);
  assertEquals(parseCommand("aws s3api help", opts), { ok: true, value: { kind: "help", service: "s3api" } });
  assertEquals(parseCommand("aws ec2 wait instance-stopped help", opts), {
    ok: true,
    value: { kind: "help", service: "ec2", command: "wait instance-stopped" },
  });
  assertEquals(ok1("aws ec2 describe-instances --generate-cli-skeleton").skeleton, "input");
  assertEquals(ok1("aws opsworks-cm describe-servers").operation, "DescribeServers");
  const add = ok1(
    "aws rds add-option-to-option-group --option-group-name g --options OptionName=X --apply-immediately",
  );
  assertEquals([add.operation, toJsonValue(add.params)], ["ModifyOptionGroup", {
    OptionGroupName: "g",
    OptionsToInclude: [{ OptionName: "X" }],
    ApplyImmediately: true,
  }]);
  // A paging flag that shadows a member (iam's MaxItems) sets the member once paging is off.
  assertEquals(toJsonValue(ok1("aws iam list-users --marker m --max-items 5").params), {
    Marker: "m",
    MaxItems: 5,
  });
  const clash = parseCommand("aws dynamodb list-tables --exclusive-start-table-name x --max-items 5", opts);
  assertEquals(!clash.ok && clash.error.code, "INVALID_VALUE");
  const page = ok1("aws dynamodb list-tables --page-size 5 --max-items 10 --starting-token tok");
  assertEquals([page.paging, toJsonValue(page.params)], [
    { pageSize: 5, maxItems: 10, startingToken: "tok" },
    { Limit: 5, ExclusiveStartTableName: "tok" },
  ]);
});

Deno.test("the IR carries IAM, read-only class, files, outfile and warnings", () => {
  const get = ok1("aws s3api get-object --bucket b --key k out.txt");
  assertEquals([get.readOnly, get.iam, get.outfile], [
    true,
    { actions: ["s3:GetObject"], access: "Read" },
    "out.txt",
  ]);
  const del = ok1("aws iam delete-user --user-name u");
  assertEquals([del.readOnly, del.iam.access], [false, "Write"]);
  const warn = ok1("aws dynamodb list-tables --limit 1000");
  ok(warn.warnings.some((w) => w.includes("Limit") && w.includes("100")), JSON.stringify(warn.warnings));
  assertEquals(ok1("aws ec2 describe-instances --region eu-west-1 --output text --no-paginate").globals, {
    region: "eu-west-1",
    output: "text",
    paginate: false,
    signRequest: true,
    verifySsl: true,
    noCliPager: false,
    debug: false,
  });
});

Deno.test("aws s3 high-level commands: paths, options and the first call", () => {
  const table: Array<[string, string, unknown, boolean]> = [
    ["aws s3 ls", "ListBuckets", {}, true],
    ["aws s3 ls s3://b/pre", "ListObjectsV2", {
      Bucket: "b",
      Prefix: "pre",
      Delimiter: "/",
      EncodingType: "url",
    }, true],
    ["aws s3 ls s3://b --recursive", "ListObjectsV2", { Bucket: "b", Prefix: "", EncodingType: "url" }, true],
    ["aws s3 cp s3://b/k local.txt", "HeadObject", { Bucket: "b", Key: "k" }, true],
    ["aws s3 cp body.txt s3://b/dir/", "PutObject", { Bucket: "b", Key: "dir/body.txt" }, false],
    ["aws s3 rm s3://b/k", "DeleteObject", { Bucket: "b", Key: "k" }, false],
    ["aws s3 mb s3://b --region eu-west-1", "CreateBucket", {
      Bucket: "b",
      CreateBucketConfiguration: { LocationConstraint: "eu-west-1" },
    }, false],
    ["aws s3 rb s3://b", "DeleteBucket", { Bucket: "b" }, false],
    ["aws s3 sync . s3://b/p --exclude '*.tmp'", "ListObjectsV2", {
      Bucket: "b",
      Prefix: "p",
      EncodingType: "url",
    }, false],
  ];
  for (const [text, op, want, readOnly] of table) {
    const c = ok1(text);
    assertEquals(
      [c.kind, c.operation, toJsonValue(c.params), c.readOnly],
      ["high-level", op, want, readOnly],
      text,
    );
  }
  assertEquals(ok1("aws s3 cp s3://b/ a --include x --exclude y --recursive --dryrun").highLevel?.options, {
    filters: [["include", "x"], ["exclude", "y"]],
    recursive: true,
    dryrun: true,
  });
  assertEquals(err("aws s3 cp missing.txt s3://b/k").code, "FILE_ERROR");
  assertEquals(err("aws s3 cp - s3://b/k").code, "UNSUPPORTED_COMMAND");
  assertEquals(err("aws s3 ls s3://b --acl private").code, "UNKNOWN_OPTION");
});
