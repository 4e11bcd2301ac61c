/**
 * The AWS REST-JSON protocol driven by the service model alone, as botocore's RestJSONSerializer and
 * RestJSONParser do: members bound to the URI (labels, greedy labels), the query string, headers (lists,
 * timestamps as HTTP dates, JSON values in base64) and prefixed header maps; the rest as a JSON body, or one
 * payload member as the body itself. Checked against AWS's protocol test suites like model-json.ts.
 */
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import { crc32, gzipSync } from "node:zlib";
import { ExecFailure } from "../errors.ts";
import { child, parseXml, readXml, xmlElement } from "./xml.ts";
import {
  formatTimestamp,
  MIN_COMPRESSION_BYTES,
  type ModelError,
  type ModelMember,
  type ModelOperation,
  type ModelRequest,
  type ModelResponse,
  type ModelShape,
  parseJsonValue,
  serializeJsonValue,
} from "./model-json.ts";

type Shapes = Record<string, ModelShape>;
type Json = Record<string, unknown>;

/** A member with its REST binding. */
type RestMember = ModelMember & { location?: string; locationName?: string; jsonvalue?: boolean };
/** An operation with its HTTP binding. */
export type RestOperation = ModelOperation & {
  http?: { method?: string; requestUri?: string; responseCode?: number };
};

/** RFC 3986 escaping, keeping what botocore keeps (`-_.~`, and `/` for greedy labels). */
function escape(s: string, keepSlash: boolean): string {
  const out = encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return keepSlash ? out.replaceAll("%2F", "/") : out;
}

/** A scalar as the URI, query string or a header writes it. */
function scalarText(
  shape: ModelShape,
  ref: RestMember,
  v: unknown,
  where: "uri" | "querystring" | "header",
): string {
  if (shape.type === "timestamp") {
    const fallback = where === "header" ? "rfc822" : "iso8601";
    return String(formatTimestamp(v, ref.timestampFormat ?? shape.timestampFormat ?? fallback));
  }
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number" && !Number.isFinite(v)) {
    return Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
  }
  return String(v);
}

