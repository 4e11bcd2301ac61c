/**
 * MCP over streamable HTTP at `/mcp` (AWS_API_MCP_TRANSPORT=streamable-http), on Deno.serve with the MCP
 * SDK's Web-standard transport. Every request passes, in order: DNS-rebinding protection (Host and Origin
 * against their allowlists: 403), authentication (AUTH_TYPE=oauth: a verified bearer JWT, else 401), then
 * the session's transport. Sessions by default; stateless mode serves each request on a fresh server, so
 * any number of replicas can sit behind a load balancer (consent then cannot be asked, and is refused).
 */
// @ts-types="@modelcontextprotocol/sdk/server/webStandardStreamableHttp"
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { hostOnly, type HttpConfig } from "../config.ts";
import type { ToolServer } from "./tool-server.ts";
import { bearerVerifier, challenge, type VerifiedToken } from "./oauth.ts";
import { isLoopbackHost } from "../policy/endpoints.ts";

/** The path MCP is served at. */
export const MCP_PATH = "/mcp";
/** Where health checks ask (`aws-api-mcp health`). */
export const HEALTH_PATH = "/health";
/** Where the protected-resource metadata is (RFC 9728). */
export const METADATA_PATH = "/.well-known/oauth-protected-resource";

/** The largest request body read: 4 MiB, the SDK's own default (call_aws input is bounded far below). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** The most tool calls one session may have running at once. */
export const MAX_IN_FLIGHT = 32;
/** How long in-flight requests may finish after a signal before the server stops anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

interface Session {
  server: ToolServer;
  transport: WebStandardStreamableHTTPServerTransport;
  /** The token subject that started the session (OAuth): only it may use the session. */
  owner?: string;
}

/** What the HTTP server reports: refusals and warnings, for the log. */
export interface HttpEvents {
  refused(status: number, reason: string): void;
  warn(message: string): void;
}

