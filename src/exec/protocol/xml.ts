/**
 * Reading XML responses by the service model, as botocore's XML parsers do, for the query, EC2 and REST-XML
 * protocols: a small reader (elements, attributes, text, entities, CDATA), then members by their wire names,
 * wrapped and flattened lists and maps, attributes, scalars by type.
 */
import { Buffer } from "node:buffer";
import { formatTimestamp } from "./model-json.ts";

/** A shape with the XML traits. */
export interface XmlShape {
  type: string;
  members?: Record<string, XmlMember>;
  member?: XmlMember;
  key?: XmlMember;
  value?: XmlMember;
  flattened?: boolean;
  timestampFormat?: string;
  error?: { code?: string };
  union?: boolean;
}
/** A member reference with its XML traits. */
export interface XmlMember {
  shape: string;
  locationName?: string;
  queryName?: string;
  flattened?: boolean;
  timestampFormat?: string;
  idempotencyToken?: boolean;
  xmlAttribute?: boolean;
  xmlNamespace?: string | { uri: string; prefix?: string };
  location?: string;
}
type Shapes = Record<string, XmlShape>;
type Json = Record<string, unknown>;

/** An XML element: its name, child elements and text. */
export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const unescapeXml = (s: string) =>
  s.replace(
    /&(#x[0-9a-f]+|#\d+|\w+);/gi,
    (m, e: string) =>
      e[0] === "#"
        ? String.fromCodePoint(
          parseInt(e.slice(e[1] === "x" || e[1] === "X" ? 2 : 1), e[1] === "x" || e[1] === "X" ? 16 : 10),
        )
        : ENTITIES[e] ?? m,
  );

/** A small XML reader: elements, their attributes, text (entities and CDATA); namespaces dropped from names. */
export function parseXml(text: string): XmlNode {
  const root: XmlNode = { name: "#root", attributes: {}, children: [], text: "" };
  const stack = [root];
  const re =
    /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([\w:.-]+)([^>]*?)(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const top = stack.at(-1)!;
    if (m[1] !== undefined) top.text += m[1];
    else if (m[3] !== undefined) {
      if (m[2] === "/") stack.pop();
      else {
        const attributes: Record<string, string> = {};
        for (const a of m[4].matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
          attributes[a[1]] = unescapeXml(a[2] ?? a[3] ?? "");
        }
        const name = m[3].includes(":") ? m[3].split(":").at(-1)! : m[3];
        const node: XmlNode = { name, attributes, children: [], text: "" };
        top.children.push(node);
        if (m[5] !== "/") stack.push(node);
      }
    } else if (m[6] !== undefined) top.text += unescapeXml(m[6]);
  }
  return root.children[0] ?? root;
}

/** The first child element of a name. */
export const child = (n: XmlNode, name: string) => n.children.find((c) => c.name === name);

/** A value read from its element by its shape. */
export function readXml(shapes: Shapes, ref: XmlMember, node: XmlNode): unknown {
  const shape = shapes[ref.shape];
  switch (shape.type) {
    case "structure": {
      const out: Json = {};
      for (const [name, m] of Object.entries(shape.members ?? {})) {
        if (m.location === "header" || m.location === "headers" || m.location === "statusCode") continue;
        if (m.xmlAttribute) {
          const a = node.attributes[m.locationName ?? name];
          if (a !== undefined) {
            out[name] = readXml(shapes, m, { name, attributes: {}, children: [], text: a });
          }
          continue;
        }
        const key = m.locationName ?? name;
        const mshape = shapes[m.shape];
        if ((mshape.type === "list" || mshape.type === "map") && (mshape.flattened || m.flattened)) {
          // A list flattened by its own shape names its items by its member's name (SimpleDB's DomainName);
          // one flattened where it is used, by the member that uses it.
          const itemName = mshape.type === "list" && mshape.flattened
            ? mshape.member!.locationName ?? key
            : key;
          const items = node.children.filter((c) => c.name === itemName);
          if (!items.length) continue;
          out[name] = mshape.type === "list"
            ? items.map((c) => readXml(shapes, mshape.member!, c))
            : readMapEntries(shapes, mshape, items);
          continue;
        }
        const c = child(node, key);
        if (c) out[name] = readXml(shapes, m, c);
      }
      return out;
    }
    case "list": {
      const itemName = shape.member!.locationName ?? "member";
      return node.children.filter((c) => c.name === itemName).map((c) => readXml(shapes, shape.member!, c));
    }
    case "map":
      return readMapEntries(shapes, shape, node.children.filter((c) => c.name === "entry"));
    case "timestamp": {
      const t = node.text.trim();
      return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Date.parse(t) / 1000;
    }
    case "blob":
      return new Uint8Array(Buffer.from(node.text.trim(), "base64"));
    case "boolean":
      return node.text.trim() === "true";
    case "integer":
    case "long":
    case "byte":
    case "short":
      return Number(node.text.trim());
    case "float":
    case "double": {
      const t = node.text.trim();
      return t === "NaN" ? NaN : t === "Infinity" ? Infinity : t === "-Infinity" ? -Infinity : Number(t);
    }
    default:
      return node.text;
  }
}

function readMapEntries(shapes: Shapes, shape: XmlShape, entries: XmlNode[]): Json {
  const keyName = shape.key!.locationName ?? "key", valueName = shape.value!.locationName ?? "value";
  const out: Json = {};
  for (const e of entries) {
    const k = child(e, keyName), v = child(e, valueName);
    if (k) out[k.text] = v ? readXml(shapes, shape.value!, v) : null;
  }
  return out;
}

const escapeXml = (s: string, attribute = false) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, attribute ? "&quot;" : '"').replace(/\r/g, "&#xD;");

