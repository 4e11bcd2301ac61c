/**
 * An SDK response as the AWS CLI would print it: members in the output shape's order, timestamps as
 * ISO 8601 with `+00:00`, blobs as base64, floats marked for Python-style printing, SDK metadata dropped.
 */
import type { Shape, ShapeRef } from "../../models/types.ts";
import { encodeBase64 } from "../../parse/base64.ts";
import { PyFloat } from "../output/pyjson.ts";

/** Resolves output shape names. */
export type OutputShapes = (name: string) => Shape;

/** ISO 8601 as Python's `datetime.isoformat()` prints a UTC time: `2024-01-02T03:04:05.123000+00:00`. */
export function isoTimestamp(d: Date): string {
  const iso = d.toISOString(); // 2024-01-02T03:04:05.123Z
  const ms = iso.slice(20, 23);
  return `${iso.slice(0, 19)}${ms === "000" ? "" : `.${ms}000`}+00:00`;
}

/**
 * The members of an operation's output in the order botocore's parsers fill them: those bound to headers
 * and the status code first, then the body's.
 */
export function toCliOutput(
  value: unknown,
  shape: Shape | undefined,
  shapes: OutputShapes,
  asWritten = false,
): unknown {
  if (!shape?.members || !value || typeof value !== "object") return toCli(value, shape, shapes, asWritten);
  const members = Object.entries(shape.members);
  const bound = members.filter(([, ref]) => isBound(ref));
  if (!bound.length) return toCli(value, shape, shapes, asWritten);
  const ordered = {
    ...shape,
    members: Object.fromEntries([...bound, ...members.filter(([, r]) => !isBound(r))]),
  };
  return toCli(value, ordered, shapes, asWritten);
}

const isBound = (ref: ShapeRef) => ["header", "headers", "statusCode"].includes(ref.location ?? "");

/**
 * Converts one value of the response by its shape. `asWritten`: the numbers were read from JSON text with
 * their kind kept (PyFloat where written with a point or exponent), as Python's json reads them — a double
 * written `750` then prints `750`, as the CLI prints it; other numbers typed float print as floats.
 */
export function toCli(
  value: unknown,
  shape: Shape | undefined,
  shapes: OutputShapes,
  asWritten = false,
): unknown {
  if (value === undefined || value === null) return value;
  if (!shape) return plain(value);
  switch (shape.type) {
    case "structure": {
      if (shape.document || typeof value !== "object") return plain(value);
      const v = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        // Header-bound members were text, read as botocore reads them (float() for a double).
        if (v[name] !== undefined) {
          out[name] = toCli(v[name], shapes(ref.shape), shapes, asWritten && !isBound(ref));
        }
      }
      // Unions and newer SDKs may carry members the model lacks: keep them after the known ones.
      for (const [k, x] of Object.entries(v)) {
        if (!(k in out) && k !== "$metadata" && k !== "$unknown" && x !== undefined) out[k] = plain(x);
      }
      return out;
    }
    case "list":
      return Array.isArray(value)
        ? value.map((x) => toCli(x, shapes(shape.member!.shape), shapes, asWritten))
        : plain(value);
    case "map": {
      if (typeof value !== "object") return plain(value);
      const vs = shapes(shape.value!.shape);
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map((
          [k, x],
        ) => [k, toCli(x, vs, shapes, asWritten)]),
      );
    }
    case "timestamp":
      return value instanceof Date ? isoTimestamp(value) : value;
    case "blob":
      if (value instanceof Uint8Array) return encodeBase64(value);
      return typeof value === "string" ? encodeBase64(new TextEncoder().encode(value)) : value;
    case "float":
    case "double":
      return typeof value === "number" && !asWritten ? new PyFloat(value) : value;
    case "string": // where the SDK's model has a number (route53's MaxItems), the CLI's has text
      return typeof value === "number" ? String(value) : plain(value);
    default:
      return plain(value);
  }
}

function plain(value: unknown): unknown {
  if (value instanceof Date) return isoTimestamp(value);
  if (value instanceof PyFloat) return value;
  // JSON-valued strings arrive as String objects (the SDK's LazyJsonString): print the text.
  if (value instanceof String) return value.toString();
  if (value instanceof Uint8Array) return encodeBase64(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).filter(([k, v]) =>
        k !== "$metadata" && v !== undefined
      ).map(([k, v]) => [k, plain(v)]),
    );
  }
  return value;
}
