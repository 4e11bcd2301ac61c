/**
 * The AWS CLI's `aws s3 …` commands (ls, cp, mv, rm, sync, mb, rb, presign, website): their arguments as
 * the CLI defines them, the paths checked, and the first API call each makes, so that policy and
 * execution see one command like any other.
 */
import { credentialEntry } from "../models/credentials.ts";
import { ArgParser, type OptionSpec } from "./argparse.ts";
import { checkBucketName } from "./labels.ts";
import { fail, failMissing, failUnknownOptions } from "./errors.ts";
import { pyInt } from "./shorthand.ts";
import type { FileUse, GlobalOptions, HighLevelCommand, ParsedCommand } from "./types.ts";
import type { FileAccess } from "./unpack.ts";

const ACLS = [
  "private",
  "public-read",
  "public-read-write",
  "authenticated-read",
  "aws-exec-read",
  "bucket-owner-read",
  "bucket-owner-full-control",
  "log-delivery-write",
];
const STORAGE = [
  "STANDARD",
  "REDUCED_REDUNDANCY",
  "STANDARD_IA",
  "ONEZONE_IA",
  "INTELLIGENT_TIERING",
  "GLACIER",
  "DEEP_ARCHIVE",
  "GLACIER_IR",
];

interface S3Option extends OptionSpec {
  choices?: readonly string[];
  integer?: boolean;
}

const FILTERS: S3Option[] = [
  { name: "include", kind: "append", dest: "filters" },
  { name: "exclude", kind: "append", dest: "filters" },
];
const COMMON: S3Option[] = [
  { name: "dryrun", kind: "true" },
  { name: "quiet", kind: "true" },
  { name: "only-show-errors", kind: "true" },
  { name: "page-size", kind: "one", integer: true },
  { name: "request-payer", kind: "optional", choices: ["requester"] },
];
const TRANSFER: S3Option[] = [
  ...COMMON,
  ...FILTERS,
  { name: "acl", kind: "one", choices: ACLS },
  { name: "follow-symlinks", kind: "true" },
  { name: "no-follow-symlinks", kind: "false", dest: "follow-symlinks" },
  { name: "no-guess-mime-type", kind: "false", dest: "guess-mime-type" },
  { name: "sse", kind: "optional", choices: ["AES256", "aws:kms"] },
  { name: "sse-c", kind: "optional", choices: ["AES256"] },
  { name: "sse-c-key", kind: "one" },
  { name: "sse-kms-key-id", kind: "one" },
  { name: "sse-c-copy-source", kind: "optional", choices: ["AES256"] },
  { name: "sse-c-copy-source-key", kind: "one" },
  { name: "storage-class", kind: "one", choices: STORAGE },
  { name: "grants", kind: "many" },
  { name: "website-redirect", kind: "one" },
  { name: "content-type", kind: "one" },
  { name: "cache-control", kind: "one" },
  { name: "content-disposition", kind: "one" },
  { name: "content-encoding", kind: "one" },
  { name: "content-language", kind: "one" },
  { name: "expires", kind: "one" },
  { name: "source-region", kind: "one" },
  { name: "no-progress", kind: "false", dest: "progress" },
  { name: "ignore-glacier-warnings", kind: "true" },
  { name: "force-glacier-transfer", kind: "true" },
  { name: "metadata", kind: "one" },
  { name: "copy-props", kind: "one", choices: ["none", "metadata-directive", "default"] },
  { name: "metadata-directive", kind: "one", choices: ["COPY", "REPLACE"] },
];

