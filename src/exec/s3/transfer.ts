/**
 * `aws s3 sync` and `aws s3 cp|mv --recursive`, in every direction (local→S3, S3→local, S3→S3), run as the
 * AWS CLI runs them: the source listed (a local folder through the file policy, an S3 prefix page by page),
 * `--exclude`/`--include` applied, for sync the destination compared by size and modification time
 * (`--size-only`, `--exact-timestamps`) and with `--delete` pruned, then each object transferred —
 * `max_concurrent_requests` at a time (ten unless the profile says) — with the CLI's line for each
 * (`upload: ./a.txt to s3://b/a.txt`, `(dryrun) …`, `delete: …`). A failed object is reported and the
 * rest carry on; the command fails at the end, listing what went through and what did not.
 */
import type { ParsedCommand } from "../../parse/types.ts";
import { isS3, splitS3Path } from "../../parse/s3.ts";
import { ExecFailure, fromSdkError } from "../errors.ts";
import type { ExecFiles } from "../types.ts";
import type { LoadedClient } from "../sdk.ts";
import { listObjects, s3Sender } from "./common.ts";
import { type Filter, included } from "./filters.ts";
import { mapBounded } from "../pool.ts";
import { contentTypeOf, copyPropsOf, objectOptions, partReporter, uploadFile } from "./cp.ts";
import { downloadObject } from "./download.ts";
import { copyObject } from "./copy.ts";
import type { TransferSettings } from "./settings.ts";

/** Whether call_aws runs this command as a transfer of many files: sync, or cp/mv with --recursive. */
export function isS3Transfer(cmd: ParsedCommand): boolean {
  return cmd.kind === "high-level" && cmd.service === "s3" &&
    (cmd.command === "sync" ||
      ((cmd.command === "cp" || cmd.command === "mv") && cmd.highLevel?.options.recursive === true));
}

/** One side of a transfer: a local folder, or a bucket and a prefix ending in `/` (or empty). */
type Side = { local: string } | { bucket: string; prefix: string };

/** A file or object below a side: its path there, size and modification time. */
export interface Entry {
  relative: string;
  size: number;
  mtimeMs: number;
  /** For a local file: where to read it (a followed link's target). */
  source?: string;
}

/** What is to be done with one path. */
export interface Action {
  kind: "transfer" | "delete";
  relative: string;
  size: number;
  mtimeMs: number;
  source?: string;
}

function sideOf(path: string): Side {
  if (!isS3(path)) return { local: path };
  const { bucket, key } = splitS3Path(path);
  return { bucket, prefix: key === "" || key.endsWith("/") ? key : `${key}/` };
}

/**
 * Whether sync copies a source file over what the destination has, as the CLI's default strategy decides:
 * when the sizes differ, or the modification times say the destination is out of date — for uploads and
 * copies when the source is newer; for downloads whenever the times differ the "wrong" way round (the CLI
 * sets a downloaded file's time to the object's, so equal times mean in step).
 */
export function shouldSync(
  src: Entry,
  dst: Entry,
  direction: "upload" | "download" | "copy",
  options: { sizeOnly?: boolean; exactTimestamps?: boolean },
): boolean {
  if (src.size !== dst.size) return true;
  if (options.sizeOnly) return false;
  const delta = Math.floor(dst.mtimeMs / 1000) - Math.floor(src.mtimeMs / 1000);
  if (direction === "download") return options.exactTimestamps ? delta !== 0 : delta > 0;
  return delta < 0;
}

/** The actions of a transfer: what to copy (all of the source for cp/mv) and, for sync --delete, what to remove. */
export function plan(
  source: Entry[],
  destination: Entry[] | undefined,
  direction: "upload" | "download" | "copy",
  options: { sizeOnly?: boolean; exactTimestamps?: boolean; delete?: boolean },
): Action[] {
  const actions: Action[] = [];
  const there = new Map((destination ?? []).map((e) => [e.relative, e]));
  for (const e of source) {
    const d = there.get(e.relative);
    if (destination && d && !shouldSync(e, d, direction, options)) continue;
    actions.push({ kind: "transfer", ...e });
  }
  if (destination && options.delete) {
    const here = new Set(source.map((e) => e.relative));
    for (const d of destination) if (!here.has(d.relative)) actions.push({ kind: "delete", ...d });
  }
  return actions;
}

/** Whether a key, below the prefix, names a place above the destination folder (`../x`, `a/../../x`). */
export function escapesFolder(relative: string): boolean {
  let depth = 0;
  for (const part of relative.split("/")) {
    if (part === "..") depth--;
    else if (part !== "" && part !== ".") depth++;
    if (depth < 0) return true;
  }
  return false;
}

const joinLocal = (dir: string, relative: string) => `${dir.replace(/[/\\]+$/, "") || "."}/${relative}`;

