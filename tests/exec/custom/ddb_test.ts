/**
 * `aws ddb put` and `aws ddb select` against dynalite: items written from YAML, searched with the CLI's
 * expression language; the expressions and placeholders equal the CLI's extractor's, and the YAML printed
 * equals the AWS CLI's against the same table.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../../src/config.ts";
import { callAws, type CommandResult } from "../../../src/exec/call.ts";
import { callDeps } from "../../../src/exec/environment.ts";
import { DdbNumber, extract } from "../../../src/exec/custom/ddb-expression.ts";
import { decimalText } from "../../../src/exec/custom/ddb.ts";
import { lex } from "../../../src/parse/lex.ts";
import { startDynamo } from "../../../scripts/local-servers.ts";
import { CLI, cliAvailable, referenceRequired } from "../../../scripts/wire-compare.ts";
import { python } from "../output/reference.ts";

const compare = cliAvailable || referenceRequired;
const CREDS = { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret" };

const EXPRESSIONS = [
  'name = "alice"',
  'age >= 30 AND NOT begins_with(name, "b")',
  '(age BETWEEN 1 AND 10 OR contains(tags, "x")) AND attribute_exists(address.city)',
  "tags[0] <> null AND score IN (1.5, -2, 3e2)",
  "id, name, address.city, tags[1]",
  'data = b"aGk=" OR labels = {"a", "b"} OR info = {"k": [true, false, null]}',
  "'weird name' = \"x\"",
];

Deno.test({
  name: "ddb expressions: the text and placeholders the CLI's extractor makes",
  ignore: !compare,
  async fn() {
    const script = [
      "import sys, json",
      "from awscli.customizations.dynamodb.extractor import AttributeExtractor",
      "for line in sys.stdin:",
      "    r = AttributeExtractor().extract(json.loads(line), 3)",
      "    print(json.dumps([r['expression'], r['identifiers'], sorted(r['values'].keys()), r['substitution_count']]))",
    ].join("\n");
    const out = await python(script, EXPRESSIONS.map((e) => JSON.stringify(e)).join("\n") + "\n");
    const want = out.trim().split("\n").map((l) => JSON.parse(l));
    const got = EXPRESSIONS.map((e) => {
      const r = extract(e, 3);
      return [r.expression, r.names, Object.keys(r.values).sort(), r.count];
    });
    assertEquals(got, want);
    // As the CLI's parser: a function call is a whole condition, so `size(x) > 2` is refused.
    let code: string | undefined;
    try {
      extract("size(tags) > 2");
    } catch (e) {
      code = (e as { error: { code: string } }).error.code;
    }
    assertEquals(code, "INVALID_VALUE");
    // Values keep numbers as written.
    assertEquals(extract("x = 1.50").values[":n1"], new DdbNumber("1.50"));
  },
});

Deno.test("numbers as Python's Decimal prints them", () => {
  const table: Array<[string, string]> = [
    ["1.50", "1.50"],
    ["007", "7"],
    ["1e3", "1E+3"],
    ["-0.000001", "-0.000001"],
    [
      "0.0000001",
      "1E-7",
    ],
    ["12", "12"],
    ["+5", "5"],
  ];
  for (const [text, want] of table) assertEquals(decimalText(text), want, text);
});

Deno.test({
  name: "ddb put writes items from YAML and ddb select prints them as the AWS CLI does",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const ddb = await startDynamo();
    const work = mkdtempSync(join(tmpdir(), "ddb-"));
    try {
      for (const [k, v] of Object.entries(CREDS)) Deno.env.set(k, v);
      const config = loadConfig({ HOME: work, AWS_API_MCP_WORKING_DIR: work, AWS_REGION: "us-east-1" });
      ok(config.ok);
      const deps = callDeps(config.config, { AWS_CONFIG_FILE: "/nonexistent" });
      const run = async (c: string): Promise<CommandResult> =>
        (await callAws([`${c} --endpoint-url ${ddb.endpoint}`], deps))[0];
      const cli = async (c: string) => {
        const out = await new Deno.Command(CLI, {
          args: [...lex(c).slice(1), "--endpoint-url", ddb.endpoint, "--region", "us-east-1"],
          env: { ...CREDS, PATH: Deno.env.get("PATH") ?? "", HOME: work, AWS_CONFIG_FILE: "/nonexistent" },
          clearEnv: true,
        }).output();
        return new TextDecoder().decode(out.stdout);
      };
      const made = await run(
        "aws dynamodb create-table --table-name people --attribute-definitions AttributeName=id,AttributeType=S " +
          "--key-schema AttributeName=id,KeyType=HASH --billing-mode PAY_PER_REQUEST",
      );
      assertEquals(made.status, "success", JSON.stringify(made.error));
      await run("aws dynamodb wait table-exists --table-name people");
      writeFileSync(
        join(work, "items.yaml"),
        "- {id: a1, name: alice, age: 34, score: 1.50, tags: [x, y], active: true, note: null}\n" +
          "- {id: b2, name: bob, age: 27, address: {city: Oslo, zip: '0150'}, data: !!binary aGk=}\n" +
          "- {id: c3, name: carol, age: 41}\n",
      );
      const put = await run("aws ddb put people file://items.yaml");
      assertEquals([put.status, put.text], ["success", ""], JSON.stringify(put.error));
      const one = await run(
        `aws ddb put people '{id: d4, name: dave, age: 19}' --condition 'attribute_not_exists(id)'`,
      );
      assertEquals(one.status, "success", JSON.stringify(one.error));
      const again = await run(
        `aws ddb put people '{id: d4, name: dave, age: 20}' --condition 'attribute_not_exists(id)'`,
      );
      ok(again.error?.message.includes("ConditionalCheckFailedException"), JSON.stringify(again.error));

      const selects = [
        "aws ddb select people",
        'aws ddb select people --filter "age >= 30"',
        "aws ddb select people --projection id, name --filter 'attribute_exists(address.city) OR score > 1'",
        "aws ddb select people --key-condition 'id = \"a1\"'",
        "aws ddb select people --max-items 2",
      ];
      const scanned = await run(selects[0]);
      assertEquals(scanned.status, "success", JSON.stringify(scanned.error));
      ok(scanned.text!.includes('  data: !!binary "aGk="\n'), scanned.text!);
      ok(scanned.text!.includes("Count: 4\n") && scanned.text!.includes("ScannedCount: 4\n"), scanned.text!);
      const filtered = await run(selects[1]);
      ok(filtered.text!.includes("Count: 2\n"), filtered.text!);
      if (compare) {
        for (const c of selects) assertEquals((await run(c)).text, await cli(c), c);
      }
      const json = await run("aws ddb select people --output json");
      assertEquals(json.error?.code, "INVALID_VALUE");
    } finally {
      await ddb.stop();
      rmSync(work, { recursive: true, force: true });
    }
  },
});
