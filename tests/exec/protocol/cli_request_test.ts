import { deepStrictEqual as assertEquals } from "node:assert";
import { listHeaders } from "../../../src/exec/protocol/cli-request.ts";
import type { Operation, ServiceModel } from "../../../src/models/types.ts";

Deno.test("list headers are joined as botocore joins them: bare commas, quoted items with commas or quotes", () => {
  const service = {
    shapes: {
      In: {
        type: "structure",
        members: {
          Attrs: { shape: "L", location: "header", locationName: "X-Amz-Object-Attributes" },
          One: { shape: "S", location: "header", locationName: "x-one" },
        },
      },
      L: { type: "list", member: { shape: "S" } },
      S: { type: "string" },
    },
  } as unknown as ServiceModel;
  const op = { input: { shape: "In" } } as unknown as Operation;
  assertEquals(listHeaders(service, op, { Attrs: ["ETag", "a,b", 'say "hi"'], One: "x" }), {
    "x-amz-object-attributes": 'ETag,"a,b","say \\"hi\\""',
  });
  assertEquals(listHeaders(service, op, { Attrs: [] }), {});
});
