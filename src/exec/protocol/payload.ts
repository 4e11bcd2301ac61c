/** Streaming payloads (an object's body) as they are written to local files: chunk by chunk. */

/** A streaming payload as the chunks it arrives in (never buffered whole), or its bytes. */
export function payloadOf(body: unknown): Uint8Array | AsyncIterable<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  if (body && typeof body === "object" && Symbol.asyncIterator in body) {
    return body as AsyncIterable<Uint8Array>;
  }
  return new Uint8Array();
}
