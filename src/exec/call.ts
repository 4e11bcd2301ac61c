/**
 * call_aws: one command or a batch, each parsed, validated and executed; results in input order, one
 * failure never failing the others. The MCP tool and `aws-api-mcp call` both use this.
 */
import { parseCommand, type ParseOptions } from "../parse/command.ts";
import type { CliError } from "../parse/errors.ts";
import type { ExecError } from "./errors.ts";
import { type ExecOptions, execute } from "./run.ts";

/** One command's outcome. */
export interface CommandResult {
  command: string;
  status: "success" | "error";
  /** The response as JSON (after --query); absent when the command printed nothing. */
  response?: unknown;
  /** What the AWS CLI would print for this command. */
  text?: string;
  region?: string;
  error?: CliError | ExecError;
}

/** Everything call_aws needs: parsing (files) and execution settings. */
export interface CallDeps {
  parse: ParseOptions;
  exec: Omit<ExecOptions, "onProgress">;
  /** Concurrent commands in a batch. */
  concurrency?: number;
  onProgress?: (done: number, total: number, message?: string) => void;
}

async function one(
  command: string,
  deps: CallDeps,
  onProgress?: (m: string) => void,
): Promise<CommandResult> {
  const parsed = parseCommand(command, deps.parse);
  if (!parsed.ok) return { command, status: "error", error: parsed.error };
  if (parsed.value.kind === "help") {
    return {
      command,
      status: "error",
      error: {
        code: "UNSUPPORTED_COMMAND",
        message: "Help is not run here.",
        hint: "Use suggest_aws_commands to find commands and their parameters.",
      },
    };
  }
  if (parsed.value.skeleton) {
    return {
      command,
      status: "success",
      response: parsed.value.template,
      text: `${JSON.stringify(parsed.value.template, null, 4)}\n`,
    };
  }
  const done = await execute(parsed.value, { ...deps.exec, onProgress });
  if (!done.ok) return { command, status: "error", error: done.error };
  const r: CommandResult = { command, status: "success", text: done.value.text, region: done.value.region };
  if (done.value.result !== undefined) r.response = done.value.result;
  return r;
}

/** Runs the commands with a bounded concurrency; results come back in input order. */
export async function callAws(commands: string[], deps: CallDeps): Promise<CommandResult[]> {
  const results = new Array<CommandResult>(commands.length);
  let next = 0, finished = 0;
  const worker = async () => {
    while (next < commands.length) {
      const i = next++;
      results[i] = await one(commands[i], deps, (m) => deps.onProgress?.(finished, commands.length, m));
      finished++;
      deps.onProgress?.(finished, commands.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? 5, commands.length) }, worker));
  return results;
}
