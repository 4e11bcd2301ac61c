/**
 * `aws s3 cp` and `mv` of one object, run as the AWS CLI runs them: an upload (with the CLI's guessed
 * Content-Type and its object options), a download (into the named file, or into a folder named with a
 * trailing slash or `.`), or a copy between S3 paths — each in parts when large; `mv` then deletes
 * the source. Each prints the CLI's line (`upload: ./f.txt to s3://b/f.txt`, `move: …`). Folders
 * (`--recursive`) are not run here.
 */
import type { ParsedCommand } from "../../parse/types.ts";
import { isS3, splitS3Path } from "../../parse/s3.ts";
import { isRecord, parseShorthand } from "../../parse/shorthand.ts";
import { ExecFailure } from "../errors.ts";
import type { ExecFiles } from "../types.ts";
import type { LoadedClient } from "../sdk.ts";
import { type PartProgress, s3Failure, s3Sender } from "./common.ts";
import { uploadObject } from "./upload.ts";
import { downloadObject } from "./download.ts";
import { copyObject, type CopyProps, type CopyPropsOptions } from "./copy.ts";
import type { TransferSettings } from "./settings.ts";

const base = (key: string) => key.split("/").at(-1) ?? key;

/** Whether call_aws runs this command: `aws s3 cp` or `mv` of one object, not `--recursive`. */
export function isS3Copy(cmd: ParsedCommand): boolean {
  return cmd.kind === "high-level" && cmd.service === "s3" &&
    (cmd.command === "cp" || cmd.command === "mv") &&
    cmd.highLevel?.options.recursive !== true;
}

// Python's mimetypes for the common extensions: the CLI labels uploads with them.
const TYPES: Readonly<Record<string, string>> = {
  txt: "text/plain",
  html: "text/html",
  htm: "text/html",
  css: "text/css",
  js: "text/javascript",
  json: "application/json",
  csv: "text/csv",
  xml: "text/xml",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  svg: "image/svg+xml",
  ico: "image/vnd.microsoft.icon",
  pdf: "application/pdf",
  zip: "application/zip",
  tar: "application/x-tar",
  mp4: "video/mp4",
  mp3: "audio/mpeg",
  wasm: "application/wasm",
};

/** The Content-Type the CLI guesses for a file name (Python's mimetypes for the common extensions). */
export function contentTypeOf(name: string): string | undefined {
  return TYPES[name.split(".").at(-1)?.toLowerCase() ?? ""];
}

/** `--metadata` as the CLI takes it: JSON, or shorthand `key1=value1,key2=value2`. */
export function metadataOf(text: string): Record<string, string> {
  let value: unknown;
  try {
    value = text.trimStart().startsWith("{") ? JSON.parse(text) : parseShorthand(text, "--metadata");
  } catch (e) {
    if (e instanceof SyntaxError) {
      throw new ExecFailure({
        code: "INVALID_VALUE",
        message: `--metadata is not valid JSON: ${e.message}`,
        hint: `Write --metadata '{"key": "value"}' or key=value,key2=value2.`,
      });
    }
    throw e;
  }
  if (!isRecord(value) || !Object.values(value).every((v) => typeof v === "string")) {
    throw new ExecFailure({
      code: "INVALID_VALUE",
      message: "--metadata takes names and text values.",
      hint: `Write --metadata '{"key": "value"}' or key=value,key2=value2.`,
    });
  }
  return value as Record<string, string>;
}

/** The object options of `s3 cp` as PutObject and CopyObject members. */
export function objectOptions(options: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const map: Array<[string, string]> = [
    ["acl", "ACL"],
    ["storage-class", "StorageClass"],
    ["content-type", "ContentType"],
    ["cache-control", "CacheControl"],
    ["content-disposition", "ContentDisposition"],
    ["content-encoding", "ContentEncoding"],
    ["content-language", "ContentLanguage"],
    ["sse-kms-key-id", "SSEKMSKeyId"],
    ["website-redirect", "WebsiteRedirectLocation"],
  ];
  for (const [flag, member] of map) if (typeof options[flag] === "string") out[member] = options[flag];
  if (options.sse !== undefined) out.ServerSideEncryption = options.sse === true ? "AES256" : options.sse;
  if (typeof options.metadata === "string") out.Metadata = metadataOf(options.metadata);
  if (typeof options["metadata-directive"] === "string") {
    out.MetadataDirective = options["metadata-directive"];
  }
  if (typeof options.expires === "string") {
    const when = new Date(options.expires);
    if (Number.isNaN(when.getTime())) {
      throw new ExecFailure({
        code: "INVALID_VALUE",
        message: `--expires ${options.expires} is not a date and time.`,
        hint: "Write an ISO 8601 time, e.g. --expires 2026-12-31T00:00:00Z.",
      });
    }
    out.Expires = when;
  }
  if (options["request-payer"] !== undefined) out.RequestPayer = "requester";
  return out;
}

