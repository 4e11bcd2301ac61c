import { deepStrictEqual as assertEquals } from "node:assert";
import { IAM_OVERRIDES } from "../../scripts/models/iam-overrides.ts";
import { loadService, modelIndex, serviceNames } from "../../src/models/registry.ts";

const cliNameOf = (botocore: string) =>
  serviceNames().find((n) => modelIndex().services[n].botocore === botocore)!;

Deno.test("every IAM override is applied to its operation, with actions known to the IAM data", () => {
  for (const [key, actions] of Object.entries(IAM_OVERRIDES)) {
    const [service, operation] = key.split(".");
    const op = loadService(cliNameOf(service))?.operations[operation];
    assertEquals(op?.iam.source, "override", `${key}: override not applied (unknown operation or action)`);
    assertEquals(op?.iam.actions.map((a) => a.toLowerCase()), actions.map((a) => a.toLowerCase()), key);
  }
});

Deno.test("access levels come from the IAM data", () => {
  const table: Array<[string, string, string, string]> = [
    ["iam", "DeleteUser", "iam:DeleteUser", "Write"],
    ["iam", "ListRoles", "iam:ListRoles", "List"],
    ["iam", "AttachRolePolicy", "iam:AttachRolePolicy", "Permissions management"],
    ["ec2", "DescribeInstances", "ec2:DescribeInstances", "List"],
    ["ec2", "CreateTags", "ec2:CreateTags", "Tagging"],
    ["s3api", "GetObject", "s3:GetObject", "Read"],
    ["cloudwatch", "GetMetricData", "cloudwatch:GetMetricData", "Read"],
    ["elbv2", "DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancers", "List"],
    ["stepfunctions", "StartExecution", "states:StartExecution", "Write"],
    ["sts", "AssumeRole", "sts:AssumeRole", "Write"],
    ["resourcegroupstaggingapi", "TagResources", "tag:TagResources", "Tagging"],
  ];
  for (const [service, operation, action, level] of table) {
    const iam = loadService(service)!.operations[operation].iam;
    assertEquals([iam.actions, iam.access], [[action], level], `${service} ${operation}`);
  }
});

Deno.test("API Gateway's IAM actions are its HTTP methods", () => {
  const iam = loadService("apigateway")!.operations.GetRestApis.iam;
  assertEquals([iam.actions, iam.access], [["apigateway:GET"], "Read"]);
  assertEquals(loadService("apigateway")!.operations.DeleteRestApi.iam.actions, ["apigateway:DELETE"]);
});
