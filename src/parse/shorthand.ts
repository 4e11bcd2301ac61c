/**
 * The AWS CLI's shorthand syntax: `Key=k,Value=v`, `Values=a,b,c`, `Tags=[{Key=a,Value=b}]`,
 * `Map={a=1,b=2}`, quoted values and `\,` escapes. Parsing follows the CLI's grammar; types are then
 * applied from the model as the CLI does (numbers, booleans, a lone value where a list is expected).
 */
import type { Shape } from "../models/types.ts";
import { fail } from "./errors.ts";

/** A parsed shorthand value before the model gives it types. */
export type ShorthandValue = string | ShorthandValue[] | { [key: string]: ShorthandValue };

const KEY_CHARS = /[A-Za-z0-9\-_.#/:]/;
const WHITESPACE = /\s/;
// Character classes of the CLI's value regexes: what may start a value and what may follow.
const START = String.raw`!#-&(-+\--<>-Z\\-z|-\uffff`;
const FIRST_FOLLOW = String.raw`\s!#-&(-+\--\\^-|~-\uffff`;
const SECOND_FOLLOW = String.raw`\s!#-&(-+\--<>-\uffff`;
// Sticky regexes match at `lastIndex`, so long values are scanned once.
const FIRST_VALUE = new RegExp(String.raw`(?:\\,|[${START}])(?:\\,|[${FIRST_FOLLOW}])*`, "y");
const SECOND_VALUE = new RegExp(String.raw`(?:\\,|[${START}])(?:\\,|[${SECOND_FOLLOW}])*`, "y");
const SINGLE_QUOTED = /'(?:\\\\|\\'|[^'])*'/y;
const DOUBLE_QUOTED = /"(?:\\\\|\\"|[^"])*"/y;

class SyntaxFailure extends Error {}

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  error(expected: string): never {
    const actual = this.i < this.s.length ? this.s[this.i] : "EOF";
    const where = `${this.s.slice(0, this.i)}<here>${this.s.slice(this.i)}`;
    throw new SyntaxFailure(`Expected: '${expected}', received: '${actual}' for input:\n${where}`);
  }
  eof() {
    return this.i >= this.s.length;
  }
  cur() {
    return this.s[this.i];
  }
  ws() {
    while (!this.eof() && WHITESPACE.test(this.cur())) this.i++;
  }
  expect(ch: string, ws = false) {
    if (ws) this.ws();
    if (this.eof() || this.cur() !== ch) this.error(ch);
    this.i++;
    if (ws) this.ws();
  }
  regex(re: RegExp): string | undefined {
    re.lastIndex = this.i;
    const m = re.exec(this.s);
    if (!m) return undefined;
    this.i += m[0].length;
    return m[0];
  }

  parameter(): Record<string, ShorthandValue> {
    const out: Record<string, ShorthandValue> = {};
    const [k, v] = this.keyval();
    out[k] = v;
    while (!this.eof()) {
      this.expect(",", true);
      const [k2, v2] = this.keyval();
      if (Object.hasOwn(out, k2)) {
        throw new SyntaxFailure(`Second instance of key "${k2}" encountered for input:\n${this.s}`);
      }
      out[k2] = v2;
    }
    return out;
  }
  keyval(): [string, ShorthandValue] {
    const key = this.key();
    this.expect("=", true);
    return [key, this.values()];
  }
  key(): string {
    const start = this.i;
    while (!this.eof() && KEY_CHARS.test(this.cur())) this.i++;
    return this.s.slice(start, this.i);
  }
  values(): ShorthandValue {
    if (this.eof()) return "";
    if (this.cur() === "[") return this.explicitList();
    if (this.cur() === "{") return this.hashLiteral();
    return this.csvValue();
  }
  csvValue(): ShorthandValue {
    const first = this.firstValue();
    this.ws();
    if (this.eof() || this.cur() !== ",") return first;
    this.expect(",", true);
    const list: string[] = [first];
    for (;;) {
      try {
        const current = this.secondValue();
        this.ws();
        if (this.eof()) {
          list.push(current);
          break;
        }
        this.expect(",", true);
        list.push(current);
      } catch (e) {
        if (!(e instanceof SyntaxFailure) || this.eof()) throw e;
        // Not a value: the comma before it separates the next key=value pair.
        while (this.i >= 0 && this.s[this.i] !== ",") this.i--;
        break;
      }
    }
    return list.length === 1 ? first : list;
  }
  plainValue(): string {
    const m = this.regex(FIRST_VALUE);
    return m === undefined ? "" : m.replaceAll("\\,", ",").trimEnd();
  }
  explicitList(): ShorthandValue[] {
    this.expect("[", true);
    const out: ShorthandValue[] = [];
    while (this.cur() !== "]") {
      if (this.eof()) this.error("]");
      out.push(this.explicitValues());
      this.ws();
      if (this.cur() !== "]") {
        this.expect(",");
        this.ws();
      }
    }
    this.expect("]");
    return out;
  }
  explicitValues(): ShorthandValue {
    if (this.cur() === "[") return this.explicitList();
    if (this.cur() === "{") return this.hashLiteral();
    return this.firstValue();
  }
  hashLiteral(): Record<string, ShorthandValue> {
    this.expect("{", true);
    const out: Record<string, ShorthandValue> = {};
    while (this.cur() !== "}") {
      if (this.eof()) this.error("}");
      const key = this.key();
      this.expect("=", true);
      const v = this.explicitValues();
      this.ws();
      if (this.cur() !== "}") {
        this.expect(",");
        this.ws();
      }
      out[key] = v;
    }
    this.expect("}");
    return out;
  }
  firstValue(): string {
    if (this.cur() === "'") return this.quoted(SINGLE_QUOTED, "'");
    if (this.cur() === '"') return this.quoted(DOUBLE_QUOTED, '"');
    return this.plainValue();
  }
  secondValue(): string {
    if (this.cur() === "'") return this.quoted(SINGLE_QUOTED, "'");
    if (this.cur() === '"') return this.quoted(DOUBLE_QUOTED, '"');
    const m = this.regex(SECOND_VALUE);
    if (m === undefined) this.error("<second>");
    return m.replaceAll("\\,", ",").trimEnd();
  }
  quoted(re: RegExp, q: string): string {
    const m = this.regex(re);
    if (m === undefined) this.error(q === "'" ? "<singled quoted>" : "<double quoted>");
    return m.slice(1, -1).replaceAll(`\\${q}`, q).replaceAll("\\\\", "\\");
  }
}

/** Parses one shorthand string into untyped values; throws INVALID_SHORTHAND with the CLI's message. */
export function parseShorthand(text: string, flag: string): Record<string, ShorthandValue> {
  try {
    return new Parser(text).parameter();
  } catch (e) {
    if (e instanceof SyntaxFailure) {
      fail("INVALID_SHORTHAND", `Error parsing parameter '--${flag}': ${e.message}`, SHORTHAND_HINT);
    }
    throw e;
  }
}

const SHORTHAND_HINT = "Use Key=value pairs separated by commas (Key=k,Value=v), or pass the value as JSON.";

/** Resolves shape names to shapes. */
export type ShapeLookup = (name: string) => Shape;

/**
 * Applies the model's types to parsed shorthand, as the CLI's BackCompatVisitor does: numbers and booleans
 * are converted, a single value becomes a one-element list where a list is expected, and document
 * types are refused. Unknown keys are left for validation to report.
 */
export function typeShorthand(value: unknown, shape: Shape, shapes: ShapeLookup, flag: string): unknown {
  if (shape.type === "structure") {
    if (shape.document && value !== undefined) {
      fail(
        "INVALID_SHORTHAND",
        `Error parsing parameter '--${flag}': Shorthand syntax does not support document types. Use JSON input for top-level argument to specify nested parameter`,
        "Pass this parameter as JSON.",
      );
    }
    if (!isRecord(value)) return value;
    for (const [name, ref] of Object.entries(shape.members ?? {})) {
      if (!Object.hasOwn(value, name)) continue;
      const member = shapes(ref.shape);
      if (member.document) {
        fail(
          "INVALID_SHORTHAND",
          `Error parsing parameter '--${flag}': Shorthand syntax does not support document types. Use JSON input for top-level argument to specify nested parameter: ${name}`,
          "Pass this parameter as JSON.",
        );
      }
      value[name] = typeShorthand(value[name], member, shapes, flag);
    }
    return value;
  }
  if (shape.type === "list") {
    if (!Array.isArray(value)) {
      return value === undefined ? value : [typeShorthand(value, shapes(shape.member!.shape), shapes, flag)];
    }
    const member = shapes(shape.member!.shape);
    return value.map((v) => typeShorthand(v, member, shapes, flag));
  }
  if (shape.type === "map") {
    if (!isRecord(value)) return value;
    const v = shapes(shape.value!.shape);
    for (const k of Object.keys(value)) value[k] = typeShorthand(value[k], v, shapes, flag);
    return value;
  }
  if (typeof value !== "string") return value;
  switch (shape.type) {
    case "integer":
    case "long":
      return pyInt(value, flag);
    case "float":
    case "double":
      return pyFloat(value, flag);
    case "boolean":
      if (value.toLowerCase() === "true") return true;
      if (value.toLowerCase() === "false") return false;
      return value;
    default:
      return value;
  }
}

/** Whether a value is a plain object (not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) &&
    !(v instanceof Date);
}

/** Python's `int(str)`: optional sign, digits with single underscores between them, surrounding space. */
export function pyInt(text: string, flag: string): number {
  const t = text.trim();
  if (!/^[+-]?\d+(_\d+)*$/.test(t)) {
    fail(
      "INVALID_VALUE",
      `Error parsing parameter '--${flag}': invalid literal for int() with base 10: '${text}'`,
      "Give a whole number.",
    );
  }
  return Number(t.replaceAll("_", ""));
}

/** Python's `float(str)`: decimals, exponents, inf and nan, with surrounding space. */
export function pyFloat(text: string, flag: string): number {
  const t = text.trim().replaceAll(/(?<=\d)_(?=\d)/g, "");
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(t)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) {
    fail(
      "INVALID_VALUE",
      `Error parsing parameter '--${flag}': could not convert string to float: '${text}'`,
      "Give a number.",
    );
  }
  return Number(t);
}
