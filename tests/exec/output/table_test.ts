/**
 * `--output table` against the AWS CLI's own TableFormatter (of /usr/bin/aws): a listing as the CLI lays it
 * out, then thousands of random documents — nesting, lists of objects with differing keys, wide characters,
 * and tables too wide for 80 columns that the CLI turns on their side.
 */
import { deepStrictEqual as assertEquals } from "node:assert";
import { formatTable } from "../../../src/exec/output/table.ts";
import { cliAvailable, referenceRequired } from "../../../scripts/wire-compare.ts";
import { cliFormat, firstDifferences, random, randomValue } from "./reference.ts";

Deno.test("table: a listing as the CLI lays it out, headers sorted and centred, values left-aligned", () => {
  const out = formatTable("ListUsers", {
    Users: [{ UserName: "alice", UserId: "AIDA1", CreateDate: "2026-01-02T03:04:05+00:00" }],
  });
  assertEquals(out.split("\n"), [
    "-------------------------------------------------------",
    "|                      ListUsers                      |",
    "+-----------------------------------------------------+",
    "||                       Users                       ||",
    "|+----------------------------+---------+------------+|",
    "||         CreateDate         | UserId  | UserName   ||",
    "|+----------------------------+---------+------------+|",
    "||  2026-01-02T03:04:05+00:00 |  AIDA1  |  alice     ||",
    "|+----------------------------+---------+------------+|",
    "",
  ]);
});

Deno.test("table: nothing for an empty response; a scalar is a title over a rule", () => {
  assertEquals(formatTable("T", {}), "");
  assertEquals(formatTable("GetThing", "x"), "----------\n|GetThing|\n+--------+\n");
});

Deno.test({
  name: "table: 3,000 random documents print exactly as the AWS CLI prints them",
  ignore: !cliAvailable && !referenceRequired,
  async fn() {
    const next = random(1130);
    const docs = Array.from({ length: 3000 }, () => {
      const v = randomValue(next, 0);
      return v !== null && typeof v === "object" ? v : { v };
    });
    const want = await cliFormat("table", docs);
    const got = docs.map((d) => formatTable("T", d));
    const compared = want.filter((w) => w !== null).length;
    const wrong = docs.filter((_, i) => want[i] !== null && want[i] !== got[i]).length;
    assertEquals(firstDifferences(docs, want, got), [], `${wrong} of ${compared} differ`);
    // Most documents are ones the CLI can lay out (the rest make it raise).
    assertEquals(compared > docs.length / 2, true, `${compared} compared`);
  },
});
