/** Defence in depth: with the program's Deno permission flags, Deno itself stops reads and writes outside them. */
import { ok } from "node:assert";
import { mkdtempSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { RUN_FLAGS } from "../helpers.ts";

Deno.test("a read or write outside the permitted folders is stopped by Deno even when the path check is bypassed", async () => {
  // A folder outside /tmp and ~/.aws: the test runner may write there, the program may not.
  const outside = mkdtempSync(join(homedir(), ".aws-api-mcp-permission-test-"));
  const probe = fileURLToPath(new URL("./bypass_probe.ts", import.meta.url));
  const run = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...RUN_FLAGS, probe, "/etc/hostname", join(outside, "written.txt")],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(run.stdout);
  const out = JSON.parse(text);
  ok(/not permitted/i.test(out.read), `read: ${out.read}`);
  ok(/NotCapable|write access/i.test(out.write), `write: ${out.write}`);
  await Deno.remove(outside, { recursive: true });
});
