/**
 * The AWS CLI's own commands outside `aws s3` whose arguments and first API call are simple enough to
 * model as data: each has its options (as the CLI defines them) and the call it starts with.
 */
import { credentialEntry } from "../models/credentials.ts";
import type { AccessLevel } from "../models/types.ts";
import { ArgParser, type ArgValue, type OptionSpec } from "./argparse.ts";
import { failMissing, failUnknownOptions } from "./errors.ts";
import type { FileUse, GlobalOptions, ParsedCommand } from "./types.ts";
import { type FileAccess, loadParamFile } from "./unpack.ts";

interface CustomCommand {
  options: OptionSpec[];
  positionals?: number;
  /** The first API call: operation and params from the parsed options. */
  call: (v: Map<string, ArgValue>) => { operation: string; params: Record<string, unknown> };
  actions: string[];
  access: AccessLevel;
  /** Every API operation the command may call, as `service command` CLI names. */
  calls: string[];
  /** Local files it reads (checked against the file policy before it runs). */
  files?: (v: Map<string, ArgValue>) => FileUse[];
}

const clusterId: OptionSpec = { name: "cluster-id", kind: "one", required: true };
const describeCluster = (v: Map<string, ArgValue>) => ({
  operation: "DescribeCluster",
  params: { ClusterId: v.get("cluster-id") },
});
const str = (v: Map<string, ArgValue>, k: string) => v.get(k) as string | undefined;
const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined));

/** A look at the local AWS CLI configuration: no API call. */
const configureView = (operation: string, access: AccessLevel): CustomCommand => ({
  options: [],
  positionals: operation === "GetConfigurationValue" ? 1 : 0,
  call: () => ({ operation, params: {} }),
  actions: [],
  access,
  calls: [],
});

