/**
 * MCP over stdio: newline-delimited JSON-RPC on stdin and stdout. Unlike the SDK's transport, it answers
 * what JSON-RPC requires instead of dropping it — bad JSON `-32700`, batches and malformed requests
 * `-32600` — and a message over the size limit gets an error while the session goes on: the oversized line
 * is skipped as it streams in, never held.
 */
import process from "node:process";
import type { Readable, Writable } from "node:stream";
// @ts-types="@modelcontextprotocol/sdk/shared/transport"
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
// @ts-types="@modelcontextprotocol/sdk/types"
import { type JSONRPCMessage, JSONRPCMessageSchema } from "@modelcontextprotocol/sdk/types.js";

/** The largest JSON-RPC message read: 10 MiB (call_aws input is bounded far below that). */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** JSON-RPC's error codes for what cannot be processed at all. */
const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;

/** An id a response may echo: a string or an integer, as JSON-RPC and MCP allow. */
function validId(id: unknown): string | number | null {
  return typeof id === "string" || (typeof id === "number" && Number.isSafeInteger(id)) ? id : null;
}

/** The id at the start of an oversized message, if it is there to be read. */
function idNearStart(head: string): string | number | null {
  const m = /"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.){0,200}")\s*[,}]/.exec(head);
  if (!m) return null;
  try {
    return validId(JSON.parse(m[1]));
  } catch {
    return null;
  }
}

/** Newline-delimited JSON-RPC over a readable and a writable stream (stdin and stdout by default). */
export class LineTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;

  #chunks: Uint8Array[] = [];
  #size = 0;
  /** Bytes of an oversized message skipped so far, and its first bytes (for its id); undefined when not skipping. */
  #skipping: { bytes: number; head: string } | undefined;
  #closed = false;
  #failure: Error | undefined;
  readonly #decoder = new TextDecoder();

  constructor(
    private readonly input: Readable = process.stdin,
    private readonly output: Writable = process.stdout,
    private readonly maxBytes = MAX_MESSAGE_BYTES,
  ) {}

  #ondata = (chunk: Uint8Array) => {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl === -1) {
        this.#append(chunk.subarray(start));
        return;
      }
      this.#append(chunk.subarray(start, nl));
      this.#endLine();
      start = nl + 1;
    }
  };
  #onend = () => void this.close();
  #onerror = (e: Error) => this.onerror?.(e);
  // Nothing can be said to a client that cannot be written to: record why, and stop.
  #onwriteerror = (e: Error) => {
    this.#failure ??= e;
    this.onerror?.(e);
    void this.close();
  };

  /** Why the transport could not go on (writing to the client failed), if it could not. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  /** Starts reading. */
  start(): Promise<void> {
    this.input.on("data", this.#ondata);
    this.input.on("end", this.#onend);
    this.input.on("error", this.#onerror);
    this.output.on("error", this.#onwriteerror);
    return Promise.resolve();
  }

  #append(part: Uint8Array) {
    if (part.length === 0) return;
    if (this.#skipping) {
      this.#skipping.bytes += part.length;
      return;
    }
    if (this.#size + part.length > this.maxBytes) {
      const head = this.#decoder.decode((this.#chunks[0] ?? part).subarray(0, 512));
      this.#skipping = { bytes: this.#size + part.length, head };
      this.#chunks = [];
      this.#size = 0;
      return;
    }
    // Copied: the stream may reuse its buffer.
    this.#chunks.push(part.slice());
    this.#size += part.length;
  }

  #endLine() {
    if (this.#skipping) {
      const { bytes, head } = this.#skipping;
      this.#skipping = undefined;
      const mib = (this.maxBytes / 1024 / 1024).toFixed(0);
      this.#reply(
        idNearStart(head),
        INVALID_REQUEST,
        `Message too large: ${bytes} bytes, more than the ${mib} MiB this server reads. It was skipped; the session goes on.`,
      );
      return;
    }
    const bytes = this.#chunks.length === 1 ? this.#chunks[0] : concat(this.#chunks, this.#size);
    this.#chunks = [];
    this.#size = 0;
    this.#line(this.#decoder.decode(bytes));
  }

  #line(raw: string) {
    const text = raw.replace(/^\uFEFF/, "").replace(/\r$/, "").trim();
    if (text === "") return;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      this.#reply(null, PARSE_ERROR, `Parse error: ${(e as Error).message}`);
      return;
    }
    if (Array.isArray(data)) {
      this.#reply(null, INVALID_REQUEST, "Invalid Request: batches (JSON arrays) are not supported by MCP.");
      return;
    }
    const parsed = JSONRPCMessageSchema.safeParse(data);
    if (parsed.success) {
      this.onmessage?.(parsed.data as JSONRPCMessage);
      return;
    }
    const obj = (typeof data === "object" && data !== null ? data : {}) as Record<string, unknown>;
    // A malformed response needs no answer (JSON-RPC never answers responses); everything else does.
    if (!("method" in obj) && ("result" in obj || "error" in obj)) {
      this.onerror?.(new Error("Dropped a malformed JSON-RPC response"));
      return;
    }
    const why = obj.jsonrpc !== "2.0"
      ? `"jsonrpc" must be "2.0"`
      : typeof obj.method !== "string"
      ? `"method" must be a string`
      : "id" in obj && validId(obj.id) === null
      ? `"id" must be a string or an integer`
      : "the message is not a JSON-RPC 2.0 request or notification";
    this.#reply(validId(obj.id), INVALID_REQUEST, `Invalid Request: ${why}.`);
  }

  #reply(id: string | number | null, code: number, message: string) {
    // Written directly: the SDK's message types have no place for a null id.
    this.#write(JSON.stringify({ jsonrpc: "2.0", id, error: { code, message } }));
  }

  #write(json: string): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      try {
        if (this.output.write(`${json}\n`)) resolve();
        else this.output.once("drain", resolve);
      } catch (e) {
        this.#onwriteerror(e as Error);
        resolve();
      }
    });
  }

  /** Sends one message. */
  send(message: JSONRPCMessage): Promise<void> {
    return this.#write(JSON.stringify(message));
  }

  /** Stops reading; the server sees the close. */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    this.input.off("data", this.#ondata);
    this.input.off("end", this.#onend);
    this.input.off("error", this.#onerror);
    this.input.pause();
    this.#chunks = [];
    this.onclose?.();
    return Promise.resolve();
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
