/**
 * `--output yaml` as the AWS CLI v2 prints it: ruamel.yaml's safe dumper with libyaml's emitter in block
 * style — keys sorted, a list not indented under its key, 2-space indents, lines folded at a space once they
 * pass 80 columns, and each string in the first style that reads back as the same string: plain, then
 * 'single-quoted' (numbers, booleans, nulls and timestamps of YAML 1.2 would otherwise be retyped), then
 * "double-quoted" with escapes. A bare scalar is printed as JSON, as the CLI does.
 */
import { PyFloat, pyFloatRepr, pyJson } from "./pyjson.ts";

const WIDTH = 80;

/** A tagged scalar in double quotes (`!!binary "aGk="`, as the CLI writes DynamoDB bytes). */
export class TaggedScalar {
  constructor(readonly tag: string, readonly text: string) {}
}

/** A set, written as YAML writes one: `!!set` over a mapping of its members to null. */
export class YamlSet {
  constructor(readonly members: ReadonlyArray<string | PlainScalar>) {}
}

/** A scalar written as it was read (a template's unquoted date stays a date: `2010-09-09`, not quoted). */
export class PlainScalar {
  constructor(readonly text: string) {}
  toJSON(): string {
    return this.text;
  }
}
const BREAKS = "\n\x85\u2028\u2029";
const WHITESPACE = "\0 \t\r\n\x85\u2028\u2029";

// YAML 1.2's implicit types as ruamel.yaml resolves them: a plain scalar matching one is not a string.
const RESOLVERS: Array<[string, RegExp]> = [
  ["tTfF", /^(?:true|True|TRUE|false|False|FALSE)$/],
  [
    "-+0123456789.",
    /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  ],
  ["-+0123456789", /^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$/],
  ["<", /^(?:<<)$/],
  ["~nN", /^(?:~|null|Null|NULL)$/],
  [
    "0123456789",
    /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  ],
  ["=", /^(?:=)$/],
];

// YAML 1.1's booleans, which the CLI adds when it writes CloudFormation templates.
const BOOL_1_1: [string, RegExp] = [
  "yYnNtTfFoO",
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
];

/** Whether a plain scalar would read back as a string. */
function readsAsString(s: string, style: YamlStyle): boolean {
  if (s === "") return false;
  const resolvers = style.yaml11Bools ? [...RESOLVERS, BOOL_1_1] : RESOLVERS;
  return !resolvers.some(([first, re]) => first.includes(s[0]) && re.test(s));
}

/**
 * Which emitter to be: the CLI's output goes through libyaml (keys sorted); the CloudFormation templates it
 * writes go through ruamel.yaml's pure-Python emitter (keys in order, YAML 1.1 booleans quoted).
 */
export interface YamlStyle {
  emitter: "libyaml" | "ruamel";
  sortKeys: boolean;
  yaml11Bools: boolean;
}

const CLI_OUTPUT: YamlStyle = { emitter: "libyaml", sortKeys: true, yaml11Bools: false };
const TEMPLATE: YamlStyle = { emitter: "ruamel", sortKeys: false, yaml11Bools: true };

interface Analysis {
  empty: boolean;
  multiline: boolean;
  plain: boolean;
  single: boolean;
}

// libyaml's IS_PRINTABLE: no NEL, nothing beyond the Basic Multilingual Plane. ruamel's emitter takes both.
const printable = (ch: string, emitter: YamlStyle["emitter"]) => {
  const c = ch.codePointAt(0)!;
  return ch === "\n" || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) || (emitter === "ruamel" && (c === 0x85 || c >= 0x10000));
};

