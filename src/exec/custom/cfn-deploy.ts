/**
 * `aws cloudformation deploy` as the AWS CLI v2 runs it (customizations/cloudformation/deploy.py and
 * deployer.py): the template read through the file policy, its parameters merged with `--parameter-overrides`
 * (Key=Value, or the three JSON forms), a change set created (CREATE or UPDATE as DescribeStacks says; a large
 * template uploaded to `--s3-bucket` first), waited for, then executed and waited for — or left for review with
 * `--no-execute-changeset`. "No changes to deploy" ends it quietly unless `--fail-on-empty-changeset`. The
 * stack wait is bounded by the call limit: past it, the command returns and says the stack is still going.
 */
import { createHash } from "node:crypto";
import { parse as parseYaml } from "yaml";
import type { Waiter } from "../../models/types.ts";
import type { ParsedCommand } from "../../parse/types.ts";
import { ExecFailure, fromSdkError } from "../errors.ts";
import type { LoadedClient } from "../sdk.ts";
import type { ExecFiles } from "../types.ts";
import { runWaiter } from "../waiter.ts";

/** The largest template CloudFormation takes in the request itself. */
const MAX_TEMPLATE_BODY = 51_200;
const PREFIX = "awscli-cloudformation-package-deploy-";

/** What deploy needs besides the CloudFormation client. */
export interface DeployDeps {
  files: ExecFiles;
  /** The S3 client, for `--s3-bucket` (made only when needed) and its endpoint for the template URL. */
  s3: () => Promise<{ loaded: LoadedClient; endpoint: string }>;
  waiters: Record<string, Waiter>;
  /** When to stop waiting for the stack (ms since the epoch): a little before the call limit. */
  deadline: number;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  now?: Date;
}

const invalid = (message: string, hint?: string) =>
  new ExecFailure({ code: "INVALID_VALUE", message, ...(hint ? { hint } : {}) });

/** `Key=Value` words as a map, split at the first `=`, as the CLI splits them. */
function keyValues(words: readonly string[], flag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const w of words) {
    const at = w.indexOf("=");
    if (at < 0) {
      throw invalid(
        `['${w}'] value passed to --${flag} must be of format Key=Value`,
        `Write --${flag} Key=Value …`,
      );
    }
    out.set(w.slice(0, at), w.slice(at + 1));
  }
  return out;
}

/** `--parameter-overrides`: Key=Value words, or JSON as CloudFormation, CodePipeline or Key=Value strings. */
export function parameterOverrides(words: readonly string[] | undefined): Map<string, string> {
  if (!words?.length) return new Map();
  let data: unknown;
  try {
    data = JSON.parse(words[0]);
  } catch {
    return keyValues(words, "parameter-overrides");
  }
  if (Array.isArray(data) && data.every((x) => x && typeof x === "object" && "ParameterKey" in x)) {
    return new Map(data.map((x) => [String(x.ParameterKey), String(x.ParameterValue)]));
  }
  const params = (data as { Parameters?: unknown })?.Parameters;
  if (params && typeof params === "object" && !Array.isArray(params)) {
    return new Map(Object.entries(params).map(([k, v]) => [k, String(v)]));
  }
  if (Array.isArray(data) && data.every((x) => typeof x === "string")) {
    return keyValues(data, "parameter-overrides");
  }
  throw invalid(
    'JSON passed to --parameter-overrides must be one of the formats: ["Key1=Value1","Key2=Value2", ...] , ' +
      '[{"ParameterKey": "Key1", "ParameterValue": "Value1"}, ...] , ["Parameters": {"Key1": "Value1", "Key2": "Value2", ...}]',
  );
}

/** The template's parameter names, in order (JSON, or YAML with CloudFormation's short-form tags). */
export function templateParameters(template: string): string[] {
  let doc: unknown;
  try {
    doc = JSON.parse(template);
  } catch {
    // Tags such as !Ref and !Sub are unknown to a plain YAML reader: their values are kept, the tags dropped.
    doc = parseYaml(template, { logLevel: "silent" });
  }
  const params = (doc as { Parameters?: unknown } | null)?.Parameters;
  return params && typeof params === "object" && !Array.isArray(params) ? Object.keys(params) : [];
}

