import { deepStrictEqual as assertEquals } from "node:assert";
import { cliName } from "../../src/models/names.ts";
import { findOperation, hasService, loadService, modelIndex } from "../../src/models/registry.ts";

// Spellings as the AWS CLI prints them in `aws <service> help` (checked against AWS CLI v2).
const CASES: Array<[string, string]> = [
  ["DescribeDBInstances", "describe-db-instances"],
  ["ListObjectsV2", "list-objects-v2"],
  ["GetBucketAcl", "get-bucket-acl"],
  ["CreateVPCEndpoint", "create-vpc-endpoint"],
  ["ListTagsForResource", "list-tags-for-resource"],
  ["DescribeInstances", "describe-instances"],
  ["GetCallerIdentity", "get-caller-identity"],
  ["CreateDBClusterParameterGroup", "create-db-cluster-parameter-group"],
  ["ListWebACLs", "list-web-acls"],
  ["GatewayARNs", "gateway-arns"],
  ["DescribeDhcpOptions", "describe-dhcp-options"],
  ["AssociateVPCWithHostedZone", "associate-vpc-with-hosted-zone"],
  ["ExecutePartiQLStatement", "execute-partiql-statement"],
  ["CreateCachediSCSIVolume", "create-cached-iscsi-volume"],
  ["ListHITsForQualificationType", "list-hits-for-qualification-type"],
  ["GetIPSet", "get-ip-set"],
  ["Ec2TagSet", "ec2-tag-set"],
  ["MaxKeys", "max-keys"],
  ["InstanceIds", "instance-ids"],
  ["S3Location", "s3-location"],
  ["Base64", "base64"],
  ["CodeSha256", "code-sha256"],
  ["InstanceRunning", "instance-running"],
  ["already-kebab", "already-kebab"],
];

Deno.test("cliName spells API names as the AWS CLI does", () => {
  for (const [api, cli] of CASES) assertEquals(cliName(api), cli, api);
});

Deno.test("services carry the CLI's names, not botocore's", () => {
  const renamed: Array<[string, string]> = [["s3api", "s3"], ["configservice", "config"], [
    "deploy",
    "codedeploy",
  ]];
  for (const [cli, botocore] of renamed) {
    assertEquals(hasService(cli), true, cli);
    assertEquals(modelIndex().services[cli].botocore, botocore);
  }
  assertEquals(loadService("opsworks-cm")?.name, "opsworkscm");
  for (const gone of ["s3", "config", "codedeploy"]) assertEquals(hasService(gone), false, gone);
  for (const same of ["logs", "stepfunctions", "elbv2", "es", "sesv2", "ec2"]) {
    assertEquals(hasService(same), true, same);
  }
});

Deno.test("operations resolve from their CLI names", () => {
  const table: Array<[string, string, string]> = [
    ["s3api", "list-objects-v2", "ListObjectsV2"],
    ["s3api", "get-bucket-acl", "GetBucketAcl"],
    ["rds", "describe-db-instances", "DescribeDBInstances"],
    ["ec2", "create-vpc-endpoint", "CreateVpcEndpoint"],
    ["lambda", "list-tags", "ListTags"],
    ["storagegateway", "describe-cached-iscsi-volumes", "DescribeCachediSCSIVolumes"],
    ["dynamodb", "execute-statement", "ExecuteStatement"],
  ];
  for (const [service, command, api] of table) {
    assertEquals(findOperation(loadService(service)!, command)?.name, api, `${service} ${command}`);
  }
});

Deno.test("the CLI's removed commands are absent and renamed flags recorded", () => {
  assertEquals(findOperation(loadService("ec2")!, "import-instance"), undefined);
  assertEquals(findOperation(loadService("emr")!, "run-job-flow"), undefined);
  assertEquals(findOperation(loadService("sns")!, "subscribe")?.operation.renames, {
    endpoint: "notification-endpoint",
  });
  assertEquals(findOperation(loadService("eks")!, "create-cluster")?.operation.renames, {
    version: "kubernetes-version",
  });
  assertEquals(findOperation(loadService("ec2")!, "create-image")?.operation.renames, {
    "no-no-reboot": "reboot",
  });
});