function jsonRpcError(status: number, code: number, message: string, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** A running HTTP server: its address, and how to stop it (in-flight requests finish, bounded). */
export interface HttpServer {
  url: string;
  finished: Promise<void>;
  stop(): Promise<void>;
  /** Sessions open and MCP servers alive now (a stateless request's server lives until its answer ends). */
  stats(): { sessions: number; servers: number };
}

/** Starts serving MCP over HTTP; `newServer` makes the MCP server of a session (or of one stateless request). */
export function serveHttp(
  http: HttpConfig,
  newServer: () => Promise<ToolServer>,
  events: HttpEvents,
): HttpServer {
  const sessions = new Map<string, Session>();
  const verify = http.auth.type === "oauth" ? bearerVerifier(http.auth) : undefined;
  if (!isLoopbackHost(hostOnly(http.host))) {
    events.warn(
      `serving MCP on ${http.host}, which is not a loopback address: anyone who can reach it can use this server${
        http.auth.type === "no-auth" ? " without authentication (AUTH_TYPE=no-auth)" : ""
      }.`,
    );
  }

  const refuse = (status: number, reason: string, headers: Record<string, string> = {}) => {
    events.refused(status, reason);
    return jsonRpcError(status, -32000, reason, headers);
  };

  async function authenticate(req: Request, base: string): Promise<VerifiedToken | Response | undefined> {
    if (!verify) return undefined;
    const header = req.headers.get("authorization");
    const metadata = `${base}${METADATA_PATH}`;
    if (!header) {
      return refuse(401, "Authentication required: no bearer token.", {
        "www-authenticate": challenge(metadata),
      });
    }
    const r = await verify(header);
    if ("error" in r) {
      return refuse(401, `Authentication failed: ${r.description}`, {
        "www-authenticate": challenge(metadata, r),
      });
    }
    return r;
  }

  async function sessionRequest(req: Request, auth: VerifiedToken | undefined): Promise<Response> {
    const id = req.headers.get("mcp-session-id");
    const authInfo = auth && { ...auth, extra: {} };
    if (id) {
      const session = sessions.get(id);
      // Another user's session is, to this caller, no session at all: a leaked id grants nothing.
      if (!session || session.owner !== auth?.subject) {
        return jsonRpcError(404, -32001, "Session not found: it ended, or never existed. Initialize again.");
      }
      // Answers stream after handleRequest returns: what is in flight is the tool calls still running.
      if (req.method === "POST" && session.server.running >= MAX_IN_FLIGHT) {
        return refuse(
          429,
          `Too many calls in flight for this session (at most ${MAX_IN_FLIGHT}); retry when one ends.`,
        );
      }
      return await session.transport.handleRequest(req, { authInfo });
    }
    // No session yet: only an initialize request may start one (the transport refuses anything else).
    const server = await made();
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => crypto.randomUUID(),
      maxRequestBodySize: MAX_BODY_BYTES,
      onsessioninitialized: (sid) => void sessions.set(sid, { server, transport, owner: auth?.subject }),
      onsessionclosed: (sid) => void sessions.delete(sid),
    });
    await server.connect(transport);
    const res = await transport.handleRequest(req, { authInfo });
    if (!transport.sessionId) await server.close(); // not an initialize: nothing to keep
    return res;
  }

  async function statelessRequest(req: Request, auth: VerifiedToken | undefined): Promise<Response> {
    // Without sessions there is nothing for a standalone stream to carry, nor a session to delete: 405, as
    // the transport spec allows (a server per open GET stream would also live as long as its client).
    if (req.method !== "POST") {
      return new Response(null, { status: 405, headers: { allow: "POST" } });
    }
    const server = await made();
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      maxRequestBodySize: MAX_BODY_BYTES,
    });
    await server.connect(transport);
    const res = await transport.handleRequest(req, { authInfo: auth && { ...auth, extra: {} } });
    let closed = false;
    const close = () => {
      if (!closed) void server.close();
      closed = true;
    };
    if (!res.body) {
      close();
      return res;
    }
    // The answer may stream (progress, then the result): the server lives until the stream ends.
    req.signal.addEventListener("abort", close, { once: true });
    const body = res.body.pipeThrough(new TransformStream({ flush: close, cancel: close }));
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  }

  /** Every server alive now (sessions' and stateless requests'), and whether shutdown began. */
  const live = new Set<ToolServer>();
  let stopping = false;
  const made = async () => {
    const server = await newServer();
    live.add(server);
    const closed = server.onclose;
    server.onclose = () => {
      live.delete(server);
      closed?.();
    };
    return server;
  };

  const handler = async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    // For container health checks: says only that the server serves (no Host check: it reveals nothing).
    if (url.pathname === HEALTH_PATH && req.method === "GET") {
      return Response.json({ status: stopping ? "stopping" : "ok" }, { status: stopping ? 503 : 200 });
    }
    const host = hostOnly(req.headers.get("host") ?? "");
    if (!http.allowedHosts.includes(host)) {
      return refuse(403, `Host '${host.slice(0, 100)}' is not allowed (AWS_API_MCP_ALLOWED_HOSTS).`);
    }
    const origin = req.headers.get("origin");
    if (
      origin !== null && !http.allowedOrigins.includes("*") && !http.allowedOrigins.includes(hostOnly(origin))
    ) {
      return refuse(403, `Origin '${origin.slice(0, 100)}' is not allowed (AWS_API_MCP_ALLOWED_ORIGINS).`);
    }
    const base = `${url.protocol}//${req.headers.get("host")}`;
    if (url.pathname === METADATA_PATH && http.auth.type === "oauth") {
      return Response.json({
        resource: `${base}${MCP_PATH}`,
        authorization_servers: [http.auth.issuer],
        bearer_methods_supported: ["header"],
      });
    }
    if (url.pathname !== MCP_PATH) {
      return new Response("Not found: MCP is served at /mcp.\n", { status: 404 });
    }
    const auth = await authenticate(req, base);
    if (auth instanceof Response) return auth;
    if (stopping) return refuse(503, "The server is shutting down.");
    return http.stateless ? statelessRequest(req, auth) : sessionRequest(req, auth);
  };

  const served = Deno.serve({ hostname: http.host, port: http.port, onListen: () => {} }, handler);
  const addr = served.addr as Deno.NetAddr;
  const shownHost = addr.hostname.includes(":") ? `[${addr.hostname}]` : addr.hostname;
  return {
    url: `http://${shownHost}:${addr.port}${MCP_PATH}`,
    finished: served.finished,
    stats: () => ({ sessions: sessions.size, servers: live.size }),
    async stop() {
      // Stop accepting; let requests in flight finish (bounded); end every session, which ends its
      // streams (and cancels what still runs); then wait for the listener to close.
      stopping = true;
      const closing = served.shutdown();
      const deadline = Date.now() + SHUTDOWN_GRACE_MS;
      const running = () => [...live].some((s) => s.running > 0);
      while (running() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await Promise.all([...live].map((s) => s.close()));
      sessions.clear();
      await closing;
    },
  };
}
