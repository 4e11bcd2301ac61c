/**
 * Parameter validation as botocore does it before sending: required members, unknown members, types,
 * minimum lengths and values, tagged unions. Checks the CLI does not make (maximums, enums, patterns)
 * become warnings, not errors, so the verdict stays the CLI's. Timestamps come out as Dates.
 */
import type { Shape, ShapeRef } from "../models/types.ts";
import { isRecord, type ShapeLookup } from "./shorthand.ts";
import { parseTimestamp } from "./timestamp.ts";
import { FileBody } from "./types.ts";

/** What validation found: botocore-style error lines and advisory warnings. */
export interface ValidationReport {
  errors: string[];
  warnings: string[];
}

const label = (name: string) => (name === "" ? "input" : name.startsWith(".") ? name.slice(1) : name);

function pyRepr(v: unknown): string {
  if (typeof v === "string") return `'${v}'`;
  if (typeof v === "boolean") return v ? "True" : "False";
  if (v === null || v === undefined) return "None";
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(", ")}]`;
  if (isRecord(v)) return `{${Object.entries(v).map(([k, x]) => `'${k}': ${pyRepr(x)}`).join(", ")}}`;
  return String(v);
}

function pyType(v: unknown): string {
  if (typeof v === "string") return "<class 'str'>";
  if (typeof v === "boolean") return "<class 'bool'>";
  if (typeof v === "number") return Number.isInteger(v) ? "<class 'int'>" : "<class 'float'>";
  if (Array.isArray(v)) return "<class 'list'>";
  if (v === null || v === undefined) return "<class 'NoneType'>";
  if (v instanceof Uint8Array) return "<class 'bytes'>";
  return "<class 'dict'>";
}

class Validator {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];
  constructor(readonly shapes: ShapeLookup) {}

  invalidType(name: string, v: unknown, valid: string[]) {
    this.errors.push(
      `Invalid type for parameter ${label(name)}, value: ${pyRepr(v)}, type: ${pyType(v)}, valid types: ${
        valid.join(", ")
      }`,
    );
  }
  min(name: string, n: number, shape: Shape, ref: ShapeRef | undefined, kind: "length" | "value") {
    const min = shape.min ?? (ref?.hostLabel ? 1 : undefined);
    if (min !== undefined && n < min) {
      this.errors.push(
        `Invalid ${kind === "length" ? "length" : "value"} for parameter ${
          label(name)
        }, value: ${n}, valid min ${kind}: ${min}`,
      );
    }
    if (shape.max !== undefined && n > shape.max) {
      this.warnings.push(
        `${
          label(name)
        }: ${kind} ${n} is above the model's maximum of ${shape.max}; the service will likely reject it.`,
      );
    }
  }

  /** Validates a value and returns it normalized (timestamps as Dates). */
  check(v: unknown, shape: Shape, name: string, ref?: ShapeRef): unknown {
    if (ref?.jsonvalue && ref.location === "header") {
      return v;
    }
    if (shape.type === "structure" && shape.document) return this.document(v, name);
    switch (shape.type) {
      case "structure":
        return this.structure(v, shape, name);
      case "list": {
        if (!Array.isArray(v)) return this.invalidType(name, v, ["<class 'list'>", "<class 'tuple'>"]), v;
        this.min(name, v.length, shape, ref, "length");
        const member = this.shapes(shape.member!.shape);
        return v.map((x, i) => this.check(x, member, `${name}[${i}]`, shape.member));
      }
      case "map": {
        if (!isRecord(v)) return this.invalidType(name, v, ["<class 'dict'>"]), v;
        const key = this.shapes(shape.key!.shape);
        const val = this.shapes(shape.value!.shape);
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) {
          this.check(k, key, `${name} (key: ${k})`, shape.key);
          out[k] = this.check(x, val, `${name}.${k}`, shape.value);
        }
        return out;
      }
      case "string":
        if (typeof v !== "string") return this.invalidType(name, v, ["<class 'str'>"]), v;
        this.min(name, [...v].length, shape, ref, "length");
        if (shape.enum && !shape.enum.includes(v)) {
          this.warnings.push(
            `${label(name)}: '${v}' is not one of the model's values (${shape.enum.slice(0, 12).join(", ")}${
              shape.enum.length > 12 ? ", …" : ""
            }).`,
          );
        }
        return v;
      case "integer":
      case "long":
        if (typeof v !== "number" || !Number.isInteger(v)) {
          return this.invalidType(name, v, ["<class 'int'>"]), v;
        }
        this.min(name, v, shape, ref, "value");
        return v;
      case "float":
      case "double":
      case "bigDecimal":
        if (typeof v !== "number") {
          return this.invalidType(name, v, ["<class 'float'>", "<class 'decimal.Decimal'>", "<class 'int'>"]),
            v;
        }
        this.min(name, v, shape, ref, "value");
        return v;
      case "bigInteger":
        if (typeof v !== "number" || !Number.isInteger(v)) {
          return this.invalidType(name, v, ["<class 'int'>"]), v;
        }
        return v;
      case "boolean":
        if (typeof v !== "boolean") return this.invalidType(name, v, ["<class 'bool'>"]), v;
        return v;
      case "blob":
        if (typeof v === "string" || v instanceof Uint8Array || v instanceof FileBody) return v;
        return this.invalidType(name, v, ["<class 'bytes'>", "<class 'bytearray'>", "file-like object"]), v;
      case "timestamp": {
        if (v instanceof Date) return v;
        const d = typeof v === "string" || typeof v === "number" ? parseTimestamp(String(v)) : undefined;
        if (!d) return this.invalidType(name, v, ["<class 'datetime.datetime'>", "timestamp-string"]), v;
        return d;
      }
      default:
        return v;
    }
  }

  structure(v: unknown, shape: Shape, name: string): unknown {
    if (!isRecord(v)) return this.invalidType(name, v, ["<class 'dict'>"]), v;
    const members = shape.members ?? {};
    const names = Object.keys(members);
    if (shape.union) {
      const set = Object.keys(v).length;
      if (set === 0) {
        this.errors.push(
          `Must set one of the following keys for tagged unionstructure ${label(name)}: ${names.join(". ")}.`,
        );
      }
      if (set > 1) {
        this.errors.push(
          `Invalid number of parameters set for tagged union structure ${
            label(name)
          }. Can only set one of the following keys: ${names.join(". ")}.`,
        );
      }
    }
    for (const r of shape.required ?? []) {
      if (!Object.hasOwn(v, r)) this.errors.push(`Missing required parameter in ${label(name)}: "${r}"`);
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      if (!Object.hasOwn(members, k)) {
        this.errors.push(`Unknown parameter in ${label(name)}: "${k}", must be one of: ${names.join(", ")}`);
        out[k] = v[k];
      }
    }
    for (const k of Object.keys(v)) {
      if (Object.hasOwn(members, k)) {
        out[k] = this.check(v[k], this.shapes(members[k].shape), `${name}.${k}`, members[k]);
      }
    }
    // Keep the caller's key order.
    return Object.fromEntries(Object.keys(v).map((k) => [k, out[k]]));
  }

  document(v: unknown, name: string): unknown {
    if (
      v === null || v === undefined || typeof v === "string" || typeof v === "number" ||
      typeof v === "boolean"
    ) return v;
    if (Array.isArray(v)) return v.map((x, i) => this.document(x, `${name}[${i}]`));
    if (isRecord(v)) {
      for (const [k, x] of Object.entries(v)) this.document(x, k);
      return v;
    }
    this.errors.push(`Invalid type for document parameter ${label(name)}, value: ${pyRepr(v)}`);
    return v;
  }
}

/** Validates an operation's input against its shape; returns the normalized input and the findings. */
export function validateInput(
  params: Record<string, unknown>,
  shape: Shape | undefined,
  shapes: ShapeLookup,
): { params: Record<string, unknown>; report: ValidationReport } {
  const v = new Validator(shapes);
  const out = shape ? v.check(params, shape, "") as Record<string, unknown> : params;
  return { params: out, report: { errors: v.errors, warnings: v.warnings } };
}
