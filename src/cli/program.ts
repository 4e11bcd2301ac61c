/** The terminal program: `aws-api-mcp <subcommand>`, with --help and --version. */
import { Command } from "commander";
import process from "node:process";
import { PROGRAM_NAME, VERSION } from "../version.ts";
import { registerCall } from "./call.ts";
import { registerModels } from "./models.ts";
import { registerParse } from "./parse.ts";
import { registerHealth } from "./health.ts";
import { registerScripts } from "./scripts.ts";
import { registerPolicy } from "./policy.ts";
import { registerSuggest } from "./suggest.ts";

/** Builds the command-line program; without a subcommand it serves MCP on stdio. */
export function buildProgram(): Command {
  const program = new Command(PROGRAM_NAME)
    .description(
      "MCP server for working with AWS through AWS CLI commands, validated before anything is sent",
    )
    .version(VERSION, "-v, --version")
    // Throw instead of exiting, so program.ts can hand the exit code to main.ts (subcommands inherit this).
    .exitOverride()
    .action(async () => {
      const { startServer } = await import("../server/start.ts");
      process.exitCode = await startServer();
    });
  registerModels(program);
  registerParse(program);
  registerCall(program);
  registerScripts(program);
  registerHealth(program);
  registerPolicy(program);
  registerSuggest(program);
  return program;
}
