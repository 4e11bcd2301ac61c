/**
 * AWS CLI command text → one validated `ParsedCommand`, as the AWS CLI v2 would build it, without any
 * network access. The stages: lex → global options and service → operation or waiter → the command's
 * arguments → values → botocore's defaults → validation.
 */
import { credentialEntry, isReadOnly, sideEffectEntry } from "../models/credentials.ts";
import { findOperation, loadOutputs, loadService, serviceNames } from "../models/registry.ts";
import type { Operation, ServiceModel, Shape } from "../models/types.ts";
import { ArgParser } from "./argparse.ts";
import { argTable } from "./argtable.ts";
import { closest } from "./closest.ts";
import { cliName } from "../models/names.ts";
import { applyDefaults, checkEndpointParams } from "./defaults.ts";
import type { ExtraContext } from "./extras.ts";
import { checkBucketName, checkHostLabels } from "./labels.ts";
import { fail, failMissing, failUnknownOptions, intendedFlag, ParseFailure, type Result } from "./errors.ts";
import { GLOBAL_SPECS, readGlobals } from "./globals.ts";
import { HIGH_LEVEL_COMMANDS, isHighLevel } from "./highlevel.ts";
import { isCustomCommand, parseCustom } from "./custom.ts";
import { lex } from "./lex.ts";
import { skeletonOf } from "./skeleton.ts";
import { isS3Command, parseS3 } from "./s3.ts";
import { checkQuery } from "./query.ts";
import { isRecord, pyInt } from "./shorthand.ts";
import type { GlobalOptions, PagingOptions, ParsedCommand } from "./types.ts";
import {
  decodeBlobs,
  type FileAccess,
  loadParamFile,
  parseJson,
  type UnpackContext,
  unpackValue,
} from "./unpack.ts";
import { validateInput } from "./validate.ts";
import { parseYaml } from "./yaml.ts";

/** What the parser may use from outside: file reads (through the file policy) and id generation. */
export interface ParseOptions {
  files: FileAccess;
  uuid?: () => string;
}

/** Longest command text accepted; longer text is refused before any work. */
export const MAX_COMMAND_LENGTH = 4 * 1024 * 1024;

/** `aws <service> help` or `aws <service> <command> help`: answered from the documentation. */
export interface HelpRequest {
  kind: "help";
  service?: string;
  command?: string;
}

const mainParser = new ArgParser(GLOBAL_SPECS, 1);
const serviceParser = new ArgParser([], 1);

/** Parses and validates one command; never throws for bad input. */
export function parseCommand(text: string, options: ParseOptions): Result<ParsedCommand | HelpRequest> {
  try {
    const value = parse(text, options);
    // The CA bundle is a local file like any other: the file policy must see it.
    if (value.kind !== "help" && value.globals.caBundle !== undefined) {
      value.files.push({ path: value.globals.caBundle, mode: "read-text", via: "--ca-bundle" });
    }
    return { ok: true, value };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.error };
    // Recursion over the input (shorthand, JSON documents) ran out of stack: the input nests too deeply.
    if (e instanceof RangeError) {
      return {
        ok: false,
        error: {
          code: "INPUT_TOO_LARGE",
          message: "The command's values nest too deeply to process.",
          hint: "Flatten the value or pass it as a JSON file.",
        },
      };
    }
    throw e;
  }
}

