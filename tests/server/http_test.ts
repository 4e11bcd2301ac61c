/**
 * MCP over streamable HTTP, through the SDK's real client against the real server (a child process on
 * 127.0.0.1): sessions and stateless replicas, progress, DNS-rebinding protection, OAuth with a JWKS the
 * test serves itself, body limits, malformed JSON-RPC, unknown sessions, and shutdown.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client";
// @ts-types="@modelcontextprotocol/sdk/client/streamableHttp"
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { MAIN, RUN_FLAGS } from "../helpers.ts";
import {
  awaitStderr,
  freePort,
  LOCAL_CREDENTIALS,
  startFaultServer,
  startRecorder,
  startS3,
} from "../../scripts/local-servers.ts";

/** Starts the server over HTTP; resolves once it serves. */
async function startServer(env: Record<string, string>) {
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...RUN_FLAGS, MAIN],
    env: {
      ...LOCAL_CREDENTIALS,
      AWS_API_MCP_WORKING_DIR: mkdtempSync(join(tmpdir(), "http-")),
      AWS_API_MCP_TRANSPORT: "streamable-http",
      AWS_API_MCP_PORT: String(port),
      ...env,
    },
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  await awaitStderr(child.stderr, "serving MCP at");
  const url = `http://127.0.0.1:${port}/mcp`;
  return {
    url,
    port,
    async stop(signal: Deno.Signal = "SIGTERM") {
      child.kill(signal);
      return (await child.status).code;
    },
  };
}

async function connect(url: string, init?: RequestInit, fetchImpl?: typeof fetch) {
  const client = new Client({ name: "test", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: init,
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    }),
  );
  return client;
}

/** Sends a raw HTTP request (any Host header) and returns the status and body. */
async function raw(port: number, lines: string[], body = ""): Promise<{ status: number; text: string }> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const head = [
    ...lines,
    `content-length: ${new TextEncoder().encode(body).length}`,
    "connection: close",
    "",
    "",
  ];
  await conn.write(new TextEncoder().encode(head.join("\r\n") + body));
  // Read the head and, when its length is given, the body; a stream (SSE) is not waited for.
  const reader = conn.readable.getReader();
  const dec = new TextDecoder();
  let text = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    text += dec.decode(value, { stream: true });
    const end = text.indexOf("\r\n\r\n");
    if (end < 0) continue;
    const length = /content-length: (\d+)/i.exec(text.slice(0, end))?.[1];
    if (length === undefined || text.length - end - 4 >= Number(length)) break;
  }
  await reader.cancel().catch(() => {});
  try {
    conn.close();
  } catch {
    // already closed by the reader
  }
  return { status: Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1]), text };
}

const init = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
});
const post = (host: string, extra: string[] = []) => [
  "POST /mcp HTTP/1.1",
  `host: ${host}`,
  "content-type: application/json",
  "accept: application/json, text/event-stream",
  ...extra,
];

Deno.test({
  name:
    "sessions: initialize, tools/list and call_aws against s3rver with progress through the SDK's HTTP client",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const s3 = await startS3();
    // s3rver's own fixed credentials.
    const server = await startServer({
      AUTH_TYPE: "no-auth",
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
    });
    try {
      const client = await connect(server.url);
      const tools = await client.listTools();
      assertEquals(tools.tools.map((t) => t.name).sort(), ["call_aws", "suggest_aws_commands"]);
      const E = `--endpoint-url ${s3.endpoint}`;
      const progress: number[] = [];
      const commands = [
        `aws s3 mb s3://http-bucket ${E}`,
        `aws s3api list-buckets --query 'Buckets[].Name' ${E}`,
      ];
      const r = await client.callTool(
        { name: "call_aws", arguments: { cli_command: commands } },
        undefined,
        { onprogress: (p) => progress.push(p.progress) },
      );
      const results = (r.structuredContent as { results: Array<{ response?: unknown }> }).results;
      const text = (r.content as Array<{ text: string }>)[0].text;
      ok(text.includes(`$ ${commands[0]}\nmake_bucket: http-bucket`), text);
      // The batch runs concurrently: the listing may come before or after the bucket is made.
      ok(Array.isArray(results[1].response), JSON.stringify(results[1]));
      ok(progress.includes(2), JSON.stringify(progress));
      await client.close();
    } finally {
      assertEquals(await server.stop(), 0, "SIGTERM ends the HTTP server with exit 0");
      await s3.stop();
    }
  },
});

