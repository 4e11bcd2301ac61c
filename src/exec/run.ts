/**
 * Runs one parsed command through the service's SDK client: input conversion, pagination, waiters,
 * output files, and the result as the AWS CLI would print it.
 */
import { loadOutputs, loadService } from "../models/registry.ts";
import type { Operation, ServiceModel, Shape, Waiter } from "../models/types.ts";
import type { ExecFiles } from "./types.ts";
import { FileBody, type ParsedCommand } from "../parse/types.ts";
import { type ExecError, ExecFailure, fromSdkError } from "./errors.ts";
import { applyQuery, formatOutput, formatText } from "./output/format.ts";
import { paginate, type PagingStop } from "./paginate.ts";
import { toCliOutput } from "./protocol/result.ts";
import { withResponseMetadata } from "./output/metadata.ts";
import { captureResponse, type HttpSeen } from "./protocol/capture.ts";
import { boundMembers, readJsonBody, readsJsonBody } from "./protocol/jsonbody.ts";
import { completeJsonBody } from "./protocol/jsonrequest.ts";
import { asCliSends } from "./protocol/cli-request.ts";
import { type ClientSettings, cliProtocol, hasSdk, loadClient, type LoadedClient } from "./sdk.ts";
import { runS3Ls } from "./s3/ls.ts";
import { isSimpleS3, runSimpleS3 } from "./s3/simple.ts";
import { isS3Copy, runS3Copy } from "./s3/cp.ts";
import { isS3RemoveAll, runS3RemoveAll } from "./s3/rm.ts";
import { isS3Presign, runS3Presign } from "./s3/presign.ts";
import { isS3Transfer, runS3Transfer } from "./s3/transfer.ts";
import { DEFAULT_TRANSFER, type TransferSettings } from "./s3/settings.ts";
import { runWaiter } from "./waiter.ts";
import { modelPath, streams } from "./protocol/model-protocol.ts";
import { mapBounded } from "./pool.ts";
import { endpointFor } from "./endpoint.ts";
import { payloadOf } from "./protocol/payload.ts";
import { mapSensitive, unmarkedSensitive } from "../models/sensitive.ts";

/** What stands in the output for a value the model marks sensitive. */
export const REDACTED = "<redacted: sensitive>";

/** What execution needs from its environment. */
export interface ExecOptions {
  /** Region when the command names none (AWS_REGION); the profile's, then us-east-1, after it. */
  region?: string;
  /** Profile when the command names none (AWS_API_MCP_PROFILE_NAME). */
  profile?: string;
  /** The profile's configured region, looked up by the caller. */
  profileRegion?: (profile: string | undefined) => Promise<string | undefined>;
  /** The profile's s3 transfer settings (concurrency, multipart sizes); the CLI's defaults without it. */
  transferSettings?: (profile: string | undefined) => Promise<TransferSettings>;
  /** Endpoint overrides from the environment: AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL. */
  env?: Record<string, string | undefined>;
  userAgent?: string;
  files: ExecFiles;
  signal?: AbortSignal;
  /** Caps items across pages (the tool's max_results). */
  maxResults?: number;
  /** Replace every output value the model marks sensitive (read-only mode, AWS_API_MCP_REDACT_SENSITIVE). */
  redactSensitive?: boolean;
  /** The most bytes one response may have (AWS_API_MCP_MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
  /** Bounds on pagination even without max_results: pages, items, bytes held, time in ms. */
  paging?: { pages: number; items: number; bytes: number; ms: number; chars?: number };
  /** How long `logs tail --follow` follows, in ms (AWS_API_MCP_TAIL_FOLLOW_SECONDS, within the call limit). */
  tailFollowMs?: number;
  /** `all`: every operation made from the model, through its client where there is one (AWS_API_MCP_MODEL_DRIVEN). */
  modelDriven?: "missing" | "all";
  onProgress?: (message: string) => void;
}

