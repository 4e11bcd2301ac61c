import { deepStrictEqual as assertEquals } from "node:assert";
import { PyFloat, pyFloatRepr, pyJson } from "../../../src/exec/output/pyjson.ts";
import { applyQuery, formatOutput, formatText } from "../../../src/exec/output/format.ts";
import { isoTimestamp, toCliOutput } from "../../../src/exec/protocol/result.ts";
import type { Shape } from "../../../src/models/types.ts";
import { decodeToken, encodeToken } from "../../../src/exec/paginate.ts";

Deno.test("floats print as Python's repr", () => {
  const table: Array<[number, string]> = [
    [1, "1.0"],
    [0.1, "0.1"],
    [1.5, "1.5"],
    [-2.25, "-2.25"],
    [1e-7, "1e-07"],
    [0.0001, "0.0001"],
    [1e16, "1e+16"],
    [123456789012345680, "1.2345678901234568e+17"],
    [9999999999999998, "9999999999999998.0"],
    [0, "0.0"],
    [3.14159, "3.14159"],
  ];
  for (const [x, want] of table) assertEquals(pyFloatRepr(x), want, String(x));
});

Deno.test("JSON output is the CLI's: four-space indent, floats, unicode, empty containers", () => {
  assertEquals(
    pyJson({ A: 1, B: new PyFloat(2), C: [], D: {}, E: 'é"\n', F: [true, null] }),
    '{\n    "A": 1,\n    "B": 2.0,\n    "C": [],\n    "D": {},\n    "E": "é\\"\\n",\n    "F": [\n        true,\n        null\n    ]\n}',
  );
  assertEquals(formatOutput({}, "json"), "");
  assertEquals(formatOutput([], "json"), "[]\n");
});

Deno.test("timestamps print as Python's isoformat in UTC", () => {
  assertEquals(isoTimestamp(new Date("2024-01-02T03:04:05Z")), "2024-01-02T03:04:05+00:00");
  assertEquals(isoTimestamp(new Date("2024-01-02T03:04:05.120Z")), "2024-01-02T03:04:05.120000+00:00");
});

Deno.test("--output text follows the CLI's rules", () => {
  const data = {
    Reservations: [{
      ReservationId: "r-1",
      Instances: [{
        InstanceId: "i-1",
        State: { Name: "running", Code: 16 },
        Tags: [{ Key: "Name", Value: "web" }],
      }],
    }],
  };
  assertEquals(
    formatText(data),
    "RESERVATIONS\tr-1\nINSTANCES\ti-1\nSTATE\t16\trunning\nTAGS\tName\tweb\n",
  );
  assertEquals(formatText(["a", "b"]), "a\tb\n");
  assertEquals(formatText({ TableNames: ["a", "b"] }), "TABLENAMES\ta\nTABLENAMES\tb\n");
  assertEquals(formatText({ Enabled: true, Missing: null, N: new PyFloat(1) }), "True\tNone\t1.0\n");
});

Deno.test("resume tokens are the CLI's and round-trip", () => {
  const t = encodeToken(["ExclusiveStartTableName"], {}, 1);
  assertEquals(t, "eyJFeGNsdXNpdmVTdGFydFRhYmxlTmFtZSI6IG51bGwsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDF9");
  assertEquals(decodeToken(t, ["ExclusiveStartTableName"]), {
    tokens: { ExclusiveStartTableName: null },
    skip: 1,
  });
  assertEquals(decodeToken("plain-token", ["NextToken"]), { tokens: { NextToken: "plain-token" }, skip: 0 });
});

Deno.test("responses as the CLI prints them: header-bound members first, JSON-valued strings as text", () => {
  const shapes: Record<string, Shape> = {
    Out: {
      type: "structure",
      members: {
        Name: { shape: "S" },
        Policy: { shape: "S" },
        ETag: { shape: "S", location: "header", locationName: "ETag" },
        Status: { shape: "I", location: "statusCode" },
      },
    },
    S: { type: "string" },
    I: { type: "integer" },
  };
  assertEquals(toCliOutput(100, shapes.S, (n) => shapes[n]), "100");
  const out = toCliOutput(
    {
      $metadata: {},
      Name: "n",
      Policy: Object.assign(new String('{"a":1}'), { x: 1 }),
      ETag: "e",
      Status: 200,
    },
    shapes.Out,
    (n) => shapes[n],
  );
  assertEquals(JSON.stringify(out), '{"ETag":"e","Status":200,"Name":"n","Policy":"{\\"a\\":1}"}');
});

Deno.test("--query keeps the floats it selects; where it computes with them, the result is JMESPath's", () => {
  const data = {
    a: new PyFloat(1),
    n: 2,
    l: [new PyFloat(1.5), new PyFloat(2), 3],
    d: [{ v: new PyFloat(0), id: "x" }, { v: 4, id: "y" }],
  };
  const cases: Array<[string, string]> = [
    ["a", "1.0"],
    ["n", "2"],
    ["l", "[1.5,2.0,3]"],
    ["d[].v", "[0.0,4]"],
    ["d[].{id: id, v: v}", '[{"id":"x","v":0.0},{"id":"y","v":4}]'],
    ["{first: a, rest: l[1:]}", '{"first":1.0,"rest":[2.0,3]}'],
    // Computed, compared or sorted: plain numbers, as JMESPath gives them.
    ["sum(l)", "6.5"],
    ["l[?@ > `1`]", "[1.5,2,3]"],
    ["max(l)", "3"],
    ["length(l)", "3"],
  ];
  for (const [query, printed] of cases) {
    assertEquals(pyJson(applyQuery(data, query)).replace(/\s+/g, ""), printed, query);
  }
});
