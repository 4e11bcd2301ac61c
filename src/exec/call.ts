/**
 * call_aws: one command or a batch, each parsed, validated and executed; results in input order, one
 * failure never failing the others. The MCP tool and `aws-api-mcp call` both use this.
 */
import { helpFor } from "../suggest/help.ts";
import { parseCommand, type ParseOptions } from "../parse/command.ts";
import { FileNotLoaded, type ReadBytes } from "../parse/files.ts";
import type { CliError } from "../parse/errors.ts";
import type { ExecError } from "./errors.ts";
import { decideUnparsed, type Decision } from "../policy/decide.ts";
import type { ParsedCommand } from "../parse/types.ts";
import { type ExecOptions, execute, REDACTED } from "./run.ts";
import type { PagingStop } from "./paginate.ts";
import { mapBounded } from "./pool.ts";
import { maskValues, sensitiveInputs } from "../policy/redact.ts";
import { loadService } from "../models/registry.ts";
import { cliName } from "../models/names.ts";
import { cutOutput, shareBudget } from "./output/output-cap.ts";

/** One command's outcome. */
export interface CommandResult {
  command: string;
  status: "success" | "error";
  /** The response as JSON (after --query); absent when the command printed nothing. */
  response?: unknown;
  /** What the AWS CLI would print for this command. */
  text?: string;
  region?: string;
  error?: CliError | ExecError | PolicyFailure;
  /** Said when sensitive values were replaced in the output, with how to turn that off. */
  notice?: string;
}

/** The user's answer to a consent request; "unsupported" when the client cannot ask. */
export type ConsentAnswer = "accept" | "decline" | "cancel" | "unsupported";

/** A refusal of what a command would touch — a local file, an endpoint, a profile — before anything runs. */
export interface Refusal {
  code: "FILE_ACCESS_DENIED" | "ENDPOINT_DENIED" | "PROFILE_DENIED";
  message: string;
  hint: string;
}

/** Policy hooks: the decision for a command, and how to ask the user when it needs consent. */
export interface CallPolicy {
  decide(cmd: ParsedCommand): Decision;
  consent(cmd: ParsedCommand, decision: Decision, text: string, signal?: AbortSignal): Promise<ConsentAnswer>;
}

/** Policy failures of call_aws. */
export interface PolicyFailure {
  code:
    | "POLICY_DENIED"
    | "CONSENT_DECLINED"
    | "CONSENT_CANCELLED"
    | "CONSENT_UNAVAILABLE"
    | Refusal["code"];
  message: string;
  hint?: string;
  rule: string;
}

/** Reading parameter files off the parser's synchronous path: the reader, and parse options over read bytes. */
export interface FilePrefetch {
  read(path: string): Promise<Uint8Array>;
  /** Parse options whose file reads take bytes from `readBytes` (which throws FileNotLoaded for unread files). */
  options(readBytes: ReadBytes): ParseOptions;
}

/** Everything call_aws needs: parsing (files), policy and execution settings. */
export interface CallDeps {
  parse: ParseOptions;
  /** When given, parameter files are read asynchronously before the (synchronous) parse uses them. */
  prefetch?: FilePrefetch;
  /** What the command touches (files, endpoint, profile), checked before the policy decision. */
  guard?: (cmd: ParsedCommand) => Refusal | undefined;
  /** Without it every command is allowed (tests of execution alone). */
  policy?: CallPolicy;
  exec: Omit<ExecOptions, "onProgress">;
  /** Concurrent commands in a batch. */
  concurrency?: number;
  /** The most characters of output the commands of one call return together; unbounded if unset. */
  maxOutputChars?: number;
  /** The longest one command may run (waiters are bounded by their own delay and attempts); none if unset. */
  callTimeoutMs?: number;
  /** How often a running command reports that it still runs (default 5 s). */
  heartbeatMs?: number;
  onProgress?: (done: number, total: number, message?: string) => void;
  /** Each result as it is done, with the command as it may be logged (sensitive values masked). */
  onResult?: (result: CommandResult, logText: string) => void;
}

async function one(
  command: string,
  deps: CallDeps,
  onProgress?: (m: string) => void,
): Promise<CommandResult> {
  let logText = command;
  const r = await attempt(command, deps, (masked) => logText = masked, onProgress);
  deps.onResult?.(r, logText);
  return r;
}

