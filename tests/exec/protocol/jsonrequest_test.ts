import { deepStrictEqual as assertEquals } from "node:assert";
import { addMissing, modelBody } from "../../../src/exec/protocol/jsonrequest.ts";
import type { Shape } from "../../../src/models/types.ts";

const shapes: Record<string, Shape> = {
  In: {
    type: "structure",
    members: {
      Name: { shape: "S", location: "uri", locationName: "name" },
      Code: { shape: "Code", locationName: "code" },
      When: { shape: "T" },
      Iso: { shape: "T", timestampFormat: "iso8601" },
      Data: { shape: "B" },
    },
  },
  Code: { type: "structure", members: { Handler: { shape: "S" }, Types: { shape: "L" } } },
  L: { type: "list", member: { shape: "S" } },
  S: { type: "string" },
  T: { type: "timestamp" },
  B: { type: "blob" },
};
const lookup = (n: string) => shapes[n];

Deno.test("the model's JSON body: JSON names, bound members left out, timestamps and blobs encoded", () => {
  const when = new Date("2024-01-02T03:04:05.500Z");
  assertEquals(
    modelBody(
      {
        Name: "n",
        Code: { Handler: "h", Types: ["a"] },
        When: when,
        Iso: when,
        Data: new Uint8Array([104, 105]),
      },
      shapes.In,
      lookup,
    ),
    {
      code: { Handler: "h", Types: ["a"] },
      When: 1704164645.5,
      Iso: "2024-01-02T03:04:05.500Z",
      Data: "aGk=",
    },
  );
});

Deno.test("what the SDK left out is added; what it wrote stays as written", () => {
  const sent: Record<string, unknown> = { code: { Handler: "h" }, When: 1, Items: [{ a: 1 }] };
  assertEquals(
    addMissing(sent, { code: { Handler: "x", Types: ["a"] }, When: 2, Items: [{ a: 1, b: 2 }] }),
    true,
  );
  assertEquals(sent, { code: { Handler: "h", Types: ["a"] }, When: 1, Items: [{ a: 1, b: 2 }] });
  assertEquals(addMissing(sent, { When: 3 }), false);
  assertEquals(addMissing([1], [1, 2]), false);
});
