/**
 * `--output table` as the AWS CLI prints it (awscli/formatter.py TableFormatter and awscli/table.py): a
 * section per object titled with its key (the operation's name at the top), scalar members as sorted column
 * headers over a row of values, nested objects and lists as indented sections, columns scaled to the widest
 * section — and, when that is wider than the 80 columns the CLI assumes without a terminal, one-row
 * sections turned on their side (a header column and a value column).
 */
import { readModel } from "../../models/registry.ts";
import { PyFloat, pyStr } from "./pyjson.ts";

const TERMINAL_WIDTH = 80;

let wide: Array<[number, number]> | undefined;

/** Whether the CLI counts a code point as two columns (east Asian wide, full-width or ambiguous). */
function isWide(c: number): boolean {
  if (c < 0xa1) return false;
  wide ??= readModel<{ ranges: Array<[number, number]> }>("east-asian-width.json").ranges;
  let lo = 0, hi = wide.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c < wide[mid][0]) hi = mid - 1;
    else if (c > wide[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The columns a text takes, as the CLI counts them. */
function textLength(text: string): number {
  let n = 0;
  for (const ch of text) n += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return n;
}

const spaces = (n: number) => " ".repeat(Math.max(0, n));

/** Python's round(): halves to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Python's str() of a value in a cell. */
function cell(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(repr).join(", ")}]`;
  if (isObject(v)) return `{${Object.entries(v).map(([k, x]) => `${repr(k)}: ${repr(x)}`).join(", ")}}`;
  return pyStr(v);
}

/** Python's repr() inside a container (a value that is not a scalar where others were). */
const repr = (v: unknown): string => (typeof v === "string" ? `'${v.replace(/[\\']/g, "\\$&")}'` : cell(v));

function centerText(text: string, length: number, left: string, right: string, textLen = textLength(text)) {
  const start = Math.floor(length / 2) - Math.floor(textLen / 2) - 1;
  const soFar = textLength(left) + start + textLen;
  return `${left}${spaces(start)}${text}${spaces(length - textLength(right) - soFar)}${right}`;
}

function alignLeft(text: string, length: number, left: string, right: string, textLen = textLength(text)) {
  const padding = length - (textLen + 2 + textLength(left) + textLength(right)) >= 0 ? 2 : 0;
  const soFar = left.length + padding + textLen;
  return `${left}${spaces(padding)}${text}${spaces(length - soFar - right.length)}${right}`;
}

/** One titled block of the table: optional column headers, then rows. */
class Section {
  title = "";
  headers: string[] = [];
  rows: string[][] = [];
  indent = 0;
  private widths: number[] = [];

  header(headers: string[]): void {
    this.track(headers);
    this.headers = headers;
  }
  row(values: unknown[]): void {
    const row = values.map(cell);
    this.rows.push(row);
    this.track(row);
  }
  private track(row: string[]): void {
    if (!this.widths.length) this.widths = row.map(textLength);
    else row.forEach((el, i) => this.widths[i] = Math.max(textLength(el), this.widths[i] ?? 0));
  }
  columnWidths(padding = 0, maxWidth?: number): number[] {
    const unscaled = this.widths.map((w) => w + padding);
    if (maxWidth === undefined || !unscaled.length) return unscaled;
    const factor = maxWidth / unscaled.reduce((a, b) => a + b, 0);
    const scaled = unscaled.map((w) => roundHalfEven(factor * w));
    let off = scaled.reduce((a, b) => a + b, 0) - maxWidth;
    while (off !== 0) {
      const order = [...scaled.keys()];
      if (off < 0) order.reverse();
      for (const i of order) {
        if (off > 0) {
          scaled[i]--;
          off--;
        } else {
          scaled[i]++;
          off++;
        }
        if (off === 0) break;
      }
    }
    return scaled;
  }
  totalWidth(): number {
    const total = this.columnWidths().reduce((sum, w) => sum + w + 4, 0) + 2 + 2 * this.indent;
    return Math.max(textLength(this.title) + 2 + 2 * this.indent, total);
  }
}

/** The sections of a response, built as the CLI's TableFormatter builds them. */
class TableBuilder {
  sections: Section[] = [];
  private current: Section | undefined;

  private newSection(title: string, indent: number): void {
    this.current = new Section();
    this.current.title = title;
    this.current.indent = indent;
    this.sections.push(this.current);
  }

