/** `aws-api-mcp scripts`: the agent scripts get_execution_plan offers. */
import type { Command } from "commander";
import process from "node:process";
import { loadConfig } from "../config.ts";
import { loadScripts, renderPlan } from "../scripts/loader.ts";

function load() {
  const loaded = loadConfig(process.env);
  return loadScripts(loaded.ok ? loaded.config.agentScriptsDir : undefined);
}

/** Registers `scripts list` and `scripts show`. */
export function registerScripts(program: Command): void {
  const scripts = program.command("scripts").description(
    "List and show agent scripts (bundled and AWS_API_MCP_AGENT_SCRIPTS_DIR)",
  );
  scripts.command("list")
    .description("List the scripts: name, description, source")
    .option("--json", "print a JSON array")
    .action((opts: { json?: boolean }) => {
      const { scripts: all, problems } = load();
      const rows = all.map((s) => ({ name: s.name, description: s.description, source: s.source }));
      if (opts.json) console.log(JSON.stringify(rows));
      else for (const r of rows) console.log(`${r.name.padEnd(36)} ${r.source.padEnd(8)} ${r.description}`);
      for (const p of problems) console.error(`skipped ${p.path}: ${p.reason}`);
    });
  scripts.command("show")
    .description("Print one script's plan")
    .argument("<name>", "the script's name")
    .action((name: string) => {
      const s = load().scripts.find((x) => x.name === name);
      if (!s) {
        console.error(`Unknown script '${name}'. Run 'aws-api-mcp scripts list'.`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(renderPlan(s));
    });
}
