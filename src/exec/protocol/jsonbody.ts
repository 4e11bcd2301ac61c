/**
 * Output members read from a JSON response body by the model, as botocore's parsers read them. The SDK
 * clients bundled here were released at different times, and an older one drops the members its own
 * model lacks, while the AWS CLI prints every member its newer model names; reading the body by our
 * model gives the CLI's output whatever the client's age. Members bound to headers or the status code
 * still come from the SDK.
 */
import type { Shape, ShapeRef } from "../../models/types.ts";
import type { OutputShapes } from "./result.ts";
import { PyFloat } from "../output/pyjson.ts";

const BOUND = new Set(["header", "headers", "statusCode"]);

/** Whether an operation's output is a JSON document this module can read (not a stream or raw payload). */
export function readsJsonBody(shape: Shape | undefined, shapes: OutputShapes, protocol: string): boolean {
  if (!shape || !["json", "rest-json"].includes(protocol)) return false;
  const members = Object.values(shape.members ?? {});
  if (members.some((ref) => shapes(ref.shape).eventstream || ref.streaming || shapes(ref.shape).streaming)) {
    return false;
  }
  if (shape.payload === undefined) return true;
  const payload = shape.members?.[shape.payload];
  return payload !== undefined && shapes(payload.shape).type === "structure";
}

/**
 * The body's members of an output, keyed by member name and typed as the SDK types them (Date, bytes),
 * or undefined when the body is not the JSON object expected.
 */
export function readJsonBody(
  bytes: Uint8Array,
  shape: Shape,
  shapes: OutputShapes,
): Record<string, unknown> | undefined {
  let doc: unknown;
  try {
    const text = new TextDecoder().decode(bytes).trim();
    doc = text ? JSON.parse(text, keepFloats) : {};
  } catch {
    return undefined; // not JSON (a CBOR-speaking client, an HTML error page): the SDK's reading stands
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) return undefined;
  if (shape.payload !== undefined) {
    const ref = shape.members![shape.payload];
    return { [shape.payload]: value(doc, ref, shapes) };
  }
  const out: Record<string, unknown> = {};
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    if (BOUND.has(ref.location ?? "")) continue;
    const v = (doc as Record<string, unknown>)[ref.locationName ?? name];
    if (v !== undefined && v !== null) out[name] = value(v, ref, shapes);
  }
  return out;
}

/** A JSON reviver keeping what Python's json keeps: a number written with a point or exponent is a float. */
function keepFloats(_key: string, v: unknown, context?: { source?: string }): unknown {
  return typeof v === "number" && /[.eE]/.test(context?.source ?? "") ? new PyFloat(v) : v;
}

/** The members of the SDK's output bound to headers or the status code. */
export function boundMembers(raw: Record<string, unknown>, shape: Shape): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(shape.members ?? {}).filter(([name, ref]) => BOUND.has(ref.location ?? "") && name in raw)
      .map(([name]) => [name, raw[name]]),
  );
}

function value(v: unknown, ref: ShapeRef, shapes: OutputShapes): unknown {
  if (v === null) return null;
  const shape = shapes(ref.shape);
  switch (shape.type) {
    case "structure": {
      if (shape.document || typeof v !== "object" || Array.isArray(v)) return v;
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const x = (v as Record<string, unknown>)[member.locationName ?? name];
        if (x !== undefined && x !== null) out[name] = value(x, member, shapes);
      }
      return out;
    }
    case "list":
      return Array.isArray(v) ? v.map((x) => value(x, shape.member!, shapes)) : v;
    case "map":
      return typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, value(x, shape.value!, shapes)]))
        : v;
    case "timestamp":
      if (v instanceof PyFloat) return new Date(v.value * 1000);
      if (typeof v === "number") return new Date(v * 1000);
      if (typeof v === "string") return new Date(/^\d+(\.\d+)?$/.test(v) ? Number(v) * 1000 : v);
      return v;
    case "blob":
      return typeof v === "string" ? bytesOf(v) : v;
    default:
      return v;
  }
}

/** The bytes of a base64 blob; text that is not base64 stays as it is, as its own bytes. */
function bytesOf(text: string): Uint8Array {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return new TextEncoder().encode(text);
  }
}
