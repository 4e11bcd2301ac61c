/** `aws-api-mcp models`: what the bundled service models hold. */
import type { Command } from "commander";
import { loadService, modelIndex, serviceNames } from "../models/registry.ts";
import { modelDriven } from "../exec/protocol/model-protocol.ts";
import { summarizeModels } from "../models/summary.ts";
import { HIGH_LEVEL_COMMANDS } from "../parse/highlevel.ts";
import { runsCustomization } from "../exec/run.ts";

/** The AWS CLI's own commands, split into those call_aws runs and those it only validates. */
function customizations(): { runs: string[]; validatedOnly: string[] } {
  const runs: string[] = [], validatedOnly: string[] = [];
  for (const [service, commands] of Object.entries(HIGH_LEVEL_COMMANDS)) {
    for (const command of commands) {
      (runsCustomization(service, command) ? runs : validatedOnly).push(`${service} ${command}`);
    }
  }
  return { runs, validatedOnly };
}

/** Registers the `models` subcommand. */
export function registerModels(program: Command): void {
  program
    .command("models")
    .description("List the bundled AWS service models: services, operations, waiters, paginators, sources")
    .option("--json", "print one JSON object instead of text")
    .action((opts: { json?: boolean }) => {
      const summary = summarizeModels();
      if (opts.json) {
        console.log(JSON.stringify({ ...summary, customizations: customizations() }));
        return;
      }
      const index = modelIndex();
      let fromModel = 0, lacking = 0;
      for (const name of serviceNames()) {
        const s = index.services[name];
        const service = loadService(name)!;
        const model = !s.sdk && modelDriven(service, "", false);
        if (model) fromModel++;
        else lacking += Object.values(service.operations).filter((o) => o.noSdk).length;
        const sdk = s.sdk ??
          (model ? "(no SDK client: requests made from the model)" : "(no SDK client bundled: parse only)");
        console.log(`${name.padEnd(40)} ${String(s.operations).padStart(4)} operations  ${sdk}`);
      }
      console.log(
        `\n${summary.services} services, ${summary.operations} operations, ${summary.waiters} waiters, ` +
          `${summary.paginators} paginators; ${summary.servicesWithSdk} services executable through the SDK, ` +
          `${fromModel} more from the model; ${lacking} operations their client lacks are made from the model too`,
      );
      const custom = customizations();
      console.log(`the AWS CLI's own commands run here: ${custom.runs.join(", ")}`);
      console.log(
        `validated, then refused with the API commands to use: ${custom.validatedOnly.length} others`,
      );
      console.log(`sources: ${JSON.stringify(summary.sources)}`);
    });
}