  build(title: string | undefined, value: unknown, indent = 0): boolean {
    if (!truthy(value)) return false;
    if (title !== undefined) this.newSection(title, indent);
    if (Array.isArray(value)) {
      if (isObject(value[0])) this.fromList(value as unknown[], indent, title);
      else {
        for (const item of value) {
          if (isScalar(item)) this.current?.row([item]);
          else if (isObject(item)) this.current?.row(Object.keys(item));
          else if ((item as unknown[]).every(isScalar)) this.current?.row(item as unknown[]);
          else this.build(undefined, item);
        }
      }
    }
    if (isObject(value)) this.fromObject(value, indent);
    return true;
  }

  private fromObject(value: Record<string, unknown>, indent: number): void {
    const [headers, more] = splitKeys([value]);
    if (headers.length === 1) this.current?.row([headers[0], value[headers[0]]]);
    else if (headers.length) {
      this.current?.header(headers);
      this.current?.row(headers.map((h) => value[h]));
    }
    for (const k of more) this.build(k, value[k], indent + 1);
  }

  private fromList(list: unknown[], indent: number, title: string | undefined): void {
    const objects = list.filter(isObject);
    const [headers, more] = splitKeys(objects);
    this.current?.header(headers);
    let first = true;
    for (const element of objects) {
      if (!first && more.length) {
        this.newSection(title ?? "", indent);
        this.current!.header(headers);
      }
      first = false;
      this.current?.row(headers.map((h) => (Object.hasOwn(element, h) ? element[h] : "")));
      for (const k of more) if (Object.hasOwn(element, k)) this.build(k, element[k], indent + 1);
    }
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof PyFloat);
const isScalar = (v: unknown) => !Array.isArray(v) && !isObject(v);
/** Python's truth of a value: empty containers, "", 0, False and None are false. */
const truthy = (v: unknown) =>
  Array.isArray(v)
    ? v.length > 0
    : isObject(v)
    ? Object.keys(v).length > 0
    : v instanceof PyFloat
    ? v.value !== 0
    : !!v;

/** The scalar keys and the other keys of some objects, each sorted. */
function splitKeys(objects: Record<string, unknown>[]): [string[], string[]] {
  const headers = new Set<string>(), more = new Set<string>();
  for (const o of objects) for (const [k, v] of Object.entries(o)) (isScalar(v) ? headers : more).add(k);
  const sort = (s: Set<string>) => [...s].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [sort(headers), sort(more)];
}

/** One-row sections with headers, turned into two columns of header and value. */
function toVertical(sections: Section[]): Section[] {
  return sections.map((s) => {
    if (s.rows.length !== 1 || !s.headers.length) return s;
    const v = new Section();
    v.title = s.title;
    v.indent = s.indent;
    s.headers.forEach((h, i) => v.row([h, s.rows[0][i]]));
    return v;
  });
}

function lineBreak(widths: number[]): string {
  return widths.map((w, i) => (i === 0 ? `+${"-".repeat(w - 2)}+` : `${"-".repeat(w - 1)}+`)).join("");
}

function renderSection(s: Section, width: number): string[] {
  const lines: string[] = [];
  const inner = width - 2 * s.indent;
  if (s.title) {
    lines.push(centerText(s.title, inner, "|", "|"));
    if (!s.headers.length && !s.rows.length) lines.push(`+${"-".repeat(inner - 2)}+`);
  }
  if (s.headers.length) {
    const widths = s.columnWidths(4, inner);
    lines.push(lineBreak(widths));
    lines.push(s.headers.map((h, i) => centerText(h, widths[i], i === 0 ? "|" : "", "|")).join(""));
  }
  if (s.rows.length) {
    const widths = s.columnWidths(4, inner);
    if (widths.length) {
      lines.push(lineBreak(widths));
      for (const row of s.rows) {
        lines.push(widths.map((w, i) => alignLeft(row[i] ?? "", w, i === 0 ? "|" : "", "|")).join(""));
      }
      lines.push(lineBreak(widths));
    }
  }
  const edge = "|".repeat(s.indent);
  return lines.map((l) => `${edge}${l}${edge}`);
}

/** The CLI's table for a (queried) response, titled with the operation's name; nothing for an empty one. */
export function formatTable(title: string, data: unknown): string {
  const b = new TableBuilder();
  if (!b.build(title, data)) return "";
  let sections = b.sections;
  const widest = () => Math.max(...sections.map((s) => s.totalWidth()));
  let width = widest();
  if (width > TERMINAL_WIDTH) {
    sections = toVertical(sections);
    width = widest();
  }
  return [`${"-".repeat(width)}`, ...sections.flatMap((s) => renderSection(s, width))].join("\n") + "\n";
}
