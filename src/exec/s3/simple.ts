/**
 * The `aws s3` commands that are one API call — `mb`, `rb` (without `--force`), `rm` of one object and
 * `website` — run as the AWS CLI runs them, printing its lines (`make_bucket: b`, `remove_bucket: b`,
 * `delete: s3://b/k`) and, on failure, its `… failed: <path> <error>` message.
 */
import type { ParsedCommand } from "../../parse/types.ts";
import type { LoadedClient } from "../sdk.ts";
import { s3Failure, s3Sender } from "./common.ts";

/** Whether call_aws runs this `aws s3` command with one call. */
export function isSimpleS3(cmd: ParsedCommand): boolean {
  return cmd.kind === "high-level" && cmd.service === "s3" && (
    cmd.command === "mb" || cmd.command === "website" ||
    (cmd.command === "rb" && cmd.operation === "DeleteBucket") ||
    (cmd.command === "rm" && cmd.operation === "DeleteObject")
  );
}

function lines(cmd: ParsedCommand): { done: string; failed: string } {
  const { Bucket: bucket, Key: key } = cmd.params as { Bucket: string; Key?: string };
  const path = cmd.highLevel?.paths[0] ?? `s3://${bucket}`;
  switch (cmd.command) {
    case "mb":
      return { done: `make_bucket: ${bucket}\n`, failed: `make_bucket failed: ${path}` };
    case "rb":
      return { done: `remove_bucket: ${bucket}\n`, failed: `remove_bucket failed: ${path}` };
    case "rm":
      return { done: `delete: s3://${bucket}/${key}\n`, failed: `delete failed: s3://${bucket}/${key}` };
    default:
      return { done: "", failed: `${cmd.command} failed: ${path}` };
  }
}

/** Runs the command in `region` (a new bucket is made there, as the CLI makes it). */
export async function runSimpleS3(
  cmd: ParsedCommand,
  loaded: LoadedClient,
  region: string,
  signal?: AbortSignal,
): Promise<{ text: string; result: unknown }> {
  const params = { ...cmd.params };
  if (cmd.command === "mb" && region !== "us-east-1" && params.CreateBucketConfiguration === undefined) {
    params.CreateBucketConfiguration = { LocationConstraint: region };
  }
  const { done, failed } = lines(cmd);
  try {
    await s3Sender(loaded, signal)(cmd.operation, params);
  } catch (e) {
    throw s3Failure(e, cmd.operation, failed);
  }
  return { text: done, result: undefined };
}
