/**
 * Turns the text given for one flag into an API value as the AWS CLI does: `file://` and `fileb://`
 * contents, JSON, shorthand, typed scalars and lists.
 */
import type { Shape } from "../models/types.ts";
import { fail, ParseFailure } from "./errors.ts";
import { isRecord, parseShorthand, pyFloat, pyInt, type ShapeLookup, typeShorthand } from "./shorthand.ts";
import { FileBody, type FileUse } from "./types.ts";

/** File reads the parser needs; the caller decides what is allowed (the file-access policy). */
export interface FileAccess {
  /** Contents of a file: text for `file://`, bytes for `fileb://`; throws a ParseFailure when unreadable. */
  read(path: string, binary: boolean): string | Uint8Array;
  /** Whether the path names an existing regular file (streaming uploads). */
  isFile(path: string): boolean;
  /** Whether the path names an existing folder (recursive uploads). */
  isDir(path: string): boolean;
}

/** Per-command state while unpacking: shapes, files and what was read. */
export interface UnpackContext {
  shapes: ShapeLookup;
  files: FileAccess;
  used: FileUse[];
  /** `service.command`, for the CLI's per-command special cases. */
  where: string;
}

/** Loads `file://` / `fileb://` values; anything else is returned unchanged. */
export function loadParamFile(
  value: string | string[],
  flag: string,
  ctx: UnpackContext,
): string | string[] | Uint8Array {
  const v = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (typeof v !== "string") return value;
  for (const [prefix, binary] of [["file://", false], ["fileb://", true]] as const) {
    if (v.startsWith(prefix)) {
      const path = v.slice(prefix.length);
      ctx.used.push({ path, mode: binary ? "read-binary" : "read-text", via: `--${flag}` });
      try {
        return ctx.files.read(path, binary);
      } catch (e) {
        if (e instanceof ParseFailure) {
          fail(e.error.code, `Error parsing parameter '--${flag}': ${e.error.message}`, e.error.hint);
        }
        throw e;
      }
    }
  }
  return value;
}

/** Parses JSON the way the CLI reports failures. */
export function parseJson(text: string, flag: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    fail(
      "INVALID_JSON",
      `Error parsing parameter '--${flag}': Invalid JSON: ${(e as Error).message}\nJSON received: ${text}`,
      "Check the JSON: double-quoted keys and strings, no trailing commas; or use shorthand syntax.",
    );
  }
}

