/**
 * Every bundled SDK client loads, constructs, and has the command classes its model expects: version
 * skew between the clients' shared packages shows up here, not in a user's call.
 */
import { deepStrictEqual as assertEquals } from "node:assert";
// @ts-types="../../models/sdk-clients.d.ts"
import { SDK_CLIENTS } from "../../models/sdk-clients.js";
import { loadService, serviceNames } from "../../src/models/registry.ts";
import { cliProtocol } from "../../src/exec/sdk.ts";

Deno.test({
  name: "every SDK client package imports, constructs and exposes its commands",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const problems: string[] = [];
    let checked = 0;
    for (const name of serviceNames()) {
      const service = loadService(name)!;
      if (!service.sdk) continue;
      checked++;
      try {
        const mod = await SDK_CLIENTS[service.sdk.package]();
        const Client = mod[service.sdk.client] as new (c: Record<string, unknown>) => { destroy(): void };
        const client = new Client({
          region: "us-east-1",
          credentials: { accessKeyId: "a", secretAccessKey: "b" },
        });
        client.destroy();
        const missing = Object.entries(service.operations).filter(([op, o]) =>
          !o.noSdk && typeof mod[`${op}Command`] !== "function"
        );
        if (missing.length) {
          problems.push(
            `${service.sdk.package}: no command classes for ${missing.map(([op]) => op).join(", ")}`,
          );
        }
      } catch (e) {
        problems.push(`${service.sdk.package}: ${(e as Error).message.slice(0, 200)}`);
      }
    }
    console.log(`${checked} services with SDK clients checked, ${problems.length} problems`);
    for (const p of problems) console.log(`  ${p}`);
    assertEquals(problems, []);
  },
});

Deno.test("the wire protocol is the AWS CLI's: the model's, else the first the CLI knows of its list", () => {
  const cases: Array<[{ protocol: string; protocols?: string[] }, string]> = [
    [{ protocol: "rest-xml" }, "rest-xml"],
    [{ protocol: "json", protocols: ["json", "query"] }, "json"],
    [{ protocol: "smithy-rpc-v2-cbor", protocols: ["smithy-rpc-v2-cbor", "json", "query"] }, "query"],
    [{ protocol: "smithy-rpc-v2-cbor", protocols: ["smithy-rpc-v2-cbor", "json"] }, "json"],
  ];
  for (const [metadata, want] of cases) assertEquals(cliProtocol(metadata), want);
});