const COMMANDS: Readonly<Record<string, CustomCommand>> = {
  "cloudformation deploy": {
    options: [
      { name: "template-file", kind: "one", required: true },
      { name: "stack-name", kind: "one", required: true },
      { name: "s3-bucket", kind: "one" },
      { name: "force-upload", kind: "true" },
      { name: "s3-prefix", kind: "one" },
      { name: "kms-key-id", kind: "one" },
      { name: "parameter-overrides", kind: "many" },
      { name: "capabilities", kind: "many" },
      { name: "no-execute-changeset", kind: "false", dest: "execute-changeset" },
      { name: "disable-rollback", kind: "true" },
      { name: "no-disable-rollback", kind: "false", dest: "disable-rollback" },
      { name: "role-arn", kind: "one" },
      { name: "notification-arns", kind: "many" },
      { name: "fail-on-empty-changeset", kind: "true" },
      { name: "no-fail-on-empty-changeset", kind: "false", dest: "fail-on-empty-changeset" },
      { name: "tags", kind: "many" },
    ],
    call: (v) => ({ operation: "CreateChangeSet", params: { StackName: str(v, "stack-name") } }),
    actions: [
      "cloudformation:DescribeStacks",
      "cloudformation:GetTemplateSummary",
      "cloudformation:CreateChangeSet",
      "cloudformation:DescribeChangeSet",
      "cloudformation:ExecuteChangeSet",
    ],
    access: "Write",
    calls: [
      "cloudformation describe-stacks",
      "cloudformation get-template-summary",
      "cloudformation create-change-set",
      "cloudformation describe-change-set",
      "cloudformation execute-change-set",
      "s3api put-object",
    ],
    files: (v) => [{ path: str(v, "template-file")!, mode: "read-text", via: "--template-file" }],
  },
  "cloudformation package": {
    options: [
      { name: "template-file", kind: "one", required: true },
      { name: "s3-bucket", kind: "one", required: true },
      { name: "s3-prefix", kind: "one" },
      { name: "kms-key-id", kind: "one" },
      { name: "output-template-file", kind: "one" },
      { name: "use-json", kind: "true" },
      { name: "force-upload", kind: "true" },
      { name: "metadata", kind: "one" },
    ],
    call: (v) => ({ operation: "PutObject", params: { Bucket: str(v, "s3-bucket") } }),
    actions: ["s3:PutObject", "s3:GetObject"],
    access: "Write",
    calls: ["s3api head-object", "s3api put-object"],
    files: (v) => [
      { path: str(v, "template-file")!, mode: "read-text", via: "--template-file" },
      ...(str(v, "output-template-file") === undefined
        ? []
        : [{ path: str(v, "output-template-file")!, mode: "write" as const, via: "--output-template-file" }]),
    ],
  },
  "ddb put": {
    options: [{ name: "condition", kind: "many" }],
    positionals: 2,
    call: () => ({ operation: "BatchWriteItem", params: {} }),
    actions: ["dynamodb:PutItem", "dynamodb:BatchWriteItem"],
    access: "Write",
    calls: ["dynamodb put-item", "dynamodb batch-write-item"],
  },
  "ddb select": {
    options: [
      { name: "index-name", kind: "one" },
      { name: "projection", kind: "many" },
      { name: "filter", kind: "many" },
      { name: "key-condition", kind: "many" },
      { name: "attributes", kind: "one" },
      { name: "consistent-read", kind: "true" },
      { name: "no-consistent-read", kind: "false", dest: "consistent-read" },
      { name: "return-consumed-capacity", kind: "true" },
      { name: "no-return-consumed-capacity", kind: "false", dest: "return-consumed-capacity" },
      { name: "starting-token", kind: "one" },
      { name: "max-items", kind: "one" },
      { name: "page-size", kind: "one" },
    ],
    positionals: 1,
    call: (v) => ({ operation: v.get("key-condition") === undefined ? "Scan" : "Query", params: {} }),
    actions: ["dynamodb:Scan", "dynamodb:Query"],
    access: "Read",
    calls: ["dynamodb scan", "dynamodb query"],
  },
  "logs tail": {
    options: [
      { name: "since", kind: "one" },
      { name: "follow", kind: "true" },
      { name: "format", kind: "one" },
      { name: "filter-pattern", kind: "one" },
      { name: "log-stream-names", kind: "many" },
      { name: "log-stream-name-prefix", kind: "one" },
    ],
    positionals: 1,
    call: (v) => ({
      operation: "FilterLogEvents",
      params: defined({
        filterPattern: str(v, "filter-pattern"),
        logStreamNames: v.get("log-stream-names"),
        logStreamNamePrefix: str(v, "log-stream-name-prefix"),
      }),
    }),
    actions: ["logs:FilterLogEvents"],
    access: "Read",
    calls: ["logs filter-log-events"],
  },
  "configure list": configureView("ListConfiguration", "Read"),
  "configure list-profiles": configureView("ListProfiles", "List"),
  "configure get": configureView("GetConfigurationValue", "Read"),
  "ecr get-login-password": {
    options: [],
    call: () => ({ operation: "GetAuthorizationToken", params: {} }),
    actions: ["ecr:GetAuthorizationToken"],
    access: "Read",
    calls: ["ecr get-authorization-token"],
  },
  "ecr-public get-login-password": {
    options: [],
    call: () => ({ operation: "GetAuthorizationToken", params: {} }),
    actions: ["ecr-public:GetAuthorizationToken", "sts:GetServiceBearerToken"],
    access: "Read",
    calls: ["ecr-public get-authorization-token"],
  },
  "emr describe-cluster": {
    options: [clusterId],
    call: describeCluster,
    actions: ["elasticmapreduce:DescribeCluster"],
    access: "Read",
    calls: [
      "emr describe-cluster",
      "emr list-instance-groups",
      "emr list-instance-fleets",
      "emr list-bootstrap-actions",
    ],
  },
  "emr add-steps": {
    options: [clusterId, { name: "steps", kind: "many", required: true }, {
      name: "execution-role-arn",
      kind: "one",
    }],
    call: describeCluster,
    actions: ["elasticmapreduce:AddJobFlowSteps"],
    access: "Write",
    calls: ["emr describe-cluster", "emr add-job-flow-steps"],
  },
  "emr socks": {
    options: [clusterId, { name: "key-pair-file", kind: "one", required: true }],
    call: describeCluster,
    actions: ["elasticmapreduce:DescribeCluster"],
    access: "Read",
    calls: ["emr describe-cluster", "emr list-instances"],
  },
  "emr ssh": {
    options: [clusterId, { name: "key-pair-file", kind: "one", required: true }, {
      name: "command",
      kind: "one",
    }],
    call: describeCluster,
    actions: ["elasticmapreduce:DescribeCluster"],
    access: "Read",
    calls: ["emr describe-cluster", "emr list-instances"],
  },
  "emr create-default-roles": {
    options: [{ name: "iam-endpoint", kind: "one" }],
    call: () => ({ operation: "GetRole", params: { RoleName: "EMR_EC2_DefaultRole" } }),
    actions: ["iam:GetRole", "iam:CreateRole", "iam:AttachRolePolicy", "iam:CreateInstanceProfile"],
    access: "Permissions management",
    calls: [
      "iam get-role",
      "iam create-role",
      "iam attach-role-policy",
      "iam get-instance-profile",
      "iam create-instance-profile",
      "iam add-role-to-instance-profile",
    ],
  },
  "dlm create-default-role": {
    options: [{ name: "iam-endpoint", kind: "one" }, { name: "resource-type", kind: "one" }],
    call: () => ({ operation: "GetRole", params: { RoleName: "AWSDataLifecycleManagerDefaultRole" } }),
    actions: ["iam:GetRole", "iam:CreateRole", "iam:AttachRolePolicy"],
    access: "Permissions management",
    calls: ["iam get-role", "iam create-role", "iam attach-role-policy"],
  },
  "codeartifact login": {
    options: [
      { name: "tool", kind: "one", required: true },
      { name: "domain", kind: "one", required: true },
      { name: "domain-owner", kind: "one" },
      { name: "repository", kind: "one", required: true },
      { name: "duration-seconds", kind: "one" },
      { name: "namespace", kind: "one" },
      { name: "endpoint-type", kind: "one" },
      { name: "dry-run", kind: "true" },
    ],
    call: (v) => ({
      operation: "GetAuthorizationToken",
      params: defined({
        domain: str(v, "domain"),
        domainOwner: str(v, "domain-owner"),
        durationSeconds: str(v, "duration-seconds") === undefined
          ? undefined
          : Number(str(v, "duration-seconds")),
      }),
    }),
    actions: [
      "codeartifact:GetAuthorizationToken",
      "codeartifact:GetRepositoryEndpoint",
      "sts:GetServiceBearerToken",
    ],
    access: "Write",
    calls: ["codeartifact get-authorization-token", "codeartifact get-repository-endpoint"],
  },
  "opsworks register": {
    options: [
      { name: "stack-id", kind: "one", required: true },
      { name: "infrastructure-class", kind: "one" },
      { name: "override-hostname", kind: "one" },
      { name: "override-private-ip", kind: "one" },
      { name: "override-public-ip", kind: "one" },
      { name: "override-ssh", kind: "one" },
      { name: "ssh-username", kind: "one" },
      { name: "ssh-private-key", kind: "one" },
      { name: "local", kind: "true" },
      { name: "use-instance-profile", kind: "true" },
    ],
    positionals: 1,
    call: (v) => ({ operation: "DescribeStacks", params: { StackIds: [str(v, "stack-id")] } }),
    actions: ["opsworks:DescribeStacks", "opsworks:RegisterInstance"],
    access: "Write",
    calls: [
      "opsworks describe-stacks",
      "opsworks register-instance",
      "iam create-group",
      "iam create-user",
      "iam add-user-to-group",
      "iam put-user-policy",
      "iam create-access-key",
    ],
  },
  "eks get-token": {
    options: [{ name: "cluster-name", kind: "one", required: true }, { name: "role-arn", kind: "one" }],
    call: () => ({ operation: "GetCallerIdentity", params: {} }),
    actions: ["sts:GetCallerIdentity"],
    access: "Read",
    calls: ["sts get-caller-identity"],
  },
  "rds generate-db-auth-token": {
    options: [
      { name: "hostname", kind: "one", required: true },
      { name: "port", kind: "one", required: true },
      { name: "username", kind: "one", required: true },
    ],
    call: (v) => ({
      operation: "connect",
      params: {
        DBHostname: str(v, "hostname"),
        Port: Number(str(v, "port")),
        DBUsername: str(v, "username"),
      },
    }),
    actions: ["rds-db:connect"],
    access: "Write",
    calls: [],
  },
};

