/** The terminal program: `aws-api-mcp <subcommand>`, with --help and --version. */
import { Command } from "commander";
import { PROGRAM_NAME, VERSION } from "../version.ts";
import { registerCall } from "./call.ts";
import { registerModels } from "./models.ts";
import { registerParse } from "./parse.ts";
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
    .action(async () => {
      const { startStdioServer } = await import("../server/start.ts");
      await startStdioServer();
    });
  registerModels(program);
  registerParse(program);
  registerCall(program);
  registerScripts(program);
  registerPolicy(program);
  registerSuggest(program);
  return program;
}
