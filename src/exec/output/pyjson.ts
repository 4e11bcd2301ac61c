/**
 * JSON text exactly as the AWS CLI prints it (Python's `json.dumps(indent=4, ensure_ascii=False)`):
 * four-space indents, floats in Python's repr (`1.0`, `1e-07`, `1.5e+16`), non-ASCII kept as is.
 */

/** A number the output shape types as float or double, printed the way Python prints floats. */
export class PyFloat {
  constructor(readonly value: number) {}
  /** Plain JSON sees the number. */
  toJSON(): number {
    return this.value;
  }
}

/** Python's `repr(float)`: shortest round-trip digits, scientific below 1e-4 and from 1e16. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mant, expText] = x.toExponential().split("e");
  const exp = Number(expText);
  const sign = mant.startsWith("-") ? "-" : "";
  const digits = mant.replace("-", "").replace(".", "");
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
  const frac = digits.slice(exp + 1);
  return `${sign}${intPart}.${frac || "0"}`;
}

/** Python's str() of a scalar: None, True, False, floats in repr. */
export function pyStr(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (v instanceof PyFloat) return pyFloatRepr(v.value);
  if (typeof v === "number" && !Number.isInteger(v)) return pyFloatRepr(v);
  return String(v);
}

function str(s: string): string {
  // JSON.stringify escapes what Python does; Python leaves U+2028/2029 and lone surrogates alone too,
  // and JSON.stringify matches it for everything the CLI prints in practice.
  return JSON.stringify(s);
}

/** Serializes a value as the CLI's JSON output. */
export function pyJson(value: unknown, indent = 0): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof PyFloat) return pyFloatRepr(value.value);
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : pyFloatRepr(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "string") return str(value);
  // A value that says how it serializes (a template's date kept as written).
  const own = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof own === "function" && !Array.isArray(value)) return pyJson(own.call(value), indent);
  const pad = " ".repeat(indent + 4), end = " ".repeat(indent);
  if (Array.isArray(value)) {
    if (!value.length) return "[]";
    return `[\n${value.map((v) => pad + pyJson(v, indent + 4)).join(",\n")}\n${end}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (!entries.length) return "{}";
  return `{\n${entries.map(([k, v]) => `${pad}${str(k)}: ${pyJson(v, indent + 4)}`).join(",\n")}\n${end}}`;
}