const parsers = new Map<string, ArgParser>();

/** Whether `aws <service> <command>` is one of the custom commands modelled here. */
export function isCustomCommand(service: string, command: string | undefined): boolean {
  return command !== undefined && Object.hasOwn(COMMANDS, `${service} ${command}`);
}

/** The options of a custom command, or undefined for one not modelled here. */
export function customOptions(service: string, command: string): readonly OptionSpec[] | undefined {
  return Object.hasOwn(COMMANDS, `${service} ${command}`)
    ? COMMANDS[`${service} ${command}`].options
    : undefined;
}

/** Parses a custom command into a high-level command with its first API call. */
export function parseCustom(
  service: string,
  command: string,
  args: string[],
  globals: GlobalOptions,
  files: FileAccess,
): ParsedCommand {
  const key = `${service} ${command}`;
  const spec = COMMANDS[key];
  let parser = parsers.get(key);
  if (!parser) parsers.set(key, parser = new ArgParser(spec.options, spec.positionals ?? 0));
  const parsed = parser.parse(args);
  const missing = parser.missingRequired(parsed);
  if (missing.length) failMissing(missing);
  if (parsed.extras.length) failUnknownOptions(parsed.extras, `Run 'aws ${key} help' for its options.`);
  const ctx = { shapes: () => ({ type: "string" as const }), files, used: [] as FileUse[], where: key };
  for (const [name, value] of parsed.values) {
    if (typeof value === "string" || (Array.isArray(value) && typeof value[0] === "string")) {
      const loaded = loadParamFile(value as string | string[], name, ctx);
      if (loaded !== value) parsed.values.set(name, typeof loaded === "string" ? loaded : value);
    }
  }
  // Positional values may be files too (`ddb put TABLE file://items.yaml`).
  const positionals = parsed.positionals.map((p, i) => {
    const loaded = loadParamFile(p, `argument ${i + 1}`, ctx);
    return typeof loaded === "string" ? loaded : p;
  });
  const { operation, params } = spec.call(parsed.values);
  ctx.used.push(...(spec.files?.(parsed.values) ?? []));
  const options = Object.fromEntries(parsed.values);
  const creds = credentialEntry(service, operation, params, command);
  return {
    kind: "high-level",
    service,
    serviceModel: service,
    command,
    operation,
    calls: spec.calls.map((c) => {
      const [service, command] = c.split(" ");
      return { service, command };
    }),
    params,
    globals,
    paging: {},
    files: ctx.used,
    iam: { actions: spec.actions, access: spec.access },
    readOnly: (spec.access === "List" || spec.access === "Read") && !creds,
    ...(creds ? { credentials: creds.reason } : {}),
    warnings: [],
    highLevel: { name: command, paths: positionals, options },
  };
}
