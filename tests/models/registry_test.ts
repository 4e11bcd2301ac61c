import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { findOperation, loadDocs, loadOutputs, loadService, modelIndex } from "../../src/models/registry.ts";
import { summarizeModels } from "../../src/models/summary.ts";

Deno.test("the models cover every AWS service the CLI knows: ≥ 370 services, ≥ 14,000 operations", () => {
  const s = summarizeModels();
  ok(s.services >= 370, `${s.services} services`);
  ok(s.operations >= 14_000, `${s.operations} operations`);
  ok(s.waiters > 300 && s.paginators > 2_000, JSON.stringify(s));
  ok(s.servicesWithSdk >= 340, `${s.servicesWithSdk} services with an SDK client`);
  assertEquals(typeof s.sources.botocore, "string");
});

Deno.test("an operation carries what parse and exec need: shapes, pagination, SDK client, IAM", () => {
  const s3 = loadService("s3api")!;
  assertEquals(s3.sdk?.package, "@aws-sdk/client-s3");
  assertEquals(s3.sdk?.client, "S3Client");
  const op = findOperation(s3, "list-objects-v2")!.operation;
  assertEquals(op.input?.shape, "ListObjectsV2Request");
  assertEquals(s3.shapes["ListObjectsV2Request"].required, ["Bucket"]);
  assertEquals(op.paginator?.output_token, "NextContinuationToken");
  assertEquals(op.iam, { actions: ["s3:ListBucket"], access: "List", source: "override" });
  assertEquals(s3.waiters["bucket-exists"].operation, "HeadBucket");
  const ec2 = loadService("ec2")!;
  const run = findOperation(ec2, "run-instances")!.operation;
  assertEquals(ec2.shapes[run.input!.shape].required?.sort(), ["MaxCount", "MinCount"]);
  const maxCount = ec2.shapes[ec2.shapes[run.input!.shape].members!.MaxCount.shape];
  assertEquals(maxCount.type, "integer");
});

Deno.test("output shapes and documentation load separately", () => {
  const out = loadOutputs("s3api")!;
  ok(out.shapes["ListObjectsV2Output"].members?.Contents);
  const docs = loadDocs("s3api")!;
  ok(docs.operations.ListObjectsV2.summary.length > 10);
  ok(!docs.operations.ListObjectsV2.text.includes("<p>"), "HTML stripped");
  ok(docs.members.ListObjectsV2Request.Bucket.length > 5);
});

Deno.test("unknown services and commands resolve to nothing", () => {
  assertEquals(loadService("not-a-service"), undefined);
  assertEquals(findOperation(loadService("sts")!, "get-caller-identity-now"), undefined);
  assertEquals(Object.hasOwn(modelIndex().services, "__proto__"), false);
  assertEquals(loadService("__proto__"), undefined);
});
