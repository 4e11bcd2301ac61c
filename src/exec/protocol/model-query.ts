/**
 * The AWS query and EC2 protocols driven by the service model alone, as botocore's QuerySerializer,
 * EC2Serializer and QueryParser/EC2QueryParser do: parameters form-encoded (`Action`, `Version`, dotted member
 * paths, lists as `member.N` — or flattened, and always so for EC2 with its capitalized names — maps as
 * `entry.N.key`), responses read from XML by the shapes (the `…Result` wrapper for query, none for EC2).
 */
import { Buffer } from "node:buffer";
import { child, parseXml, readXml, type XmlMember, type XmlShape } from "./xml.ts";
import { gzipSync } from "node:zlib";
import {
  formatTimestamp,
  MIN_COMPRESSION_BYTES,
  type ModelError,
  type ModelOperation,
  type ModelRequest,
  type ModelResponse,
} from "./model-json.ts";

type Shapes = Record<string, XmlShape>;
type Json = Record<string, unknown>;

/** Form-encoding as botocore's query serializer escapes (RFC 3986, `~` kept). */
const formEscape = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function scalar(shape: XmlShape, ref: XmlMember, v: unknown): string {
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

function serialize(
  out: Array<[string, string]>,
  shapes: Shapes,
  ref: XmlMember,
  v: unknown,
  prefix: string,
  ec2: boolean,
) {
  const shape = shapes[ref.shape];
  switch (shape.type) {
    case "structure":
      // In the order the values were given, as botocore writes them.
      for (const [name, x] of Object.entries(v as Json)) {
        const m = shape.members?.[name];
        if (!m || x === undefined || x === null) continue;
        // EC2 names a member by its queryName, else its own name capitalized.
        const own = m.locationName ?? name;
        const key = ec2 ? m.queryName ?? own[0].toUpperCase() + own.slice(1) : own;
        serialize(out, shapes, m, x, prefix ? `${prefix}.${key}` : key, ec2);
      }
      return;
    case "list": {
      const items = v as unknown[];
      if (ec2) {
        items.forEach((x, i) => serialize(out, shapes, shape.member!, x, `${prefix}.${i + 1}`, ec2));
        return;
      }
      if (!items.length) {
        out.push([prefix, ""]);
        return;
      }
      let base: string;
      if (shape.flattened || ref.flattened) {
        // Named by the reference if it has a name, else by the list's member name, else as the member.
        const name = ref.locationName ? undefined : shape.member!.locationName;
        base = name ? [...prefix.split(".").slice(0, -1), name].join(".") : prefix;
      } else base = `${prefix}.${shape.member!.locationName ?? "member"}`;
      items.forEach((x, i) => serialize(out, shapes, shape.member!, x, `${base}.${i + 1}`, ec2));
      return;
    }
    case "map": {
      const base = shape.flattened || ref.flattened ? prefix : `${prefix}.entry`;
      const keyName = shape.key!.locationName ?? "key", valueName = shape.value!.locationName ?? "value";
      Object.entries(v as Json).forEach(([k, x], i) => {
        serialize(out, shapes, shape.key!, k, `${base}.${i + 1}.${keyName}`, ec2);
        serialize(out, shapes, shape.value!, x, `${base}.${i + 1}.${valueName}`, ec2);
      });
      return;
    }
    default:
      out.push([prefix, scalar(shape, ref, v)]);
  }
}

/** Builds a query (or EC2) request: POST /, the form of Action, Version and the parameters. */
export function serializeQueryRequest(
  meta: { apiVersion?: string; protocol?: string },
  op: ModelOperation,
  shapes: Shapes,
  params: Json,
  uuid: () => string = () => crypto.randomUUID(),
): ModelRequest {
  const ec2 = meta.protocol === "ec2";
  const input = { ...params };
  const members = op.input ? shapes[op.input.shape]?.members ?? {} : {};
  for (const [name, m] of Object.entries(members)) {
    if (m.idempotencyToken && input[name] === undefined) input[name] = uuid();
  }
  const pairs: Array<[string, string]> = [["Action", op.name], ["Version", meta.apiVersion ?? ""]];
  if (op.input) serialize(pairs, shapes, op.input as XmlMember, input, "", ec2);
  const text = pairs.map(([k, v]) => `${formEscape(k)}=${formEscape(v)}`).join("&");
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  let body: string | Uint8Array = text;
  const bytes = new TextEncoder().encode(text);
  if (op.requestcompression?.encodings.includes("gzip") && bytes.length >= MIN_COMPRESSION_BYTES) {
    body = new Uint8Array(gzipSync(bytes));
    headers["Content-Encoding"] = "gzip";
  }
  headers["Content-Length"] = String(typeof body === "string" ? bytes.length : body.length);
  const request: ModelRequest = { method: "POST", uri: "/", headers, body };
  const prefix = op.endpoint?.hostPrefix;
  if (prefix) {
    request.hostPrefix = prefix.replace(/\{(\w+)\}/g, (_m, label: string) => String(input[label] ?? ""));
  }
  return request;
}

/** Reads a query (or EC2) response: the output from its `…Result` wrapper (EC2: the root), or its error. */
export function parseQueryResponse(
  meta: { protocol?: string },
  op: ModelOperation & {
    errors?: Array<{ shape: string }>;
    output?: { shape: string; resultWrapper?: string };
  },
  shapes: Shapes,
  response: ModelResponse,
): { output: Json } | { error: ModelError } {
  const root = parseXml(response.body);
  if (response.status >= 300) {
    // Query: ErrorResponse/Error; EC2: Response/Errors/Error.
    const error = child(root, "Error") ?? child(child(root, "Errors") ?? root, "Error") ?? root;
    const code = child(error, "Code")?.text ?? "";
    const message = child(error, "Message")?.text;
    const shapeName = op.errors?.map((e) => e.shape).find((s) =>
      s === code || shapes[s]?.error?.code === code
    );
    const members = shapeName ? readXml(shapes, { shape: shapeName }, error) as Json : {};
    return { error: { code, ...(message !== undefined ? { message } : {}), members } };
  }
  if (!op.output) return { output: {} };
  const wrapper = meta.protocol === "ec2"
    ? undefined
    : child(root, op.output.resultWrapper ?? `${op.name}Result`);
  return { output: readXml(shapes, op.output as XmlMember, wrapper ?? root) as Json };
}