/** Python's datetime.utcnow().isoformat(): microseconds always shown (the milliseconds, then 000). */
const utcIso = (d: Date) => `${d.toISOString().slice(0, 23)}000`;

/** Runs `cloudformation deploy`; what the CLI prints, and a notice when the stack wait ran out of time. */
export async function runCfnDeploy(
  cmd: ParsedCommand,
  cfn: LoadedClient,
  deps: DeployDeps,
): Promise<{ text: string; notice?: string }> {
  const o = cmd.highLevel!.options;
  const stack = o["stack-name"] as string;
  const now = deps.now ?? new Date();
  const send = async (op: string, input: Record<string, unknown>) => {
    try {
      return await cfn.client.send(new (cfn.command(op)!)(input), { abortSignal: deps.signal });
    } catch (e) {
      throw e instanceof ExecFailure ? e : new ExecFailure(fromSdkError(e, op));
    }
  };
  const bytes = await deps.files.read(o["template-file"] as string);
  const template = new TextDecoder().decode(bytes);
  const overrides = parameterOverrides(o["parameter-overrides"] as string[] | undefined);
  const tags = [...keyValues((o.tags as string[] | undefined) ?? [], "tags")].map(([Key, Value]) => ({
    Key,
    Value,
  }));
  let parameters: Array<Record<string, unknown>> = templateParameters(template).map((k) =>
    overrides.has(k)
      ? { ParameterKey: k, ParameterValue: overrides.get(k) }
      : { ParameterKey: k, UsePreviousValue: true }
  );
  if (bytes.length > MAX_TEMPLATE_BODY && o["s3-bucket"] === undefined) {
    throw invalid(
      "Templates with a size greater than 51,200 bytes must be deployed via an S3 Bucket. Please add the " +
        "--s3-bucket parameter to your command. The local template will be copied to that S3 bucket and then deployed.",
    );
  }

  // A stack that does not exist yet (or exists only as a change set under review) is created.
  let exists: boolean;
  try {
    const found = await send("DescribeStacks", { StackName: stack });
    const stacks = (found.Stacks ?? []) as Array<{ StackStatus?: string }>;
    exists = stacks.length === 1 && stacks[0].StackStatus !== "REVIEW_IN_PROGRESS";
  } catch (e) {
    if (!(e instanceof ExecFailure && e.message.includes(`Stack with id ${stack} does not exist`))) throw e;
    exists = false;
  }
  const type = exists ? "UPDATE" : "CREATE";
  if (!exists) parameters = parameters.filter((p) => !p.UsePreviousValue);
  else {
    const summary = await send("GetTemplateSummary", { StackName: stack });
    const known = new Set(
      ((summary.Parameters ?? []) as Array<{ ParameterKey: string }>).map((p) => p.ParameterKey),
    );
    parameters = parameters.filter((p) => !(p.UsePreviousValue && !known.has(p.ParameterKey as string)));
  }
  const request: Record<string, unknown> = {
    ChangeSetName: `${PREFIX}${Math.floor(now.getTime() / 1000)}`,
    StackName: stack,
    TemplateBody: template,
    ChangeSetType: type,
    Parameters: parameters,
    Capabilities: o.capabilities ?? [],
    Description: `Created by AWS CLI at ${utcIso(now)} UTC`,
    Tags: tags,
  };
  if (typeof o["s3-bucket"] === "string") {
    delete request.TemplateBody;
    request.TemplateURL = await uploadTemplate(bytes, o, deps);
  }
  if (o["role-arn"] !== undefined) request.RoleARN = o["role-arn"];
  if (o["notification-arns"] !== undefined) request.NotificationARNs = o["notification-arns"];
  const created = await send("CreateChangeSet", request);
  const id = created.Id as string;

  let text = "\nWaiting for changeset to be created..\n";
  deps.onProgress?.("Waiting for changeset to be created");
  try {
    await runWaiter(
      { ...deps.waiters["change-set-create-complete"], delay: 5 },
      { ChangeSetName: id, StackName: stack },
      (i) => send("DescribeChangeSet", i),
      { signal: deps.signal, onProgress: deps.onProgress },
    );
  } catch (e) {
    if (!(e instanceof ExecFailure) || e.error.code !== "WAITER_FAILED") throw e;
    const last = await send("DescribeChangeSet", { ChangeSetName: id, StackName: stack });
    const [status, reason] = [String(last.Status), String(last.StatusReason ?? "")];
    // The CLI's test, precedence and all.
    if (
      (status === "FAILED" && reason.includes("The submitted information didn't contain changes.")) ||
      reason.includes("No updates are to be performed")
    ) {
      const empty = `No changes to deploy. Stack ${stack} is up to date`;
      if (o["fail-on-empty-changeset"] === true) {
        throw new ExecFailure({ code: "SERVICE_ERROR", message: `${text}\n${empty}` });
      }
      return { text: `${text}\n${empty}\n` };
    }
    throw new ExecFailure({
      code: "SERVICE_ERROR",
      message: `${text}Failed to create the changeset: ${e.message} Status: ${status}. Reason: ${reason}`,
    });
  }
  if (o["execute-changeset"] === false) {
    return {
      text: `${text}Changeset created successfully. Run the following command to review changes:\n` +
        `aws cloudformation describe-change-set --change-set-name ${id}\n`,
    };
  }
  await send("ExecuteChangeSet", {
    ChangeSetName: id,
    StackName: stack,
    DisableRollback: o["disable-rollback"] === true,
  });
  text += "Waiting for stack create/update to complete\n";
  const waiter = deps.waiters[type === "CREATE" ? "stack-create-complete" : "stack-update-complete"];
  const timedOut = new Error("deadline");
  try {
    await runWaiter(
      { ...waiter, delay: 30, maxAttempts: 120 },
      { StackName: stack },
      (i) => send("DescribeStacks", i),
      {
        signal: deps.signal,
        onProgress: deps.onProgress,
        // The stack may take longer than a call may: stop waiting, not the stack.
        sleep: (ms) =>
          Date.now() + ms > deps.deadline ? Promise.reject(timedOut) : new Promise((r) => setTimeout(r, ms)),
      },
    );
  } catch (e) {
    if (e === timedOut) {
      return {
        text,
        notice:
          `The stack ${stack} is still being ${
            type === "CREATE" ? "created" : "updated"
          }; this call stopped ` +
          `waiting at its time limit. Follow it with aws cloudformation describe-stacks --stack-name ${stack} or ` +
          `aws cloudformation describe-stack-events --stack-name ${stack}.`,
      };
    }
    if (!(e instanceof ExecFailure) || e.error.code !== "WAITER_FAILED") throw e;
    throw new ExecFailure({
      code: "SERVICE_ERROR",
      message:
        `${text}\nFailed to create/update the stack. Run the following command\nto fetch the list of events ` +
        `leading up to the failure\naws cloudformation describe-stack-events --stack-name ${stack}`,
      hint: `aws cloudformation describe-stack-events --stack-name ${stack} says why.`,
    });
  }
  return { text: `${text}Successfully created/updated stack - ${stack}\n` };
}