/** Each command: its options, how many paths it takes (min, max), and whether it has --recursive. */
const COMMANDS: Readonly<Record<string, { options: S3Option[]; paths: [number, number] }>> = {
  ls: {
    options: [
      { name: "recursive", kind: "true" },
      { name: "page-size", kind: "one", integer: true },
      { name: "human-readable", kind: "true" },
      { name: "summarize", kind: "true" },
      { name: "request-payer", kind: "optional", choices: ["requester"] },
    ],
    paths: [0, 1],
  },
  cp: {
    options: [...TRANSFER, { name: "expected-size", kind: "one" }, { name: "recursive", kind: "true" }],
    paths: [2, 2],
  },
  mv: { options: [...TRANSFER, { name: "recursive", kind: "true" }], paths: [2, 2] },
  rm: { options: [...COMMON, ...FILTERS, { name: "recursive", kind: "true" }], paths: [1, 1] },
  sync: {
    options: [
      ...TRANSFER,
      { name: "delete", kind: "true" },
      { name: "exact-timestamps", kind: "true" },
      { name: "size-only", kind: "true" },
    ],
    paths: [2, 2],
  },
  mb: { options: [], paths: [1, 1] },
  rb: { options: [{ name: "force", kind: "true" }], paths: [1, 1] },
  presign: { options: [{ name: "expires-in", kind: "one", integer: true }], paths: [1, 1] },
  website: {
    options: [{ name: "index-document", kind: "one" }, { name: "error-document", kind: "one" }],
    paths: [1, 1],
  },
};

const parsers = new Map<string, ArgParser>();

/** The options of `aws s3 <name>`, or undefined for a command not parsed here. */
export function s3Options(name: string): readonly S3Option[] | undefined {
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name].options : undefined;
}

/** Whether `aws s3 <name>` is a command this module parses. */
export function isS3Command(name: string | undefined): boolean {
  return name !== undefined && Object.hasOwn(COMMANDS, name);
}

/** A bucket and key from `s3://bucket/key`; access point and Outposts ARNs keep their resource path. */
export function splitS3Path(path: string): { bucket: string; key: string } {
  const rest = path.slice("s3://".length);
  const arn =
    /^(arn:[^:]+:(?:s3|s3-outposts|s3-object-lambda):[^:]*:[^:]*:(?:accesspoint|outpost)[/:][^/]+(?:\/accesspoint\/[^/]+)?)\/?(.*)$/
      .exec(rest);
  if (arn) return { bucket: arn[1], key: arn[2] };
  const slash = rest.indexOf("/");
  return slash < 0 ? { bucket: rest, key: "" } : { bucket: rest.slice(0, slash), key: rest.slice(slash + 1) };
}

/** Whether an `aws s3` path names S3 (`s3://…`) rather than a local file. */
export const isS3 = (p: string): boolean => p.startsWith("s3://");

function basename(p: string): string {
  const parts = p.replace(/[/\\]+$/, "").split(/[/\\]/);
  return parts.at(-1) ?? p;
}

/** Parses `aws s3 <command> …` into a high-level command with its first API call. */
export function parseS3(
  command: string,
  args: string[],
  globals: GlobalOptions,
  files: FileAccess,
): ParsedCommand {
  const spec = COMMANDS[command];
  let parser = parsers.get(command);
  if (!parser) {
    parser = new ArgParser(spec.options, spec.paths[1]);
    parsers.set(command, parser);
  }
  const parsed = parser.parse(args);
  if (parsed.positionals.length < spec.paths[0]) {
    failMissing(
      [spec.paths[0] === 1 ? "path" : "paths"],
      `Write: aws s3 ${command} ${spec.paths[0] === 2 ? "<source> <destination>" : "s3://<bucket>[/<key>]"}`,
    );
  }
  if (parsed.extras.length) {
    failUnknownOptions(parsed.extras, `Run 'aws s3 ${command} help' for its options.`);
  }
  const options: Record<string, unknown> = {};
  for (const [dest, value] of parsed.values) {
    const opt = spec.options.find((o) => (o.dest ?? o.name) === dest)!;
    if (opt.choices && typeof value === "string" && !opt.choices.includes(value)) {
      fail(
        "INVALID_CHOICE",
        `Invalid value '${value}' for --${opt.name}: valid choices are ${opt.choices.join(", ")}.`,
      );
    }
    options[dest] = opt.integer ? pyInt(value as string, opt.name) : value;
  }
  const paths = parsed.positionals;
  const hl: HighLevelCommand = { name: command, paths, options };
  const used: FileUse[] = [];
  const first = firstCall(command, paths, options, globals, files, used);
  checkBucketName(first.params);
  const creds = credentialEntry("s3", first.operation, first.params, command);
  const readOnly = !creds && (command === "ls" ||
    ((command === "cp" || command === "sync") && isS3(paths[0]) && !isS3(paths[1])));
  return {
    kind: "high-level",
    service: "s3",
    serviceModel: "s3api",
    command,
    operation: first.operation,
    calls: s3Calls(command, paths, options).map((c) => ({ service: "s3api", command: c })),
    params: first.params,
    globals,
    paging: {},
    files: used,
    iam: { actions: first.actions, access: command === "ls" ? "List" : readOnly ? "Read" : "Write" },
    readOnly,
    ...(creds ? { credentials: creds.reason } : {}),
    warnings: [],
    highLevel: hl,
  };
}

