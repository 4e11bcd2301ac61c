/**
 * What the SDK received for a command, seen from inside its middleware stack: the HTTP status and headers
 * of the last attempt and, where asked, the body bytes (handed on to the SDK's own deserializer).
 */

/** The HTTP side of a response: status, headers in the order received, and the body if kept. */
export interface HttpSeen {
  statusCode: number;
  headers: Record<string, string>;
  body?: Uint8Array;
}

type Next = (args: unknown) => Promise<{ response?: unknown }>;
interface MiddlewareCommand {
  middlewareStack: {
    add(
      mw: (next: Next) => (args: unknown) => Promise<unknown>,
      options: { step: "deserialize"; name: string; priority: "low" },
    ): void;
  };
}

async function readAll(body: AsyncIterable<Uint8Array | string>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const c of body) chunks.push(typeof c === "string" ? new TextEncoder().encode(c) : c);
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Records a command's raw response into `seen`. Added at low priority in the deserialize step, it runs
 * inside the SDK's deserializer, so it sees the response before it is parsed.
 */
export function captureResponse(command: unknown, seen: { http?: HttpSeen }, keepBody: boolean): void {
  (command as MiddlewareCommand).middlewareStack.add((next) => async (args) => {
    const out = await next(args);
    const r = out.response as { statusCode?: number; headers?: Record<string, string>; body?: unknown };
    if (r?.statusCode === undefined) return out;
    seen.http = { statusCode: r.statusCode, headers: r.headers ?? {} };
    const body = r.body as AsyncIterable<Uint8Array> | Uint8Array | undefined;
    if (keepBody && body) {
      const bytes = body instanceof Uint8Array
        ? body
        : Symbol.asyncIterator in Object(body)
        ? await readAll(body)
        : undefined;
      if (bytes) {
        r.body = bytes; // the SDK's deserializer reads bytes as well as a stream
        seen.http.body = bytes;
      }
    }
    return out;
  }, { step: "deserialize", name: "awsApiMcpCaptureResponse", priority: "low" });
}