function parse(text: string, options: ParseOptions): ParsedCommand | HelpRequest {
  if (text.length > MAX_COMMAND_LENGTH) {
    fail(
      "INPUT_TOO_LARGE",
      `The command is ${text.length} characters long; the limit is ${MAX_COMMAND_LENGTH}.`,
      "Put large values in a file and pass file://<path>.",
    );
  }
  const words = lex(text);
  if (words.length === 0) {
    fail(
      "EMPTY_COMMAND",
      "The command is empty.",
      "Write an AWS CLI command such as: aws s3api list-buckets",
    );
  }
  if (words[0] !== "aws") {
    fail(
      "NOT_AWS_COMMAND",
      `Only AWS CLI commands are accepted; this one starts with '${words[0].slice(0, 40)}'.`,
      "Start the command with 'aws'.",
    );
  }
  const main = mainParser.parse(words.slice(1));
  const globals = readGlobals(main.values);
  if (main.values.get("version") === true) return { kind: "help" };
  const serviceName = main.positionals[0];
  if (serviceName === undefined) {
    fail(
      "MISSING_ARGUMENT",
      "No service given: the following arguments are required: command.",
      "Write: aws <service> <command> [options]",
    );
  }
  if (serviceName === "help") return { kind: "help" };
  if (globals.query !== undefined) checkQuery(globals.query);
  const service = loadService(serviceName);
  const sub = serviceParser.parse(main.extras);
  const commandName = sub.positionals[0];
  if (serviceName === "s3" && isS3Command(commandName)) {
    if (sub.extras.length === 1 && sub.extras[0] === "help") {
      return { kind: "help", service: "s3", command: commandName };
    }
    return parseS3(commandName!, sub.extras, globals, options.files);
  }
  if (isCustomCommand(serviceName, commandName)) {
    if (sub.extras.length === 1 && sub.extras[0] === "help") {
      return { kind: "help", service: serviceName, command: commandName };
    }
    return parseCustom(serviceName, commandName!, sub.extras, globals, options.files);
  }
  if (!service) {
    if (isHighLevel(serviceName)) unsupported(serviceName, commandName);
    const near = closest(serviceName, [...serviceNames(), ...Object.keys(HIGH_LEVEL_COMMANDS)]);
    fail(
      "UNKNOWN_SERVICE",
      `Unknown service '${serviceName}'.`,
      near.length ? `Did you mean: ${near.join(", ")}?` : "Run 'aws-api-mcp models' to list services.",
    );
  }
  if (commandName === undefined) {
    fail(
      "MISSING_ARGUMENT",
      `No command given for ${serviceName}: the following arguments are required: operation.`,
      `Write: aws ${serviceName} <command> [options]`,
    );
  }
  if (commandName === "help") return { kind: "help", service: serviceName };
  const rest = sub.extras;
  if (commandName === "wait") return waiter(serviceName, service, rest, globals, options);
  const found = findOperation(service, commandName);
  if (!found || found.operation.custom) {
    if (isHighLevel(serviceName, commandName)) unsupported(serviceName, commandName);
    const cands = [
      ...Object.values(service.operations).filter((o) => !o.hidden).map((o) => o.cli),
      ...Object.keys(service.commands ?? {}),
    ];
    const near = closest(commandName, cands);
    fail(
      "UNKNOWN_OPERATION",
      `Unknown command '${commandName}' for service ${serviceName}.`,
      near.length
        ? `Did you mean: ${near.join(", ")}?`
        : `Run 'aws ${serviceName} help' to list its commands.`,
    );
  }
  if (rest.length === 1 && rest[0] === "help") {
    return { kind: "help", service: serviceName, command: commandName };
  }
  return bind(serviceName, service, commandName, found.name, found.operation, rest, globals, options, false);
}

/** At most 20 lines of a list of errors: a huge input must not make a huge error. */
function listed(lines: string[]): string {
  const shown = lines.slice(0, 20).map((l) => (l.length > 500 ? `${l.slice(0, 500)}…` : l));
  return lines.length > 20 ? [...shown, `… and ${lines.length - 20} more`].join("\n") : shown.join("\n");
}

const PAGING_FLAGS: ReadonlyArray<[string, keyof PagingOptions]> = [
  ["starting-token", "startingToken"],
  ["page-size", "pageSize"],
  ["max-items", "maxItems"],
];

/**
 * The CLI pages only when the user leaves the paginator's own members alone: naming the token or the
 * limit member turns paging off, and then the paging flags are an error.
 */
