/**
 * `aws ddb put` and `aws ddb select` as the AWS CLI v2 runs them (awscli/customizations/dynamodb): items given
 * as YAML (or JSON) with plain values, written with PutItem — or BatchWriteItem, 25 at a time, unprocessed ones
 * sent again; tables searched with Query (`--key-condition`) or Scan, filtered and projected with the CLI's
 * expression language (ddb-expression.ts), every page, and the result printed as the CLI's YAML: numbers as
 * written, bytes as `!!binary`, sets as `!!set`.
 */
import { Buffer } from "node:buffer";
import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import type { Paginator } from "../../models/types.ts";
import type { ParsedCommand } from "../../parse/types.ts";
import { ExecFailure, fromSdkError } from "../errors.ts";
import { formatYaml, PlainScalar, TaggedScalar, YamlSet } from "../output/yaml.ts";
import { paginate } from "../paginate.ts";
import type { LoadedClient } from "../sdk.ts";
import { DdbBinary, DdbNumber, DdbSet, type DdbValue, extract } from "./ddb-expression.ts";

type Attribute = Record<string, unknown>;

/** Python's str(Decimal(text)): the coefficient as written, scientific notation where Python uses it. */
export function decimalText(text: string): string {
  const m = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(text.trim());
  if (!m) return text;
  const sign = m[1] === "-" ? "-" : "";
  const digits = (`${m[2]}${m[3] ?? ""}`.replace(/^0+/, "")) || "0";
  const exp = Number(m[4] ?? 0) - (m[3]?.length ?? 0);
  const left = exp + digits.length;
  const dot = exp <= 0 && left > -6 ? left : 1;
  const int = dot <= 0
    ? "0"
    : dot >= digits.length
    ? digits + "0".repeat(dot - digits.length)
    : digits.slice(0, dot);
  const frac = dot <= 0
    ? `.${"0".repeat(-dot)}${digits}`
    : dot >= digits.length
    ? ""
    : `.${digits.slice(dot)}`;
  const e = left === dot ? "" : `E${left - dot >= 0 ? "+" : ""}${left - dot}`;
  return `${sign}${int}${frac}${e}`;
}

/** A value as a DynamoDB attribute (the CLI's TypeSerializer). */
export function toAttribute(v: unknown): Attribute {
  if (v === null || v === undefined) return { NULL: true };
  if (typeof v === "boolean") return { BOOL: v };
  if (typeof v === "number") return { N: decimalText(String(v)) };
  if (v instanceof DdbNumber) return { N: decimalText(v.text) };
  if (typeof v === "string") return { S: v };
  if (v instanceof DdbBinary) return { B: v.bytes };
  if (v instanceof DdbSet) {
    const first = v.values[0];
    if (first instanceof DdbNumber) return { NS: v.values.map((x) => decimalText((x as DdbNumber).text)) };
    if (first instanceof DdbBinary) return { BS: v.values.map((x) => (x as DdbBinary).bytes) };
    return { SS: v.values as string[] };
  }
  if (Array.isArray(v)) return { L: v.map(toAttribute) };
  if (typeof v === "object") {
    return {
      M: Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, toAttribute(x)]),
      ),
    };
  }
  throw new ExecFailure({ code: "INVALID_VALUE", message: `Unsupported type for DynamoDB: ${typeof v}` });
}

const b64 = (bytes: unknown) =>
  bytes instanceof Uint8Array ? Buffer.from(bytes).toString("base64") : String(bytes ?? "");
const numberOrder = (a: string, b: string) => Number(a) - Number(b);

/** An attribute as the CLI prints it in YAML (the CLI's TypeDeserializer, then its YAML dumper). */
export function fromAttribute(a: Attribute): unknown {
  const [type, value] = Object.entries(a).find(([, x]) => x !== undefined) ?? ["NULL", true];
  switch (type) {
    case "S":
      return value;
    case "N":
      return new PlainScalar(decimalText(String(value)));
    case "B":
      return new TaggedScalar("!!binary", b64(value));
    case "BOOL":
      return value;
    case "NULL":
      return null;
    case "SS":
      return new YamlSet([...(value as string[])].sort());
    case "NS":
      return new YamlSet(
        [...(value as string[])].map(decimalText).sort(numberOrder).map((n) => new PlainScalar(n)),
      );
    case "BS":
      return new YamlSet((value as unknown[]).map(b64).sort());
    case "L":
      return (value as Attribute[]).map(fromAttribute);
    case "M":
      return Object.fromEntries(
        Object.entries(value as Record<string, Attribute>).map(([k, x]) => [k, fromAttribute(x)]),
      );
  }
  return value;
}

