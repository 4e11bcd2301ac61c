/** `aws-api-mcp call`: run AWS CLI commands from a terminal, exactly as the call_aws tool does. */
import type { Command } from "commander";
import process from "node:process";
import { callAws } from "../exec/call.ts";
import { callDeps } from "../exec/environment.ts";
import { toolResult } from "../server/call-tool.ts";
import { loadContext } from "./context.ts";

/** Registers the `call` subcommand. */
export function registerCall(program: Command): void {
  program
    .command("call")
    .description(
      "Validate and run AWS CLI commands; print the call_aws tool's result (text and structured) as JSON",
    )
    .argument("<commands...>", 'one or more commands, each quoted: "aws s3api list-buckets"')
    .action(async (commands: string[]) => {
      const ctx = loadContext();
      if (!ctx) return;
      // A terminal cannot answer MCP consent requests: commands that need consent are refused.
      const results = await callAws(commands, callDeps(ctx.config, process.env, { source: ctx.policy }));
      console.log(JSON.stringify(toolResult(results), null, 2));
    });
}
