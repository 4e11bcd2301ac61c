/** Every operation of every service under READ_OPERATIONS_ONLY: allowed exactly when List/Read and no credentials. */
import { deepStrictEqual as assertEquals } from "node:assert";
import { CREDENTIAL_OPERATIONS, SIDE_EFFECT_OPERATIONS } from "../../src/models/credentials.ts";
import { loadService, serviceNames } from "../../src/models/registry.ts";
import type { ParsedCommand } from "../../src/parse/types.ts";
import { decide } from "../../src/policy/decide.ts";
import { runCli } from "../helpers.ts";

Deno.test("READ_OPERATIONS_ONLY allows an operation only when it is List/Read and hands out no credentials", async () => {
  const settings = { readOperationsOnly: true, requireMutationConsent: false };
  const noPolicy = { denyList: [], elicitList: [] };
  // Operations handing out credentials, and Read operations with side effects (unconditional ones).
  const creds = new Set(
    [...CREDENTIAL_OPERATIONS, ...SIDE_EFFECT_OPERATIONS].filter((c) => !c.when).map((c) =>
      `${c.service}.${c.operation}`
    ),
  );
  const wrong: string[] = [];
  const counts = { operations: 0, allowed: 0, denied: 0, credentials: 0 };
  const catalog = new Map<string, boolean>();
  const cli = await runCli(["policy", "catalog"]);
  for (const line of cli.stdout.trim().split("\n")) {
    const e = JSON.parse(line);
    catalog.set(`${e.service}.${e.operation}`, e.readOnly);
  }
  for (const name of serviceNames()) {
    const s = loadService(name)!;
    for (const [op, o] of Object.entries(s.operations)) {
      counts.operations++;
      const readOnly = catalog.get(`${name}.${op}`)!;
      const cmd = {
        kind: "operation",
        service: name,
        command: o.cli,
        operation: op,
        calls: [{ service: name, command: o.cli }],
        globals: {},
        readOnly,
        iam: o.iam,
        params: {},
      } as unknown as ParsedCommand;
      const d = decide(cmd, settings, noPolicy);
      const expected = (o.iam.access === "List" || o.iam.access === "Read") && !creds.has(`${name}.${op}`);
      if (creds.has(`${name}.${op}`)) counts.credentials++;
      if ((d.decision === "allow") !== expected) wrong.push(`${name} ${op} (${o.iam.access}): ${d.decision}`);
      if (d.decision === "allow") counts.allowed++;
      else counts.denied++;
    }
  }
  console.log(`catalog: ${JSON.stringify(counts)}`);
  assertEquals(wrong, []);
  assertEquals(catalog.size, counts.operations);
});
