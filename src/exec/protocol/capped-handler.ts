/**
 * A bound on what one response may hold: the HTTP handler's response body is counted as it streams in,
 * and a body past the limit (by its Content-Length, or once that many bytes have arrived) fails with
 * RESPONSE_TOO_LARGE instead of being buffered whole — a 300 MB answer must not take the server to GBs.
 */
import { Transform, type TransformCallback } from "node:stream";
import type { NodeHttpHandler } from "@smithy/node-http-handler";

/** The error a body past the limit fails with; exec/errors.ts turns it into RESPONSE_TOO_LARGE. */
export class ResponseTooLargeError extends Error {
  override name = "ResponseTooLargeError";
  constructor(readonly limit: number, readonly seen: number) {
    super(`The response is larger than ${limit} bytes (at least ${seen} bytes).`);
  }
}

type Handle = NodeHttpHandler["handle"];
type Handled = Awaited<ReturnType<Handle>>;

/** A counting pass-through: fails as soon as more than `limit` bytes have gone through. */
function counter(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Uint8Array, _enc: string, done: TransformCallback) {
      seen += chunk.length;
      if (seen > limit) done(new ResponseTooLargeError(limit, seen));
      else done(null, chunk);
    },
  });
}

/** Wraps the handler's `handle` so every response body is bounded by `limit` bytes. */
export function capResponses(handler: NodeHttpHandler, limit: number): NodeHttpHandler {
  if (limit === Infinity) return handler;
  const handle: Handle = handler.handle.bind(handler);
  handler.handle = async (...args: Parameters<Handle>): Promise<Handled> => {
    const out = await handle(...args);
    const res = out.response;
    const body = res.body as (NodeJS.ReadableStream & { destroy?: (e?: Error) => void }) | undefined;
    const length = Number(res.headers["content-length"] ?? res.headers["Content-Length"]);
    if (Number.isFinite(length) && length > limit) {
      body?.destroy?.();
      throw new ResponseTooLargeError(limit, length);
    }
    if (body && typeof body.pipe === "function") {
      const counted = counter(limit);
      body.on("error", (e: Error) => counted.destroy(e));
      res.body = body.pipe(counted);
    }
    return out;
  };
  return handler;
}
