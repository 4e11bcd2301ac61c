/**
 * Differential tests against the AWS CLI v2: both send each command to a local recording endpoint, which
 * answers with canned responses. The requests must agree (method, path, query, body, X-Amz-Target, bound
 * headers; signature, date and user-agent aside) and so must the output, character for character.
 */
import { deepStrictEqual as assertEquals } from "node:assert";
import { cliAvailable, makeComparer, referenceRequired } from "../../scripts/wire-compare.ts";
import { startRecorder } from "../../scripts/local-servers.ts";
import { WIRE_CASES } from "./wire_cases.ts";

Deno.test({
  name: `requests and outputs equal the AWS CLI's for ${WIRE_CASES.length} commands across every protocol`,
  ignore: !cliAvailable && !referenceRequired,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    let current = WIRE_CASES[0];
    const rec = await startRecorder((r) => current.respond(r));
    const problems: string[] = [];
    try {
      const compare = await makeComparer(rec.endpoint, rec.requests);
      for (const c of WIRE_CASES) {
        current = c;
        const { cli, ours } = await compare(c.command);
        try {
          assertEquals(ours.requests, cli.requests);
        } catch {
          problems.push(
            `${c.command}\n  request CLI ${JSON.stringify(cli.requests)}\n  request we  ${
              JSON.stringify(ours.requests)
            }`,
          );
        }
        const { result } = ours;
        if (cli.code === 0) {
          if (result.status !== "success" || (result.text ?? "") !== cli.stdout) {
            problems.push(
              `${c.command}\n  output CLI ${JSON.stringify(cli.stdout)}\n  output we  ${
                JSON.stringify(result.text ?? result.error)
              }`,
            );
          }
        } else if (result.status !== "error" || !cli.stderr.endsWith(result.error!.message)) {
          problems.push(
            `${c.command}\n  error CLI ${JSON.stringify(cli.stderr)}\n  error we  ${
              JSON.stringify(result.error ?? result.text)
            }`,
          );
        }
      }
    } finally {
      await rec.stop();
    }
    console.log(`${WIRE_CASES.length} commands, ${problems.length} differences`);
    for (const p of problems) console.log(p);
    assertEquals(problems, []);
  },
});
