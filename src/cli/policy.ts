/** `aws-api-mcp policy`: explain decisions, and the read-only catalog of every operation. */
import type { Command } from "commander";
import process from "node:process";
import { loadService, serviceNames } from "../models/registry.ts";
import { parseCommand } from "../parse/command.ts";
import { confinedFiles } from "../policy/files.ts";
import { isReadOnly } from "../models/credentials.ts";
import { decide, decideUnparsed } from "../policy/decide.ts";
import { loadContext } from "./context.ts";

/** Registers `policy explain` and `policy catalog`. */
export function registerPolicy(program: Command): void {
  const policy = program.command("policy").description(
    "Security policy: explain a decision, list the read-only catalog",
  );
  policy.command("explain")
    .description(
      "Decision (deny, consent, allow), deciding rule, IAM actions, access level and read-only class of a command",
    )
    .argument("<command>", 'the command, e.g. "aws iam delete-user --user-name bob"')
    .option("--json", "print one JSON object")
    .action((text: string, opts: { json?: boolean }) => {
      const ctx = loadContext();
      if (!ctx) return;
      const parsed = parseCommand(text, {
        files: confinedFiles(ctx.config.fileAccess, ctx.config.workingDir),
      });
      // The same decision call_aws acts on: commands it never runs are denied, not merely unsupported.
      const unparsed = !parsed.ok && parsed.error.code === "UNSUPPORTED_COMMAND"
        ? decideUnparsed(text)
        : undefined;
      if (unparsed) {
        const out = {
          decision: unparsed.decision,
          rule: unparsed.rule,
          reason: unparsed.reason,
          hint: unparsed.hint,
          keys: unparsed.keys,
          matched: [],
        };
        if (opts.json) console.log(JSON.stringify(out));
        else console.log(`DENY (${out.rule}): ${out.reason}\n  ${out.hint}`);
        return;
      }
      if (!parsed.ok || parsed.value.kind === "help") {
        const out = parsed.ok
          ? { error: { code: "NOT_A_CALL", message: "Help makes no AWS call." } }
          : { error: parsed.error };
        console.log(JSON.stringify(out));
        process.exitCode = 1;
        return;
      }
      const cmd = parsed.value;
      const d = decide(cmd, ctx.config, ctx.policy.current());
      const out = {
        decision: d.decision,
        rule: d.rule,
        reason: d.reason,
        ...(d.hint ? { hint: d.hint } : {}),
        keys: d.keys,
        matched: d.matched,
        service: cmd.service,
        operation: cmd.operation,
        iamActions: cmd.iam.actions,
        accessLevel: cmd.iam.access,
        readOnly: cmd.readOnly,
        ...(cmd.credentials ? { credentials: cmd.credentials } : {}),
      };
      if (opts.json) console.log(JSON.stringify(out));
      else {
        console.log(`${out.decision.toUpperCase()} (${out.rule}): ${out.reason}`);
        if (d.hint) console.log(`  ${d.hint}`);
        for (const m of d.matched) console.log(`  matched ${m.list} entry '${m.entry}' by '${m.key}'`);
        console.log(`  keys: ${d.keys.join(", ")}`);
        console.log(
          `  ${out.service} ${out.operation}: ${out.accessLevel} [${
            out.iamActions.join(", ")
          }], read-only: ${out.readOnly}`,
        );
      }
    });
  policy.command("catalog")
    .description("One JSON line per operation of every service: service, operation, accessLevel, readOnly")
    .action(() => {
      for (const name of serviceNames()) {
        const s = loadService(name)!;
        for (const [op, o] of Object.entries(s.operations)) {
          const readOnly = isReadOnly(o.iam.access, name, op, {});
          console.log(JSON.stringify({ service: name, operation: op, accessLevel: o.iam.access, readOnly }));
        }
      }
    });
}