/** A header list item, quoted when it holds a comma or a quote (as botocore quotes it). */
const headerItem = (s: string) => (/[,"]/.test(s) ? `"${s.replaceAll('"', '\\"')}"` : s);

/** A body's checksum in base64 by the algorithm named (those botocore computes without extra packages). */
function checksum(algorithm: string, bytes: Uint8Array): string {
  const name = algorithm.toUpperCase();
  if (name === "CRC32") {
    const out = new Uint8Array(4);
    new DataView(out.buffer).setUint32(0, crc32(bytes));
    return Buffer.from(out).toString("base64");
  }
  if (name === "SHA1" || name === "SHA256") {
    return createHash(name.toLowerCase()).update(bytes).digest("base64");
  }
  throw new ExecFailure({
    code: "INVALID_VALUE",
    message: `Unsupported checksum algorithm: ${algorithm.toLowerCase()}`,
    hint: "Use --checksum-algorithm CRC32, SHA1 or SHA256, or leave it out (Content-MD5 is sent).",
  });
}

/** Builds a REST-JSON request from the model. */
export function serializeRestRequest(
  op: RestOperation,
  shapes: Shapes,
  params: Json,
  uuid: () => string = () => crypto.randomUUID(),
  format: "json" | "xml" = "json",
): ModelRequest {
  const inputShape = op.input ? shapes[op.input.shape] : undefined;
  const members = (inputShape?.members ?? {}) as Record<string, RestMember>;
  const input = { ...params };
  for (const [name, m] of Object.entries(members)) {
    if (m.idempotencyToken && input[name] === undefined) input[name] = uuid();
  }
  const [template, staticQuery] = (op.http?.requestUri ?? "/").split("?");
  const labels: Record<string, string> = {};
  const query: Array<[string, string | undefined]> = [];
  if (staticQuery) {
    for (const part of staticQuery.split("&")) {
      const at = part.indexOf("=");
      query.push(at < 0 ? [part, undefined] : [part.slice(0, at), part.slice(at + 1)]);
    }
  }
  const mapQueries: Json[] = [];

  const headers: Record<string, string> = {};
  const body: Json = {};
  let hasBody = false;
  for (const [name, m] of Object.entries(members)) {
    if (!m.location && !(inputShape as { payload?: string }).payload) hasBody = true;
    const v = input[name];
    if (v === undefined || v === null) continue;
    const shape = shapes[m.shape];
    const key = m.locationName ?? name;
    switch (m.location) {
      case "uri":
        labels[key] = scalarText(shape, m, v, "uri");
        break;
      case "querystring":
        if (shape.type === "map") mapQueries.push(v as Json);
        else if (shape.type === "list") {
          for (const item of v as unknown[]) {
            query.push([key, scalarText(shapes[shape.member!.shape], shape.member!, item, "querystring")]);
          }
        } else query.push([key, scalarText(shape, m, v, "querystring")]);
        break;
      case "header":
        if (shape.type === "list") {
          const itemShape = shapes[shape.member!.shape];
          // Strings with commas or quotes are quoted; HTTP dates, commas and all, are not.
          headers[key] = (v as unknown[]).map((x) => {
            const t = scalarText(itemShape, shape.member!, x, "header");
            return itemShape.type === "string" ? headerItem(t) : t;
          }).join(", ");
        } else if (m.jsonvalue || (shape as { jsonvalue?: boolean }).jsonvalue) {
          // A JSON value (given as its text) goes in base64.
          headers[key] = Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64");
        } else headers[key] = scalarText(shape, m, v, "header");
        break;
      case "headers":
        for (const [k, x] of Object.entries(v as Json)) headers[`${key}${k}`] = String(x);
        break;
      default:
        body[name] = v;
    }
  }
  // A map of query parameters adds those the named members did not set: named ones take precedence.
  const named = new Set(query.map(([k]) => k));
  for (const map of mapQueries) {
    for (const [k, x] of Object.entries(map)) {
      if (named.has(k)) continue;
      for (const item of Array.isArray(x) ? x : [x]) query.push([k, String(item)]);
    }
  }
  const uri = template.replace(
    /\{([^}+]+)(\+?)\}/g,
    (_m, label: string, greedy: string) => escape(labels[label] ?? "", greedy === "+"),
  ) + (query.length
    ? `?${
      // A constant parameter written without a value ("?hello") stays without one.
      query.map(([k, v]) => (v === undefined ? escape(k, false) : `${escape(k, false)}=${escape(v, false)}`))
        .join("&")}`
    : "");
  const payloadName = (inputShape as { payload?: string } | undefined)?.payload;
  let text: string | Uint8Array = "";
  if (payloadName) {
    const ref = members[payloadName];
    const pshape = shapes[ref.shape];
    const v = input[payloadName];
    if (pshape.type === "blob" || pshape.type === "string") {
      if (v !== undefined && v !== null) {
        text = typeof v === "string" ? v : v as Uint8Array;
        headers["Content-Type"] ??= pshape.type === "blob" ? "application/octet-stream" : "text/plain";
      }
    } else if (v !== undefined && v !== null) {
      if (format === "xml") {
        // A payload's element: the member's XML name, else its shape's, else the shape name (as botocore names it).
        const root = ref.locationName ?? (pshape as { locationName?: string }).locationName ?? ref.shape;
        text = xmlElement(shapes as never, ref as never, v, root);
        headers["Content-Type"] ??= "application/xml";
      } else {
        text = JSON.stringify(serializeJsonValue(shapes, ref, v));
        headers["Content-Type"] ??= "application/json";
      }
    } else if (format === "json" && pshape.type === "structure" && !pshape.union) {
      text = "{}";
      headers["Content-Type"] ??= "application/json";
    }
  } else if (format === "xml") {
    if (Object.keys(body).length) {
      const ref = op.input as unknown as { shape: string; locationName?: string; xmlNamespace?: unknown };
      const root = (inputShape as { locationName?: string }).locationName ?? ref.locationName ?? ref.shape;
      text = xmlElement(shapes as never, ref as never, body, root);
      headers["Content-Type"] ??= "application/xml";
    }
  } else if (Object.keys(body).length || hasBody) {
    text = JSON.stringify(serializeJsonValue(shapes, { shape: op.input!.shape }, body));
    headers["Content-Type"] ??= "application/json";
  }
  let bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  const traits = op as RestOperation & {
    httpChecksumRequired?: boolean;
    httpChecksum?: { requestChecksumRequired?: boolean; requestAlgorithmMember?: string };
  };
  const algorithm = traits.httpChecksum?.requestAlgorithmMember
    ? input[traits.httpChecksum.requestAlgorithmMember]
    : undefined;
  if (typeof algorithm === "string") {
    // The algorithm asked for replaces Content-MD5, as botocore's checksum handling does.
    headers[`x-amz-checksum-${algorithm.toLowerCase()}`] = checksum(algorithm, bytes);
  } else if (traits.httpChecksumRequired || traits.httpChecksum?.requestChecksumRequired) {
    headers["Content-MD5"] = createHash("md5").update(bytes).digest("base64");
  }
  if (op.requestcompression?.encodings.includes("gzip") && bytes.length >= MIN_COMPRESSION_BYTES) {
    bytes = new Uint8Array(gzipSync(bytes));
    text = bytes;
    const given = Object.keys(headers).find((k) => k.toLowerCase() === "content-encoding");
    if (given) {
      headers["Content-Encoding"] = `${headers[given]}, gzip`;
      if (given !== "Content-Encoding") delete headers[given];
    } else headers["Content-Encoding"] = "gzip";
  }
  if (bytes.length) headers["Content-Length"] = String(bytes.length);
  const request: ModelRequest = { method: op.http?.method ?? "POST", uri, headers, body: text };
  const prefix = op.endpoint?.hostPrefix;
  if (prefix) {
    request.hostPrefix = prefix.replace(/\{(\w+)\}/g, (_m, label: string) => String(input[label] ?? ""));
  }
  return request;
}

const header = (h: Record<string, string>, name: string) =>
  Object.entries(h).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];