/** `--copy-props` and whether `--metadata-directive` overrides it. */
export function copyPropsOf(options: Record<string, unknown>): CopyPropsOptions {
  return {
    props: (options["copy-props"] ?? "default") as CopyProps,
    directiveGiven: typeof options["metadata-directive"] === "string",
  };
}

/** Reports a large object's parts as progress: `upload: ./big.bin 24 of 100 MiB`. */
export function partReporter(what: string, onProgress?: (message: string) => void): PartProgress | undefined {
  const mib = (n: number) => (n / 1048576).toFixed(n < 10 * 1048576 ? 1 : 0);
  return onProgress && ((done, total) => onProgress(`${what} ${mib(done)} of ${mib(total)} MiB`));
}

/** Uploads one local file, opened (and checked) first, streamed in parts when large. */
export async function uploadFile(
  loaded: LoadedClient,
  files: ExecFiles,
  path: string,
  params: Record<string, unknown>,
  settings: TransferSettings,
  signal?: AbortSignal,
  onPart?: PartProgress,
): Promise<void> {
  const file = await files.open(path);
  try {
    await uploadObject(loaded, params, file, settings, signal, onPart);
  } finally {
    await file.close();
  }
}

/** Runs one `aws s3 cp`; the CLI's line as text. */
export async function runS3Copy(
  cmd: ParsedCommand,
  loaded: LoadedClient,
  files: ExecFiles,
  settings: TransferSettings,
  signal?: AbortSignal,
  onProgress?: (message: string) => void,
): Promise<{ text: string; result: unknown }> {
  const [src, dst] = cmd.highLevel!.paths;
  const options = cmd.highLevel!.options;
  const send = s3Sender(loaded, signal);
  let line: string;
  try {
    if (!isS3(src)) {
      const { Bucket, Key } = cmd.params as { Bucket: string; Key: string };
      const extra = objectOptions(options);
      const type = contentTypeOf(src);
      if (extra.ContentType === undefined && type && options["guess-mime-type"] !== false) {
        extra.ContentType = type;
      }
      line = `upload: ${files.display(src)} to s3://${Bucket}/${Key}`;
      const onPart = partReporter(line, onProgress);
      await uploadFile(loaded, files, src, { Bucket, Key, ...extra }, settings, signal, onPart);
      if (cmd.command === "mv") await files.remove(src);
    } else if (!isS3(dst)) {
      const { bucket, key } = splitS3Path(src);
      const target = dst === "." || dst.endsWith("/") ? `${dst}/${base(key)}`.replace(/\/+/g, "/") : dst;
      line = `download: ${src} to ${files.display(target)}`;
      const payer = options["request-payer"] === undefined ? {} : { RequestPayer: "requester" };
      // As the CLI does: the size decides between one GetObject and ranged parts; the time goes on the file.
      const head = await send("HeadObject", { Bucket: bucket, Key: key, ...payer });
      const size = Number(head.ContentLength ?? 0);
      const body = await downloadObject(
        loaded,
        { Bucket: bucket, Key: key, size, ...payer },
        settings,
        signal,
        partReporter(line, onProgress),
      );
      const modified = head.LastModified instanceof Date ? head.LastModified : undefined;
      await files.write(target, body, modified);
      if (cmd.command === "mv") await send("DeleteObject", { Bucket: bucket, Key: key, ...payer });
    } else {
      const s = splitS3Path(src), d = splitS3Path(dst);
      const key = d.key === "" || d.key.endsWith("/") ? `${d.key}${base(s.key)}` : d.key;
      line = `copy: ${src} to s3://${d.bucket}/${key}`;
      await copyObject(
        loaded,
        s,
        { bucket: d.bucket, key },
        objectOptions(options),
        settings,
        copyPropsOf(options),
        signal,
        partReporter(line, onProgress),
      );
      if (cmd.command === "mv") await send("DeleteObject", { Bucket: s.bucket, Key: s.key });
    }
  } catch (e) {
    throw s3Failure(e, cmd.operation, `${cmd.command} failed: ${src} to ${dst}`);
  }
  // mv says "move" whatever the direction.
  return { text: `${cmd.command === "mv" ? line.replace(/^\w+:/, "move:") : line}\n`, result: undefined };
}
