/** `aws-api-mcp suggest`: natural language → AWS CLI commands, offline. */
import type { Command } from "commander";
import { createInterface } from "node:readline";
import process from "node:process";
import { suggest } from "../suggest/suggest.ts";

/** Registers the `suggest` subcommand. */
export function registerSuggest(program: Command): void {
  program
    .command("suggest")
    .description("Suggest AWS CLI commands for a task described in words")
    .argument("[query]", 'what you want to do, e.g. "list S3 buckets"')
    .option("--json", "print the full result as JSON")
    .option("--jsonl", "read one query per line on stdin; print one JSON line each")
    .action(async (query: string | undefined, opts: { json?: boolean; jsonl?: boolean }) => {
      if (opts.jsonl) {
        for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
          const r = suggest(line);
          process.stdout.write(
            `${
              JSON.stringify(
                r.ok ? { query: line, suggestions: r.suggestions } : { query: line, error: r.error },
              )
            }\n`,
          );
        }
        return;
      }
      if (query === undefined) program.error("error: give a query, or --jsonl to read queries from stdin");
      const r = suggest(query);
      if (opts.json || !r.ok) {
        console.log(JSON.stringify(r, null, 2));
        if (!r.ok) process.exitCode = 1;
        return;
      }
      for (const s of r.suggestions) {
        console.log(
          `${s.confidence.toFixed(2)}  ${s.command}\n      ${s.description}\n      e.g. ${s.example}`,
        );
      }
    });
}