/** A header value read as its shape says. */
function headerValue(shapes: Shapes, ref: RestMember, text: string): unknown {
  const shape = shapes[ref.shape];
  // A JSON value arrives as its text in base64.
  if (ref.jsonvalue || (shape as { jsonvalue?: boolean }).jsonvalue) {
    return Buffer.from(text, "base64").toString("utf8");
  }
  switch (shape.type) {
    case "list": {
      const item = shapes[shape.member!.shape];
      // HTTP dates hold commas of their own: a list of them splits after each "GMT".
      const parts = item.type === "timestamp" && /GMT/.test(text)
        ? text.split(/(?<=GMT)\s*,\s*/)
        : splitHeader(text);
      return parts.map((x) => headerValue(shapes, shape.member! as RestMember, x));
    }
    case "integer":
    case "long":
      return Number(text);
    case "float":
    case "double":
      return text === "NaN"
        ? NaN
        : text === "Infinity"
        ? Infinity
        : text === "-Infinity"
        ? -Infinity
        : Number(text);
    case "boolean":
      return text === "true";
    case "timestamp":
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Date.parse(text) / 1000;
    default:
      return text;
  }
}

/** A comma-separated header list, quoted items kept whole. */
function splitHeader(text: string): string[] {
  const out: string[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|[^,]*)\s*(?:,|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m[0] !== "") {
    const item = m[1];
    out.push(item.startsWith('"') ? item.slice(1, -1).replace(/\\(.)/g, "$1") : item.trim());
    if (re.lastIndex >= text.length) break;
  }
  return out;
}

