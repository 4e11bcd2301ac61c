/**
 * Uploads as the AWS CLI makes them: one PutObject below its `multipart_threshold` (8 MB unless the profile
 * says), from it a multipart upload of `multipart_chunksize` parts, `max_concurrent_requests` at a time,
 * through the SDK's own uploader (@aws-sdk/lib-storage). The file streams in: at most the parts in flight are
 * held. A failed multipart upload is aborted, leaving no parts.
 */
import { Readable } from "node:stream";
import type { OpenedFile } from "../../policy/confined-io.ts";
import type { LoadedClient } from "../sdk.ts";
import type { TransferSettings } from "./settings.ts";
import { type PartProgress, s3Sender } from "./common.ts";

/** Uploads an opened file (with the PutObject members in `params`) as one request or in parts. */
export async function uploadObject(
  loaded: LoadedClient,
  params: Record<string, unknown>,
  file: OpenedFile,
  settings: TransferSettings,
  signal?: AbortSignal,
  onPart?: PartProgress,
): Promise<void> {
  if (file.size < settings.multipartThreshold) {
    let body = new Uint8Array(0);
    // One read for a file that stays the size it was; more if it grew since.
    for await (const chunk of file.chunks(Math.max(file.size, 1))) {
      const joined = new Uint8Array(body.length + chunk.length);
      joined.set(body);
      joined.set(chunk, body.length);
      body = joined;
    }
    await s3Sender(loaded, signal)("PutObject", { ...params, Body: body });
    return;
  }
  const { Upload } = await import("@aws-sdk/lib-storage");
  type Options = ConstructorParameters<typeof Upload>[0];
  const upload = new Upload({
    client: loaded.client as unknown as Options["client"],
    params: {
      ...params,
      Body: Readable.from(file.chunks(settings.multipartChunksize)),
    } as unknown as Options["params"],
    partSize: settings.multipartChunksize,
    queueSize: settings.concurrency,
    leavePartsOnError: false,
  });
  if (onPart) upload.on("httpUploadProgress", (p) => onPart(p.loaded ?? 0, file.size));
  const stop = () => upload.abort();
  signal?.addEventListener("abort", stop, { once: true });
  try {
    await upload.done();
  } finally {
    signal?.removeEventListener("abort", stop);
  }
}
