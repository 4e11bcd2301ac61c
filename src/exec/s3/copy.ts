/**
 * S3-to-S3 copies as the AWS CLI makes them: one CopyObject up to `multipart_threshold`, above it a
 * multipart copy — CreateMultipartUpload (with the source's content type and metadata unless options say
 * otherwise), UploadPartCopy of `multipart_chunksize` byte ranges, `max_concurrent_requests` at a time,
 * CompleteMultipartUpload — so that objects over CopyObject's 5 GB limit copy too. A failed multipart copy
 * is aborted, leaving no parts.
 */
import type { LoadedClient } from "../sdk.ts";
import { mapBounded } from "../pool.ts";
import { s3Sender } from "./common.ts";
import type { TransferSettings } from "./settings.ts";

/** A CopySource header value: bucket and URL-encoded key, slashes kept. */
const copySource = (bucket: string, key: string) =>
  `${bucket}/${encodeURIComponent(key).replaceAll("%2F", "/")}`;

/** Copies one object; `size` (from a listing) spares the HeadObject that otherwise learns it. */
export async function copyObject(
  loaded: LoadedClient,
  from: { bucket: string; key: string; size?: number },
  to: { bucket: string; key: string },
  extra: Record<string, unknown>,
  settings: TransferSettings,
  signal?: AbortSignal,
): Promise<void> {
  const send = s3Sender(loaded, signal);
  const source = copySource(from.bucket, from.key);
  let size = from.size;
  let head: Record<string, unknown> | undefined;
  if (size === undefined) {
    head = await send("HeadObject", { Bucket: from.bucket, Key: from.key });
    size = Number(head.ContentLength ?? 0);
  }
  if (size <= settings.multipartThreshold) {
    await send("CopyObject", { Bucket: to.bucket, Key: to.key, CopySource: source, ...extra });
    return;
  }
  head ??= await send("HeadObject", { Bucket: from.bucket, Key: from.key });
  // What CopyObject would carry over by itself, a multipart copy must be given.
  const carried: Record<string, unknown> = {};
  for (
    const k of ["ContentType", "CacheControl", "ContentDisposition", "ContentEncoding", "ContentLanguage"]
  ) {
    if (head[k] !== undefined) carried[k] = head[k];
  }
  if (head.Metadata !== undefined) carried.Metadata = head.Metadata;
  const { MetadataDirective: _, ...options } = extra;
  const started = await send("CreateMultipartUpload", {
    Bucket: to.bucket,
    Key: to.key,
    ...carried,
    ...options,
  });
  const uploadId = started.UploadId as string;
  const chunk = settings.multipartChunksize;
  const ranges = Array.from({ length: Math.ceil(size / chunk) }, (_, i) => i);
  try {
    const parts = await mapBounded(ranges, settings.concurrency, async (i) => {
      const end = Math.min(size, (i + 1) * chunk) - 1;
      const out = await send("UploadPartCopy", {
        Bucket: to.bucket,
        Key: to.key,
        UploadId: uploadId,
        PartNumber: i + 1,
        CopySource: source,
        CopySourceRange: `bytes=${i * chunk}-${end}`,
      });
      return { PartNumber: i + 1, ETag: (out.CopyPartResult as { ETag?: string } | undefined)?.ETag };
    });
    await send("CompleteMultipartUpload", {
      Bucket: to.bucket,
      Key: to.key,
      UploadId: uploadId,
      MultipartUpload: { Parts: parts },
    });
  } catch (e) {
    await send("AbortMultipartUpload", { Bucket: to.bucket, Key: to.key, UploadId: uploadId }).catch(
      () => {},
    );
    throw e;
  }
}
