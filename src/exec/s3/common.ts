/**
 * What the `aws s3` command runners share: sending with an S3 client, keys as botocore gives them, and
 * failures worded as the CLI words them (`make_bucket failed: s3://b An error occurred (…)…`).
 */
import { ExecFailure, fromSdkError } from "../errors.ts";
import type { LoadedClient } from "../sdk.ts";

/** How far one object's transfer is, part by part: bytes done of all. */
export type PartProgress = (done: number, total: number) => void;

/** Sends one S3 operation with the loaded client. */
export function s3Sender(loaded: LoadedClient, signal?: AbortSignal) {
  return async (operation: string, input: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const Command = loaded.command(operation)!;
    return await loaded.client.send(new Command(input), { abortSignal: signal });
  };
}

/** The objects under a ListObjectsV2 request, page after page (keys decoded); `onPage` after each page. */
export async function* listObjects(
  send: ReturnType<typeof s3Sender>,
  request: Record<string, unknown>,
  onPage?: () => void,
): AsyncGenerator<{ key: string; size: number; lastModified?: Date }> {
  const next = { ...request };
  do {
    const page = await send("ListObjectsV2", next);
    for (const o of (page.Contents ?? []) as Array<{ Key?: string; Size?: number; LastModified?: Date }>) {
      yield { key: decodeKey(o.Key ?? ""), size: o.Size ?? 0, lastModified: o.LastModified };
    }
    onPage?.();
    next.ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (next.ContinuationToken);
}

/** A key from a listing made with EncodingType=url, decoded as botocore decodes it for the CLI. */
export const decodeKey = (s: string): string => decodeURIComponent(s.replace(/\+/g, " "));

/** An SDK failure of `operation`, its message led by the CLI's `<what> failed: <path>`; ours pass through. */
export function s3Failure(e: unknown, operation: string, lead: string): ExecFailure {
  if (e instanceof ExecFailure) return e;
  const error = fromSdkError(e, operation);
  return new ExecFailure({ ...error, message: `${lead} ${error.message}` });
}
