/** The model-driven protocols' shared face: S3's bucket taken out of request URIs, paths joined as botocore
 * joins them, blob payloads kept as the bytes that came. */
import { deepStrictEqual as assertEquals } from "node:assert";
import { buildModelRequest, joinPath, modelOutput } from "../../../src/exec/protocol/model-serde.ts";
import { loadOutputs, loadService } from "../../../src/models/registry.ts";
import type { Shape } from "../../../src/models/types.ts";

Deno.test("paths joined as botocore joins an endpoint's path and a request's", () => {
  for (
    const [base, path, joined] of [
      ["/", "/", "/"],
      ["", "/", "/"],
      ["/bucket", "/", "/bucket"],
      ["/bucket", "/key", "/bucket/key"],
      ["/prefix/", "/things/x", "/prefix/things/x"],
      ["/", "/things/x", "/things/x"],
    ]
  ) assertEquals(joinPath(base, path), joined, `${base} + ${path}`);
});

Deno.test("S3 requests leave the bucket to the endpoint; other services keep their URI", () => {
  const s3 = loadService("s3api")!;
  assertEquals(buildModelRequest(s3, "GetBucketLifecycle", { Bucket: "b" }).uri, "/?lifecycle");
  assertEquals(buildModelRequest(s3, "GetObject", { Bucket: "b", Key: "a/b c" }).uri, "/a/b%20c");
  const iot = loadService("iot-data")!;
  assertEquals(buildModelRequest(iot, "GetThingShadow", { thingName: "t1" }).uri, "/things/t1/shadow");
});

Deno.test("a blob payload is handed over as the bytes that came, not through text", () => {
  const service = loadService("iot-data")!;
  const outputs = loadOutputs("iot-data")!;
  const shapes = (n: string): Shape => outputs.shapes[n];
  const bytes = new Uint8Array([0xff, 0x00, 0xfe, 0x80]);
  const out = modelOutput(
    service,
    "GetThingShadow",
    shapes("GetThingShadowResponse"),
    shapes,
    outputs.shapes as never,
    { status: 200, headers: {}, body: new TextDecoder().decode(bytes), bytes },
  );
  assertEquals(out.payload, bytes);
});