function checkPagination(
  service: ServiceModel,
  op: Operation,
  params: Record<string, unknown>,
  paging: PagingOptions,
  globals: GlobalOptions,
) {
  const p = op.paginator;
  if (!p) return;
  const tokens = [p.input_token].flat();
  if ([...tokens, p.limit_key].some((k) => k !== undefined && Object.hasOwn(params, k))) {
    globals.paginate = false;
  }
  if (!globals.paginate) {
    const input = op.input ? service.shapes[op.input.shape] : undefined;
    const flags: string[] = [];
    for (const [flag, key] of PAGING_FLAGS) {
      if (paging[key] === undefined) continue;
      // A paging flag that shadows a member of the same name (iam's MaxItems) gives the member back its
      // value once paging is off, as the CLI restores shadowed arguments.
      const member = Object.keys(input?.members ?? {}).find((m) => cliName(m) === flag);
      if (member) {
        params[member] = paging[key];
        delete paging[key];
      } else flags.push(`--${flag}`);
    }
    if (flags.length) {
      fail(
        "INVALID_VALUE",
        `Cannot specify --no-paginate along with pagination arguments: ${flags.join(", ")}`,
        "Use either the paging flags or the operation's own token and limit members.",
      );
    }
    return;
  }
  // The first page's request carries the page size and the starting token.
  if (paging.pageSize !== undefined && p.limit_key) params[p.limit_key] = paging.pageSize;
  if (paging.startingToken !== undefined && typeof p.input_token === "string") {
    params[p.input_token] = paging.startingToken;
  }
}

// EC2 lists volumes and snapshots 1000 a page unless told otherwise (the CLI's EC2PageSizeInjector).
const EC2_PAGE_SIZE: Readonly<Record<string, readonly string[]>> = {
  "describe-volumes": [],
  "describe-snapshots": ["OwnerIds", "RestorableByUserIds"],
};

function injectEc2PageSize(
  service: ServiceModel,
  op: Operation,
  params: Record<string, unknown>,
  globals: GlobalOptions,
  paging: PagingOptions,
): void {
  const allowed = service.name === "ec2" ? EC2_PAGE_SIZE[op.cli] : undefined;
  if (!allowed || !globals.paginate || paging.pageSize !== undefined) return;
  if (Object.keys(params).some((k) => !allowed.includes(k) && k !== "NextToken" && k !== "DryRun")) return;
  paging.pageSize = 1000;
  params[op.paginator!.limit_key!] = 1000;
}

function unsupported(service: string, command: string | undefined): never {
  const what = command ? `aws ${service} ${command}` : `aws ${service}`;
  fail(
    "UNSUPPORTED_COMMAND",
    `'${what}' is one of the AWS CLI's own commands, which this server does not run yet.`,
    "Use the equivalent API commands (for example aws s3api … instead of aws s3 …).",
  );
}

function waiter(
  serviceName: string,
  service: ServiceModel,
  args: string[],
  globals: GlobalOptions,
  options: ParseOptions,
) {
  const w = new ArgParser([], 1).parse(args);
  const name = w.positionals[0];
  const waiters = Object.keys(service.waiters);
  if (name === undefined) {
    fail(
      "MISSING_ARGUMENT",
      `No waiter given: the following arguments are required: subcommand.`,
      `Waiters of ${serviceName}: ${waiters.join(", ") || "none"}.`,
    );
  }
  const spec = service.waiters[name];
  if (!spec || !Object.hasOwn(service.waiters, name)) {
    const near = closest(name, waiters);
    fail(
      "UNKNOWN_WAITER",
      `Unknown waiter '${name}' for ${serviceName}.`,
      near.length
        ? `Did you mean: ${near.join(", ")}?`
        : `Waiters of ${serviceName}: ${waiters.join(", ") || "none"}.`,
    );
  }
  if (w.extras.length === 1 && w.extras[0] === "help") {
    return { kind: "help" as const, service: serviceName, command: `wait ${name}` };
  }
  const op = service.operations[spec.operation];
  return bind(serviceName, service, name, spec.operation, op, w.extras, globals, options, true);
}