Deno.test({
  name:
    "DNS rebinding: a foreign Host or Origin is 403; unknown sessions 404; malformed JSON-RPC and oversize bodies refused",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const server = await startServer({ AUTH_TYPE: "no-auth" });
    const here = `127.0.0.1:${server.port}`;
    try {
      assertEquals((await raw(server.port, post("evil.example"), init)).status, 403);
      assertEquals((await raw(server.port, post(`attacker.test:${server.port}`), init)).status, 403);
      assertEquals((await raw(server.port, post(here, ["origin: http://evil.example"]), init)).status, 403);
      assertEquals(
        (await raw(server.port, post(here, [`origin: http://localhost:${server.port}`]), init)).status,
        200,
      );
      assertEquals((await raw(server.port, post(`localhost:${server.port}`), init)).status, 200);
      const unknown = await raw(server.port, post(here, ["mcp-session-id: no-such-session"]), init);
      ok(unknown.status === 404 && unknown.text.includes("-32001"), unknown.text);
      const bad = await raw(server.port, post(here), "{not json");
      ok(bad.status === 400 && bad.text.includes("-32700"), bad.text);
      const big = await raw(server.port, post(here), `{"x":"${"a".repeat(5 * 1024 * 1024)}"}`);
      assertEquals(big.status, 413);
      const other = await raw(server.port, ["GET /elsewhere HTTP/1.1", `host: ${here}`]);
      assertEquals(other.status, 404);
      // The health check answers any Host (a container's probe), and `aws-api-mcp health` reads it.
      const health = await raw(server.port, ["GET /health HTTP/1.1", "host: whatever"]);
      ok(health.status === 200 && health.text.includes('"status":"ok"'), health.text);
      const probe = await new Deno.Command(Deno.execPath(), {
        args: ["run", ...RUN_FLAGS, MAIN, "health", "--port", String(server.port)],
      }).output();
      assertEquals(probe.code, 0, new TextDecoder().decode(probe.stdout));
      const down = await new Deno.Command(Deno.execPath(), {
        args: ["run", ...RUN_FLAGS, MAIN, "health", "--port", String(freePort())],
      }).output();
      assertEquals(down.code, 1);
    } finally {
      await server.stop();
    }
  },
});

Deno.test({
  name: "OAuth: no token, a foreign key, expired, wrong issuer, wrong audience are 401; a good token serves",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    const foreign = await generateKeyPair("RS256");
    const jwk: JWK = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    const jwksPort = freePort();
    const jwks = Deno.serve(
      { hostname: "127.0.0.1", port: jwksPort, onListen: () => {} },
      () => Response.json({ keys: [jwk] }),
    );
    const issuer = "https://issuer.example";
    const audience = "aws-api-mcp";
    const token = (claims: { iss?: string; aud?: string; exp?: number }, key = privateKey, kid = "k1") =>
      new SignJWT({ scope: "mcp" })
        .setProtectedHeader({ alg: "RS256", kid })
        .setIssuer(claims.iss ?? issuer)
        .setAudience(claims.aud ?? audience)
        .setSubject("user-1")
        .setIssuedAt()
        .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 600)
        .sign(key);
    const server = await startServer({
      AUTH_TYPE: "oauth",
      AUTH_ISSUER: issuer,
      AUTH_JWKS_URI: `http://127.0.0.1:${jwksPort}/jwks`,
      AUTH_AUDIENCE: audience,
    });
    const here = `127.0.0.1:${server.port}`;
    try {
      const none = await raw(server.port, post(here), init);
      assertEquals(none.status, 401);
      ok(
        /www-authenticate: Bearer resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource"/i
          .test(none.text),
        none.text,
      );
      const bad: Array<[string, string]> = [
        ["foreign key", await token({}, foreign.privateKey)],
        ["unknown key id", await token({}, foreign.privateKey, "k2")],
        ["expired", await token({ exp: Math.floor(Date.now() / 1000) - 60 })],
        ["wrong issuer", await token({ iss: "https://other.example" })],
        ["wrong audience", await token({ aud: "someone-else" })],
        ["not a JWT", "abc.def.ghi"],
      ];
      for (const [what, t] of bad) {
        const r = await raw(server.port, post(here, [`authorization: Bearer ${t}`]), init);
        ok(r.status === 401 && /error="invalid_token"/.test(r.text), `${what}: ${r.text.slice(0, 300)}`);
        ok(!r.text.includes(t), "the token is not echoed");
      }
      const meta = await fetch(`http://${here}/.well-known/oauth-protected-resource`).then((r) => r.json());
      assertEquals(meta.authorization_servers, [issuer]);
      const client = await connect(server.url, { headers: { authorization: `Bearer ${await token({})}` } });
      assertEquals((await client.listTools()).tools.length, 2);
      // The session belongs to its token's subject: another user holding its id gets nothing.
      const sessionId = (client.transport as StreamableHTTPClientTransport).sessionId!;
      const other = await new SignJWT({}).setProtectedHeader({ alg: "RS256", kid: "k1" }).setIssuer(issuer)
        .setAudience(audience).setSubject("user-2").setIssuedAt().setExpirationTime("10m").sign(privateKey);
      const list = '{"jsonrpc":"2.0","id":9,"method":"tools/list"}';
      const stolen = await raw(
        server.port,
        post(here, [`authorization: Bearer ${other}`, `mcp-session-id: ${sessionId}`]),
        list,
      );
      assertEquals(stolen.status, 404);
      await client.close();
    } finally {
      await server.stop();
      await jwks.shutdown();
    }
  },
});

