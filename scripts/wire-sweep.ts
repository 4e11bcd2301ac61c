/**
 * A wide differential sweep of the requests call_aws sends: commands generated from the models
 * (scripts/gen-commands.ts) go through the AWS CLI v2 and through call_aws to one local endpoint that
 * answers every request with an empty success; every disagreement is printed by class.
 * `deno run -A scripts/wire-sweep.ts [count] [seed] [model|each|nosdk]`: with `model`, only the services no
 * bundled SDK client runs (made from the model instead); with `each`, `count` commands for every one of those
 * services; with `nosdk`, only the operations a bundled client lacks (made from the model, sent through it).
 * Needs Debian's awscli.
 */
import { generate } from "./gen-commands.ts";
import { rng } from "./fuzz.ts";
import { loadService, serviceNames } from "../src/models/registry.ts";
import type { Operation } from "../src/models/types.ts";
import { hasSdk } from "../src/exec/sdk.ts";
import { modelDriven } from "../src/exec/protocol/model-protocol.ts";
import { type RecordedRequest, startRecorder } from "./local-servers.ts";
import { cliAvailable, makeComparer } from "./wire-compare.ts";

/** JSON with object keys sorted, so that member order does not count; ids and SigV2 times left out. */
function canonical(value: unknown): string {
  return JSON.stringify(
    value,
    (_k, v) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
        : v,
  ).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "<uuid>")
    // Signature version 2 signs the second into the form: the time and the signature may differ.
    .replace(/"(Timestamp|Signature)=[^"]*"/g, '"$1=…"');
}

/** An empty success in the request's own protocol. */
function emptySuccess(req: RecordedRequest) {
  const target = req.headers["x-amz-target"];
  if (target) {
    return {
      headers: { "content-type": req.headers["content-type"] ?? "application/x-amz-json-1.1" },
      body: "{}",
    };
  }
  const action = new URLSearchParams(req.body).get("Action");
  if (action) {
    return {
      headers: { "content-type": "text/xml" },
      body: `<${action}Response><${action}Result></${action}Result></${action}Response>`,
    };
  }
  return { headers: { "content-type": "application/json" }, body: "{}" };
}

if (import.meta.main) {
  if (!cliAvailable) {
    console.error("Debian's awscli is needed: apt-get install -y awscli");
    Deno.exit(2);
  }
  const count = Number(Deno.args[0] ?? 200), r = rng(Number(Deno.args[1] ?? 1));
  const names: string[] = [];
  const each = Deno.args[2] === "each";
  const modelOnly = Deno.args[2] === "model" || each;
  const noSdk = Deno.args[2] === "nosdk";
  const only = noSdk ? (op: Operation) => op.noSdk === true : undefined;
  for (const name of serviceNames()) {
    const service = loadService(name)!;
    const runs = modelOnly
      ? !(await hasSdk(service)) && modelDriven(service, "", false)
      : noSdk
      ? await hasSdk(service) && Object.values(service.operations).some((o) => o.noSdk)
      : await hasSdk(service);
    if (runs) names.push(name);
  }
  const rec = await startRecorder(emptySuccess);
  const compare = await makeComparer(rec.endpoint, rec.requests);
  const classes = new Map<string, string[]>();
  const add = (cls: string, line: string) => classes.set(cls, [...(classes.get(cls) ?? []), line]);
  let same = 0;
  // `each`: the services in turn, `count` commands apiece (a few tries for a service that yields none).
  const plan = each ? names.flatMap((n) => Array(count).fill(n) as string[]) : undefined;
  const total = plan?.length ?? count;
  for (let n = 0, tries = 0; n < total;) {
    const command = generate(r, plan ? [plan[n]] : names, only);
    if ((!command || / out\.bin$/.test(command)) && ++tries < 20) continue;
    tries = 0;
    n++;
    if (!command || / out\.bin$/.test(command)) continue;
    const { cli, ours } = await compare(command);
    const [a, b] = [canonical(cli.requests), canonical(ours.requests)];
    if (cli.requests.length && !ours.requests.length) {
      add(
        `CLI sends, we refuse (${ours.result.error?.code})`,
        `${command}\n    ${ours.result.error?.message}`,
      );
    } else if (!cli.requests.length && ours.requests.length) {
      add("we send, CLI refuses", `${command}\n    ${cli.stderr.split("\n").at(-1)}`);
    } else if (a !== b) add("requests differ", `${command}\n    CLI ${a}\n    we  ${b}`);
    else same++;
  }
  await rec.stop();
  console.log(
    `commands: ${total}${each ? ` (${count} for each of ${names.length} services)` : ""}, agreeing: ${same}`,
  );
  for (const [cls, lines] of classes) {
    console.log(`\n## ${cls} (${lines.length})`);
    for (const l of lines) console.log(`  ${l}`);
  }
  Deno.exit(0);
}