/** Reads a REST-JSON response: the output (headers, status code, payload or body members) or its error. */
export function parseRestResponse(
  op: RestOperation & { errors?: Array<{ shape: string }> },
  shapes: Shapes,
  response: ModelResponse,
  format: "json" | "xml" = "json",
): { output: Json } | { error: ModelError } {
  const text = response.body ?? "";
  if (response.status >= 300) {
    if (format === "xml") {
      // <ErrorResponse><Error>…</Error></ErrorResponse>, or S3's bare <Error>.
      const root = parseXml(text);
      const error = root.name === "Error" ? root : child(root, "Error") ?? root;
      const code = child(error, "Code")?.text ?? "";
      const message = child(error, "Message")?.text;
      const shapeName = op.errors?.map((e) => e.shape).find((s) =>
        s === code || shapes[s]?.error?.code === code
      );
      const members = shapeName
        ? {
          ...readStructure(shapes, shapeName, response, {}),
          ...readXml(shapes as never, { shape: shapeName }, error) as Json,
        }
        : {};
      return { error: { code, ...(message !== undefined ? { message } : {}), members } };
    }
    const body = text.trim() ? JSON.parse(text) as Json : {};
    const raw = header(response.headers, "x-amzn-errortype") ??
      String(body.__type ?? body.code ?? body.Code ?? "");
    const code = raw.split(":")[0].split("#").at(-1)!;
    const message = (body.message ?? body.Message ?? body.errorMessage) as string | undefined;
    const shapeName = op.errors?.map((e) => e.shape).find((s) =>
      s === code || shapes[s]?.error?.code === code
    );
    const members = shapeName ? readStructure(shapes, shapeName, response, body) : {};
    return { error: { code, ...(message !== undefined ? { message } : {}), members } };
  }
  if (!op.output) return { output: {} };
  const outShape = shapes[op.output.shape] as ModelShape & { payload?: string };
  if (outShape.payload) {
    const ref = outShape.members![outShape.payload];
    const pshape = shapes[ref.shape];
    const out = readStructure(shapes, op.output.shape, response, {});
    // An empty body is no payload.
    if (pshape.type === "blob") {
      if (text || response.bytes?.length) {
        out[outShape.payload] = response.bytes ?? new TextEncoder().encode(text);
      }
    } else if (pshape.type === "string") { if (text) out[outShape.payload] = text; }
    else if (text.trim()) {
      out[outShape.payload] = format === "xml"
        ? readXml(shapes as never, ref as never, parseXml(text))
        : parseJsonValue(shapes, ref, JSON.parse(text));
    }
    return { output: out };
  }
  if (format === "xml") {
    const out = readStructure(shapes, op.output.shape, response, {});
    if (text.trim()) Object.assign(out, readXml(shapes as never, op.output as never, parseXml(text)) as Json);
    return { output: out };
  }
  return {
    output: readStructure(shapes, op.output.shape, response, text.trim() ? JSON.parse(text) as Json : {}),
  };
}

function readStructure(shapes: Shapes, shapeName: string, response: ModelResponse, body: Json): Json {
  const shape = shapes[shapeName];
  const out: Json = {};
  for (const [name, m] of Object.entries((shape.members ?? {}) as Record<string, RestMember>)) {
    const key = m.locationName ?? name;
    if (m.location === "header") {
      const v = header(response.headers, key);
      if (v !== undefined) out[name] = headerValue(shapes, m, v);
    } else if (m.location === "headers") {
      const prefix = key.toLowerCase();
      const map = Object.fromEntries(
        Object.entries(response.headers).filter(([k]) => k.toLowerCase().startsWith(prefix)).map(([k, v]) => [
          k.slice(prefix.length),
          v,
        ]),
      );
      out[name] = map;
    } else if (m.location === "statusCode") out[name] = response.status;
    else if (!m.location || m.location === "querystring" || m.location === "uri") {
      // Query and URI bindings mean nothing in a response: such members are read from the body.
      const v = body[key];
      if (v !== undefined && v !== null) out[name] = parseJsonValue(shapes, m, v);
    }
  }
  return out;
}