/** The outcome of a command: the CLI-form result and its formatted text. */
export interface ExecResult {
  /** The response as the CLI's JSON output holds it, after --query; undefined when there is none. */
  result: unknown;
  /** What the CLI would print with the command's --output format. */
  text: string;
  region: string;
  /** How many sensitive values were replaced by the redaction marker. */
  redacted?: number;
  /** What the command says beside its output (a bounded `logs tail --follow` that stopped). */
  notice?: string;
  /** The paging bound that ended a listing early (its NextToken resumes it). */
  stopped?: PagingStop;
}

/** A result or an execution error. */
export type ExecOutcome = { ok: true; value: ExecResult } | { ok: false; error: ExecError };

async function toSdkInput(
  params: Record<string, unknown>,
  files: ExecFiles,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) out[k] = v instanceof FileBody ? await files.read(v.path) : v;
  return out;
}

/** Executes a parsed command; never throws for service, network or file failures. */
export async function execute(cmd: ParsedCommand, opts: ExecOptions): Promise<ExecOutcome> {
  try {
    return { ok: true, value: await run(cmd, opts) };
  } catch (e) {
    if (e instanceof ExecFailure) return { ok: false, error: e.error };
    return { ok: false, error: fromSdkError(e, cmd.operation) };
  }
}

/** Every region enabled for the account, from EC2's DescribeRegions. */
async function enabledRegions(cmd: ParsedCommand, opts: ExecOptions): Promise<string[]> {
  const probe: ParsedCommand = {
    ...cmd,
    kind: "operation",
    service: "ec2",
    serviceModel: "ec2",
    command: "describe-regions",
    operation: "DescribeRegions",
    calls: [{ service: "ec2", command: "describe-regions" }],
    params: {},
    paging: {},
    outfile: undefined,
    globals: {
      ...cmd.globals,
      region: opts.region ?? "us-east-1",
      query: "Regions[].RegionName",
      output: "json",
    },
  };
  const found = await run(probe, opts);
  return (found.result as string[] | undefined) ?? [];
}

/** `--region '*'`: the command in every enabled region, five at a time; results keyed by region. */
async function runAllRegions(cmd: ParsedCommand, opts: ExecOptions): Promise<ExecResult> {
  const regions = await enabledRegions(cmd, opts);
  let redacted = 0;
  const results = await mapBounded(
    regions,
    5,
    async (region) => {
      const one = await execute({ ...cmd, globals: { ...cmd.globals, region, output: "json" } }, opts);
      if (one.ok) redacted += one.value.redacted ?? 0;
      return one.ok ? one.value.result ?? {} : { Error: one.error };
    },
    (n) => opts.onProgress?.(`${n} of ${regions.length} regions done`),
  );
  const ordered = Object.fromEntries(regions.map((r, i) => [r, results[i]]));
  const text = formatOutput(ordered, cmd.globals.output ?? "json", cmd.operation);
  return { result: ordered, text, region: "*", ...(redacted ? { redacted } : {}) };
}

/** Whether call_aws runs `aws <service> <command>`, one of the CLI's own (the others are validated, then refused). */
export function runsCustomization(service: string, command: string): boolean {
  return service === "s3" || Object.hasOwn(CUSTOM, `${service} ${command}`);
}

type CustomRun = (cmd: ParsedCommand, opts: ExecOptions) => Promise<ExecResult>;

/**
 * The S3 client the CLI's CloudFormation commands make: it ignores --endpoint-url (that is CloudFormation's;
 * the environment's AWS_ENDPOINT_URL_S3 counts), and its endpoint as the URLs of uploaded templates name it.
 */
async function cliS3Client(cmd: ParsedCommand, opts: ExecOptions) {
  const s3Cmd = { ...cmd, globals: { ...cmd.globals, endpointUrl: undefined } };
  const model = loadService("s3api")!;
  const { loaded, region } = await clientFor(s3Cmd, model, opts);
  const endpoint = endpointFor(model, s3Cmd, opts.env ?? {}) ??
    (region === "us-east-1" ? "https://s3.amazonaws.com" : `https://s3.${region}.amazonaws.com`);
  return { s3: loaded, endpoint, region };
}

