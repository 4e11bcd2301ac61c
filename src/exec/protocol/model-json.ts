/**
 * The AWS JSON protocol (awsJson1_0, awsJson1_1) driven by a service model alone — requests built and responses
 * read from the shapes, as botocore's JSONSerializer and JSONParser do, for operations no bundled SDK client
 * has. Checked against AWS's own protocol test suites (tests/exec/protocol/conformance_test.ts).
 */
import { Buffer } from "node:buffer";
import { gzipSync } from "node:zlib";

/** A shape as the models (botocore's format) write it. */
export interface ModelShape {
  type: string;
  members?: Record<string, ModelMember>;
  member?: ModelMember;
  key?: ModelMember;
  value?: ModelMember;
  timestampFormat?: string;
  document?: boolean;
  union?: boolean;
  sparse?: boolean;
  exception?: boolean;
  error?: { code?: string };
}

/** A reference to a shape from a structure, list or map, with its serialization traits. */
export interface ModelMember {
  shape: string;
  locationName?: string;
  timestampFormat?: string;
  idempotencyToken?: boolean;
  hostLabel?: boolean;
  jsonvalue?: boolean;
}

/** What the protocol needs to know of an operation and its service. */
export interface ModelOperation {
  name: string;
  /** Compress the body (gzip) from the configured size on. */
  requestcompression?: { encodings: string[] };
  input?: { shape: string };
  output?: { shape: string };
  endpoint?: { hostPrefix?: string };
}

/** The service metadata the JSON protocol reads. */
export interface ModelMetadata {
  targetPrefix?: string;
  jsonVersion?: string;
  /** A JSON service that used to speak query: it says so in a header, and its errors carry query codes. */
  awsQueryCompatible?: unknown;
}

type Shapes = Record<string, ModelShape>;
type Json = Record<string, unknown>;

/** A request as the protocol lays it out (the endpoint supplies the host, unless a host prefix adds to it). */
export interface ModelRequest {
  method: string;
  uri: string;
  headers: Record<string, string>;
  /** Text, or gzip-compressed bytes when the operation asks for compression and the body is large enough. */
  body: string | Uint8Array;
  /** A host prefix the operation's endpoint trait asks for (`foo.`, `foo-bar.`), labels filled in. */
  hostPrefix?: string;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A timestamp parameter (epoch seconds, or text a person would write) as a time. */
export function toDate(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === "number") return new Date(v * 1000);
  const text = String(v);
  if (/^-?\d+(\.\d+)?$/.test(text)) return new Date(Number(text) * 1000);
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) || !/T/.test(text) ? text : `${text}Z`);
  if (Number.isNaN(d.getTime())) throw new Error(`Invalid timestamp: ${text}`);
  return d;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** A time in one of the protocol formats: epoch seconds, ISO 8601, or an HTTP date. */