async function attempt(
  command: string,
  deps: CallDeps,
  onParsed: (logText: string) => void,
  onProgress?: (m: string) => void,
): Promise<CommandResult> {
  const parsed = await parseReading(command, deps);
  if (!parsed.ok) {
    // Commands the parser does not run may still be ones the policy denies outright: say so.
    const denial = parsed.error.code === "UNSUPPORTED_COMMAND" ? decideUnparsed(command) : undefined;
    if (denial) {
      return {
        command,
        status: "error",
        error: { code: "POLICY_DENIED", rule: denial.rule, message: denial.reason, hint: denial.hint },
      };
    }
    return { command, status: "error", error: parsed.error };
  }
  if (parsed.value.kind === "help") {
    const help = helpFor(parsed.value.service, parsed.value.command);
    if (help) return { command, status: "success", text: help.text, response: help.data };
    return {
      command,
      status: "error",
      error: {
        code: "UNSUPPORTED_COMMAND",
        message: "There is no help for this command here.",
        hint: "Use suggest_aws_commands to find commands and their parameters.",
      },
    };
  }
  onParsed(maskValues(command, sensitiveInputs(parsed.value)));
  const guarded = deps.guard?.(parsed.value);
  if (guarded) return { command, status: "error", error: { ...guarded, rule: ruleOf(guarded.code) } };
  const refused = deps.policy ? await checkPolicy(parsed.value, command, deps) : undefined;
  if (refused) return { command, status: "error", error: refused };
  if (parsed.value.skeleton) {
    return {
      command,
      status: "success",
      response: parsed.value.template,
      text: `${JSON.stringify(parsed.value.template, null, 4)}\n`,
    };
  }
  const done = await bounded(parsed.value, deps, onProgress);
  if (!done.ok) return { command, status: "error", error: done.error };
  const r: CommandResult = { command, status: "success", text: done.value.text, region: done.value.region };
  if (done.value.result !== undefined) r.response = done.value.result;
  const stopped = done.value.stopped ? STOPPED[done.value.stopped] + RESUME : undefined;
  const redacted = done.value.redacted
    ? `${done.value.redacted} value${
      done.value.redacted === 1 ? "" : "s"
    } the service model marks sensitive (secrets, passwords, keys) replaced by ${REDACTED}. Only the user can turn this off, by setting AWS_API_MCP_REDACT_SENSITIVE=false in the server's environment.`
    : undefined;
  const notice = [done.value.notice, stopped, redacted].filter((n) => n !== undefined).join(" ");
  if (notice) r.notice = notice;
  // A cut output drops the paging notice with the NextToken it names.
  cuttable.set(r, { cmd: parsed.value, kept: redacted ? [redacted] : [] });
  return r;
}

/** What cutting a success's output needs: its command (format, filters) and the notices that stay. */
const cuttable = new WeakMap<CommandResult, { cmd: ParsedCommand; kept: string[] }>();

/** The operation's own flags for narrowing a listing (filters, prefixes), as the assistant would type them. */
function filterFlags(cmd: ParsedCommand): string[] {
  const service = loadService(cmd.serviceModel);
  const op = service?.operations[cmd.operation];
  const input = op?.input && service!.shapes[op.input.shape];
  return Object.keys(input?.members ?? {}).map(cliName)
    .filter((n) => /(^|-)(filters?|prefix|query|name-contains|filter-expression)$/.test(n))
    .map((n) => `--${n}`);
}

/** Cuts each result's output to its share of the call's character budget (see output-cap.ts). */
function capOutputs(results: CommandResult[], budget: number): CommandResult[] {
  const shares = shareBudget(results.map((r) => r.text?.length ?? 0), budget);
  return results.map((r, i) => {
    const info = cuttable.get(r);
    if (!info || r.text === undefined) return r;
    const cut = cutOutput(
      { response: r.response, text: r.text },
      info.cmd.globals.output ?? "json",
      shares[i],
      filterFlags(info.cmd),
      info.cmd.operation,
    );
    if (!cut) return r;
    const { response: _, ...rest } = r;
    return {
      ...rest,
      text: cut.text,
      ...(cut.response !== undefined ? { response: cut.response } : {}),
      notice: [cut.notice, ...info.kept].join(" "),
    };
  });
}

/** The most files one command may read: each round of parseReading reads one more. */
const MAX_FILES_READ = 16;

/**
 * Parses a command; with a prefetch, every file the parser asks for is read asynchronously first (a slow
 * or stuck file never blocks the server), and the parse runs again with its bytes. Parsing is cheap.
 */
async function parseReading(command: string, deps: CallDeps) {
  const prefetch = deps.prefetch;
  if (!prefetch) return parseCommand(command, deps.parse);
  const read = new Map<string, Uint8Array | Error>();
  const options = prefetch.options((path) => {
    const got = read.get(path);
    if (got === undefined) throw new FileNotLoaded(path);
    if (got instanceof Error) throw got;
    return got;
  });
  for (let round = 0;; round++) {
    try {
      return parseCommand(command, options);
    } catch (e) {
      if (!(e instanceof FileNotLoaded)) throw e;
      if (round >= MAX_FILES_READ) {
        return {
          ok: false as const,
          error: {
            code: "INPUT_TOO_LARGE" as const,
            message: `The command reads more than ${MAX_FILES_READ} local files.`,
            hint: "Put the values in fewer files (one --cli-input-json file can hold them all).",
          },
        };
      }
      read.set(e.path, await prefetch.read(e.path).catch((err: Error) => err));
    }
  }
}

