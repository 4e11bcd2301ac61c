/**
 * Uploads as the AWS CLI makes them: one PutObject up to its `multipart_threshold` (8 MB unless the profile
 * says), above it a multipart upload of `multipart_chunksize` parts, `max_concurrent_requests` at a time,
 * through the SDK's own uploader (@aws-sdk/lib-storage). A failed multipart upload is aborted, leaving no parts.
 */
import type { LoadedClient } from "../sdk.ts";
import type { TransferSettings } from "./settings.ts";
import { s3Sender } from "./common.ts";

/** Uploads `Body` (with the other PutObject members in `params`) as one request or in parts. */
export async function uploadObject(
  loaded: LoadedClient,
  params: Record<string, unknown> & { Body: Uint8Array },
  settings: TransferSettings,
  signal?: AbortSignal,
): Promise<void> {
  if (params.Body.length <= settings.multipartThreshold) {
    await s3Sender(loaded, signal)("PutObject", params);
    return;
  }
  const { Upload } = await import("@aws-sdk/lib-storage");
  type Options = ConstructorParameters<typeof Upload>[0];
  const upload = new Upload({
    client: loaded.client as unknown as Options["client"],
    params: params as unknown as Options["params"],
    partSize: settings.multipartChunksize,
    queueSize: settings.concurrency,
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
