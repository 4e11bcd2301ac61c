/**
 * What the assistant is handed: the size of call_aws's results (the whole tool result a client receives,
 * content and structuredContent) in tokens, counted as characters ÷ 4, for typical calls against local
 * servers (s3rver, dynalite, a recording endpoint with canned EC2, IAM and STS answers), and of the
 * model-visible part of tools/list.
 */
import { Client } from "@modelcontextprotocol/sdk/client";
// @ts-types="@modelcontextprotocol/sdk/client/stdio"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { startDynamo, startRecorder, startS3 } from "../scripts/local-servers.ts";
import { RUN_FLAGS } from "../scripts/run-flags.ts";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const XML = { "content-type": "text/xml" };

const instance = (i: number) =>
  `<item><instanceId>i-0${i}abcdef1234567</instanceId><imageId>ami-0abcdef1234567890</imageId>` +
  `<instanceState><code>16</code><name>running</name></instanceState><privateDnsName>ip-10-0-0-${i}.ec2.internal</privateDnsName>` +
  `<instanceType>t3.micro</instanceType><launchTime>2026-11-01T10:00:00.000Z</launchTime>` +
  `<placement><availabilityZone>us-east-1a</availabilityZone><tenancy>default</tenancy></placement>` +
  `<privateIpAddress>10.0.0.${i}</privateIpAddress><subnetId>subnet-0abc</subnetId><vpcId>vpc-0abc</vpcId>` +
  `<tagSet><item><key>Name</key><value>web-${i}</value></item></tagSet></item>`;
const user = (i: number) =>
  `<member><Path>/</Path><UserName>user${i}</UserName><UserId>AIDA${i}EXAMPLE000000</UserId>` +
  `<Arn>arn:aws:iam::123456789012:user/user${i}</Arn><CreateDate>2026-01-0${i}T00:00:00Z</CreateDate></member>`;

const rec = await startRecorder((r) => {
  const action = new URLSearchParams(r.body).get("Action");
  if (action === "DescribeInstances") {
    return {
      headers: XML,
      body:
        `<DescribeInstancesResponse><requestId>r</requestId><reservationSet><item><reservationId>r-1</reservationId>` +
        `<ownerId>123456789012</ownerId><instancesSet>${
          [1, 2, 3].map(instance).join("")
        }</instancesSet></item></reservationSet></DescribeInstancesResponse>`,
    };
  }
  if (action === "ListUsers") {
    return {
      headers: XML,
      body: `<ListUsersResponse><ListUsersResult><IsTruncated>false</IsTruncated><Users>${
        [1, 2, 3, 4, 5].map(user).join("")
      }</Users></ListUsersResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListUsersResponse>`,
    };
  }
  if (action === "GetCallerIdentity") {
    return {
      headers: XML,
      body:
        `<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/dev</Arn>` +
        `<UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult>` +
        `<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
    };
  }
  return { status: 400, body: "{}" };
});
const [s3, ddb] = await Promise.all([startS3(), startDynamo()]);
const transport = new StdioClientTransport({
  command: Deno.execPath(),
  args: ["run", ...RUN_FLAGS, MAIN],
  env: {
    ...Deno.env.toObject(),
    // s3rver accepts its own keys only; the other servers accept any.
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
    AWS_REGION: "us-east-1",
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: ddb.endpoint,
    AWS_ENDPOINT_URL_EC2: rec.endpoint,
    AWS_ENDPOINT_URL_IAM: rec.endpoint,
    AWS_ENDPOINT_URL_STS: rec.endpoint,
    AWS_API_MCP_LOG_FILE: "/tmp/aws-api-mcp-tokens-bench.log",
  },
});
const client = new Client({ name: "tokens-bench", version: "1.0.0" });
await client.connect(transport);
const call = (cli_command: string | string[]) =>
  client.callTool({ name: "call_aws", arguments: { cli_command } });
const tokens = (v: unknown) => Math.round(JSON.stringify(v).length / 4);

// Fixtures: buckets with objects, a table with items.
for (const b of ["logs", "assets", "backups"]) await call(`aws s3api create-bucket --bucket ${b}`);
for (let i = 0; i < 5; i++) await call(`aws s3api put-object --bucket assets --key img/${i}.png`);
await call(
  "aws dynamodb create-table --table-name orders --attribute-definitions AttributeName=id,AttributeType=S " +
    "--key-schema AttributeName=id,KeyType=HASH --billing-mode PAY_PER_REQUEST",
);

const CALLS: Array<[string, string | string[]]> = [
  ["sts_get_caller_identity", "aws sts get-caller-identity"],
  ["s3api_list_buckets", "aws s3api list-buckets"],
  ["s3_ls", "aws s3 ls s3://assets --recursive"],
  ["s3api_list_objects_v2", "aws s3api list-objects-v2 --bucket assets"],
  ["dynamodb_describe_table", "aws dynamodb describe-table --table-name orders"],
  ["ec2_describe_instances", "aws ec2 describe-instances"],
  [
    "ec2_describe_instances_query",
    "aws ec2 describe-instances --query Reservations[].Instances[].InstanceId",
  ],
  ["iam_list_users", "aws iam list-users"],
  ["error_no_such_bucket", "aws s3api list-objects-v2 --bucket missing"],
  ["batch_of_3", ["aws s3api list-buckets", "aws dynamodb list-tables", "aws sts get-caller-identity"]],
];
let total = 0;
for (const [name, command] of CALLS) {
  const result = await call(command);
  if (Deno.env.get("TOKENS_BENCH_SHOW")) console.log(JSON.stringify(result, null, 1));
  const n = tokens(result);
  total += n;
  console.log(`tokens_${name}: ${n} tokens`);
}
console.log(`tokens_typical_calls_total: ${total} tokens (${CALLS.length} calls, characters ÷ 4)`);
const { tools } = await client.listTools();
const visible = tools.reduce(
  (n, t) => n + t.name.length + (t.description?.length ?? 0) + JSON.stringify(t.inputSchema).length,
  0,
);
console.log(`tools_list_model_visible: ${visible} chars (names, descriptions, input schemas)`);
await client.close();
await Promise.all([s3.stop(), ddb.stop(), rec.stop()]);
