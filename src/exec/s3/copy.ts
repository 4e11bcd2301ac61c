/**
 * S3-to-S3 copies as the AWS CLI makes them: one CopyObject below `multipart_threshold`, from it a
 * multipart copy — CreateMultipartUpload, UploadPartCopy of `multipart_chunksize` byte ranges,
 * `max_concurrent_requests` at a time, CompleteMultipartUpload — so that objects over CopyObject's 5 GB limit
 * copy too. A failed multipart copy is aborted, leaving no parts.
 *
 * What is carried over follows `--copy-props` as the CLI applies it: `none` replaces metadata and tags;
 * `metadata-directive` carries the source's content headers and metadata (a multipart copy, or a copy that
 * sets some of them, is given the rest from a HeadObject) but not its tags; `default` also carries tags
 * (a multipart copy reads them with GetObjectTagging). An explicit `--metadata-directive` turns all this off.
 */
import type { LoadedClient } from "../sdk.ts";
import { mapBounded } from "../pool.ts";
import { type PartProgress, s3Sender } from "./common.ts";
import type { TransferSettings } from "./settings.ts";

/** Which properties of the source a copy carries (`--copy-props`). */
export type CopyProps = "none" | "metadata-directive" | "default";

/** A CopySource header value: bucket and URL-encoded key, slashes kept. */
const copySource = (bucket: string, key: string) =>
  `${bucket}/${encodeURIComponent(key).replaceAll("%2F", "/")}`;

/** The properties the metadata directive covers. */
const METADATA_PROPS = [
  "CacheControl",
  "ContentDisposition",
  "ContentEncoding",
  "ContentLanguage",
  "ContentType",
  "Expires",
  "Metadata",
];
/** CopyObject members a CreateMultipartUpload must not get (s3transfer leaves them out). */
const NOT_FOR_CREATE = new Set(["MetadataDirective", "TaggingDirective"]);
/** The longest tag set sent as a Tagging header; a longer one is put after the copy. */
const MAX_TAGGING_HEADER = 2 * 1024;

/** How to carry properties: `--copy-props`, and whether `--metadata-directive` was given (it wins). */
export interface CopyPropsOptions {
  props: CopyProps;
  directiveGiven: boolean;
}

/** Copies one object; `size` (from a listing) spares the HeadObject that otherwise learns it. */
export async function copyObject(
  loaded: LoadedClient,
  from: { bucket: string; key: string; size?: number },
  to: { bucket: string; key: string },
  extra: Record<string, unknown>,
  settings: TransferSettings,
  carry: CopyPropsOptions = { props: "default", directiveGiven: false },
  signal?: AbortSignal,
  onPart?: PartProgress,
): Promise<void> {
  const send = s3Sender(loaded, signal);
  const source = copySource(from.bucket, from.key);
  const headParams = { Bucket: from.bucket, Key: from.key, RequestPayer: extra.RequestPayer };
  let head: Record<string, unknown> | undefined;
  const headOnce = async () => head ??= await send("HeadObject", headParams);
  const size = from.size ?? Number((await headOnce()).ContentLength ?? 0);
  const multipart = size >= settings.multipartThreshold;
  const args: Record<string, unknown> = { ...extra };
  if (args.Metadata !== undefined && args.MetadataDirective === undefined) args.MetadataDirective = "REPLACE";
  let tags: Array<{ Key: string; Value: string }> | undefined;
  if (!carry.directiveGiven) {
    if (carry.props === "none") {
      args.MetadataDirective = "REPLACE";
      args.TaggingDirective = "REPLACE";
    } else {
      const sets = METADATA_PROPS.some((p) => args[p] !== undefined);
      if (!multipart && sets) args.MetadataDirective = "REPLACE";
      if (multipart || sets) {
        const h = await headOnce();
        for (const p of METADATA_PROPS) if (args[p] === undefined && h[p] !== undefined) args[p] = h[p];
      }
      if (carry.props === "metadata-directive") args.TaggingDirective = "REPLACE";
      else if (multipart) {
        const got = await send("GetObjectTagging", headParams);
        tags = (got.TagSet ?? []) as typeof tags;
      }
    }
  }
  if (!multipart) {
    await send("CopyObject", { Bucket: to.bucket, Key: to.key, CopySource: source, ...args });
    return;
  }
  const header = tags?.length ? new URLSearchParams(tags.map((t) => [t.Key, t.Value])).toString() : "";
  const create = Object.fromEntries(Object.entries(args).filter(([k]) => !NOT_FOR_CREATE.has(k)));
  if (header && header.length <= MAX_TAGGING_HEADER) create.Tagging = header;
  const started = await send("CreateMultipartUpload", { Bucket: to.bucket, Key: to.key, ...create });
  const uploadId = started.UploadId as string;
  const payer = extra.RequestPayer === undefined ? {} : { RequestPayer: extra.RequestPayer };
  const chunk = settings.multipartChunksize;
  const ranges = Array.from({ length: Math.ceil(size / chunk) }, (_, i) => i);
  let copied = 0;
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
        ...payer,
      });
      onPart?.(copied += end + 1 - i * chunk, size);
      return { PartNumber: i + 1, ETag: (out.CopyPartResult as { ETag?: string } | undefined)?.ETag };
    });
    await send("CompleteMultipartUpload", {
      Bucket: to.bucket,
      Key: to.key,
      UploadId: uploadId,
      MultipartUpload: { Parts: parts },
      ...payer,
    });
  } catch (e) {
    await send("AbortMultipartUpload", { Bucket: to.bucket, Key: to.key, UploadId: uploadId }).catch(
      () => {},
    );
    throw e;
  }
  if (header && header.length > MAX_TAGGING_HEADER) {
    try {
      await send("PutObjectTagging", { Bucket: to.bucket, Key: to.key, Tagging: { TagSet: tags }, ...payer });
    } catch (e) {
      // As the CLI does: a copy without its tags is not left behind.
      await send("DeleteObject", { Bucket: to.bucket, Key: to.key, ...payer }).catch(() => {});
      throw e;
    }
  }
}