function bind(
  serviceName: string,
  service: ServiceModel,
  command: string,
  operation: string,
  op: Operation,
  args: string[],
  globals: GlobalOptions,
  options: ParseOptions,
  isWaiter: boolean,
): ParsedCommand {
  const table = argTable(service, op, { waiter: isWaiter });
  const parsed = table.parser.parse(args);
  // Input from --cli-input-json/yaml, or a skeleton request, excuses missing required flags.
  const hasInput = ["c:cli-input-json", "c:cli-input-yaml", "c:skeleton"].some((d) => parsed.values.has(d));
  const missing = hasInput ? [] : table.parser.missingRequired(parsed);
  if (table.outfile && parsed.positionals.length === 0) missing.push("outfile");
  if (missing.length) failMissing(missing);
  if (parsed.extras.length) {
    const near = parsed.extras.map((e) => intendedFlag(e) ?? e).filter((e) => e.startsWith("--")).flatMap((
      e,
    ) => closest(e.slice(2).split("=")[0], table.parser.specs.map((s) => s.name), 1));
    failUnknownOptions(
      parsed.extras,
      near.length
        ? `Did you mean: ${near.map((n) => `--${n}`).join(", ")}?`
        : `Run 'aws ${serviceName} ${command} help' for its options.`,
    );
  }
  const shapes = (name: string): Shape => service.shapes[name];
  const ctx: UnpackContext = { shapes, files: options.files, used: [], where: `${serviceName}.${op.cli}` };
  const params: Record<string, unknown> = {};
  const paging: PagingOptions = {};
  const uuid = options.uuid ?? (() => crypto.randomUUID());
  const ectx: ExtraContext = {
    load: (value, flag) => {
      const loaded = loadParamFile(value, flag, ctx);
      return typeof loaded === "string" || loaded instanceof Uint8Array ? loaded : value;
    },
    structure: (value, flag, path) => {
      let shape = op.input ? shapes(op.input.shape) : undefined;
      for (const name of path) shape = shape?.members?.[name] ? shapes(shape.members[name].shape) : undefined;
      if (!shape) return parseJson(value, flag);
      return unpackValue(shape, loadParamFile(value, flag, ctx), flag, ctx);
    },
    files: ctx.used,
    unique: () => `cli-${uuid()}`,
    isFile: (path) => options.files.isFile(path),
  };
  for (const [existing, added] of table.extras?.exclusive ?? []) {
    const dest = table.parser.specs.find((s) => s.name === existing)?.dest;
    const clash = added.filter((f) =>
      parsed.values.has(table.parser.specs.find((s) => s.name === f)?.dest ?? `x:${f}`)
    );
    if (dest && parsed.values.has(dest) && clash.length) {
      fail(
        "INVALID_VALUE",
        `The --${existing} option cannot be combined with --${clash.join(", --")}.`,
        "Use one form or the other.",
      );
    }
  }
  let skeleton: ParsedCommand["skeleton"];
  let cliInput: Record<string, unknown> | undefined;
  for (const dest of table.order) {
    if (!parsed.values.has(dest)) continue;
    const raw = parsed.values.get(dest)!;
    const b = table.bindings.get(dest)!;
    if (b.kind === "extra") {
      b.extra.apply(params, raw, ectx);
    } else if (b.kind === "value-bool") {
      if (params[b.member] !== undefined) {
        fail(
          "INVALID_VALUE",
          `Cannot specify both the "--${b.flag}" option and the "--no-${b.flag}" option.`,
        );
      }
      params[b.member] = { Value: false };
    } else if (b.kind === "member") {
      if (typeof raw === "boolean") params[b.member] = b.shape.type === "boolean" ? raw : { Value: true };
      else {
        const loaded = loadParamFile(raw as string | string[], b.flag, ctx);
        params[b.member] = unpackValue(b.shape, loaded, b.flag, ctx, {
          jsonValue: b.ref.jsonvalue === true && b.ref.location === "header",
          streaming: b.ref.streaming,
        });
      }
    } else if (b.kind === "paging") {
      if (b.flag === "starting-token") paging.startingToken = raw as string;
      else if (b.flag === "max-items") paging.maxItems = pyInt(raw as string, b.flag);
      else paging.pageSize = pyInt(raw as string, b.flag);
    } else if (b.kind === "cli-input") {
      const loaded = loadParamFile(raw as string, b.flag, ctx);
      const text = typeof loaded === "string" ? loaded : new TextDecoder().decode(loaded as Uint8Array);
      const data = b.flag === "cli-input-json" ? parseJson(text, b.flag) : parseYaml(text, b.flag);
      if (!isRecord(data)) {
        fail(
          "INVALID_JSON",
          `Error parsing parameter '--${b.flag}': the input must be an object of parameters.`,
        );
      }
      cliInput = data;
    } else {
      const v = raw === true ? "input" : raw as string;
      if (!["input", "output", "yaml-input"].includes(v)) {
        fail(
          "INVALID_CHOICE",
          `Invalid value '${v}' for --generate-cli-skeleton: valid choices are input, output, yaml-input.`,
        );
      }
      skeleton = v as ParsedCommand["skeleton"];
    }
  }
  checkPagination(service, op, params, paging, globals);
  if (cliInput) {
    // Values on the command line win over those in --cli-input-json/yaml.
    for (const [k, v] of Object.entries(cliInput)) if (!Object.hasOwn(params, k)) params[k] = v;
  }
  const input = op.input ? shapes(op.input.shape) : undefined;
  table.extras?.fix?.(params);
  applyDefaults(service, operation, input, params, uuid);
  if (!isWaiter) injectEc2PageSize(service, op, params, globals, paging);
  if (input) decodeBlobs(params, input, shapes, (globals.binaryFormat ?? "base64") === "base64");
  const { params: checked, report } = validateInput(params, input, shapes);
  if (report.errors.length && !skeleton) {
    fail(
      "VALIDATION_ERROR",
      `Parameter validation failed:\n${listed(report.errors)}`,
      "Fix the parameters named above; see the command's options in its help.",
    );
  }
  checkEndpointParams(service, checked, globals.endpointUrl);
  if (!skeleton) {
    if (service.botocore === "s3") checkBucketName(checked);
    checkHostLabels(op, input, checked);
  }
  const creds = credentialEntry(service.name, operation, checked);
  const readOnly = isReadOnly(op.iam.access, service.name, operation, checked);
  const result: ParsedCommand = {
    kind: isWaiter ? "waiter" : "operation",
    service: serviceName,
    serviceModel: service.name,
    command,
    operation,
    calls: [{ service: service.name, command: service.operations[operation]?.cli ?? op.cli }],
    params: checked,
    globals,
    paging,
    files: ctx.used,
    iam: { actions: op.iam.actions, access: op.iam.access },
    readOnly,
    warnings: report.warnings,
  };
  if (creds) result.credentials = creds.reason;
  const effect = sideEffectEntry(service.name, operation, checked);
  if (effect) result.sideEffect = effect.reason;
  if (table.outfile) {
    result.outfile = parsed.positionals[0];
    result.files.push({ path: parsed.positionals[0], mode: "write", via: "outfile" });
  }
  if (skeleton) {
    result.skeleton = skeleton;
    if (skeleton === "output") {
      const out = loadOutputs(service.name)!;
      const outShape = op.output ? out.shapes[op.output.shape] : undefined;
      result.template = outShape ? skeletonOf(outShape, (n) => out.shapes[n]) : {};
    } else result.template = input ? skeletonOf(input, shapes) : {};
  }
  return result;
}