/** Which styles can carry the string (libyaml's yaml_emitter_analyze_scalar, block context, unicode allowed). */
function analyze(s: string, emitter: YamlStyle["emitter"] = "libyaml"): Analysis {
  if (!s) return { empty: true, multiline: false, plain: true, single: true };
  const chars = [...s];
  let indicators = s.startsWith("---") || s.startsWith("...");
  let breaks = false, special = false;
  let leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
  let breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
  let precededByWhitespace = true;
  let followedByWhitespace = chars.length === 1 || WHITESPACE.includes(chars[1]);
  chars.forEach((ch, i) => {
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(ch)) indicators = true;
      if ("?:".includes(ch) && followedByWhitespace) indicators = true;
      if (ch === "-" && followedByWhitespace) indicators = true;
    } else {
      if (ch === ":" && followedByWhitespace) indicators = true;
      if (ch === "#" && precededByWhitespace) indicators = true;
    }
    if (BREAKS.includes(ch)) breaks = true;
    if (!printable(ch, emitter)) special = true;
    if (ch === " ") {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (BREAKS.includes(ch)) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = previousBreak = false;
    }
    precededByWhitespace = WHITESPACE.includes(ch);
    followedByWhitespace = i + 2 >= chars.length || WHITESPACE.includes(chars[i + 2]);
  });
  let plain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak);
  let single = true;
  if (breakSpace) plain = single = false;
  if (special || spaceBreak) plain = single = false;
  if (breaks || indicators) plain = false;
  return { empty: false, multiline: breaks, plain, single };
}

const ESCAPES: Readonly<Record<string, string>> = {
  "\0": "0",
  "\x07": "a",
  "\x08": "b",
  "\t": "t",
  "\n": "n",
  "\x0b": "v",
  "\x0c": "f",
  "\r": "r",
  "\x1b": "e",
  '"': '"',
  "\\": "\\",
  "\x85": "N",
  "\xa0": "_",
  "\u2028": "L",
  "\u2029": "P",
};

/** A character as a double-quoted escape: the short forms, else \\x, \\u or \\U and its code. */
function escape(ch: string): string {
  if (ESCAPES[ch] !== undefined) return `\\${ESCAPES[ch]}`;
  const c = ch.codePointAt(0)!;
  const hex = (w: number) => c.toString(16).toUpperCase().padStart(w, "0");
  return c <= 0xff ? `\\x${hex(2)}` : c <= 0xffff ? `\\u${hex(4)}` : `\\U${hex(8)}`;
}

/** The emitter's output and where it is: the column, and whether the last thing written was whitespace. */
class Writer {
  constructor(readonly style: YamlStyle) {}
  out = "";
  column = 0;
  whitespace = true;
  indention = true;

  write(data: string): void {
    this.out += data;
    this.column += [...data].length;
  }
  lineBreak(): void {
    this.out += "\n";
    this.column = 0;
    this.whitespace = this.indention = true;
  }
  indent(to: number): void {
    if (!this.indention || this.column > to || (this.column === to && !this.whitespace)) this.lineBreak();
    if (this.column < to) {
      this.whitespace = true;
      this.write(" ".repeat(to - this.column));
    }
  }
  indicator(text: string, needWhitespace: boolean, whitespace = false, indention = false): void {
    this.write(this.whitespace || !needWhitespace ? text : ` ${text}`);
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
  }