Deno.test({
  name: "stateless replicas: a client initialized on one is served by another; consent is refused, never run",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const rec = await startRecorder(() => ({
      headers: { "content-type": "application/x-amz-json-1.0" },
      body: JSON.stringify({ TableNames: [] }),
    }));
    const env = {
      AUTH_TYPE: "no-auth",
      AWS_API_MCP_STATELESS_HTTP: "true",
      REQUIRE_MUTATION_CONSENT: "true",
    };
    const a = await startServer(env);
    const b = await startServer(env);
    let turn = 0;
    const seen = { a: 0, b: 0 };
    // A load balancer: each request goes to the next replica.
    const balanced: typeof fetch = (input, options) => {
      const target = turn++ % 2 === 0 ? a : b;
      seen[target === a ? "a" : "b"]++;
      const url = new URL(input instanceof Request ? input.url : String(input));
      url.port = String(target.port);
      return fetch(url, options);
    };
    try {
      const client = await connect(a.url, undefined, balanced);
      assertEquals((await client.listTools()).tools.length, 2);
      const list = await client.callTool({
        name: "call_aws",
        arguments: { cli_command: `aws dynamodb list-tables --endpoint-url ${rec.endpoint}` },
      });
      ok(!list.isError, JSON.stringify(list));
      const sent = rec.requests.length;
      const create = await client.callTool({
        name: "call_aws",
        arguments: { cli_command: `aws sqs create-queue --queue-name q --endpoint-url ${rec.endpoint}` },
      });
      const err =
        (create.structuredContent as { results: Array<{ error?: { code: string } }> }).results[0].error;
      assertEquals(err?.code, "CONSENT_UNAVAILABLE");
      assertEquals(rec.requests.length, sent, "nothing was sent for the refused command");
      ok(seen.a > 0 && seen.b > 0, JSON.stringify(seen));
      await client.close();
    } finally {
      await a.stop();
      await b.stop();
      await rec.stop();
    }
  },
});

Deno.test("HTTP mode without AUTH_TYPE refuses to start and says why", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...RUN_FLAGS, MAIN],
    env: { AWS_API_MCP_TRANSPORT: "streamable-http", AWS_API_MCP_PORT: String(freePort()) },
    stdin: "null",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stderr);
  ok(out.code === 2 && text.includes("AUTH_TYPE is required") && text.includes("AUTH_TYPE=no-auth"), text);
  const oauth = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...RUN_FLAGS, MAIN],
    env: { AWS_API_MCP_TRANSPORT: "streamable-http", AUTH_TYPE: "oauth" },
    stdin: "null",
    stderr: "piped",
  }).output();
  ok(oauth.code === 2 && new TextDecoder().decode(oauth.stderr).includes("AUTH_ISSUER is required"));
});

Deno.test({
  name: "over HTTP: cancellation reaches the AWS request; a session's 33rd request in flight is 429",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const silent = await startFaultServer("silent");
    const server = await startServer({ AUTH_TYPE: "no-auth" });
    try {
      const client = await connect(server.url);
      const abort = new AbortController();
      const hanging = client.callTool(
        {
          name: "call_aws",
          arguments: { cli_command: `aws dynamodb list-tables --endpoint-url ${silent.endpoint}` },
        },
        undefined,
        { signal: abort.signal },
      );
      for (let i = 0; i < 100 && silent.open() === 0; i++) await new Promise((r) => setTimeout(r, 50));
      ok(silent.open() > 0, "the call is waiting on the endpoint");
      abort.abort("the user stopped it");
      await hanging.catch(() => {});
      for (let i = 0; i < 100 && silent.open() > 0; i++) await new Promise((r) => setTimeout(r, 50));
      assertEquals(silent.open(), 0, "the server dropped the AWS request");
      const many = await Promise.allSettled(Array.from({ length: 40 }, () =>
        client.callTool({
          name: "call_aws",
          arguments: {
            cli_command: `aws dynamodb list-tables --cli-read-timeout 1 --endpoint-url ${silent.endpoint}`,
          },
        })));
      const limited = many.filter((r) => r.status === "rejected" && /429|in flight/.test(String(r.reason)));
      ok(limited.length > 0, JSON.stringify(many.map((r) => r.status)));
      await client.close();
    } finally {
      await server.stop();
      await silent.stop();
    }
  },
});

Deno.test({
  name: "SIGTERM lets a call in flight finish, then the HTTP server exits 0",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    // An endpoint that answers after a second.
    const slow = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async () => {
      await new Promise((r) => setTimeout(r, 1000));
      return new Response(JSON.stringify({ TableNames: ["late"] }), {
        headers: { "content-type": "application/x-amz-json-1.0" },
      });
    });
    const server = await startServer({ AUTH_TYPE: "no-auth" });
    try {
      const client = await connect(server.url);
      const call = client.callTool({
        name: "call_aws",
        arguments: {
          cli_command: `aws dynamodb list-tables --endpoint-url http://127.0.0.1:${slow.addr.port}`,
        },
      });
      await new Promise((r) => setTimeout(r, 300));
      const exited = server.stop("SIGTERM");
      const r = await call;
      assertEquals((r.structuredContent as { results: Array<{ response: unknown }> }).results[0].response, {
        TableNames: ["late"],
      });
      assertEquals(await exited, 0);
    } finally {
      await slow.shutdown();
    }
  },
});
