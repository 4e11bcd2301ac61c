/**
 * `--generate-cli-skeleton`: a template of an operation's input (or output) with a placeholder for every
 * member, as the AWS CLI prints it, answered locally without any call.
 */
import type { Shape } from "../models/types.ts";
import type { ShapeLookup } from "./shorthand.ts";

const PLACEHOLDER: Readonly<Record<string, unknown>> = {
  string: "",
  integer: 0,
  long: 0,
  float: 0.0,
  double: 0.0,
  boolean: true,
  timestamp: "1970-01-01T00:00:00",
  blob: null,
  bigInteger: 0,
  bigDecimal: 0.0,
};

/** A template value for a shape: enums show their values, recursion stops where a shape repeats. */
export function skeletonOf(shape: Shape, shapes: ShapeLookup, seen: string[] = []): unknown {
  if (shape.type === "structure") {
    if (shape.document) return {};
    const out: Record<string, unknown> = {};
    for (const [name, ref] of Object.entries(shape.members ?? {})) {
      if (seen.includes(ref.shape)) {
        out[name] = {};
        continue;
      }
      out[name] = skeletonOf(shapes(ref.shape), shapes, [...seen, ref.shape]);
    }
    return out;
  }
  if (shape.type === "list") {
    const ref = shape.member!;
    return seen.includes(ref.shape) ? [] : [skeletonOf(shapes(ref.shape), shapes, [...seen, ref.shape])];
  }
  if (shape.type === "map") {
    const ref = shape.value!;
    return {
      KeyName: seen.includes(ref.shape) ? {} : skeletonOf(shapes(ref.shape), shapes, [...seen, ref.shape]),
    };
  }
  if (shape.enum?.length) return shape.enum[0];
  return PLACEHOLDER[shape.type] ?? "";
}
