/** `aws-api-mcp parse`: parse and validate AWS CLI commands without running them. */
import type { Command } from "commander";
import { createInterface } from "node:readline";
import process from "node:process";
import { loadConfig } from "../config.ts";
import { parseCommand } from "../parse/command.ts";
import { confinedFiles } from "../policy/files.ts";
import { parseResultJson } from "../parse/json.ts";

/** Registers the `parse` subcommand. */
export function registerParse(program: Command): void {
  program
    .command("parse")
    .description("Parse and validate an AWS CLI command; print one JSON object (nothing is sent)")
    .argument("[command]", 'the command, e.g. "aws s3api list-objects-v2 --bucket b"')
    .option("--jsonl", "read one command per line on stdin; print one JSON object per line")
    .action(async (command: string | undefined, opts: { jsonl?: boolean }) => {
      const loaded = loadConfig(process.env);
      if (!loaded.ok) {
        console.error(JSON.stringify({ ok: false, error: loaded.error }));
        process.exitCode = 2;
        return;
      }
      const files = confinedFiles(loaded.config.fileAccess, loaded.config.workingDir);
      const one = (text: string) => JSON.stringify(parseResultJson(parseCommand(text, { files })));
      if (opts.jsonl) {
        const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
        for await (const line of lines) process.stdout.write(`${one(line)}\n`);
        return;
      }
      if (command === undefined) {
        program.error("error: give a command to parse, or --jsonl to read commands from stdin");
      }
      console.log(one(command));
    });
}
