import { deepStrictEqual as assertEquals } from "node:assert";
import { boundMembers, readJsonBody, readsJsonBody } from "../../../src/exec/protocol/jsonbody.ts";
import type { Shape } from "../../../src/models/types.ts";

const shapes: Record<string, Shape> = {
  Out: {
    type: "structure",
    members: {
      ETag: { shape: "S", location: "header", locationName: "ETag" },
      Name: { shape: "S", locationName: "name" },
      Created: { shape: "T" },
      Data: { shape: "B" },
      Tags: { shape: "M" },
      Items: { shape: "L" },
      Newer: { shape: "S" },
    },
  },
  Item: { type: "structure", members: { Size: { shape: "D" }, When: { shape: "T" } } },
  L: { type: "list", member: { shape: "Item" } },
  M: { type: "map", key: { shape: "S" }, value: { shape: "S" } },
  S: { type: "string" },
  T: { type: "timestamp" },
  B: { type: "blob" },
  D: { type: "double" },
  Stream: { type: "structure", members: { Body: { shape: "B", streaming: true } }, payload: "Body" },
};
const lookup = (n: string) => shapes[n];
const bytes = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));

Deno.test("JSON bodies are read by the model: wire names, timestamps, blobs, nesting, nulls, unknown keys", () => {
  const body = readJsonBody(
    bytes({
      name: "n",
      Created: 1700000000.5,
      Data: "aGk=",
      Tags: { a: "b" },
      Items: [{ Size: 1, When: "2024-01-02T03:04:05Z" }],
      Newer: null,
      NotInModel: 1,
    }),
    shapes.Out,
    lookup,
  );
  assertEquals(body, {
    Name: "n",
    Created: new Date(1700000000500),
    Data: new Uint8Array([104, 105]),
    Tags: { a: "b" },
    Items: [{ Size: 1, When: new Date("2024-01-02T03:04:05Z") }],
  });
  assertEquals(readJsonBody(new TextEncoder().encode("<html/>"), shapes.Out, lookup), undefined);
  assertEquals(readJsonBody(new Uint8Array(), shapes.Out, lookup), {});
  assertEquals(boundMembers({ ETag: "e", Name: "sdk" }, shapes.Out), { ETag: "e" });
});

Deno.test("only JSON documents are read: not streams, raw payloads or other protocols", () => {
  assertEquals(readsJsonBody(shapes.Out, lookup, "rest-json"), true);
  assertEquals(readsJsonBody(shapes.Out, lookup, "json"), true);
  assertEquals(readsJsonBody(shapes.Out, lookup, "query"), false);
  assertEquals(readsJsonBody(shapes.Stream, lookup, "rest-json"), false);
  assertEquals(readsJsonBody(undefined, lookup, "json"), false);
});
