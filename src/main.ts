/** Entry point of `aws-api-mcp`: with no arguments an MCP server on stdio, else a terminal subcommand. */
import { Command } from "commander";
import { registerModels } from "./cli/models.ts";
import { registerParse } from "./cli/parse.ts";
import { PROGRAM_NAME, VERSION } from "./version.ts";
import { serveStdio } from "./server/stdio.ts";

/** Builds the command-line program; exported so tests can drive it without spawning. */
export function buildProgram(): Command {
  const program = new Command(PROGRAM_NAME)
    .description(
      "MCP server for working with AWS through AWS CLI commands, validated before anything is sent",
    )
    .version(VERSION, "-v, --version")
    .action(async () => {
      await serveStdio();
    });
  registerModels(program);
  registerParse(program);
  return program;
}

if (import.meta.main) {
  await buildProgram().parseAsync(Deno.args, { from: "user" });
}
