/**
 * CloudFormation templates read as the AWS CLI reads them (customizations/cloudformation/yamlhelper.py): JSON,
 * else YAML 1.2 with YAML 1.1's yes/no/on/off booleans, merge keys, and the short-form intrinsics turned into
 * their long form (`!Ref X` → `{Ref: X}`, `!GetAtt A.B` → `{"Fn::GetAtt": [A, B]}`, `!Sub …` → `{"Fn::Sub": …}`).
 * Numbers written as floats stay floats, and unquoted dates stay as written, so that writing the template back
 * prints them as the CLI does.
 */
import { isMap, isScalar, isSeq, type Node, parseDocument } from "yaml";
import { PyFloat } from "../output/pyjson.ts";
import { PlainScalar } from "../output/yaml.ts";

const BOOL_1_1 = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const TRUE_1_1 = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const TIMESTAMP =
  /^(?:\d{4}-\d\d-\d\d|\d{4}-\d\d?-\d\d?(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)$/;

/** A template's text as the CLI loads it; a YAML error is thrown as the parser's. */
export function parseTemplate(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON: YAML.
  }
  const doc = parseDocument(text, { merge: true, logLevel: "silent" });
  if (doc.errors.length) throw doc.errors[0];
  return convert(doc.contents);
}

function convert(node: Node | null | undefined | unknown): unknown {
  if (node === null || node === undefined) return null;
  const tag = (node as { tag?: string }).tag;
  if (tag?.startsWith("!") && !tag.startsWith("!!")) {
    // The CLI's multi-constructor for "!": Ref and Condition keep their names, the others take "Fn::".
    const name = tag.slice(1);
    const key = name === "Ref" || name === "Condition" ? name : `Fn::${name}`;
    const inner = untagged(node);
    if (name === "GetAtt" && typeof inner === "string") {
      const at = inner.indexOf(".");
      return { [key]: at < 0 ? [inner] : [inner.slice(0, at), inner.slice(at + 1)] };
    }
    return { [key]: inner };
  }
  return untagged(node);
}

function untagged(node: unknown): unknown {
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const k = convert(pair.key);
      out[typeof k === "string" ? k : JSON.stringify(k)] = convert(pair.value);
    }
    return out;
  }
  if (isSeq(node)) return node.items.map(convert);
  if (isScalar(node)) {
    const { value, type, source } = node as { value: unknown; type?: string; source?: string };
    if (type !== "PLAIN" || typeof source !== "string") return value;
    if (BOOL_1_1.test(source)) return TRUE_1_1.test(source);
    if (typeof value === "number" && !/^[-+]?0[xo]/i.test(source) && /[.eE]|inf|nan/i.test(source)) {
      return new PyFloat(value);
    }
    if (TIMESTAMP.test(source)) return new PlainScalar(source);
    return value;
  }
  return node;
}
