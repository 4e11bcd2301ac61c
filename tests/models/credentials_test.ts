import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { tmpdir } from "node:os";
import { CREDENTIAL_OPERATIONS, SIDE_EFFECT_OPERATIONS } from "../../src/models/credentials.ts";
import { loadService } from "../../src/models/registry.ts";
import { isCustomCommand } from "../../src/parse/custom.ts";
import { isHighLevel } from "../../src/parse/highlevel.ts";
import { parseCommand } from "../../src/parse/command.ts";
import { diskFiles } from "../../src/parse/files.ts";

Deno.test("every credentials entry names a real operation or CLI command", () => {
  for (const c of CREDENTIAL_OPERATIONS) {
    const known = loadService(c.service)?.operations[c.operation] !== undefined ||
      isCustomCommand(c.service, c.operation) || isHighLevel(c.service, c.operation);
    ok(known, `${c.service} ${c.operation}`);
    if (c.when) {
      const op = loadService(c.service)!.operations[c.operation];
      ok(
        loadService(c.service)!.shapes[op.input!.shape].members?.[c.when.member],
        `${c.service} ${c.operation} ${c.when.member}`,
      );
    }
  }
});

Deno.test("operations that hand out credentials or secrets are never read-only", () => {
  const files = diskFiles(tmpdir());
  const table: Array<[string, boolean]> = [
    ["aws sts get-caller-identity", true],
    ["aws sts get-session-token", false],
    ["aws sts assume-role --role-arn arn:aws:iam::123456789012:role/r --role-session-name session", false],
    ["aws secretsmanager get-secret-value --secret-id s", false],
    ["aws secretsmanager describe-secret --secret-id s", true],
    ["aws ssm get-parameter --name p", true],
    ["aws ssm get-parameter --name p --with-decryption", false],
    ["aws ecr get-authorization-token", false],
    ["aws ecr get-login-password", false],
    ["aws eks get-token --cluster-name c", false],
    [
      "aws cognito-identity get-credentials-for-identity --identity-id us-east-1:11111111-2222-3333-4444-555555555555",
      false,
    ],
    ["aws sso get-role-credentials --role-name r --account-id 123456789012 --access-token t", false],
    ["aws iam create-access-key --user-name u", false],
    ["aws ec2 get-password-data --instance-id i-1", false],
    ["aws apigateway get-api-keys", true],
    ["aws apigateway get-api-keys --include-values", false],
    ["aws s3api list-buckets", true],
  ];
  for (const [cmd, readOnly] of table) {
    const r = parseCommand(cmd, { files });
    if (!r.ok || r.value.kind === "help") throw new Error(`${cmd}: ${JSON.stringify(r)}`);
    assertEquals(r.value.readOnly, readOnly, cmd);
    if (!readOnly && r.value.iam.access === "Read") ok(r.value.credentials, `${cmd} names its reason`);
  }
});

Deno.test("every side-effect entry names a real operation that IAM rates List or Read", () => {
  for (const c of SIDE_EFFECT_OPERATIONS) {
    const op = loadService(c.service)?.operations[c.operation];
    ok(op && (op.iam.access === "Read" || op.iam.access === "List"), `${c.service} ${c.operation}`);
  }
  const files = diskFiles(tmpdir());
  const table: Array<[string, boolean]> = [
    ["aws bedrock-runtime invoke-model --model-id m --body '{}' out.json", false],
    ["aws sagemaker-runtime invoke-endpoint --endpoint-name e --body '{}' out.json", false],
    ["aws timestream-query query --query-string 'SELECT 1'", true],
    ["aws timestream-query query --query-string \"UNLOAD (SELECT 1) TO 's3://b/'\"", false],
    ["aws s3 presign s3://b/k", false],
    ["aws cognito-idp describe-user-pool-client --user-pool-id p --client-id c", true],
  ];
  for (const [text, readOnly] of table) {
    const r = parseCommand(text, { files });
    ok(r.ok && r.value.kind !== "help", text);
    assertEquals((r.value as { readOnly: boolean }).readOnly, readOnly, text);
  }
});
