/**
 * Differential test against the real AWS CLI v2: every service command, operation and member flag the CLI
 * offers must be what our models derive, and nothing more. Needs Debian's `awscli` (CI installs it).
 */
import { deepStrictEqual as assertEquals } from "node:assert";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { referenceRequired } from "../../scripts/wire-compare.ts";
import { cliName } from "../../src/models/names.ts";
import { findOperation, loadService, modelIndex, serviceNames } from "../../src/models/registry.ts";

interface CliArg {
  kind: string;
  member?: string;
  hidden?: boolean;
}
type Surface = Record<string, Record<string, { operation: string | null; args: Record<string, CliArg> }>>;

const available = existsSync("/usr/lib/python3/dist-packages/awscli/clidriver.py");
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

async function dumpSurface(): Promise<Surface> {
  // The judge builds the models cache the dump reads.
  await new Deno.Command(here("../../../shared/tools/awscli-judge"), { args: ["aws sts help"] }).output();
  const out = await new Deno.Command("/usr/bin/python3", { args: [here("../../scripts/cli_surface.py")] })
    .output();
  if (out.code !== 0) throw new Error(new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

// Flags the CLI binds to API members with its plain argument classes; custom arguments are the parser's.
const MEMBER_KINDS = new Set(["CLIArgument", "ListArgument", "BooleanArgument"]);

Deno.test({
  name: "services, operations and member flags equal the AWS CLI v2's",
  ignore: !available && !referenceRequired,
  async fn() {
    const surface = await dumpSurface();
    const problems: string[] = [];
    let ops = 0, flags = 0;
    for (const name of serviceNames()) {
      const cli = surface[name];
      if (!cli) {
        problems.push(`service ${name}: not a CLI command`);
        continue;
      }
      const model = loadService(name)!;
      const commands = [
        ...Object.values(model.operations).filter((op) => !op.hidden).map((op) => op.cli),
        ...Object.keys(model.commands ?? {}),
      ];
      for (const command of commands) {
        const { name: api, operation: op } = findOperation(model, command)!;
        ops++;
        const entry = cli[op.cli];
        if (op.custom) {
          if (entry?.operation !== null) {
            problems.push(`${name} ${op.cli}: marked custom, CLI calls ${entry?.operation}`);
          }
          continue;
        }
        if (entry?.operation !== api) {
          problems.push(`${name} ${op.cli}: CLI calls ${entry?.operation ?? "(no such command)"}, we ${api}`);
          continue;
        }
        const ours = new Set<string>();
        const members = model.shapes[op.input?.shape ?? ""]?.members ?? {};
        for (const [m, ref] of Object.entries(members)) {
          const flag = cliName(m);
          ours.add(op.renames?.[flag] ?? flag);
          if (model.shapes[ref.shape].type === "boolean") {
            ours.add(op.renames?.[`no-${flag}`] ?? `no-${flag}`);
          }
        }
        for (const [alias] of Object.entries(op.aliases ?? {})) ours.add(op.aliases![alias]);
        for (const gone of op.replaced ?? []) ours.delete(gone);
        const theirs = new Set(
          Object.entries(entry.args).filter(([, a]) => MEMBER_KINDS.has(a.kind) && a.member).map(([f]) => f),
        );
        flags += theirs.size;
        const missing = [...theirs].filter((f) => !ours.has(f));
        const extra = [...ours].filter((f) => !theirs.has(f) && !entry.args[f]);
        if (missing.length || extra.length) {
          problems.push(`${name} ${op.cli}: missing ${missing.join(" ")} | extra ${extra.join(" ")}`);
        }
      }
      for (const [cmd, entry] of Object.entries(cli)) {
        if (entry.operation && !findOperation(model, cmd)) {
          problems.push(`${name} ${cmd}: CLI command we lack`);
        }
      }
    }
    for (const svc of Object.keys(surface)) {
      const apiCommands = Object.values(surface[svc]).some((c) => c.operation);
      const known = serviceNames().includes(svc) || Object.hasOwn(modelIndex().aliases, svc);
      if (apiCommands && !known) problems.push(`service ${svc}: CLI service we lack`);
    }
    console.log(`compared ${ops} operations and ${flags} member flags; ${problems.length} differences`);
    for (const p of problems.slice(0, 60)) console.log(`  ${p}`);
    assertEquals(problems, []);
  },
});
