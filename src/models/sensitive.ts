/**
 * Values the service models mark `sensitive` (passwords, secrets, keys, tokens): found by walking a value
 * along its shape, so that what they are is decided by the model, not by guessing from names.
 */
import type { Shape } from "./types.ts";

/** Shapes by name. */
export type ShapeLookup = (name: string) => Shape | undefined;

const MAX_DEPTH = 64;

/**
 * Members that hold secrets but whose shapes the models do not mark sensitive, as `Structure.member`,
 * by service. Reviewed by hand; tests/models/sensitive_test.ts checks each names a real member.
 */
const UNMARKED: Readonly<Record<string, readonly string[]>> = {
  apigateway: ["CreateApiKeyRequest.value", "ApiKey.value", "ImportApiKeysRequest.body"],
  glue: ["ConnectionInput.ConnectionProperties", "Connection.ConnectionProperties"],
};

const NONE: ReadonlySet<string> = new Set();
const unmarkedSets = new Map<string, ReadonlySet<string>>();

/** The members of a service that are secret although the model does not mark them (`Structure.member`). */
export function unmarkedSensitive(service: string): ReadonlySet<string> {
  if (!Object.hasOwn(UNMARKED, service)) return NONE;
  let set = unmarkedSets.get(service);
  if (!set) unmarkedSets.set(service, set = new Set(UNMARKED[service]));
  return set;
}

/**
 * A copy of `value` with every part that sits at a sensitive shape replaced by `replace(part)`; the value
 * itself when nothing is sensitive. Members the shape does not know are kept as they are.
 */
export function mapSensitive(
  value: unknown,
  shapeName: string,
  shapes: ShapeLookup,
  replace: (part: unknown) => unknown,
  unmarked: ReadonlySet<string> = NONE,
  depth = 0,
): unknown {
  const shape = shapes(shapeName);
  if (!shape || value === null || value === undefined || depth > MAX_DEPTH) return value;
  if (shape.sensitive) return replace(value);
  if (shape.type === "structure" && shape.members && isRecord(value)) {
    let out: Record<string, unknown> | undefined;
    for (const [name, ref] of Object.entries(shape.members)) {
      if (!Object.hasOwn(value, name)) continue;
      const mapped = unmarked.has(`${shapeName}.${name}`)
        ? replace(value[name])
        : mapSensitive(value[name], ref.shape, shapes, replace, unmarked, depth + 1);
      if (mapped !== value[name]) (out ??= { ...value })[name] = mapped;
    }
    return out ?? value;
  }
  if (shape.type === "list" && shape.member && Array.isArray(value)) {
    const mapped = value.map((v) =>
      mapSensitive(v, shape.member!.shape, shapes, replace, unmarked, depth + 1)
    );
    return mapped.some((v, i) => v !== value[i]) ? mapped : value;
  }
  if (shape.type === "map" && shape.value && isRecord(value)) {
    const keySensitive = shape.key ? shapes(shape.key.shape)?.sensitive === true : false;
    let out: Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(value)) {
      const mapped = mapSensitive(v, shape.value.shape, shapes, replace, unmarked, depth + 1);
      if (keySensitive) {
        out ??= {};
        out[String(replace(k))] = mapped;
      } else if (mapped !== v || out) (out ??= { ...value })[k] = mapped;
    }
    return out ?? value;
  }
  return value;
}

/** Every sensitive value in `value` as text (strings, numbers, and the leaves under sensitive parts). */
export function sensitiveTexts(
  value: unknown,
  shapeName: string,
  shapes: ShapeLookup,
  unmarked: ReadonlySet<string> = NONE,
): string[] {
  const found: string[] = [];
  const collect = (part: unknown): unknown => {
    leaves(part, found, 0);
    return part;
  };
  mapSensitive(value, shapeName, shapes, collect, unmarked);
  return found;
}

function leaves(part: unknown, into: string[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (typeof part === "string" || typeof part === "number" || typeof part === "bigint") {
    into.push(String(part));
  } else if (Array.isArray(part)) { for (const p of part) leaves(p, into, depth + 1); }
  else if (isRecord(part)) { for (const v of Object.values(part)) leaves(v, into, depth + 1); }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) &&
    !(v instanceof Date);
}