/** What the result says when paging stopped at a bound: the listing is partial, and how to go on. */
const STOPPED: Readonly<Record<PagingStop, string>> = {
  pages: "The listing is partial: paging stopped at AWS_API_MCP_MAX_PAGES pages.",
  items: "The listing is partial: paging stopped at AWS_API_MCP_MAX_ITEMS items.",
  bytes: "The listing is partial: the pages so far reached AWS_API_MCP_MAX_RESPONSE_BYTES.",
  time: "The listing is partial: paging stopped near AWS_API_MCP_CALL_TIMEOUT_SECONDS.",
  chars: "The listing is partial: its output passed AWS_API_MCP_MAX_OUTPUT_CHARS.",
};
const RESUME =
  " Pass its NextToken as --starting-token to go on, or narrow the listing (filters, max_results).";

/** How often a running command says it is still waiting (progress keeps flowing while a call waits). */
const HEARTBEAT_MS = 5000;

/** Executes within the call time limit, saying every few seconds that the command is still running. */
async function bounded(cmd: ParsedCommand, deps: CallDeps, onProgress?: (m: string) => void) {
  const limit = cmd.kind === "waiter" || !deps.callTimeoutMs
    ? undefined
    : AbortSignal.timeout(deps.callTimeoutMs);
  const signals = [deps.exec.signal, limit].filter((s): s is AbortSignal => s !== undefined);
  const started = Date.now();
  const beat = setInterval(
    () => onProgress?.(`${cmd.operation}: still running (${Math.round((Date.now() - started) / 1000)} s)`),
    deps.heartbeatMs ?? HEARTBEAT_MS,
  );
  try {
    const done = await execute(cmd, {
      ...deps.exec,
      onProgress,
      signal: signals.length ? AbortSignal.any(signals) : undefined,
    });
    if (!done.ok && limit?.aborted && !deps.exec.signal?.aborted) {
      const seconds = deps.callTimeoutMs! / 1000;
      return {
        ok: false as const,
        error: {
          code: "CALL_TIMEOUT" as const,
          message: `The ${cmd.operation} call did not finish within ${seconds} s and was stopped.`,
          hint:
            "Narrow the request (filters, --max-items, max_results, --query does not reduce the transfer), or ask the user to raise AWS_API_MCP_CALL_TIMEOUT_SECONDS.",
        },
      };
    }
    return done;
  } finally {
    clearInterval(beat);
  }
}

function ruleOf(code: Refusal["code"]): string {
  return code === "FILE_ACCESS_DENIED" ? "file-access" : code === "ENDPOINT_DENIED" ? "endpoint" : "profile";
}

async function checkPolicy(
  cmd: ParsedCommand,
  text: string,
  deps: CallDeps,
): Promise<PolicyFailure | undefined> {
  const d = deps.policy!.decide(cmd);
  if (d.decision === "allow") return undefined;
  if (d.decision === "deny") return { code: "POLICY_DENIED", message: d.reason, hint: d.hint, rule: d.rule };
  const answer = await deps.policy!.consent(cmd, d, text, deps.exec.signal);
  switch (answer) {
    case "accept":
      return undefined;
    case "decline":
      return {
        code: "CONSENT_DECLINED",
        message: `The user declined to run this command. ${d.reason}`,
        rule: d.rule,
      };
    case "cancel":
      return {
        code: "CONSENT_CANCELLED",
        message: `The user cancelled the consent request; the command was not run. ${d.reason}`,
        rule: d.rule,
      };
    default:
      return {
        code: "CONSENT_UNAVAILABLE",
        message: `This command needs the user's consent, which this client cannot ask for. ${d.reason}`,
        hint:
          "Use an MCP client that supports elicitation, or ask the user to run the command themselves or change the server's consent settings.",
        rule: d.rule,
      };
  }
}

/** Runs the commands with a bounded concurrency; results come back in input order. */
export async function callAws(commands: string[], deps: CallDeps): Promise<CommandResult[]> {
  let finished = 0;
  const results = await mapBounded(
    commands,
    deps.concurrency ?? 5,
    (command) => one(command, deps, (m) => deps.onProgress?.(finished, commands.length, m)),
    (n) => deps.onProgress?.(finished = n, commands.length),
  );
  return deps.maxOutputChars === undefined ? results : capOutputs(results, deps.maxOutputChars);
}