  plain(text: string, indent: number, split: boolean): void {
    if (!text) return;
    if (!this.whitespace) this.write(" ");
    this.whitespace = this.indention = false;
    const chars = [...text];
    let spaces = false, start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = chars[end];
      if (spaces) {
        if (ch !== " ") {
          if (start + 1 === end && this.column > WIDTH && split) {
            this.indent(indent);
            this.whitespace = this.indention = false;
          } else this.write(chars.slice(start, end).join(""));
          start = end;
        }
      } else if (ch === undefined || ch === " ") {
        this.write(chars.slice(start, end).join(""));
        start = end;
      }
      if (ch !== undefined) spaces = ch === " ";
    }
  }

  single(text: string, indent: number, split: boolean): void {
    this.indicator("'", true);
    const chars = [...text];
    let spaces = false, breaks = false, start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = chars[end];
      if (spaces) {
        if (ch !== " ") {
          if (start + 1 === end && this.column > WIDTH && split && start !== 0 && end !== chars.length) {
            this.indent(indent);
          } else this.write(chars.slice(start, end).join(""));
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !BREAKS.includes(ch)) {
          if (chars[start] === "\n") this.lineBreak();
          for (const br of chars.slice(start, end)) {
            if (br === "\n") this.lineBreak();
            else {
              this.out += br;
              this.column = 0;
              this.whitespace = this.indention = true;
            }
          }
          this.indent(indent);
          start = end;
        }
      } else if (ch === undefined || ch === " " || BREAKS.includes(ch) || ch === "'") {
        if (start < end) {
          this.write(chars.slice(start, end).join(""));
          start = end;
        }
      }
      if (ch === "'") {
        this.write("''");
        start = end + 1;
      }
      if (ch !== undefined) {
        spaces = ch === " ";
        breaks = BREAKS.includes(ch);
      }
    }
    this.indicator("'", false);
  }

  double(text: string, indent: number, split: boolean): void {
    if (this.style.emitter === "ruamel") this.doubleRuamel(text, indent, split);
    else this.doubleLibyaml(text, indent, split);
  }

  /** ruamel's (PyYAML's) double-quoted writer: a long line ends with a backslash and goes on below. */
  doubleRuamel(text: string, indent: number, split: boolean): void {
    this.indicator('"', true);
    const chars = [...text];
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = chars[end];
      const c = ch?.codePointAt(0) ?? 0;
      const plainChar = ch !== undefined && !'"\\\x85\u2028\u2029\ufeff'.includes(ch) &&
        ((c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd));
      if (!plainChar) {
        if (start < end) {
          this.write(chars.slice(start, end).join(""));
          start = end;
        }
        if (ch !== undefined) {
          this.write(escape(ch));
          start = end + 1;
        }
      }
      if (
        end > 0 && end < chars.length - 1 && (ch === " " || start >= end) &&
        this.column + (end - start) > WIDTH && split
      ) {
        this.write(`${chars.slice(start, end).join("")}\\`);
        if (start < end) start = end;
        this.indent(indent);
        this.whitespace = this.indention = false;
        if (chars[start] === " ") this.write("\\");
      }
    }
    this.indicator('"', false);
  }

  /** libyaml's double-quoted writer: escapes, and a long line broken at a space in place of the space. */
  doubleLibyaml(text: string, indent: number, split: boolean): void {
    this.indicator('"', true);
    const chars = [...text];
    let spaces = false;
    chars.forEach((ch, i) => {
      if (!printable(ch, "libyaml") || '\n\r\x85\u2028\u2029"\\'.includes(ch)) {
        this.write(escape(ch));
        spaces = false;
      } else if (ch === " ") {
        if (split && !spaces && this.column > WIDTH && i !== 0 && i !== chars.length - 1) {
          this.indent(indent);
          if (chars[i + 1] === " ") this.write("\\");
        } else this.write(ch);
        spaces = true;
      } else {
        this.write(ch);
        spaces = false;
      }
    });
    this.indicator('"', false);
  }

  /** A string as a value (`indent` for its continuation lines) or as a mapping key. */
  string(s: string, indent: number, key = false): void {
    const a = analyze(s, this.style.emitter);
    const plainOk = readsAsString(s, this.style) && !(key && (a.empty || a.multiline)) && a.plain;
    // ruamel prefers double quotes to single for a string with a quote or a line break in it.
    const doubled = this.style.emitter === "ruamel" && (s.includes("'") || s.includes("\n"));
    if (plainOk) this.plain(s, indent, !key);
    else if (a.single && !doubled && !(key && a.multiline)) this.single(s, indent, !key);
    else this.double(s, indent, !key);
  }

  scalar(v: unknown, indent: number): void {
    if (typeof v === "string") return this.string(v, indent);
    if (v instanceof PlainScalar) return this.plain(v.text, indent, true);
    if (v instanceof TaggedScalar) {
      this.indicator(v.tag, true);
      return this.double(v.text, indent, true);
    }
    const text = v === null || v === undefined
      ? "null"
      : v === true
      ? "true"
      : v === false
      ? "false"
      : floatText(v);
    this.plain(text, indent, true);
  }

  node(v: unknown, indent: number, context: "root" | "value" | "item"): void {
    // "item": after "- ", or after ": " of a complex key — a mapping or list starts on that line.
    if (v instanceof YamlSet) {
      if (!v.members.length) return this.flowEmpty("!!set {}");
      // The tag, then the members as keys of null on the lines below.
      this.indicator("!!set", true);
      const at = context === "root" ? indent : indent + 2;
      for (const m of v.members) {
        this.indent(at);
        if (typeof m === "string") this.string(m, at, true);
        else this.plain(m.text, at, false);
        this.indicator(":", false);
        this.scalar(null, at + 2);
      }
      return;
    }
    if (Array.isArray(v)) {
      if (!v.length) return this.flowEmpty("[]");
      // A list under a key starts at the key's column (an "indentless" sequence).
      const at = context === "item" ? indent + 2 : indent;
      for (const item of v) {
        this.indent(at);
        this.indicator("-", true, false, true);
        this.node(item, at, "item");
      }
    } else if (isMapping(v)) {
      const keys = this.style.sortKeys ? Object.keys(v).sort(compareKeys) : Object.keys(v);
      if (!keys.length) return this.flowEmpty("{}");
      const at = context === "root" ? indent : indent + 2;
      for (const k of keys) {
        this.indent(at);
        if (this.simpleKey(k)) {
          this.string(k, at, true);
          this.indicator(":", false);
          this.node(v[k], at, "value");
        } else {
          // libyaml's complex key: "? key" and ": value" on lines of their own.
          this.indicator("?", true, false, true);
          this.string(k, at + 2);
          this.indent(at);
          this.indicator(":", true, false, true);
          this.node(v[k], at, "item");
        }
      }
    } else this.scalar(v, indent + 2);
  }

  /**
   * Whether a key can be written as `key:`: one line, and short — libyaml counts its UTF-8 bytes (at most 128),
   * ruamel its characters plus its tag's five (`!!str`, under 128).
   */
  simpleKey(k: string): boolean {
    const short = this.style.emitter === "libyaml"
      ? new TextEncoder().encode(k).length <= 128
      : [...k].length + 5 < 128;
    return short && !analyze(k, this.style.emitter).multiline;
  }

  flowEmpty(text: string): void {
    this.indicator(text, true);
  }
}

