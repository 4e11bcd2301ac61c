/** Which path an operation takes, and which operations stream (kept on their client's own command). */
import { deepStrictEqual as assertEquals } from "node:assert";
import { cliProtocol, modelPath, streams } from "../../../src/exec/protocol/model-protocol.ts";
import { loadOutputs, loadService } from "../../../src/models/registry.ts";
import type { Shape } from "../../../src/models/types.ts";

Deno.test("operations that stream a payload or events, in or out, are told apart from the rest", () => {
  for (
    const [service, operation, streamed] of [
      ["s3api", "PutObject", true], // a streamed request body
      ["s3api", "GetObject", true], // an outfile
      ["bedrock-runtime", "InvokeModelWithResponseStream", true], // an event stream out
      ["s3api", "ListObjectsV2", false],
      ["dynamodb", "ListTables", false],
      ["lambda", "ListFunctions", false],
    ] as const
  ) {
    const s = loadService(service)!;
    const outputs = loadOutputs(service)!;
    assertEquals(
      streams(s, operation, (n: string): Shape => outputs.shapes[n]),
      streamed,
      `${service} ${operation}`,
    );
  }
});

Deno.test("the path per operation: the client's command, through the client from the model, or on its own", () => {
  assertEquals(modelPath(loadService("s3api")!, "GetBucketLifecycle", true), "client");
  assertEquals(modelPath(loadService("s3api")!, "ListBuckets", true), undefined);
  assertEquals(modelPath(loadService("freetier")!, "GetFreeTierUsage", false), "standalone");
  // The protocol the AWS CLI speaks: CloudWatch lists CBOR, JSON and query; the CLI speaks query.
  assertEquals(cliProtocol(loadService("cloudwatch")!.metadata), "query");
  assertEquals(cliProtocol(loadService("dynamodb")!.metadata), "json");
});
