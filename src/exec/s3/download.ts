/**
 * Downloads as the AWS CLI makes them: an object below `multipart_threshold` in one GetObject, a larger one
 * in `multipart_chunksize` byte ranges, `max_concurrent_requests` at a time, handed on in order so that the
 * file is written front to back (never more than that many parts held).
 */
import { payloadOf } from "../protocol/payload.ts";
import type { LoadedClient } from "../sdk.ts";
import type { TransferSettings } from "./settings.ts";
import { type PartProgress, s3Sender } from "./common.ts";

async function bytesOf(body: unknown): Promise<Uint8Array> {
  const payload = payloadOf(body);
  if (payload instanceof Uint8Array) return payload;
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const c of payload) {
    chunks.push(c);
    length += c.length;
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The object's bytes as they should be written: streamed whole, or fetched in ranges, in order. */
export async function downloadObject(
  loaded: LoadedClient,
  params: { Bucket: string; Key: string; size?: number } & Record<string, unknown>,
  settings: TransferSettings,
  signal?: AbortSignal,
  onPart?: PartProgress,
): Promise<Uint8Array | AsyncIterable<Uint8Array>> {
  const { size, ...input } = params;
  const send = s3Sender(loaded, signal);
  const get = (extra: Record<string, unknown>) => send("GetObject", { ...input, ...extra });
  if (size === undefined || size < settings.multipartThreshold) return payloadOf((await get({})).Body);
  const chunk = settings.multipartChunksize;
  const parts = Math.ceil(size / chunk);
  return (async function* () {
    const inFlight: Promise<Uint8Array>[] = [];
    let next = 0;
    const start = () => {
      const from = next * chunk, to = Math.min(size, from + chunk) - 1;
      const part = get({ Range: `bytes=${from}-${to}` }).then((out) => bytesOf(out.Body));
      // A part that fails after an earlier one did is not awaited: its failure must not go unhandled.
      part.catch(() => {});
      inFlight.push(part);
      next++;
    };
    while (next < parts && inFlight.length < settings.concurrency) start();
    let written = 0;
    while (inFlight.length) {
      const part = await inFlight.shift()!;
      if (next < parts) start();
      yield part;
      onPart?.(written += part.length, size);
    }
  })();
}
