/**
 * Values the service models mark `sensitive` (passwords, secrets, keys, tokens): found by walking a value
 * along its shape, so that what they are is decided by the model, not by guessing from names.
 */
import type { Shape } from "./types.ts";

/** Shapes by name. */
export type ShapeLookup = (name: string) => Shape | undefined;

const MAX_DEPTH = 64;

/**
 * A copy of `value` with every part that sits at a sensitive shape replaced by `replace(part)`; the value
 * itself when nothing is sensitive. Members the shape does not know are kept as they are.
 */
export function mapSensitive(
  value: unknown,
  shapeName: string,
  shapes: ShapeLookup,
  replace: (part: unknown) => unknown,
  depth = 0,
): unknown {
  const shape = shapes(shapeName);
  if (!shape || value === null || value === undefined || depth > MAX_DEPTH) return value;
  if (shape.sensitive) return replace(value);
  if (shape.type === "structure" && shape.members && isRecord(value)) {
    let out: Record<string, unknown> | undefined;
    for (const [name, ref] of Object.entries(shape.members)) {
      if (!Object.hasOwn(value, name)) continue;
      const mapped = mapSensitive(value[name], ref.shape, shapes, replace, depth + 1);
      if (mapped !== value[name]) (out ??= { ...value })[name] = mapped;
    }
    return out ?? value;
  }
  if (shape.type === "list" && shape.member && Array.isArray(value)) {
    const mapped = value.map((v) => mapSensitive(v, shape.member!.shape, shapes, replace, depth + 1));
    return mapped.some((v, i) => v !== value[i]) ? mapped : value;
  }
  if (shape.type === "map" && shape.value && isRecord(value)) {
    const keySensitive = shape.key ? shapes(shape.key.shape)?.sensitive === true : false;
    let out: Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(value)) {
      const mapped = mapSensitive(v, shape.value.shape, shapes, replace, depth + 1);
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
export function sensitiveTexts(value: unknown, shapeName: string, shapes: ShapeLookup): string[] {
  const found: string[] = [];
  const collect = (part: unknown): unknown => {
    leaves(part, found, 0);
    return part;
  };
  mapSensitive(value, shapeName, shapes, collect);
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