/** A scalar as XML text: timestamps in ISO 8601 (or the member's format), bytes in base64, booleans lower-case. */
function xmlText(shape: XmlShape, ref: XmlMember, v: unknown): string {
  switch (shape.type) {
    case "timestamp":
      return String(formatTimestamp(v, ref.timestampFormat ?? shape.timestampFormat ?? "iso8601"));
    case "blob":
      return Buffer.from(typeof v === "string" ? new TextEncoder().encode(v) : v as Uint8Array).toString(
        "base64",
      );
    case "boolean":
      return v ? "true" : "false";
    default:
      if (typeof v === "number" && !Number.isFinite(v)) {
        return Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
      }
      return String(v);
  }
}

/** An xmlns attribute: the models write a namespace as its URI, or as {uri, prefix}. */
function namespaceAttr(ns: string | { uri: string; prefix?: string } | undefined): string {
  if (!ns) return "";
  const { uri, prefix } = typeof ns === "string" ? { uri: ns, prefix: undefined } : ns;
  return ` ${prefix ? `xmlns:${prefix}` : "xmlns"}="${escapeXml(uri, true)}"`;
}

/** An element, empty ones closed as ElementTree closes them (`<a />`), which is what the AWS CLI sends. */
const tag = (name: string, attrs: string, inner: string) =>
  inner === "" ? `<${name}${attrs} />` : `<${name}${attrs}>${inner}</${name}>`;

/** A value as an XML element named `name`, by its shape (as botocore's RestXMLSerializer writes it). */
export function xmlElement(shapes: Shapes, ref: XmlMember, value: unknown, name: string): string {
  const shape = shapes[ref.shape] as XmlShape & { xmlNamespace?: string | { uri: string; prefix?: string } };
  const ns = namespaceAttr(ref.xmlNamespace ?? shape.xmlNamespace);
  switch (shape.type) {
    case "structure": {
      let attrs = "", inner = "";
      // In the order the values were given, as botocore writes them.
      for (const [member, v] of Object.entries(value as Json)) {
        const m = shape.members?.[member];
        if (!m || v === undefined || v === null || m.location) continue;
        const key = m.locationName ?? member;
        if (m.xmlAttribute) attrs += ` ${key}="${escapeXml(xmlText(shapes[m.shape], m, v), true)}"`;
        else inner += xmlElement(shapes, m, v, key);
      }
      return tag(name, ns + attrs, inner);
    }
    case "list": {
      const items = value as unknown[];
      if (shape.flattened || ref.flattened) {
        return items.map((v) =>
          xmlElement(shapes, { ...shape.member!, xmlNamespace: shape.member!.xmlNamespace }, v, name)
        )
          .join("");
      }
      const itemName = shape.member!.locationName ?? "member";
      return tag(name, ns, items.map((v) => xmlElement(shapes, shape.member!, v, itemName)).join(""));
    }
    case "map": {
      const keyName = shape.key!.locationName ?? "key", valueName = shape.value!.locationName ?? "value";
      const entry = ([k, v]: [string, unknown]) =>
        xmlElement(shapes, shape.key!, k, keyName) + xmlElement(shapes, shape.value!, v, valueName);
      const entries = Object.entries(value as Json);
      if (shape.flattened || ref.flattened) {
        return entries.map((e) => tag(name, ns, entry(e))).join("");
      }
      return tag(name, ns, entries.map((e) => tag("entry", "", entry(e))).join(""));
    }
    default:
      return tag(name, ns, escapeXml(xmlText(shape, ref, value)));
  }
}