// The runners load on first use: start-up does not pay for them (nor for the signer the tokens use).

/** A token command: its client's service (eks get-token signs with STS), then the runner. */
const token: CustomRun = async (cmd, opts) => {
  const { runTokenCommand, tokenClientService } = await import("./custom/tokens.ts");
  const { loaded, region } = await clientFor(
    cmd,
    loadService(tokenClientService(cmd.service, cmd.command!)!)!,
    opts,
  );
  return { result: undefined, text: (await runTokenCommand(cmd, loaded, region, opts.signal)).text, region };
};

const configureView: CustomRun = async (cmd, opts) => {
  const { runConfigureView } = await import("./custom/configure.ts");
  const text = await runConfigureView(cmd, { env: opts.env ?? {}, profile: opts.profile });
  return { result: undefined, text, region: await regionFor(cmd, opts) };
};

/** The AWS CLI's own commands outside `aws s3` that call_aws runs, by `service command`. */
const CUSTOM: Readonly<Record<string, CustomRun>> = {
  "ecr get-login-password": token,
  "ecr-public get-login-password": token,
  "eks get-token": token,
  "rds generate-db-auth-token": token,
  "configure list": configureView,
  "configure list-profiles": configureView,
  "configure get": configureView,
  "logs tail": async (cmd, opts) => {
    const { runLogsTail } = await import("./custom/logs-tail.ts");
    const { loaded, region } = await clientFor(cmd, loadService("logs")!, opts);
    const tail = await runLogsTail(cmd, loaded, {
      followMs: opts.tailFollowMs ?? 30_000,
      signal: opts.signal,
      onProgress: opts.onProgress,
    });
    return { result: undefined, text: tail.text, region, ...(tail.notice ? { notice: tail.notice } : {}) };
  },
  "ddb put": async (cmd, opts) => {
    const { runDdbPut } = await import("./custom/ddb.ts");
    const { loaded, region } = await clientFor(cmd, loadService("dynamodb")!, opts);
    return { result: undefined, text: await runDdbPut(cmd, loaded, opts.signal), region };
  },
  "ddb select": async (cmd, opts) => {
    const { runDdbSelect } = await import("./custom/ddb.ts");
    const model = loadService("dynamodb")!;
    const { loaded, region } = await clientFor(cmd, model, opts);
    const paginators = { Query: model.operations.Query.paginator, Scan: model.operations.Scan.paginator };
    return { result: undefined, text: await runDdbSelect(cmd, loaded, paginators, opts.signal), region };
  },
  "cloudformation package": async (cmd, opts) => {
    const { runCfnPackage } = await import("./custom/cfn-package.ts");
    const { metadataOf } = await import("./s3/cp.ts");
    const o = cmd.highLevel!.options;
    const { s3, endpoint, region } = await cliS3Client(cmd, opts);
    const { text } = await runCfnPackage(cmd, opts.files, {
      bucket: o["s3-bucket"] as string,
      prefix: o["s3-prefix"] as string | undefined,
      kmsKeyId: o["kms-key-id"] as string | undefined,
      forceUpload: o["force-upload"] === true,
      metadata: typeof o.metadata === "string" ? metadataOf(o.metadata) : undefined,
      s3,
      endpoint,
      signal: opts.signal,
      onProgress: opts.onProgress,
    });
    return { result: undefined, text, region };
  },
  "cloudformation deploy": async (cmd, opts) => {
    const { runCfnDeploy } = await import("./custom/cfn-deploy.ts");
    const cfnModel = loadService("cloudformation")!;
    const { loaded, region } = await clientFor(cmd, cfnModel, opts);
    const deployed = await runCfnDeploy(cmd, loaded, {
      files: opts.files,
      s3: async () => {
        const { s3, endpoint } = await cliS3Client(cmd, opts);
        return { loaded: s3, endpoint };
      },
      waiters: cfnModel.waiters as Record<string, Waiter>,
      deadline: Date.now() + (opts.paging?.ms ?? 270_000),
      signal: opts.signal,
      onProgress: opts.onProgress,
    });
    return {
      result: undefined,
      text: deployed.text,
      region,
      ...(deployed.notice ? { notice: deployed.notice } : {}),
    };
  },
};