const looksJson = (s: string) => /^\s*[[{]/.test(s);
const isComplex = (s: Shape) => s.type === "structure" || s.type === "list" || s.type === "map";

// Lists of one-member structures that still take bare values (`--instances i-1 i-2`).
const OLD_LIST_CASE = new Set([
  "firehose.put-record-batch.records",
  "workspaces.reboot-workspaces.reboot-workspace-requests",
  "workspaces.rebuild-workspaces.rebuild-workspace-requests",
  "workspaces.terminate-workspaces.terminate-workspace-requests",
  "elb.remove-tags.tags",
  "elb.describe-instance-health.instances",
  "elb.deregister-instances-from-load-balancer.instances",
  "elb.register-instances-with-load-balancer.instances",
]);

function supportsShorthand(shape: Shape, shapes: ShapeLookup): boolean {
  if (shape.document) return false;
  if (shape.type === "list") {
    return isComplex(shapes(shape.member!.shape)) && !shapes(shape.member!.shape).document;
  }
  return shape.type === "structure" || shape.type === "map";
}

function shorthand(value: string | string[], shape: Shape, flag: string, ctx: UnpackContext): unknown {
  if (shape.type === "list" && Array.isArray(value)) {
    const member = ctx.shapes(shape.member!.shape);
    const keys = Object.keys(member.members ?? {});
    if (member.type === "structure" && keys.length === 1 && OLD_LIST_CASE.has(`${ctx.where}.${flag}`)) {
      return value.map((v) => ({ [keys[0]]: v }));
    }
    return typeShorthand(value.map((v) => parseShorthand(v, flag)), shape, ctx.shapes, flag);
  }
  const text = Array.isArray(value) ? value.join(" ") : value;
  if (
    shape.type === "structure" && Object.keys(shape.members ?? {}).length === 1 && shape.members?.Value &&
    ctx.shapes(shape.members.Value.shape).type === "string" && !text.includes("=")
  ) {
    return { Value: text };
  }
  return typeShorthand(parseShorthand(text, flag), shape, ctx.shapes, flag);
}

/** One scalar from its text, as `unpack_scalar_cli_arg` converts it. */
function scalar(shape: Shape, value: unknown, flag: string, ctx: UnpackContext, streaming: boolean): unknown {
  if (typeof value !== "string") return value;
  switch (shape.type) {
    case "integer":
    case "long":
      return pyInt(value, flag);
    case "float":
    case "double":
      return pyFloat(value, flag);
    case "boolean":
      return value.toLowerCase() === "false" ? false : value !== "";
    case "blob":
      if (streaming || shape.streaming) {
        if (!ctx.files.isFile(value)) {
          fail(
            "FILE_ERROR",
            `Error parsing parameter '--${flag}': Blob values must be a path to a file.`,
            "Name an existing file.",
          );
        }
        ctx.used.push({ path: value, mode: "read-binary", via: `--${flag}` });
        return new FileBody(value);
      }
      return value;
    default:
      return value;
  }
}

/** Unpacks one flag's raw value (after `file://` loading) into an API value. */
export function unpackValue(
  shape: Shape,
  raw: string | string[] | Uint8Array,
  flag: string,
  ctx: UnpackContext,
  opts: { jsonValue?: boolean; streaming?: boolean } = {},
): unknown {
  if (raw instanceof Uint8Array) return raw;
  if (opts.jsonValue || (shape.type === "structure" && shape.document)) {
    return parseJson(Array.isArray(raw) ? raw.join(" ") : raw, flag);
  }
  if (!isComplex(shape)) return scalar(shape, raw, flag, ctx, opts.streaming ?? false);
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (supportsShorthand(shape, ctx.shapes) && !(typeof first === "string" && looksJson(first))) {
    if (Array.isArray(raw) && raw.length === 0) return [];
    return shorthand(raw, shape, flag, ctx);
  }
  if (shape.type === "structure" || shape.type === "map") {
    const text = Array.isArray(raw) ? raw.join(" ") : raw;
    if (looksJson(text)) return parseJson(text, flag);
    fail(
      "INVALID_JSON",
      `Error parsing parameter '--${flag}': Invalid JSON:\n${text}`,
      "Pass a JSON object.",
    );
  }
  // A list: only `[` starts JSON; `{…}` is one element.
  const looksList = (s: string) => /^\s*\[/.test(s);
  if (typeof raw === "string" && looksList(raw)) return parseJson(raw, flag);
  if (Array.isArray(raw) && raw.length === 1 && looksList(raw[0])) return parseJson(raw[0], flag);
  const member = ctx.shapes(shape.member!.shape);
  const items = typeof raw === "string" ? [...raw] : raw;
  return items.map((v) => unpackValue(member, v, flag, ctx));
}

/**
 * Turns text blobs in the input into bytes: base64-decoded with `--cli-binary-format base64` (the
 * default), taken as UTF-8 text with `raw-in-base64-out`.
 */
export function decodeBlobs(value: unknown, shape: Shape, shapes: ShapeLookup, base64: boolean): unknown {
  if (shape.type === "blob") {
    if (typeof value !== "string") return value;
    return base64 ? base64Decode(value) : new TextEncoder().encode(value);
  }
  if (shape.type === "structure" && isRecord(value) && !shape.document) {
    for (const [k, ref] of Object.entries(shape.members ?? {})) {
      if (Object.hasOwn(value, k)) value[k] = decodeBlobs(value[k], shapes(ref.shape), shapes, base64);
    }
  } else if (shape.type === "list" && Array.isArray(value)) {
    const m = shapes(shape.member!.shape);
    return value.map((v) => decodeBlobs(v, m, shapes, base64));
  } else if (shape.type === "map" && isRecord(value)) {
    const m = shapes(shape.value!.shape);
    for (const k of Object.keys(value)) value[k] = decodeBlobs(value[k], m, shapes, base64);
  }
  return value;
}

/**
 * Python's lenient `base64.b64decode`: characters outside the alphabet are dropped, a `=` before a quad
 * is half full is skipped, enough padding ends the input, and a partial quad without it is an error.
 */
export function base64Decode(text: string): Uint8Array {
  let data = "";
  let pads = 0;
  let ended = false;
  for (const ch of text) {
    if (ch === "=") {
      if (data.length % 4 >= 2 && (data.length % 4) + ++pads >= 4) {
        ended = true;
        break;
      }
      continue;
    }
    if (/[A-Za-z0-9+/]/.test(ch)) data += ch;
  }
  if (!ended && data.length % 4 !== 0) {
    fail(
      "INVALID_BASE64",
      `Invalid base64: "${text}"`,
      "Give the blob as base64 text, use fileb://<path>, or pass --cli-binary-format raw-in-base64-out.",
    );
  }
  const bin = atob(data + "=".repeat((4 - (data.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}
