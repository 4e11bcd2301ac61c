import { deepStrictEqual as assertEquals } from "node:assert";
import { fuzz } from "../../scripts/fuzz.ts";

Deno.test("fuzz: 3,000 seeded random and mutated commands give results or structured errors", () => {
  const { failures } = fuzz(3000, 20261125);
  assertEquals(failures, []);
});
