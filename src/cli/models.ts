/** `aws-api-mcp models`: what the bundled service models hold. */
import type { Command } from "commander";
import { modelIndex, serviceNames } from "../models/registry.ts";
import { summarizeModels } from "../models/summary.ts";

/** Registers the `models` subcommand. */
export function registerModels(program: Command): void {
  program
    .command("models")
    .description("List the bundled AWS service models: services, operations, waiters, paginators, sources")
    .option("--json", "print one JSON object instead of text")
    .action((opts: { json?: boolean }) => {
      const summary = summarizeModels();
      if (opts.json) {
        console.log(JSON.stringify(summary));
        return;
      }
      const index = modelIndex();
      for (const name of serviceNames()) {
        const s = index.services[name];
        const sdk = s.sdk ?? "(no SDK client bundled: parse only)";
        console.log(`${name.padEnd(40)} ${String(s.operations).padStart(4)} operations  ${sdk}`);
      }
      console.log(
        `\n${summary.services} services, ${summary.operations} operations, ${summary.waiters} waiters, ` +
          `${summary.paginators} paginators; ${summary.servicesWithSdk} services executable through the SDK`,
      );
      console.log(`sources: ${JSON.stringify(summary.sources)}`);
    });
}