/** How call_aws runs one of the `aws s3` commands it runs, or undefined for the others. */
function s3Runner(cmd: ParsedCommand, opts: ExecOptions) {
  if (cmd.kind !== "high-level" || cmd.service !== "s3") return undefined;
  if (cmd.command === "ls") return (c: LoadedClient) => runS3Ls(cmd, c, opts);
  const settings = async () =>
    await opts.transferSettings?.(cmd.globals.profile ?? opts.profile) ?? DEFAULT_TRANSFER;
  if (isS3Transfer(cmd)) {
    return async (c: LoadedClient) =>
      runS3Transfer(cmd, c, opts.files, await settings(), opts.signal, opts.onProgress);
  }
  if (isS3Copy(cmd)) {
    return async (c: LoadedClient) =>
      runS3Copy(cmd, c, opts.files, await settings(), opts.signal, opts.onProgress);
  }
  if (isS3RemoveAll(cmd)) return (c: LoadedClient) => runS3RemoveAll(cmd, c, opts.signal, opts.onProgress);
  if (isSimpleS3(cmd)) return (c: LoadedClient, region: string) => runSimpleS3(cmd, c, region, opts.signal);
  if (isS3Presign(cmd)) {
    return (c: LoadedClient) => runS3Presign(cmd, c).then((r) => ({ ...r, result: undefined }));
  }
  return undefined;
}

/** The region a command runs in: --region, the server's, the profile's, else us-east-1 as the SDK's default. */
async function regionFor(cmd: ParsedCommand, opts: ExecOptions): Promise<string> {
  const profile = cmd.globals.profile ?? opts.profile;
  return cmd.globals.region ?? opts.region ?? (await opts.profileRegion?.(profile)) ?? "us-east-1";
}

/** The SDK client for a command's service, configured from the command and the options. */
async function clientFor(
  cmd: ParsedCommand,
  service: ServiceModel,
  opts: ExecOptions,
): Promise<{ loaded: LoadedClient; region: string }> {
  const region = await regionFor(cmd, opts);
  const loaded = await loadClient(service, await clientSettings(cmd, service, opts, region));
  return { loaded, region };
}

/** How a command's client is set up: region, profile, endpoint, TLS, timeouts, the response cap. */
async function clientSettings(
  cmd: ParsedCommand,
  service: ServiceModel,
  opts: ExecOptions,
  region: string,
): Promise<ClientSettings> {
  return {
    region,
    profile: cmd.globals.profile ?? opts.profile,
    endpoint: endpointFor(service, cmd, opts.env ?? {}),
    signRequest: cmd.globals.signRequest,
    verifySsl: cmd.globals.verifySsl,
    caBundle: cmd.globals.caBundle === undefined
      ? undefined
      : new TextDecoder().decode(await opts.files.read(cmd.globals.caBundle)),
    readTimeoutSeconds: cmd.globals.readTimeout,
    connectTimeoutSeconds: cmd.globals.connectTimeout,
    userAgent: opts.userAgent,
    // A payload bound for a local file (an outfile, an s3 download) is the user's to size: not capped.
    maxResponseBytes: cmd.files.some((f) => f.mode === "write") ? Infinity : opts.maxResponseBytes,
  };
}

