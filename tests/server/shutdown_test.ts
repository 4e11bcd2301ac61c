/** Item 8: SIGTERM and SIGINT stop the server even while stdin stays open and a call is in flight. */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MAIN, RUN_FLAGS } from "../helpers.ts";
import { LOCAL_CREDENTIALS, startFaultServer } from "../../scripts/local-servers.ts";

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  Deno.test({
    name: `${signal} stops the server with a call in flight, cancelling it, and exits 0`,
    ignore: Deno.build.os === "windows",
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      const silent = await startFaultServer("silent");
      const child = new Deno.Command(Deno.execPath(), {
        args: ["run", ...RUN_FLAGS, MAIN],
        stdin: "piped",
        stdout: "piped",
        stderr: "null",
        env: {
          ...LOCAL_CREDENTIALS,
          AWS_API_MCP_WORKING_DIR: mkdtempSync(join(tmpdir(), "shutdown-")),
        },
      }).spawn();
      const writer = child.stdin.getWriter();
      const send = (m: unknown) => writer.write(new TextEncoder().encode(`${JSON.stringify(m)}\n`));
      const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
      try {
        await send({
          jsonrpc: "2.0",
          id: 1,
          method: "initialize",
          params: {
            protocolVersion: "2025-06-18",
            capabilities: {},
            clientInfo: { name: "t", version: "1" },
          },
        });
        ok((await reader.read()).value?.includes('"id":1'));
        await send({ jsonrpc: "2.0", method: "notifications/initialized" });
        await send({
          jsonrpc: "2.0",
          id: 2,
          method: "tools/call",
          params: {
            name: "call_aws",
            arguments: { cli_command: `aws dynamodb list-tables --endpoint-url ${silent.endpoint}` },
          },
        });
        for (let i = 0; i < 100 && silent.connections() === 0; i++) {
          await new Promise((r) => setTimeout(r, 50));
        }
        ok(silent.connections() > 0, "the call reached the endpoint and waits");
        const started = Date.now();
        child.kill(signal);
        const status = await child.status;
        assertEquals(status.code, 0);
        ok(Date.now() - started < 4000, `stopped in ${Date.now() - started} ms`);
      } finally {
        reader.releaseLock();
        await child.stdout.cancel().catch(() => {});
        await writer.close().catch(() => {});
        await silent.stop();
      }
    },
  });
}
