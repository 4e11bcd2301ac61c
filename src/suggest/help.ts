/**
 * `aws … help`, answered from the models rather than a man page: a service's commands, or one command's
 * description, parameters and an example. call_aws returns it instead of refusing help outright.
 */
import { loadService } from "../models/registry.ts";
import { describeCommand } from "./suggest.ts";

/** Help as text and as data; undefined where the service or command is unknown. */
export function helpFor(service?: string, command?: string): { text: string; data: unknown } | undefined {
  if (service === undefined) {
    return {
      text:
        "Usage: aws <service> <command> [options]. Find commands with suggest_aws_commands, or ask for\n" +
        "'aws <service> help' to list a service's commands.\n",
      data: { usage: "aws <service> <command> [options]" },
    };
  }
  if (command === undefined) {
    const model = loadService(service);
    if (!model) return undefined;
    const commands = [
      ...Object.values(model.operations).filter((o) => !o.hidden).map((o) => o.cli),
      ...Object.keys(model.commands ?? {}),
      ...Object.keys(model.waiters).map((w) => `wait ${w}`),
    ].sort();
    return {
      text: `aws ${service} commands:\n${commands.map((c) => `  ${c}`).join("\n")}\n`,
      data: { service, commands },
    };
  }
  const d = describeCommand(service, command);
  if (!d) return undefined;
  const line = (p: { flag: string; type: string; enum?: string[]; description?: string }) =>
    `  ${p.flag} (${p.type}${p.enum ? `: ${p.enum.join(" | ")}` : ""})${
      p.description ? ` ${p.description}` : ""
    }`;
  const text = [
    d.command,
    "",
    d.description,
    "",
    ...(d.requiredParameters.length ? ["Required:", ...d.requiredParameters.map(line), ""] : []),
    ...(d.otherParameters.length ? ["Optional:", ...d.otherParameters.map(line), ""] : []),
    `Example: ${d.example}`,
  ].join("\n");
  return { text: `${text}\n`, data: d };
}