async function run(cmd: ParsedCommand, opts: ExecOptions): Promise<ExecResult> {
  if (cmd.globals.region === "*") return runAllRegions(cmd, opts);
  const s3 = s3Runner(cmd, opts);
  if (s3) {
    const { loaded, region } = await clientFor(cmd, loadService(cmd.serviceModel)!, opts);
    const { result, text } = await s3(loaded, region);
    return { result, text, region };
  }
  const custom = cmd.kind === "high-level" ? CUSTOM[`${cmd.service} ${cmd.command}`] : undefined;
  if (custom) return await custom(cmd, opts);
  if (cmd.kind === "high-level") {
    throw new ExecFailure({
      code: "UNSUPPORTED_COMMAND",
      message:
        `'aws ${cmd.service} ${cmd.command}' is one of the AWS CLI's own commands, which this server does not run yet.`,
      hint:
        "Use the API commands it is built on (for example aws ecs update-service instead of aws ecs deploy).",
    });
  }
  const service = loadService(cmd.serviceModel)!;
  const op = service.operations[cmd.operation];
  // Operations no bundled client has are made from the model: sent on their own, or through the client.
  let path = modelPath(service, cmd.operation, await hasSdk(service));
  const { loaded, region } = path === "standalone"
    ? { loaded: undefined, region: await regionFor(cmd, opts) }
    : await clientFor(cmd, service, opts);
  const Command = loaded?.command(cmd.operation);
  const outputs = loadOutputs(service.name)!;
  const outShapes = (n: string): Shape => outputs.shapes[n];
  // A client without the command the models expect of it (a package older than the build saw): the model's.
  // With AWS_API_MCP_MODEL_DRIVEN=all every other operation is too, but for those that stream (the model path
  // holds a body whole).
  const allFromModel = opts.modelDriven === "all" && !streams(service, cmd.operation, outShapes);
  if (!path && (!Command || allFromModel)) path = "client";
  const outShape = op.output ? outShapes(op.output.shape) : undefined;
  const input = await toSdkInput(cmd.params, opts.files);
  const inShapes = (n: string): Shape => service.shapes[n];
  const requestShape = op.input ? inShapes(op.input.shape) : undefined;
  const seen: { http?: HttpSeen; raw?: Record<string, unknown> } = {};
  const protocol = cliProtocol(service.metadata);
  const readsBody = readsJsonBody(outShape, outShapes, protocol);
  // The model paths read JSON bodies themselves (jsonbody.ts), numbers as written.
  const jsonRead = protocol === "json" || protocol === "rest-json";
  const settings = path === "standalone" ? await clientSettings(cmd, service, opts, region) : undefined;
  const call = async (request: Record<string, unknown>) => {
    if (path === "client") {
      // Loaded on first use, as below.
      const { modelCommand } = await import("./protocol/model-command.ts");
      const Made = modelCommand(
        loaded!,
        service,
        cmd.operation,
        outShape,
        outShapes,
        outputs.shapes as never,
      );
      const made = new Made(request);
      seen.http = undefined;
      captureResponse(made, seen, false);
      const raw = await loaded!.client.send(made, { abortSignal: opts.signal });
      seen.raw = raw;
      if (cmd.outfile && op.outfile) await saveOutfile(raw, op, cmd.outfile, opts.files);
      return finish(toCliOutput(raw, outShape, outShapes, jsonRead) as Record<string, unknown>);
    }
    if (settings) {
      // Loaded on first use: the signer, the credential chain and the endpoint rules are not start-up's cost.
      const { modelCall } = await import("./protocol/model-call.ts");
      const { metadataOf, modelOutput } = await import("./protocol/model-serde.ts");
      const modelShapes = outputs.shapes as never;
      const response = await modelCall(service, cmd.operation, request, modelShapes, {
        ...settings,
        signal: opts.signal,
      });
      seen.http = { statusCode: response.status, headers: response.headers };
      seen.raw = { $metadata: metadataOf(response.headers, response.attempts) };
      const value = modelOutput(service, cmd.operation, outShape, outShapes, modelShapes, response);
      return finish(toCliOutput(value, outShape, outShapes, jsonRead) as Record<string, unknown>);
    }
    const command = new Command!(request);
    seen.http = undefined;
    captureResponse(command, seen, readsBody);
    asCliSends(command, service, op, cmd.operation, request);
    if (requestShape && (protocol === "json" || protocol === "rest-json")) {
      completeJsonBody(command, request, requestShape, inShapes);
    }
    const raw = await loaded!.client.send(command, { abortSignal: opts.signal });
    seen.raw = raw;
    if (cmd.outfile && op.outfile) await saveOutfile(raw, op, cmd.outfile, opts.files);
    // Filled in by the middleware during send (TypeScript cannot see that).
    const http = seen.http as HttpSeen | undefined;
    const read = http?.body && outShape ? readJsonBody(http.body, outShape, outShapes) : undefined;
    const value = read ? { ...boundMembers(raw, outShape!), ...read } : raw;
    return finish(toCliOutput(value, outShape, outShapes, read !== undefined) as Record<string, unknown>);
  };
  /** The output with what the model marks sensitive replaced, where asked. */
  const finish = (out: Record<string, unknown>) => {
    if (!opts.redactSensitive || !op.output) return out;
    return mapSensitive(out, op.output.shape, outShapes, () => {
      redacted++;
      return REDACTED;
    }, unmarkedSensitive(service.name)) as Record<string, unknown>;
  };
  let redacted = 0;
  let stopped: PagingStop | undefined;
  let result: unknown;
  // The CLI prints text page by page (see paginate's pageViews).
  let views: Record<string, unknown>[] | undefined;
  if (cmd.kind === "waiter") {
    await runWaiter(service.waiters[cmd.command] as Waiter, input, call, opts);
    result = undefined;
  } else if (op.paginator && cmd.globals.paginate && !cmd.outfile) {
    const maxItems = [cmd.paging.maxItems, opts.maxResults].filter((n) => n !== undefined) as number[];
    const paged = await paginate(op.paginator, input, call, {
      maxItems: maxItems.length ? Math.min(...maxItems) : undefined,
      startingToken: cmd.paging.startingToken,
      signal: opts.signal,
      onPage: (n) => opts.onProgress?.(`${cmd.operation}: page ${n}`),
      // The cap is certain to cut only when the output is JSON of the items themselves.
      bounds: opts.paging && {
        ...opts.paging,
        chars: cmd.globals.query === undefined && (cmd.globals.output ?? "json") === "json"
          ? opts.paging.chars
          : undefined,
      },
      pageViews: cmd.globals.output === "text"
        ? "text"
        : cmd.globals.output === "yaml-stream"
        ? "raw"
        : undefined,
    });
    result = paged.result;
    stopped = paged.stopped;
    views = paged.views;
  } else {
    const output = await call(input);
    result = withResponseMetadata(output, seen.raw!, seen.http, protocol);
  }
  const queried = applyQuery(result ?? {}, cmd.globals.query);
  const text = result === undefined && cmd.globals.query === undefined
    ? ""
    : views
    ? byPage(views, (result as Record<string, unknown>).NextToken, cmd.globals)
    : formatOutput(queried, cmd.globals.output ?? "json", cmd.operation);
  return {
    result: result === undefined ? undefined : queried,
    text,
    region,
    ...(redacted ? { redacted } : {}),
    ...(stopped ? { stopped } : {}),
  };
}

/**
 * A paginated command's output as the CLI streams it, page by page: text (then where to resume), or
 * yaml-stream (each page as it came, a one-item list each).
 */
function byPage(
  views: Record<string, unknown>[],
  next: unknown,
  globals: { query?: string; output?: string },
): string {
  if (globals.output === "yaml-stream") {
    return views.map((v) => formatOutput(applyQuery(v, globals.query), "yaml-stream")).join("");
  }
  const pages = next === undefined ? views : [...views, { NextToken: { NextToken: next } }];
  return pages.map((v) => formatText(applyQuery(v, globals.query))).join("");
}

async function saveOutfile(
  raw: Record<string, unknown>,
  op: Operation,
  path: string,
  files: ExecFiles,
): Promise<void> {
  await files.write(path, payloadOf(raw[op.outfile!]));
  delete raw[op.outfile!];
}