const COMPLETE = ["complete-multipart-upload", "abort-multipart-upload"];
const UPLOAD = ["put-object", "create-multipart-upload", "upload-part", ...COMPLETE];
const COPY = ["head-object", "copy-object", "create-multipart-upload", "upload-part-copy", ...COMPLETE];
const DELETE = ["delete-object", "delete-objects"];

/**
 * Every S3 API operation `aws s3 <command>` may call (the AWS CLI's s3 transfer code), so that policy
 * rules written for `s3api` hold for the `s3` commands too.
 */
export function s3Calls(command: string, paths: string[], options: Record<string, unknown>): string[] {
  const [src, dst] = paths;
  const recursive = options.recursive === true || command === "sync";
  const list = recursive ? ["list-objects-v2"] : [];
  const transfer = () => {
    if (src === undefined || dst === undefined) return [];
    if (isS3(src)) return isS3(dst) ? COPY : ["head-object", "get-object"];
    return UPLOAD;
  };
  switch (command) {
    case "ls":
      return paths.length === 0 || paths[0] === "s3://" ? ["list-buckets"] : ["list-objects-v2"];
    case "mb":
      return ["create-bucket"];
    case "rb":
      return options.force === true ? ["list-objects-v2", ...DELETE, "delete-bucket"] : ["delete-bucket"];
    case "rm":
      return [...list, ...DELETE];
    case "presign":
      return ["get-object"];
    case "website":
      return ["put-bucket-website"];
    case "cp":
      return [...list, ...transfer()];
    case "mv":
      return [...list, ...transfer(), ...(src !== undefined && isS3(src) ? DELETE : [])];
    case "sync": {
      const both = src !== undefined && dst !== undefined && isS3(src) && isS3(dst);
      const deletes = options.delete === true && dst !== undefined && isS3(dst) ? DELETE : [];
      return [...new Set([...list, ...(both ? ["list-objects-v2"] : []), ...transfer(), ...deletes])];
    }
    default:
      return [];
  }
}

function requireS3(path: string | undefined, command: string): { bucket: string; key: string } {
  if (path === undefined || !isS3(path)) {
    fail("INVALID_VALUE", `aws s3 ${command} needs an S3 path (s3://<bucket>[/<key>]), got '${path ?? ""}'.`);
  }
  const p = splitS3Path(path);
  if (!p.bucket) fail("INVALID_VALUE", `'${path}' names no bucket.`, "Write s3://<bucket>[/<key>].");
  return p;
}

