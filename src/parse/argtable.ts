/**
 * The argument table of one CLI command, as the AWS CLI builds it: one flag per input member (lists take
 * many values, booleans get a `--no-` twin), the CLI's renames and aliases, pagination flags for
 * paginated operations, `--cli-input-json/yaml`, `--generate-cli-skeleton` and the `outfile` positional.
 */
import { cliName } from "../models/names.ts";
import type { Operation, ServiceModel, Shape, ShapeRef } from "../models/types.ts";
import { ArgParser, type OptionSpec } from "./argparse.ts";
import { type ExtraArg, EXTRAS, type OperationExtras } from "./extras.ts";

/** What a parsed option feeds. */
export type Binding =
  | { kind: "member"; flag: string; member: string; ref: ShapeRef; shape: Shape }
  /** EC2's `--flag`/`--no-flag` for a `{Value: boolean}` structure (the CLI's toplevelbool). */
  | { kind: "value-bool"; flag: string; member: string; ref: ShapeRef; shape: Shape; negative: boolean }
  | { kind: "paging"; flag: "page-size" | "max-items" | "starting-token" }
  | { kind: "cli-input"; flag: "cli-input-json" | "cli-input-yaml" }
  | { kind: "skeleton"; flag: "generate-cli-skeleton" }
  | { kind: "extra"; flag: string; extra: ExtraArg };

/** An operation's argument table: the parser and what each destination binds to. */
export interface ArgTable {
  parser: ArgParser;
  bindings: Map<string, Binding>;
  /** Dest order: the order the CLI adds parameters in. */
  order: string[];
  outfile: boolean;
  /** The CLI's additions to this command, if any. */
  extras?: OperationExtras;
}

const cache = new WeakMap<Operation, ArgTable>();

/** A structure whose only member is a boolean `Value` (EC2's AttributeBooleanValue). */
function isValueBool(service: ServiceModel, shape: Shape): boolean {
  const members = Object.entries(shape.members ?? {});
  return shape.type === "structure" && members.length === 1 && members[0][0] === "Value" &&
    service.shapes[members[0][1].shape].type === "boolean";
}

/** Builds (once per operation) the argument table the CLI would build. */
export function argTable(service: ServiceModel, op: Operation, opts: { waiter?: boolean } = {}): ArgTable {
  const cached = opts.waiter ? undefined : cache.get(op);
  if (cached) return cached;
  const specs: OptionSpec[] = [];
  const bindings = new Map<string, Binding>();
  const order: string[] = [];
  const input = op.input ? service.shapes[op.input.shape] : undefined;
  const extras = Object.hasOwn(EXTRAS, `${service.name}.${op.cli}`)
    ? EXTRAS[`${service.name}.${op.cli}`]
    : undefined;
  const required = new Set((input?.required ?? []).filter((m) => !extras?.optional?.includes(m)));
  const replaced = new Set(op.replaced ?? []);
  const add = (spec: OptionSpec, binding: Binding) => {
    const dest = spec.dest ?? spec.name;
    specs.push(spec);
    if (!bindings.has(dest)) {
      bindings.set(dest, binding);
      order.push(dest);
    }
  };
  for (const [member, ref] of Object.entries(input?.members ?? {})) {
    const shape = service.shapes[ref.shape];
    const base = cliName(member);
    const flag = op.renames?.[base] ?? base;
    const dest = `m:${member}`;
    const binding: Binding = { kind: "member", flag, member, ref, shape };
    if (service.name === "ec2" && isValueBool(service, shape)) {
      add({ name: flag, kind: "optional", dest }, binding);
      add({ name: `no-${flag}`, kind: "true", dest: `n:${member}` }, {
        ...binding,
        kind: "value-bool",
        negative: true,
      });
    } else if (shape.type === "boolean") {
      const neg = op.renames?.[`no-${base}`] ?? `no-${base}`;
      if (!replaced.has(base)) add({ name: flag, kind: "true", dest }, binding);
      if (!replaced.has(`no-${base}`)) add({ name: neg, kind: "false", dest }, binding);
    } else if (!replaced.has(base)) {
      const kind = shape.type === "list" ? "many" : "one";
      // The SDK fills idempotency tokens, so the CLI never demands them.
      add({ name: flag, kind, dest, required: required.has(member) && !ref.idempotencyToken }, binding);
    }
    const alias = op.aliases?.[base];
    if (alias) specs.push({ name: alias, kind: shape.type === "list" ? "many" : "one", dest });
  }
  for (const extra of extras?.args ?? []) {
    add({ ...extra.spec, dest: extra.spec.dest ?? `x:${extra.spec.name}` }, {
      kind: "extra",
      flag: extra.spec.name,
      extra,
    });
  }
  if (op.paginator && !opts.waiter) {
    // --page-size only where the paginator has a limit to set.
    const flags = op.paginator.limit_key
      ? ["starting-token", "page-size", "max-items"] as const
      : ["starting-token", "max-items"] as const;
    for (const flag of flags) {
      const dest = `p:${flag}`;
      // A member spelled like a paging flag yields to it, as in the CLI.
      const clash = specs.findIndex((s) => s.name === flag);
      if (clash >= 0) specs.splice(clash, 1);
      add({ name: flag, kind: "one", dest }, { kind: "paging", flag });
    }
  }
  add({ name: "cli-input-json", kind: "one", dest: "c:cli-input-json" }, {
    kind: "cli-input",
    flag: "cli-input-json",
  });
  add({ name: "cli-input-yaml", kind: "one", dest: "c:cli-input-yaml" }, {
    kind: "cli-input",
    flag: "cli-input-yaml",
  });
  add(
    { name: "generate-cli-skeleton", kind: "optional", dest: "c:skeleton" },
    { kind: "skeleton", flag: "generate-cli-skeleton" },
  );
  const outfile = takesOutfile(service, op) && !opts.waiter;
  const table: ArgTable = { parser: new ArgParser(specs, outfile ? 1 : 0), bindings, order, outfile, extras };
  if (!opts.waiter) cache.set(op, table);
  return table;
}

/** Whether the CLI requires an `outfile` positional for the operation. */
export function takesOutfile(service: ServiceModel, op: Operation): boolean {
  // select-object-content streams events to a file the CLI requires too.
  return op.outfile !== undefined || (service.name === "s3api" && op.cli === "select-object-content");
}
