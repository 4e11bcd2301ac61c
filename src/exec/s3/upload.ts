/**
 * Uploads as the AWS CLI makes them: one PutObject up to its `multipart_threshold` (8 MB), above it a
 * multipart upload of `multipart_chunksize` (8 MB) parts, ten at a time (`max_concurrent_requests`), through
 * the SDK's own uploader (@aws-sdk/lib-storage). A failed multipart upload is aborted, leaving no parts.
 */
import type { LoadedClient } from "../sdk.ts";

/** The CLI's defaults: multipart above 8 MB, in 8 MB parts, ten parts at a time. */
export const MULTIPART_THRESHOLD = 8 * 1024 * 1024;
const PART_SIZE = 8 * 1024 * 1024;
const CONCURRENCY = 10;

/** Uploads `Body` (with the other PutObject members in `params`) as one request or in parts. */
export async function uploadObject(
  loaded: LoadedClient,
  params: Record<string, unknown> & { Body: Uint8Array },
  signal?: AbortSignal,
): Promise<void> {
  if (params.Body.length <= MULTIPART_THRESHOLD) {
    const Command = loaded.command("PutObject")!;
    await loaded.client.send(new Command(params), { abortSignal: signal });
    return;
  }
  const { Upload } = await import("@aws-sdk/lib-storage");
  type Options = ConstructorParameters<typeof Upload>[0];
  const upload = new Upload({
    client: loaded.client as unknown as Options["client"],
    params: params as unknown as Options["params"],
    partSize: PART_SIZE,
    queueSize: CONCURRENCY,
    leavePartsOnError: false,
  });
  const stop = () => upload.abort();
  signal?.addEventListener("abort", stop, { once: true });
  try {
    await upload.done();
  } finally {
    signal?.removeEventListener("abort", stop);
  }
}
