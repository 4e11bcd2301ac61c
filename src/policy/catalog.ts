/**
 * Which commands exist, for checking policy entries when they load: an entry that can match no command
 * the AWS CLI has (a typo, a wrong case of letters that are not ASCII, an unknown service) would silently
 * allow what it meant to stop, so it is refused instead.
 */
import { commandIndex, loadService, resolveServiceName, serviceNames } from "../models/registry.ts";
import { closest } from "../parse/closest.ts";
import { HIGH_LEVEL_COMMANDS } from "../parse/highlevel.ts";
import { BUILTIN_DENIALS } from "./denylist.ts";
import { globMatch } from "./glob.ts";

/** The commands of one service (by any spelling) as typed after its name, or undefined for no such service. */
export function commandsOf(service: string): string[] | undefined {
  const canonical = resolveServiceName(service);
  const model = canonical ? loadService(canonical) : undefined;
  const own = [
    ...(Object.hasOwn(HIGH_LEVEL_COMMANDS, service) ? HIGH_LEVEL_COMMANDS[service] : []),
    ...BUILTIN_DENIALS.filter((d) => d.command.startsWith(`${service} `)).map((d) =>
      d.command.slice(service.length + 1)
    ),
  ];
  if (!model) return own.length ? own : undefined;
  return [
    ...own,
    ...Object.values(model.operations).map((o) => o.cli),
    ...Object.keys(model.commands ?? {}),
    ...Object.keys(model.waiters).map((w) => `wait ${w}`),
  ];
}

/** Why a normalized entry (`aws <service> <command>`) can match no command, or undefined when it can. */
export function entryProblem(entry: string): string | undefined {
  const words = entry.split(" ");
  if (words[0] !== "aws") return "must start with 'aws'";
  const [service, ...rest] = words.slice(1);
  const command = rest.join(" ");
  if (!command) return `names no command: write 'aws ${service} *' for every command of the service`;
  if (service.includes("*")) {
    const hit = commandIndex().some(([s, c]) => globMatch(entry, `aws ${s} ${c}`)) ||
      Object.entries(HIGH_LEVEL_COMMANDS).some(([s, cs]) =>
        cs.some((c) => globMatch(entry, `aws ${s} ${c}`))
      );
    return hit ? undefined : "matches no command of any service";
  }
  const commands = commandsOf(service);
  if (!commands) {
    const near = closest(service, [...serviceNames(), ...Object.keys(HIGH_LEVEL_COMMANDS)]);
    return `names no service the AWS CLI has ('${service}')${
      near.length ? `; did you mean ${near.join(", ")}?` : ""
    }`;
  }
  if (commands.some((c) => globMatch(entry, `aws ${service} ${c}`))) return undefined;
  if (command.includes("*")) return `matches no command of ${service}`;
  const near = closest(command, commands);
  return `names no command of ${service} ('${command}')${
    near.length ? `; did you mean ${near.join(", ")}?` : ""
  }`;
}