/** Uploads the template as the CLI does (key: its MD5 + ".template", skipped when there); its path-style URL. */
async function uploadTemplate(
  bytes: Uint8Array,
  o: Record<string, unknown>,
  deps: DeployDeps,
): Promise<string> {
  const bucket = o["s3-bucket"] as string;
  const prefix = typeof o["s3-prefix"] === "string" && o["s3-prefix"] ? `${o["s3-prefix"]}/` : "";
  const key = `${prefix}${createHash("md5").update(bytes).digest("hex")}.template`;
  const { loaded, endpoint } = await deps.s3();
  const send = (op: string, input: Record<string, unknown>) =>
    loaded.client.send(new (loaded.command(op)!)(input), { abortSignal: deps.signal });
  const there = o["force-upload"] === true
    ? false
    : await send("HeadObject", { Bucket: bucket, Key: key }).then(
      () => true,
      () => false,
    );
  if (!there) {
    const sse = typeof o["kms-key-id"] === "string"
      ? { ServerSideEncryption: "aws:kms", SSEKMSKeyId: o["kms-key-id"] }
      : { ServerSideEncryption: "AES256" };
    try {
      await send("PutObject", { Bucket: bucket, Key: key, Body: bytes, ...sse });
    } catch (e) {
      throw new ExecFailure(fromSdkError(e, "PutObject"));
    }
    deps.onProgress?.(`Uploaded the template to s3://${bucket}/${key}`);
  }
  return `${endpoint.replace(/\/$/, "")}/${bucket}/${key}`;
}
