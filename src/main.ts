/** Entry point of `aws-api-mcp`: with no arguments an MCP server on stdio, else a terminal subcommand. */
import { Command } from "commander";
import { registerModels } from "./cli/models.ts";
import { registerParse } from "./cli/parse.ts";
import { registerCall } from "./cli/call.ts";
import { loadConfig } from "./config.ts";
import process from "node:process";
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
      const loaded = loadConfig(process.env);
      if (!loaded.ok) {
        console.error(`${loaded.error.message} ${loaded.error.hint}`);
        process.exit(2);
      }
      await serveStdio(loaded.config, process.env);
    });
  registerModels(program);
  registerParse(program);
  registerCall(program);
  return program;
}

if (import.meta.main) {
  await buildProgram().parseAsync(Deno.args, { from: "user" });
}
