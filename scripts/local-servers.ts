/** Local AWS-compatible servers for integration tests, started on 127.0.0.1 and stopped by the test. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Buffer } from "node:buffer";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";

const modules = fileURLToPath(new URL("../node_modules/", import.meta.url));

/** A running local server: its endpoint and how to stop it. */
export interface LocalServer {
  endpoint: string;
  stop(): Promise<void>;
}

/** A port on 127.0.0.1 that nothing listens on now. */
export function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

async function spawnNode(args: string[], ready: RegExp): Promise<Deno.ChildProcess> {
  const child = new Deno.Command("node", { args, stdout: "piped", stderr: "piped" }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  const deadline = Date.now() + 15_000;
  while (!ready.test(seen)) {
    if (Date.now() > deadline) throw new Error(`server did not start: ${seen}`);
    const { value, done } = await reader.read();
    if (done) throw new Error(`server exited: ${seen}`);
    seen += value;
  }
  // Keep draining so the child never blocks on a full pipe.
  (async () => {
    while (!(await reader.read()).done);
  })().catch(() => {});
  child.stderr.pipeTo(new WritableStream()).catch(() => {});
  return child;
}

async function stopChild(child: Deno.ChildProcess): Promise<void> {
  try {
    child.kill("SIGTERM");
  } catch {
    // already gone
  }
  await child.status;
}

/** s3rver, an S3 emulator, with its data in a fresh temporary folder. */
export async function startS3(): Promise<LocalServer> {
  const port = freePort();
  const dir = mkdtempSync(join(tmpdir(), "s3rver-"));
  const child = await spawnNode([
    join(modules, "s3rver/bin/s3rver.js"),
    "--address",
    "127.0.0.1",
    "--port",
    String(port),
    "--directory",
    dir,
  ], /listening/i);
  // Its objects (tests upload tens of MB) go with it.
  const stop = async () => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  return { endpoint: `http://127.0.0.1:${port}`, stop };
}

/** dynalite, a DynamoDB emulator, in memory. */
export async function startDynamo(): Promise<LocalServer> {
  const port = freePort();
  // Tables become active at once, so waiters finish on their first poll.
  const child = await spawnNode(
    [
      join(modules, "dynalite/cli.js"),
      "--port",
      String(port),
      "--createTableMs",
      "0",
      "--deleteTableMs",
      "0",
    ],
    /listening/i,
  );
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => stopChild(child) };
}

/** One request as a recording endpoint saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: string;
}

/** A recording HTTP endpoint answering each request with what `respond` returns. */
export async function startRecorder(
  respond: (req: RecordedRequest) => { status?: number; headers?: Record<string, string>; body?: string },
): Promise<LocalServer & { requests: RecordedRequest[] }> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Uint8Array[] = [];
    req.on("data", (c: Uint8Array) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const body = new TextDecoder().decode(Buffer.concat(chunks));
      const rec = { method: req.method ?? "", path: url.pathname, query: url.search.slice(1), headers, body };
      requests.push(rec);
      const out = respond(rec);
      // No Date header: two clients asking a second apart must see the same response.
      res.sendDate = false;
      res.writeHead(out.status ?? 200, out.headers ?? { "content-type": "application/json" });
      res.end(out.body ?? "");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** How a misbehaving endpoint misbehaves. */
export type Fault = "silent" | "stall-after-headers" | "trickle" | "reset" | "garbage";

/**
 * A TCP endpoint on 127.0.0.1 that misbehaves: accepts and never answers, sends headers then stalls, sends
 * a byte a second, resets the connection, or answers something that is not HTTP. Sockets are closed on stop.
 */
export async function startFaultServer(
  fault: Fault,
): Promise<LocalServer & { connections: () => number; open: () => number }> {
  const { createServer: createTcpServer } = await import("node:net");
  const sockets = new Set<import("node:net").Socket>();
  const timers = new Set<ReturnType<typeof setInterval>>();
  let connections = 0;
  const server = createTcpServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
    socket.once("data", () => {
      if (fault === "reset") socket.resetAndDestroy();
      else if (fault === "garbage") socket.end("SSH-2.0-OpenSSH_9.6\r\nnot http at all\r\n\r\n");
      else if (fault === "stall-after-headers") {
        socket.write(
          "HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: 100\r\n\r\n{",
        );
      } else if (fault === "trickle") {
        socket.write(
          "HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: 100000\r\n\r\n",
        );
        const t = setInterval(() => socket.write(" "), 500);
        timers.add(t);
        socket.on("close", () => clearInterval(t));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    connections: () => connections,
    open: () => sockets.size,
    stop: () =>
      new Promise<void>((r) => {
        for (const t of timers) clearInterval(t);
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/**
 * Waits until a child's stderr says `marker` (the HTTP server's "serving MCP at"), then keeps draining it so
 * the child never blocks on a full pipe; fails with what was said if the stream ends first.
 */
export async function awaitStderr(stderr: ReadableStream<Uint8Array>, marker: string): Promise<void> {
  const reader = stderr.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  while (!seen.includes(marker)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the process did not start: ${seen}`);
    seen += value;
  }
  (async () => {
    while (!(await reader.read()).done);
  })().catch(() => {});
}

/** Credentials and region for calls to the local servers: nothing real, nothing that could sign for AWS. */
export const LOCAL_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
  AWS_SECRET_ACCESS_KEY: "secret",
  AWS_REGION: "us-east-1",
};