export function formatTimestamp(v: unknown, format: string): string | number {
  const d = toDate(v);
  const ms = d.getTime();
  if (format === "iso8601") {
    const frac = ms % 1000 ? `.${pad(((ms % 1000) + 1000) % 1000, 3)}000` : "";
    return `${d.toISOString().slice(0, 19)}${frac}Z`;
  }
  if (format === "rfc822") {
    return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${
      MONTHS[d.getUTCMonth()]
    } ${d.getUTCFullYear()} ` +
      `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} GMT`;
  }
  return ms % 1000 ? ms / 1000 : Math.floor(ms / 1000);
}

const FLOATS = new Set(["float", "double"]);

/** A value as the JSON body carries it, by its shape (timestamps, blobs, non-finite floats, nested members). */
export function serializeJsonValue(shapes: Shapes, ref: ModelMember, value: unknown): unknown {
  return serializeValue(shapes, ref, value);
}

function serializeValue(shapes: Shapes, ref: ModelMember, value: unknown): unknown {
  const shape = shapes[ref.shape];
  switch (shape.type) {
    case "structure": {
      if (shape.document) return value;
      const out: Json = {};
      for (const [name, v] of Object.entries(value as Json)) {
        const member = shape.members?.[name];
        // A null member is left out, as no member.
        if (!member || v === undefined || v === null) continue;
        out[member.locationName ?? name] = serializeValue(shapes, member, v);
      }
      return out;
    }
    case "list":
      return (value as unknown[]).map((v) => serializeValue(shapes, shape.member!, v));
    case "map":
      return Object.fromEntries(
        Object.entries(value as Json).map(([k, v]) => [k, serializeValue(shapes, shape.value!, v)]),
      );
    case "timestamp":
      return formatTimestamp(value, ref.timestampFormat ?? shape.timestampFormat ?? "unixTimestamp");
    case "blob":
      return Buffer.from(typeof value === "string" ? new TextEncoder().encode(value) : value as Uint8Array)
        .toString("base64");
    default:
      // Floats the JSON grammar cannot carry go as text, as botocore sends them.
      if (FLOATS.has(shape.type) && typeof value === "number" && !Number.isFinite(value)) {
        return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
      }
      return value;
  }
}

/** Fills in idempotency tokens the caller left out, as botocore does (a random UUID). */
function withTokens(shapes: Shapes, ref: ModelMember | undefined, params: Json, uuid: () => string): Json {
  const members = ref ? shapes[ref.shape]?.members ?? {} : {};
  const out = { ...params };
  for (const [name, m] of Object.entries(members)) {
    if (m.idempotencyToken && out[name] === undefined) out[name] = uuid();
  }
  return out;
}

/** The smallest body compressed when an operation allows it (botocore's request_min_compression_size_bytes). */
export const MIN_COMPRESSION_BYTES = 10_240;

/** Builds an awsJson request from the model: POST /, X-Amz-Target, the content type, the body. */
export function serializeJsonRequest(
  meta: ModelMetadata,
  op: ModelOperation,
  shapes: Shapes,
  params: Json,
  uuid: () => string = () => crypto.randomUUID(),
): ModelRequest {
  const input = op.input ? withTokens(shapes, op.input, params, uuid) : params;
  const text = JSON.stringify(op.input ? serializeValue(shapes, op.input, input) : {});
  const headers: Record<string, string> = {
    "X-Amz-Target": `${meta.targetPrefix}.${op.name}`,
    "Content-Type": `application/x-amz-json-${meta.jsonVersion ?? "1.0"}`,
  };
  if (meta.awsQueryCompatible !== undefined) headers["x-amzn-query-mode"] = "true";
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

/** Epoch seconds of a timestamp as a response writes it (a number, or ISO 8601 / HTTP-date text). */
function readTimestamp(v: unknown): number {
  if (typeof v === "number") return v;
  const ms = Date.parse(String(v));
  if (Number.isNaN(ms)) throw new Error(`Invalid timestamp in response: ${String(v)}`);
  return ms / 1000;
}

/** A JSON body's value read by its shape (member names from the model, timestamps as epoch seconds, bytes). */
export function parseJsonValue(shapes: Shapes, ref: ModelMember, value: unknown): unknown {
  return parseValue(shapes, ref, value);
}

function parseValue(shapes: Shapes, ref: ModelMember, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const shape = shapes[ref.shape];
  switch (shape.type) {
    case "structure": {
      if (shape.document) return value;
      const out: Json = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const v = (value as Json)[member.locationName ?? name];
        // A null member is no member.
        if (v !== null && v !== undefined) out[name] = parseValue(shapes, member, v);
      }
      return out;
    }
    case "list":
      return (value as unknown[]).map((v) => parseValue(shapes, shape.member!, v));
    case "map":
      // A dense map has no null values: they are left out.
      return Object.fromEntries(
        Object.entries(value as Json).filter(([, v]) => v !== null || shape.sparse)
          .map(([k, v]) => [k, parseValue(shapes, shape.value!, v)]),
      );
    case "timestamp":
      return readTimestamp(value);
    case "blob":
      return new Uint8Array(Buffer.from(String(value), "base64"));
    default:
      if (FLOATS.has(shape.type) && typeof value === "string") {
        return value === "NaN"
          ? NaN
          : value === "Infinity"
          ? Infinity
          : value === "-Infinity"
          ? -Infinity
          : value;
      }
      return value;
  }
}

/** A service error read from an awsJson response: its code (no namespace), message, and its own members. */
export interface ModelError {
  code: string;
  message?: string;
  members: Json;
}

/** A response as it came: status, headers (any case), body text. */
export interface ModelResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The body's bytes as they came, where a blob payload must not pass through text. */
  bytes?: Uint8Array;
}

const header = (h: Record<string, string>, name: string) =>
  Object.entries(h).find(([k]) => k.toLowerCase() === name)?.[1];

/** Reads an awsJson response: the output (members by model name) or the error it carries. */
export function parseJsonResponse(
  op: ModelOperation & { errors?: Array<{ shape: string }> },
  shapes: Shapes,
  response: ModelResponse,
): { output: Json } | { error: ModelError } {
  const body = response.body.trim() ? JSON.parse(response.body) as Json : {};
  if (response.status >= 300) {
    // The code: the query-compatible header, else X-Amzn-ErrorType, else __type or code, namespaces and URIs cut.
    const query = header(response.headers, "x-amzn-query-error")?.split(";")[0];
    const raw = query ?? header(response.headers, "x-amzn-errortype") ??
      String(body.__type ?? body.code ?? "");
    const code = raw.split(":")[0].split("#").at(-1)!;
    const message = (body.message ?? body.Message ?? body.errorMessage) as string | undefined;
    const shapeName = op.errors?.map((e) => e.shape).find((s) =>
      s === code || shapes[s]?.error?.code === code
    );
    const members = shapeName ? parseValue(shapes, { shape: shapeName }, body) as Json : {};
    return { error: { code, ...(message !== undefined ? { message } : {}), members } };
  }
  return { output: op.output ? parseValue(shapes, op.output, body) as Json ?? {} : {} };
}
