/** Shape handling for the generator: stripping documentation and finding what an operation reaches. */

type Json = Record<string, unknown>;

const DROP_KEYS = new Set([
  "documentation",
  "documentationUrl",
  "deprecatedMessage",
  "deprecatedSince",
  "exception",
  "error",
  "fault",
  "retryable",
  "synthetic",
  "contextParam",
  // Wire-level names: the SDK serializes requests and parses responses; the CLI surface uses member names.
  "locationName",
  "queryName",
  "xmlNamespace",
  "xmlAttribute",
  "xmlOrder",
  "flattened",
]);

const NONE: ReadonlySet<string> = new Set();

/** Every wire trait: the shapes build requests and read responses where the model makes an operation. */
export const ALL_WIRE: ReadonlySet<string> = new Set([
  "locationName",
  "queryName",
  "xmlNamespace",
  "xmlAttribute",
  "flattened",
]);

/** A copy of a shape or member without documentation and error-only traits (but for those in `keep`). */
export function stripShape(value: unknown, keep: ReadonlySet<string> = NONE): unknown {
  if (Array.isArray(value)) return value.map((v) => stripShape(v, keep));
  if (value === null || typeof value !== "object") return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value as Json)) {
    if (k === "members") {
      // Member names are data, not traits: a member may be called `error` or `documentation`.
      out[k] = Object.fromEntries(Object.entries(v as Json).map(([m, ref]) => [m, stripShape(ref, keep)]));
    } else if (!DROP_KEYS.has(k) || keep.has(k)) {
      out[k] = stripShape(v, keep);
    }
  }
  return out;
}

/** Names of every shape reachable from the roots, in a stable (sorted) order. */
export function closure(shapes: Record<string, Json>, roots: Iterable<string>): string[] {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    const shape = shapes[name];
    if (!shape) throw new Error(`shape ${name} is referenced but not defined`);
    seen.add(name);
    for (const k of ["member", "key", "value"]) {
      const ref = shape[k] as { shape: string } | undefined;
      if (ref) stack.push(ref.shape);
    }
    for (const m of Object.values((shape.members ?? {}) as Record<string, { shape: string }>)) {
      stack.push(m.shape);
    }
  }
  return [...seen].sort();
}

/** JSON with one line per entry of the named maps, so regenerated files diff by entry. */
export function stableJson(value: Json, lineMaps: readonly string[]): string {
  const parts = Object.entries(value).map(([k, v]) => {
    if (lineMaps.includes(k) && v && typeof v === "object" && !Array.isArray(v)) {
      const lines = Object.entries(v as Json).map(([ek, ev]) =>
        `${JSON.stringify(ek)}:${JSON.stringify(ev)}`
      );
      return `${JSON.stringify(k)}:{\n${lines.join(",\n")}\n}`;
    }
    return `${JSON.stringify(k)}:${JSON.stringify(v)}`;
  });
  return `{\n${parts.join(",\n")}\n}\n`;
}