/** Items as `ddb put` reads them: YAML (JSON is YAML), numbers as written, `!!binary` as bytes. */
export function parseItems(text: string): unknown[] {
  const doc = parseDocument(text, { logLevel: "silent" });
  if (doc.errors.length) {
    throw new ExecFailure({
      code: "INVALID_VALUE",
      message: `The items are not valid YAML: ${doc.errors[0].message}`,
      hint: `Write items as YAML or JSON: '{id: 1, name: "x"}' or '[{id: 1}, {id: 2}]'.`,
    });
  }
  const convert = (node: unknown): unknown => {
    if (isMap(node)) {
      return Object.fromEntries(node.items.map((p) => [String(convert(p.key)), convert(p.value)]));
    }
    if (isSeq(node)) return node.items.map(convert);
    if (isScalar(node)) {
      const { value, tag, source } = node as { value: unknown; tag?: string; source?: string };
      if (value instanceof Uint8Array) return new DdbBinary(value);
      if (tag === "tag:yaml.org,2002:binary" || tag === "!!binary") {
        return new DdbBinary(Uint8Array.from(Buffer.from(String(value).replace(/\s/g, ""), "base64")));
      }
      // The digits as written (big integers stay exact); other notations (0x1F) as their value.
      if (typeof value === "number") {
        return new DdbNumber(
          /^[-+]?\d+(\.\d*)?([eE][-+]?\d+)?$/.test(source ?? "") ? source! : String(value),
        );
      }
      return value;
    }
    return node;
  };
  const items = convert(doc.contents);
  return Array.isArray(items) ? items : [items];
}

/** Adds an expression's text, names and values to a request; how many placeholders it used. */
function addExpression(
  args: Record<string, unknown>,
  member: string,
  words: unknown,
  offset: number,
): number {
  const text = Array.isArray(words) ? words.join(" ") : String(words);
  const e = extract(text, offset);
  args[member] = e.expression;
  if (Object.keys(e.names).length) {
    args.ExpressionAttributeNames = { ...(args.ExpressionAttributeNames as object ?? {}), ...e.names };
  }
  if (Object.keys(e.values).length) {
    const values = Object.fromEntries(
      Object.entries(e.values).map(([k, v]) => [k, toAttribute(v as DdbValue)]),
    );
    args.ExpressionAttributeValues = { ...(args.ExpressionAttributeValues as object ?? {}), ...values };
  }
  return e.count;
}

async function send(loaded: LoadedClient, op: string, input: Record<string, unknown>, signal?: AbortSignal) {
  try {
    return await loaded.client.send(new (loaded.command(op)!)(input), { abortSignal: signal });
  } catch (e) {
    throw new ExecFailure(fromSdkError(e, op));
  }
}

