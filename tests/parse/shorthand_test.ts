import { deepStrictEqual as assertEquals } from "node:assert";
import { parseShorthand } from "../../src/parse/shorthand.ts";
import { ParseFailure } from "../../src/parse/errors.ts";

// Cases from the AWS CLI's shorthand documentation and its parser's behaviour.
const CASES: Array<[string, unknown]> = [
  ["a=b", { a: "b" }],
  ["a=b,c", { a: ["b", "c"] }],
  ["a=b,c=d", { a: "b", c: "d" }],
  ["Name=instance-type,Values=t2.micro,t3.micro", {
    Name: "instance-type",
    Values: ["t2.micro", "t3.micro"],
  }],
  ["a=b c", { a: "b c" }],
  ["a = b , c = d", { a: "b", c: "d" }],
  ["a=[b,c]", { a: ["b", "c"] }],
  ["a=[]", { a: [] }],
  ["a={b=c,d=e}", { a: { b: "c", d: "e" } }],
  ["a=[{b=c},{b=d}]", { a: [{ b: "c" }, { b: "d" }] }],
  ["a={b=[c,d],e={f=g}}", { a: { b: ["c", "d"], e: { f: "g" } } }],
  ["a='b,c'", { a: "b,c" }],
  ['a="b,c",d=e', { a: "b,c", d: "e" }],
  ["a='it\\'s'", { a: "it's" }],
  ["a=b\\,c", { a: "b,c" }],
  ["a=", { a: "" }],
  ["a=b=c", { a: "b=c" }],
  ["Key=Name,Value=My Server", { Key: "Name", Value: "My Server" }],
  ["a=arn:aws:iam::1:role/x,b=s3://bucket/key", { a: "arn:aws:iam::1:role/x", b: "s3://bucket/key" }],
  ["a=b,c,d=e", { a: ["b", "c"], d: "e" }],
  ["k.x/y:z#w=v", { "k.x/y:z#w": "v" }],
  ["=b", { "": "b" }],
  ["Key=a,,Value=b", { Key: "a", Value: "b" }],
];

Deno.test("shorthand parses as the AWS CLI does", () => {
  for (const [text, value] of CASES) assertEquals(parseShorthand(text, "flag"), value, text);
});

Deno.test("shorthand syntax errors are INVALID_SHORTHAND naming the flag", () => {
  for (const text of ["a", "a=b,", "a=[b", "a={b=c", "a=b,a=c"]) {
    try {
      parseShorthand(text, "tags");
      throw new Error(`accepted: ${text}`);
    } catch (e) {
      if (!(e instanceof ParseFailure)) throw e;
      assertEquals(e.error.code, "INVALID_SHORTHAND", text);
      assertEquals(e.error.message.includes("--tags"), true);
    }
  }
});
