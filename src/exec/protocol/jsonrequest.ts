/**
 * Request members that an older bundled SDK client does not know are dropped by its serializer, without
 * a word. For JSON and REST-JSON requests, call_aws adds them back: it serializes the validated input by
 * the model (JSON names, timestamps as epoch seconds or ISO 8601, blobs as base64) and adds to the SDK's
 * body whatever the SDK left out, keeping everything the SDK wrote as it wrote it.
 */
import type { Shape, ShapeRef } from "../../models/types.ts";
import { encodeBase64 } from "../../parse/base64.ts";

type Shapes = (name: string) => Shape;
const BOUND = new Set(["uri", "querystring", "header", "headers"]);

interface BuildCommand {
  middlewareStack: {
    add(
      mw: (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>,
      options: { step: "build"; name: string; priority: "high" },
    ): void;
  };
}

/** The JSON body the model gives an input (its body members only), or undefined when it has none. */
export function modelBody(
  params: Record<string, unknown>,
  input: Shape,
  shapes: Shapes,
): Record<string, unknown> | undefined {
  if (input.payload !== undefined) {
    const ref = input.members![input.payload];
    const v = params[input.payload];
    return shapes(ref.shape).type === "structure" && v !== undefined
      ? toJson(v, ref, shapes) as Record<string, unknown>
      : undefined;
  }
  const out: Record<string, unknown> = {};
  for (const [name, ref] of Object.entries(input.members ?? {})) {
    if (BOUND.has(ref.location ?? "") || params[name] === undefined) continue;
    out[ref.locationName ?? name] = toJson(params[name], ref, shapes);
  }
  return out;
}

function toJson(v: unknown, ref: ShapeRef, shapes: Shapes): unknown {
  const shape = shapes(ref.shape);
  if (v === null || v === undefined) return v;
  switch (shape.type) {
    case "structure": {
      if (shape.document || typeof v !== "object") return v;
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const x = (v as Record<string, unknown>)[name];
        if (x !== undefined) out[member.locationName ?? name] = toJson(x, member, shapes);
      }
      return out;
    }
    case "list":
      return Array.isArray(v) ? v.map((x) => toJson(x, shape.member!, shapes)) : v;
    case "map":
      return typeof v === "object"
        ? Object.fromEntries(
          Object.entries(v as object).map(([k, x]) => [k, toJson(x, shape.value!, shapes)]),
        )
        : v;
    case "timestamp": {
      if (!(v instanceof Date)) return v;
      const format = ref.timestampFormat ?? shape.timestampFormat ?? "unixTimestamp";
      return format === "iso8601" ? v.toISOString() : v.getTime() / 1000;
    }
    case "blob":
      return v instanceof Uint8Array
        ? encodeBase64(v)
        : typeof v === "string"
        ? encodeBase64(new TextEncoder().encode(v))
        : v;
    default:
      return v;
  }
}

/** Adds to `target` what `extra` has and it lacks, at any depth; whether anything was added. */
export function addMissing(target: unknown, extra: unknown): boolean {
  if (Array.isArray(target) && Array.isArray(extra)) {
    if (target.length !== extra.length) return false;
    return target.map((t, i) => addMissing(t, extra[i])).some(Boolean);
  }
  if (!isRecord(target) || !isRecord(extra)) return false;
  let added = false;
  for (const [k, v] of Object.entries(extra)) {
    if (!Object.hasOwn(target, k)) {
      target[k] = v;
      added = true;
    } else if (addMissing(target[k], v)) added = true;
  }
  return added;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Uint8Array);

/** Completes a command's JSON request body from the model before it is signed. */
export function completeJsonBody(
  command: unknown,
  params: Record<string, unknown>,
  input: Shape,
  shapes: Shapes,
): void {
  const body = modelBody(params, input, shapes);
  if (!body || !Object.keys(body).length) return;
  (command as BuildCommand).middlewareStack.add((next) => (args) => {
    const request = (args as { request?: { body?: unknown; headers: Record<string, string> } }).request;
    if (request && (typeof request.body === "string" || request.body === undefined)) {
      let sent: unknown;
      try {
        sent = request.body ? JSON.parse(request.body as string) : {};
      } catch {
        return next(args); // not JSON after all (a CBOR-speaking client): left as the SDK made it
      }
      if (addMissing(sent, body)) {
        request.body = JSON.stringify(sent);
        const type = Object.keys(request.headers).find((h) => h.toLowerCase() === "content-type");
        if (!type) request.headers["content-type"] = "application/json";
      }
    }
    return next(args);
  }, { step: "build", name: "awsApiMcpCompleteJsonBody", priority: "high" });
}