/** `ddb put TABLE ITEMS [--condition EXPR]`: prints nothing, as the CLI prints nothing. */
export async function runDdbPut(
  cmd: ParsedCommand,
  loaded: LoadedClient,
  signal?: AbortSignal,
): Promise<string> {
  const [table, itemsText] = cmd.highLevel!.paths;
  const condition = cmd.highLevel!.options.condition;
  const items = parseItems(itemsText).map((i) => {
    const attr = toAttribute(i);
    if (!("M" in attr)) {
      throw new ExecFailure({
        code: "INVALID_VALUE",
        message: "Each item must be a mapping of attribute names to values.",
      });
    }
    return attr.M as Record<string, Attribute>;
  });
  const base: Record<string, unknown> = { ReturnConsumedCapacity: "NONE" };
  if (condition !== undefined) addExpression(base, "ConditionExpression", condition, 0);
  if (items.length > 1 && condition !== undefined) {
    throw new ExecFailure({
      code: "INVALID_VALUE",
      message: "--condition is not supported for multiple items",
    });
  }
  if (items.length <= 1) {
    for (const item of items) {
      await send(loaded, "PutItem", { ...base, TableName: table, Item: item }, signal);
    }
    return "";
  }
  let pending = items.map((Item) => ({ PutRequest: { Item } }));
  while (pending.length) {
    const batch = pending.slice(0, 25);
    pending = pending.slice(25);
    const out = await send(loaded, "BatchWriteItem", { ...base, RequestItems: { [table]: batch } }, signal);
    const unprocessed = (out.UnprocessedItems as Record<string, typeof batch> | undefined)?.[table];
    if (unprocessed?.length) pending.push(...unprocessed);
  }
  return "";
}

/** `ddb select TABLE …`: Query or Scan, every page, printed as the CLI's YAML. */
export async function runDdbSelect(
  cmd: ParsedCommand,
  loaded: LoadedClient,
  paginators: { Query?: Paginator; Scan?: Paginator },
  signal?: AbortSignal,
): Promise<string> {
  const o = cmd.highLevel!.options;
  if (cmd.globals.output !== undefined && cmd.globals.output !== "yaml") {
    throw new ExecFailure({
      code: "INVALID_VALUE",
      message: `${cmd.globals.output} output format is not supported for ddb commands`,
      hint: "Leave out --output (ddb select prints YAML), or use aws dynamodb scan/query for other formats.",
    });
  }
  const operation = o["key-condition"] !== undefined ? "Query" : "Scan";
  const args: Record<string, unknown> = {
    TableName: cmd.highLevel!.paths[0],
    ConsistentRead: o["consistent-read"] !== false,
  };
  if (o["index-name"] !== undefined) args.IndexName = o["index-name"];
  let used = 0;
  if (o.projection !== undefined) used = addExpression(args, "ProjectionExpression", o.projection, used);
  if (o.filter !== undefined) used += addExpression(args, "FilterExpression", o.filter, used);
  if (o["key-condition"] !== undefined) {
    addExpression(args, "KeyConditionExpression", o["key-condition"], used);
  }
  if (typeof o.attributes === "string") {
    args.Select =
      ({ ALL: "ALL_ATTRIBUTES", ALL_PROJECTED: "ALL_PROJECTED_ATTRIBUTES" } as Record<string, string>)[
        o.attributes
      ] ?? o.attributes;
  }
  args.ReturnConsumedCapacity = o["return-consumed-capacity"] === true
    ? (args.IndexName !== undefined ? "INDEXES" : "TOTAL")
    : "NONE";
  const fetch = (input: Record<string, unknown>) => send(loaded, operation, input, signal);
  let result: Record<string, unknown>;
  if (cmd.globals.paginate === false) result = await fetch(args);
  else {
    const pageSize = o["page-size"] === undefined ? undefined : Number(o["page-size"]);
    const paged = await paginate(
      paginators[operation]!,
      pageSize === undefined ? args : { ...args, Limit: pageSize },
      fetch,
      {
        maxItems: o["max-items"] === undefined ? undefined : Number(o["max-items"]),
        startingToken: o["starting-token"] as string | undefined,
        signal,
      },
    );
    result = paged.result;
  }
  const { $metadata: _, ...out } = result as Record<string, unknown> & { $metadata?: unknown };
  if (out.ConsumedCapacity === null || out.ConsumedCapacity === undefined) delete out.ConsumedCapacity;
  const shown: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(out)) {
    if (v === undefined) continue;
    shown[k] = k === "Items"
      ? (v as Record<string, Attribute>[]).map((item) =>
        Object.fromEntries(Object.entries(item).map(([n, a]) => [n, fromAttribute(a)]))
      )
      : k === "LastEvaluatedKey"
      ? Object.fromEntries(
        Object.entries(v as Record<string, Attribute>).map(([n, a]) => [n, fromAttribute(a)]),
      )
      : v;
  }
  return formatYaml(shown);
}
