/**
 * `aws s3 rm --recursive` and `aws s3 rb --force`, run as the AWS CLI runs them: every object under the
 * prefix (every page of ListObjectsV2) is deleted one by one with a `delete: s3://b/k` line, then for
 * `rb --force` the bucket itself (`remove_bucket: b`).
 */
import type { ParsedCommand } from "../../parse/types.ts";
import type { LoadedClient } from "../sdk.ts";
import { listObjects, s3Failure, s3Sender } from "./common.ts";
import { type Filter, included } from "./filters.ts";

/** Whether call_aws runs this command as a removal of everything under a prefix. */
export function isS3RemoveAll(cmd: ParsedCommand): boolean {
  if (cmd.kind !== "high-level" || cmd.service !== "s3") return false;
  const options = cmd.highLevel?.options ?? {};
  return (cmd.command === "rm" && options.recursive === true) ||
    (cmd.command === "rb" && options.force === true);
}

/** Deletes every object under the command's prefix (and for `rb --force`, the bucket). */
export async function runS3RemoveAll(
  cmd: ParsedCommand,
  loaded: LoadedClient,
  signal?: AbortSignal,
  onProgress?: (message: string) => void,
): Promise<{ text: string; result: unknown }> {
  const send = s3Sender(loaded, signal);
  const request: Record<string, unknown> = { ...cmd.params };
  const bucket = request.Bucket as string;
  const prefix = (request.Prefix as string | undefined) ?? "";
  const filters = (cmd.highLevel?.options.filters ?? []) as Filter[];
  const payer = request.RequestPayer !== undefined ? { RequestPayer: request.RequestPayer } : {};
  let text = "";
  const deleted: string[] = [];
  try {
    const progress = () => onProgress?.(`deleted ${deleted.length} objects`);
    for await (const { key } of listObjects(send, request, progress)) {
      // --exclude/--include apply to the key below the prefix (rb --force removes everything).
      if (cmd.command === "rm" && !included(key.slice(prefix.length).replace(/^\//, ""), filters)) continue;
      await send("DeleteObject", { Bucket: bucket, Key: key, ...payer });
      deleted.push(key);
      text += `delete: s3://${bucket}/${key}\n`;
    }
    if (cmd.command === "rb") {
      await send("DeleteBucket", { Bucket: bucket });
      text += `remove_bucket: ${bucket}\n`;
    }
  } catch (e) {
    const path = cmd.highLevel?.paths[0] ?? `s3://${bucket}`;
    throw s3Failure(
      e,
      cmd.operation,
      `${text}${cmd.command === "rb" ? "remove_bucket" : "delete"} failed: ${path}`,
    );
  }
  return { text, result: { Deleted: deleted.map((Key) => ({ Key })) } };
}
