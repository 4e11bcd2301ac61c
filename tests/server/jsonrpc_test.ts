/**
 * Items 2 and 3 of the reliability probe, against the real server over stdio: malformed JSON-RPC gets the
 * answer JSON-RPC requires, a message over 10 MiB gets an error and the session goes on, malformed
 * tools/call params are -32602 with a readable message said once.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { MAIN, RUN_FLAGS } from "../helpers.ts";

const init = {
  jsonrpc: "2.0",
  id: "init",
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
};

/** Sends raw lines to a fresh server and returns its answers by id (null ids in order under "null"). */
async function exchange(lines: Array<string | Uint8Array>, expected: number) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...RUN_FLAGS, MAIN],
    stdin: "piped",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const writer = child.stdin.getWriter();
  const enc = new TextEncoder();
  for (const l of [JSON.stringify(init), ...lines]) {
    await writer.write(typeof l === "string" ? enc.encode(`${l}\n`) : l);
  }
  const answers: Array<Record<string, unknown>> = [];
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const deadline = Date.now() + 20_000;
  while (answers.length < expected && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let nl;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      answers.push(JSON.parse(buffer.slice(0, nl)));
      buffer = buffer.slice(nl + 1);
    }
  }
  await writer.close();
  reader.releaseLock();
  await child.stdout.cancel().catch(() => {});
  const status = await child.status;
  return { answers, code: status.code };
}

Deno.test("malformed JSON-RPC is answered as JSON-RPC requires, and the session goes on", async () => {
  const table: Array<[string, string | number | null, number]> = [
    // line, id answered, error code
    ["{bad json", null, -32700],
    ['[{"jsonrpc":"2.0","id":2,"method":"ping"}]', null, -32600],
    ['{"id":3,"method":"ping"}', 3, -32600],
    ['{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}', null, -32600],
    ['{"jsonrpc":"2.0","id":1.5,"method":"ping"}', null, -32600],
    ['{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":7}}', 5, -32602],
    ['{"jsonrpc":"2.0","id":6,"method":"tools/call","params":{"name":"nope","arguments":{}}}', 6, -32602],
    // Params that are not an object are not a JSON-RPC request at all.
    ['{"jsonrpc":"2.0","id":7,"method":"tools/call","params":"x"}', 7, -32600],
  ];
  const lines = [
    ...table.map(([l]) => l),
    '\uFEFF{"jsonrpc":"2.0","id":"bom","method":"ping"}',
    '{"jsonrpc":"2.0","id":"last","method":"ping"}',
  ];
  const { answers, code } = await exchange(lines, table.length + 3);
  const errors = answers.filter((a) => a.error) as Array<
    { id: unknown; error: { code: number; message: string } }
  >;
  // Transport-level answers are written at once, protocol-level ones when handled: compare as sets.
  const sorted = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
  assertEquals(sorted(errors.map((a) => [a.id, a.error.code])), sorted(table.map(([, id, c]) => [id, c])));
  const unknown = errors.find((a) => a.id === 6)!.error.message;
  ok(unknown.startsWith("Unknown tool 'nope'") && !unknown.includes("MCP error"), unknown);
  ok(errors.find((a) => a.id === 5)!.error.message.includes("call_aws"), "says which tools exist");
  ok(answers.some((a) => a.id === "bom" && a.result), "a BOM before a message is ignored");
  ok(answers.some((a) => a.id === "last" && a.result), "the session went on");
  assertEquals(code, 0);
});

Deno.test("a message over 10 MiB gets an error naming the limit; the next message is served", async () => {
  const big = new TextEncoder().encode(
    `{"jsonrpc":"2.0","id":"big","method":"ping","params":{"x":"${"a".repeat(11 * 1024 * 1024)}"}}\n`,
  );
  const { answers } = await exchange([big, '{"jsonrpc":"2.0","id":"after","method":"ping"}'], 3);
  const err = answers.find((a) => a.id === "big") as { error: { code: number; message: string } } | undefined;
  ok(err?.error.code === -32600 && err.error.message.includes("10 MiB"), JSON.stringify(err));
  ok(answers.some((a) => a.id === "after" && a.result), JSON.stringify(answers.map((a) => a.id)));
});

Deno.test("invalid call_aws arguments say what is allowed", async () => {
  const call = (args: unknown, id: number) =>
    JSON.stringify({
      jsonrpc: "2.0",
      id,
      method: "tools/call",
      params: { name: "call_aws", arguments: args },
    });
  const { answers } = await exchange([
    call({ cli_command: 5 }, 1),
    call({ cli_command: Array(21).fill("aws s3 ls") }, 2),
    call({ cli_command: "aws s3 ls", max_results: 0 }, 3),
  ], 4);
  for (const id of [1, 2]) {
    const r = answers.find((a) => a.id === id) as {
      result: { isError: boolean; content: Array<{ text: string }> };
    };
    ok(
      r.result.isError &&
        r.result.content[0].text.includes("a command string or a list of 1–20 command strings"),
    );
  }
  const r3 = answers.find((a) => a.id === 3) as { result: { content: Array<{ text: string }> } };
  ok(r3.result.content[0].text.includes("whole number of at least 1"), r3.result.content[0].text);
});

Deno.test("when the client stops reading, the server says why on stderr and exits non-zero", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...RUN_FLAGS, MAIN],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  await child.stdout.cancel(); // the client is gone: writing to it fails (EPIPE)
  const stderr = new Response(child.stderr).text();
  const writer = child.stdin.getWriter();
  // stdin stays open: the server must stop because it cannot answer, not because input ended.
  await writer.write(new TextEncoder().encode(`${JSON.stringify(init)}\n`));
  const status = await child.status;
  await writer.close().catch(() => {});
  ok(status.code === 1, `exit ${status.code}`);
  ok((await stderr).includes("connection to the MCP client failed"), await stderr);
});