function firstCall(
  command: string,
  paths: string[],
  options: Record<string, unknown>,
  globals: GlobalOptions,
  files: FileAccess,
  used: FileUse[],
): { operation: string; params: Record<string, unknown>; actions: string[] } {
  const payer = options["request-payer"] !== undefined ? { RequestPayer: "requester" } : {};
  const list = (bucket: string, prefix: string, delimiter: boolean) => ({
    operation: "ListObjectsV2",
    params: {
      Bucket: bucket,
      Prefix: prefix,
      ...(delimiter ? { Delimiter: "/" } : {}),
      EncodingType: "url",
      ...payer,
    },
    actions: ["s3:ListBucket"],
  });
  const recursive = options.recursive === true;
  switch (command) {
    case "ls": {
      if (paths.length === 0 || paths[0] === "s3://") {
        return { operation: "ListBuckets", params: {}, actions: ["s3:ListAllMyBuckets"] };
      }
      const { bucket, key } = requireS3(paths[0], command);
      return list(bucket, key, !recursive);
    }
    case "mb": {
      const { bucket } = requireS3(paths[0], command);
      const region = globals.region;
      const params: Record<string, unknown> = { Bucket: bucket };
      if (region && region !== "us-east-1") params.CreateBucketConfiguration = { LocationConstraint: region };
      return { operation: "CreateBucket", params, actions: ["s3:CreateBucket"] };
    }
    case "rb": {
      const { bucket, key } = requireS3(paths[0], command);
      if (key) fail("INVALID_VALUE", `aws s3 rb takes a bucket, not an object: '${paths[0]}'.`);
      if (options.force === true) {
        return {
          ...list(bucket, "", false),
          actions: ["s3:ListBucket", "s3:DeleteObject", "s3:DeleteBucket"],
        };
      }
      return { operation: "DeleteBucket", params: { Bucket: bucket }, actions: ["s3:DeleteBucket"] };
    }
    case "rm": {
      const { bucket, key } = requireS3(paths[0], command);
      if (recursive) return { ...list(bucket, key, false), actions: ["s3:ListBucket", "s3:DeleteObject"] };
      return {
        operation: "DeleteObject",
        params: { Bucket: bucket, Key: key, ...payer },
        actions: ["s3:DeleteObject"],
      };
    }
    case "presign": {
      const { bucket, key } = requireS3(paths[0], command);
      return { operation: "GetObject", params: { Bucket: bucket, Key: key }, actions: ["s3:GetObject"] };
    }
    case "website": {
      const { bucket } = requireS3(paths[0], command);
      const config: Record<string, unknown> = {};
      if (options["index-document"] !== undefined) {
        config.IndexDocument = { Suffix: options["index-document"] };
      }
      if (options["error-document"] !== undefined) config.ErrorDocument = { Key: options["error-document"] };
      return {
        operation: "PutBucketWebsite",
        params: { Bucket: bucket, WebsiteConfiguration: config },
        actions: ["s3:PutBucketWebsite"],
      };
    }
    default:
      return transfer(command, paths, options, files, used, list);
  }
}

function transfer(
  command: string,
  [src, dst]: string[],
  options: Record<string, unknown>,
  files: FileAccess,
  used: FileUse[],
  list: (
    b: string,
    p: string,
    d: boolean,
  ) => { operation: string; params: Record<string, unknown>; actions: string[] },
): { operation: string; params: Record<string, unknown>; actions: string[] } {
  if (src === "-" || dst === "-") {
    fail(
      "UNSUPPORTED_COMMAND",
      `aws s3 ${command} with '-' streams through standard input or output, which this server does not have.`,
      "Name a file in the working directory instead of '-'.",
    );
  }
  if (!isS3(src) && !isS3(dst)) {
    fail("INVALID_VALUE", `aws s3 ${command} copies to or from S3: at least one path must start with s3://.`);
  }
  const recursive = options.recursive === true || command === "sync";
  if (!isS3(src)) {
    used.push({ path: src, mode: "read-binary", via: "source" });
    const exists = recursive ? files.isDir(src) : files.isFile(src);
    if (!exists) {
      fail(
        "FILE_ERROR",
        `The user-provided path ${src} does not exist.`,
        "Name an existing file or folder in the working directory.",
      );
    }
  } else if (!isS3(dst)) {
    used.push({ path: dst, mode: "write", via: "destination" });
  }
  const s = isS3(src) ? requireS3(src, command) : undefined;
  const d = isS3(dst) ? requireS3(dst, command) : undefined;
  const writes = d ? ["s3:PutObject"] : [];
  const reads = s ? ["s3:GetObject"] : [];
  const deletes = command === "mv" && s ? ["s3:DeleteObject"] : [];
  const actions = [...new Set([...(recursive ? ["s3:ListBucket"] : []), ...reads, ...writes, ...deletes])];
  if (command === "sync") {
    const target = d ?? s!;
    return { ...list(target.bucket, target.key, false), actions };
  }
  if (s) {
    if (recursive) return { ...list(s.bucket, s.key, false), actions };
    return { operation: "HeadObject", params: { Bucket: s.bucket, Key: s.key }, actions };
  }
  // Upload of one local file: the key is the destination, or the file's name under a folder-like prefix.
  const key = d!.key === "" || d!.key.endsWith("/") ? `${d!.key}${basename(src)}` : d!.key;
  return { operation: "PutObject", params: { Bucket: d!.bucket, Key: key }, actions };
}