/** Runs the transfer; the CLI's lines as text, and what was done as the result. */
export async function runS3Transfer(
  cmd: ParsedCommand,
  loaded: LoadedClient,
  files: ExecFiles,
  settings: TransferSettings,
  signal?: AbortSignal,
  onProgress?: (message: string) => void,
): Promise<{ text: string; result: unknown }> {
  const [srcPath, dstPath] = cmd.highLevel!.paths;
  const options = cmd.highLevel!.options;
  const src = sideOf(srcPath), dst = sideOf(dstPath);
  const send = s3Sender(loaded, signal);
  const filters = (options.filters ?? []) as Filter[];
  const follow = options["follow-symlinks"] !== false;
  const direction = "local" in src ? "upload" : "local" in dst ? "download" : "copy";

  // Keys that would land above the destination folder are skipped with the CLI's warning.
  const warnings: string[] = [];
  const list = async (side: Side): Promise<Entry[]> => {
    if ("local" in side) {
      const found = await files.list(side.local, follow, side === dst);
      return found.filter((f) => included(f.relative, filters));
    }
    const out: Entry[] = [];
    const request: Record<string, unknown> = {
      Bucket: side.bucket,
      Prefix: side.prefix,
      EncodingType: "url",
    };
    if (options["request-payer"] !== undefined) request.RequestPayer = "requester";
    for await (const o of listObjects(send, request)) {
      const relative = o.key.slice(side.prefix.length);
      // A folder marker has nothing to transfer to a local folder.
      if (!relative || (direction === "download" && relative.endsWith("/"))) continue;
      if (!included(relative, filters)) continue;
      if (direction === "download" && side === src && escapesFolder(relative)) {
        warnings.push(`warning: Skipping file ${relative}. File references a parent directory.`);
        continue;
      }
      out.push({ relative, size: o.size, mtimeMs: o.lastModified ? new Date(o.lastModified).getTime() : 0 });
    }
    return out;
  };

  let source: Entry[], destination: Entry[] | undefined;
  try {
    source = await list(src);
    destination = cmd.command === "sync" ? await list(dst) : undefined;
  } catch (e) {
    if (e instanceof ExecFailure) throw e;
    throw new ExecFailure(fromSdkError(e, "ListObjectsV2"));
  }
  const actions = plan(source, destination, direction, {
    sizeOnly: options["size-only"] === true,
    exactTimestamps: options["exact-timestamps"] === true,
    delete: options.delete === true,
  });

  const where = (side: Side, relative: string) =>
    "local" in side
      ? files.display(joinLocal(side.local, relative))
      : `s3://${side.bucket}/${side.prefix}${relative}`;
  const verb = cmd.command === "mv" ? "move" : direction;
  const line = (a: Action) =>
    a.kind === "delete"
      ? `delete: ${where(dst, a.relative)}`
      : `${verb}: ${where(src, a.relative)} to ${where(dst, a.relative)}`;
  const extra = objectOptions(options);
  const carry = copyPropsOf(options);

  const run = async (a: Action): Promise<void> => {
    const onPart = partReporter(line(a), onProgress);
    if (a.kind === "delete") {
      if ("local" in dst) await files.remove(joinLocal(dst.local, a.relative));
      else await send("DeleteObject", { Bucket: dst.bucket, Key: `${dst.prefix}${a.relative}` });
      return;
    }
    if ("local" in src && !("local" in dst)) {
      const type = options["guess-mime-type"] !== false && extra.ContentType === undefined
        ? contentTypeOf(a.relative)
        : undefined;
      await uploadFile(
        loaded,
        files,
        a.source ?? joinLocal(src.local, a.relative),
        {
          Bucket: dst.bucket,
          Key: `${dst.prefix}${a.relative}`,
          ...extra,
          ...(type ? { ContentType: type } : {}),
        },
        settings,
        signal,
        onPart,
      );
      if (cmd.command === "mv") await files.remove(joinLocal(src.local, a.relative));
    } else if (!("local" in src) && "local" in dst) {
      const body = await downloadObject(
        loaded,
        { Bucket: src.bucket, Key: `${src.prefix}${a.relative}`, size: a.size },
        settings,
        signal,
        onPart,
      );
      // The object's time on the file, as the CLI sets it: the next sync sees them in step.
      await files.write(joinLocal(dst.local, a.relative), body, new Date(a.mtimeMs));
      if (cmd.command === "mv") {
        await send("DeleteObject", { Bucket: src.bucket, Key: `${src.prefix}${a.relative}` });
      }
    } else if (!("local" in src) && !("local" in dst)) {
      const key = `${src.prefix}${a.relative}`;
      await copyObject(
        loaded,
        { bucket: src.bucket, key, size: a.size },
        { bucket: dst.bucket, key: `${dst.prefix}${a.relative}` },
        extra,
        settings,
        carry,
        signal,
        onPart,
      );
      if (cmd.command === "mv") await send("DeleteObject", { Bucket: src.bucket, Key: key });
    }
  };

  const dryrun = options.dryrun === true;
  const quiet = options.quiet === true;
  const errorsOnly = options["only-show-errors"] === true;
  let done = 0;
  const outcomes = await mapBounded(actions, settings.concurrency, async (a) => {
    signal?.throwIfAborted();
    if (dryrun) return { a, ok: true as const };
    try {
      await run(a);
      return { a, ok: true as const };
    } catch (e) {
      if ((e as Error).name === "AbortError" || signal?.aborted) throw e;
      const failure = e instanceof ExecFailure
        ? e.error
        : fromSdkError(e, a.kind === "delete" ? "DeleteObject" : cmd.operation);
      return { a, ok: false as const, message: failure.message };
    } finally {
      onProgress?.(`${++done} of ${actions.length} files`);
    }
  });
  const lines = quiet ? [] : [...warnings];
  lines.push(...outcomes.flatMap((o) => {
    if (!o.ok) return quiet ? [] : [`${line(o.a).replace(/^(\w+):/, "$1 failed:")} ${o.message}`];
    if (quiet || errorsOnly) return [];
    return [`${dryrun ? "(dryrun) " : ""}${line(o.a)}`];
  }));
  const text = lines.length ? `${lines.join("\n")}\n` : "";
  const failed = outcomes.filter((o) => !o.ok).length;
  if (failed) {
    throw new ExecFailure({
      code: "PARTIAL_FAILURE",
      message: `${text}${failed} of ${actions.length} files failed; the others went through.`,
      hint:
        "Fix what the failed lines say and run the command again: what already went through is skipped by sync.",
    });
  }
  return { text, result: undefined };
}