const isMapping = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof PyFloat) &&
  !(v instanceof PlainScalar) && !(v instanceof TaggedScalar) && !(v instanceof YamlSet);

const SURROGATE = /[\ud800-\udfff]/;

/** Python's sort of str keys: by code point (UTF-16 order differs only where surrogates are involved). */
const compareKeys = (a: string, b: string) => {
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  const x = [...a].map((c) => c.codePointAt(0)!), y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
};

/** A number as ruamel.yaml writes it: repr, lower-cased; infinities and NaN as YAML spells them. */
function floatText(v: unknown): string {
  const n = v instanceof PyFloat ? v.value : Number(v);
  if (Number.isNaN(n)) return ".nan";
  if (n === Infinity) return ".inf";
  if (n === -Infinity) return "-.inf";
  if (v instanceof PyFloat || !Number.isInteger(n)) return pyFloatRepr(n).toLowerCase();
  return String(v);
}

/** The CLI's YAML for a (queried) response; a bare scalar as JSON. */
export function formatYaml(data: unknown): string {
  if (data === null || data === undefined || typeof data !== "object" || data instanceof PyFloat) {
    return `${pyJson(data ?? null)}\n`;
  }
  return dump(data, CLI_OUTPUT);
}

function dump(data: unknown, style: YamlStyle): string {
  const w = new Writer(style);
  w.node(data, 0, "root");
  return `${w.out}\n`;
}

/** A CloudFormation template as `aws cloudformation package` writes it (ruamel's emitter, keys in order). */
export function formatTemplateYaml(template: unknown): string {
  return dump(template, TEMPLATE);
}
