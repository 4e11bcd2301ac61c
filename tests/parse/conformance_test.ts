/** Conformance with the AWS CLI on the judged example corpus: verdict, operation and params. */
import { ok } from "node:assert";
import { CORPUS, printReport, readJudged, runConformance } from "../../scripts/conformance.ts";

Deno.test("parser agrees with the AWS CLI: verdict ≥ 98 %, operation ≥ 99 %, params ≥ 97 %", () => {
  const r = runConformance(readJudged(CORPUS));
  const rate = (a: number, b: number) => a / b;
  console.log(
    `verdict ${r.verdictAgree}/${r.total}, operation ${r.operationAgree}/${r.cliOk}, params ${r.paramsAgree}/${r.cliOk}`,
  );
  if (rate(r.verdictAgree, r.total) < 0.98) printReport(r);
  ok(r.total > 2400, `only ${r.total} records`);
  ok(rate(r.verdictAgree, r.total) >= 0.98, `verdict ${r.verdictAgree}/${r.total}`);
  ok(rate(r.operationAgree, r.cliOk) >= 0.99, `operation ${r.operationAgree}/${r.cliOk}`);
  ok(rate(r.paramsAgree, r.cliOk) >= 0.97, `params ${r.paramsAgree}/${r.cliOk}`);
});

for (
  const [name, file] of [["commands generated from the models", "generated-judged.jsonl"], [
    "the CLI's customized arguments",
    "customizations-judged.jsonl",
  ]]
) {
  Deno.test(`parser agrees with the AWS CLI on ${name} (tests/fixtures/${file})`, () => {
    // Judged by ../shared/tools/awscli-judge: commands made by scripts/gen-commands.ts (other services,
    // operations and value syntaxes than the example corpus) and hand-written ones for the CLI's own
    // arguments, to check that the parser generalizes.
    const r = runConformance(readJudged(new URL(`../fixtures/${file}`, import.meta.url)));
    console.log(
      `verdict ${r.verdictAgree}/${r.total}, operation ${r.operationAgree}/${r.cliOk}, params ${r.paramsAgree}/${r.cliOk}`,
    );
    if (r.verdictAgree < r.total) printReport(r);
    ok(
      r.verdictAgree / r.total >= 0.98 && r.operationAgree / r.cliOk >= 0.99 &&
        r.paramsAgree / r.cliOk >= 0.97,
    );
  });
}
