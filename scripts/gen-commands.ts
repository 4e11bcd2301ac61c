/**
 * Generates AWS CLI commands from the models for differential tests against the real CLI
 * (../shared/tools/awscli-judge): random operations with their required members and some optional
 * ones, in every value syntax (shorthand, JSON, lists, switches, prefixes). `deno run -A
 * scripts/gen-commands.ts [count] [seed] > commands.txt`, then judge them with `awscli-judge --jsonl`.
 */
import { cliName } from "../src/models/names.ts";
import { loadService, serviceNames } from "../src/models/registry.ts";
import type { Operation, ServiceModel, Shape } from "../src/models/types.ts";
import { rng } from "./fuzz.ts";

type R = () => number;
const pick = <T>(r: R, xs: readonly T[]) => xs[Math.floor(r() * xs.length)];

function scalarText(shape: Shape, r: R): string {
  switch (shape.type) {
    case "integer":
    case "long":
      return String(Math.max(shape.min ?? 0, pick(r, [1, 5, 10, 100])));
    case "float":
    case "double":
      return pick(r, ["1.5", "0", "2"]);
    case "boolean":
      return pick(r, ["true", "false"]);
    case "timestamp":
      return pick(r, ["2024-01-02T03:04:05Z", "2024-01-02", "1704164645"]);
    case "blob":
      return pick(r, ["aGVsbG8=", "dGVzdA=="]);
    default:
      if (shape.enum?.length) return pick(r, shape.enum);
      return "x".repeat(Math.max(shape.min ?? 1, 1)).slice(0, 64).replace(
        /^x/,
        pick(r, ["example", "my-name", "a"]),
      )
        .padEnd(shape.min ?? 0, "0");
  }
}

function jsonValue(s: ServiceModel, shape: Shape, r: R, depth: number): unknown {
  if (shape.type === "structure") {
    const out: Record<string, unknown> = {};
    if (depth > 3) return out;
    for (const [m, ref] of Object.entries(shape.members ?? {})) {
      if ((shape.required ?? []).includes(m) || r() < 0.3) {
        out[m] = jsonValue(s, s.shapes[ref.shape], r, depth + 1);
      }
      if (shape.union && Object.keys(out).length) break;
    }
    return out;
  }
  if (shape.type === "list") return [jsonValue(s, s.shapes[shape.member!.shape], r, depth + 1)];
  if (shape.type === "map") return { k1: jsonValue(s, s.shapes[shape.value!.shape], r, depth + 1) };
  const t = scalarText(shape, r);
  if (["integer", "long", "float", "double"].includes(shape.type)) return Number(t);
  if (shape.type === "boolean") return t === "true";
  return t;
}

const flat = (s: ServiceModel, shape: Shape) =>
  Object.values(shape.members ?? {}).every((ref) =>
    !["structure", "list", "map"].includes(s.shapes[ref.shape].type)
  );

function shorthandStruct(s: ServiceModel, shape: Shape, r: R): string {
  const parts: string[] = [];
  for (const [m, ref] of Object.entries(shape.members ?? {})) {
    if ((shape.required ?? []).includes(m) || r() < 0.4) {
      const v = scalarText(s.shapes[ref.shape], r);
      parts.push(`${m}=${/[,= ]/.test(v) ? `"${v}"` : v}`);
    }
  }
  return parts.join(",") || `${Object.keys(shape.members ?? {})[0]}=x`;
}

function argText(s: ServiceModel, shape: Shape, r: R): string {
  const q = (t: string) => `'${t.replaceAll("'", "'\\''")}'`;
  if (shape.type === "list") {
    const m = s.shapes[shape.member!.shape];
    if (m.type === "structure" && flat(s, m) && r() < 0.6) {
      return [shorthandStruct(s, m, r), shorthandStruct(s, m, r)].join(" ");
    }
    if (!["structure", "list", "map"].includes(m.type) && r() < 0.7) {
      return [scalarText(m, r), scalarText(m, r)].map(q).join(" ");
    }
    return q(JSON.stringify(jsonValue(s, shape, r, 0)));
  }
  if (shape.type === "structure" && flat(s, shape) && !shape.document && r() < 0.6) {
    return q(shorthandStruct(s, shape, r));
  }
  if (shape.type === "map" && r() < 0.5) return `k1=${scalarText(s.shapes[shape.value!.shape], r)}`;
  if (["structure", "map"].includes(shape.type)) return q(JSON.stringify(jsonValue(s, shape, r, 0)));
  return q(scalarText(shape, r));
}

/** One generated command for a random operation. */
export function generate(
  r: R,
  names: string[],
  only: (op: Operation) => boolean = () => true,
): string | undefined {
  const svcName = pick(r, names);
  const s = loadService(svcName)!;
  const ops = Object.values(s.operations).filter((o) => !o.hidden && !o.custom && !o.replaced && only(o));
  if (!ops.length) return undefined;
  const op = pick(r, ops);
  const input = op.input ? s.shapes[op.input.shape] : undefined;
  const words = ["aws", svcName, op.cli];
  for (const [m, ref] of Object.entries(input?.members ?? {})) {
    const req = (input!.required ?? []).includes(m);
    if (!req && r() > 0.25) continue;
    if (ref.streaming || s.shapes[ref.shape].streaming) continue;
    const base = cliName(m);
    const flag = op.renames?.[base] ?? base;
    const shape = s.shapes[ref.shape];
    if (shape.type === "boolean") {
      words.push(r() < 0.5 ? `--${flag}` : `--${op.renames?.[`no-${base}`] ?? `no-${base}`}`);
      continue;
    }
    const name = r() < 0.1 && flag.length > 6 ? flag.slice(0, -1) : flag; // a prefix, as users abbreviate
    const value = argText(s, shape, r);
    words.push(r() < 0.1 && !value.includes(" ") ? `--${name}=${value}` : `--${name} ${value}`);
  }
  if (op.outfile) words.push("out.bin");
  if (op.paginator && r() < 0.2) {
    words.push(pick(r, ["--max-items 5", "--page-size 3", "--starting-token abc"]));
  }
  if (r() < 0.1) {
    words.push(pick(r, ["--region eu-west-1", "--output text", "--query 'length(@)'", "--no-paginate"]));
  }
  return words.join(" ");
}

if (import.meta.main) {
  const count = Number(Deno.args[0] ?? 200), r = rng(Number(Deno.args[1] ?? 1));
  const names = serviceNames();
  for (let n = 0; n < count;) {
    const c = generate(r, names);
    if (c) {
      console.log(c);
      n++;
    }
  }
}
