/** Sensitive values found by the model: replaced in outputs, collected from inputs, the hand-kept extras real. */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { loadOutputs, loadService } from "../../src/models/registry.ts";
import { mapSensitive, sensitiveTexts, unmarkedSensitive } from "../../src/models/sensitive.ts";

Deno.test("every hand-kept sensitive member names a real member of an input or output shape", () => {
  for (const service of ["apigateway", "glue"]) {
    for (const entry of unmarkedSensitive(service)) {
      const [shape, member] = entry.split(".");
      const found = loadService(service)!.shapes[shape]?.members?.[member] ??
        loadOutputs(service)!.shapes[shape]?.members?.[member];
      ok(found, `${service} ${entry}`);
    }
  }
});

Deno.test("sensitive values are replaced in structures, lists and maps, and nothing else changes", () => {
  const out = loadOutputs("lambda")!;
  const shapes = (n: string) => out.shapes[n];
  const value = {
    Functions: [
      { FunctionName: "f", Environment: { Variables: { DB_PASS: "hunter2", MODE: "prod" } } },
      { FunctionName: "g" },
    ],
  };
  const masked = mapSensitive(value, "ListFunctionsResponse", shapes, () => "X");
  assertEquals(masked, {
    Functions: [{ FunctionName: "f", Environment: { Variables: "X" } }, { FunctionName: "g" }],
  });
  assertEquals(value.Functions[0].Environment!.Variables.DB_PASS, "hunter2", "the input is not changed");
  const plain = { Functions: [{ FunctionName: "g" }] };
  ok(
    mapSensitive(plain, "ListFunctionsResponse", shapes, () => "X") === plain,
    "untouched values are the same",
  );
  const ssm = loadService("ssm")!;
  assertEquals(
    sensitiveTexts(
      { Name: "p", Value: "s3cret", Type: "SecureString" },
      "PutParameterRequest",
      (n) => ssm.shapes[n],
    ),
    ["s3cret"],
  );
  const apigw = loadService("apigateway")!;
  assertEquals(
    sensitiveTexts(
      { name: "k", value: "abc123" },
      "CreateApiKeyRequest",
      (n) => apigw.shapes[n],
      unmarkedSensitive("apigateway"),
    ),
    ["abc123"],
  );
});
