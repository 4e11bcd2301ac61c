/**
 * A wide differential sweep of call_aws's output: commands generated from the models go through the AWS
 * CLI v2 and through call_aws to one local endpoint that answers with a response generated from the
 * operation's botocore output shape (every member filled: timestamps, blobs, floats, maps, header-bound
 * members) in the service's protocol (JSON 1.0/1.1, REST-JSON, query, EC2, REST-XML). The printed JSON
 * must be identical; disagreements are printed.
 * `deno run -A scripts/output-sweep.ts [count] [seed] [protocols] [formats] [model]` (formats: json,yaml,text,…,
 * taken in turn; `model`: only the services made from the model). Needs Debian's awscli.
 */
import { generate } from "./gen-commands.ts";
import { rng } from "./fuzz.ts";
import { loadService, serviceNames } from "../src/models/registry.ts";
import { hasSdk } from "../src/exec/sdk.ts";
import { modelDriven } from "../src/exec/protocol/model-protocol.ts";
import { parseCommand } from "../src/parse/command.ts";
import { diskFiles } from "../src/parse/files.ts";
import { type BotocoreService, loadBotocore, locateBotocore } from "./models/botocore.ts";
import { startRecorder } from "./local-servers.ts";
import { cliAvailable, makeComparer } from "./wire-compare.ts";

type Json = Record<string, unknown>;
type Shapes = BotocoreService["service"]["shapes"];

interface Canned {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A value for a shape in a JSON body; `iso` where the protocol or member says ISO 8601. */
function jsonValue(shapes: Shapes, name: string, depth: number, member: Json = {}): unknown {
  const s = shapes[name];
  switch (s.type) {
    case "structure": {
      if (depth > 3 || s.document) return s.document ? { doc: [1, "a"] } : {};
      const out: Json = {};
      for (const [m, ref] of Object.entries(s.members as Record<string, Json>)) {
        if (ref.location || ref.eventstream || shapes[ref.shape as string].eventstream) continue;
        out[(ref.locationName as string) ?? m] = jsonValue(shapes, ref.shape as string, depth + 1, ref);
        if (s.union) break;
      }
      return out;
    }
    case "list":
      return depth > 3
        ? []
        : [0, 1].map(() =>
          jsonValue(shapes, (s.member as Json).shape as string, depth + 1, s.member as Json)
        );
    case "map":
      return depth > 3 ? {} : { k1: jsonValue(shapes, (s.value as Json).shape as string, depth + 1) };
    case "string":
      return (s.enum as string[] | undefined)?.[0] ?? `v-${name.slice(0, 8)}`;
    case "integer":
    case "long":
      return 42;
    case "float":
    case "double":
      return 1.25;
    case "boolean":
      return true;
    case "timestamp":
      return (member.timestampFormat ?? s.timestampFormat) === "iso8601"
        ? "2024-03-05T06:07:08.123Z"
        : 1709618828.5;
    case "blob":
      return btoa("hello");
    default:
      return null;
  }
}

const esc = (t: string) => t.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** A shape as XML children of an element named `tag` (query, ec2 and REST-XML responses). */
function xmlValue(shapes: Shapes, name: string, tag: string, depth: number, ref: Json = {}): string {
  const s = shapes[name];
  const el = (inner: string) => `<${tag}>${inner}</${tag}>`;
  switch (s.type) {
    case "structure": {
      if (depth > 3) return el("");
      let inner = "";
      for (const [m, r] of Object.entries(s.members as Record<string, Json>)) {
        if (r.location || r.xmlAttribute) continue;
        inner += xmlValue(shapes, r.shape as string, (r.locationName as string) ?? m, depth + 1, r);
        if (s.union) break;
      }
      return el(inner);
    }
    case "list": {
      const member = s.member as Json;
      const items = depth > 3 ? [] : [0, 1];
      if (s.flattened || ref.flattened) {
        const itemTag = (member.locationName as string) ?? tag;
        return items.map(() => xmlValue(shapes, member.shape as string, itemTag, depth + 1, member)).join("");
      }
      const itemTag = (member.locationName as string) ?? "member";
      return el(
        items.map(() => xmlValue(shapes, member.shape as string, itemTag, depth + 1, member)).join(""),
      );
    }
    case "map": {
      const [k, v] = [s.key as Json, s.value as Json];
      const entry = `<${(k.locationName as string) ?? "key"}>k1</${(k.locationName as string) ?? "key"}>` +
        xmlValue(shapes, v.shape as string, (v.locationName as string) ?? "value", depth + 1, v);
      return s.flattened || ref.flattened ? el(entry) : el(`<entry>${entry}</entry>`);
    }
    case "timestamp":
      return el("2024-03-05T06:07:08.123Z");
    case "blob":
      return el(btoa("hello"));
    default: {
      const v = jsonValue(shapes, name, depth, ref);
      return el(esc(String(v)));
    }
  }
}

/** The canned response for an operation, or undefined where the sweep cannot make one. */
function respondFor(b: BotocoreService, operation: string, skip: Set<string>): Canned | undefined {
  const { protocol, jsonVersion, xmlNamespace } = b.service.metadata as Record<string, string>;
  const op = b.service.operations[operation];
  const out = op.output as Json | undefined;
  const shapes = b.service.shapes;
  const xml = ["query", "ec2", "rest-xml"].includes(protocol);
  const type = protocol === "json"
    ? `application/x-amz-json-${jsonVersion ?? "1.0"}`
    : xml
    ? "text/xml"
    : "application/json";
  const headers: Record<string, string> = { "content-type": type };
  const ns = xmlNamespace ? ` xmlns="${xmlNamespace}"` : "";
  const wrap = (inner: string) =>
    protocol === "query"
      ? `<${operation}Response${ns}>${
        out?.resultWrapper ? `<${out.resultWrapper}>${inner}</${out.resultWrapper}>` : inner
      }<ResponseMetadata><RequestId>rid-1</RequestId></ResponseMetadata></${operation}Response>`
      : protocol === "ec2"
      ? `<${operation}Response${ns}><requestId>rid-1</requestId>${inner}</${operation}Response>`
      : `<${operation}Result${ns}>${inner}</${operation}Result>`;
  if (!out) return { status: 200, headers, body: xml ? wrap("") : "{}" };
  const shape = shapes[out.shape as string];
  let status = (op.http as Json | undefined)?.responseCode as number ?? 200;
  const body: Json = {};
  let xmlBody = "";
  for (const [m, ref] of Object.entries(shape.members as Record<string, Json>)) {
    if (skip.has(m)) continue;
    const target = shapes[ref.shape as string];
    if (target.eventstream || target.streaming) return undefined;
    if (ref.location === "header") {
      const v = jsonValue(shapes, ref.shape as string, 0, ref);
      headers[(ref.locationName as string).toLowerCase()] = target.type === "timestamp"
        ? new Date(1709618828000).toUTCString()
        : typeof v === "object"
        ? btoa(JSON.stringify(v))
        : String(v);
    } else if (ref.location === "headers") {
      headers[`${(ref.locationName as string).toLowerCase()}k1`] = "hv";
    } else if (ref.location === "statusCode") {
      status = 200;
    } else if (shape.payload === m) {
      if (target.type !== "structure") return undefined;
      const body = xml
        ? xmlValue(shapes, ref.shape as string, (ref.locationName as string) ?? m, 0, ref)
        : JSON.stringify(jsonValue(shapes, ref.shape as string, 0, ref));
      return { status, headers, body };
    } else if (xml) {
      xmlBody += xmlValue(shapes, ref.shape as string, (ref.locationName as string) ?? m, 0, ref);
    } else body[(ref.locationName as string) ?? m] = jsonValue(shapes, ref.shape as string, 0, ref);
  }
  return { status, headers, body: xml ? wrap(xmlBody) : JSON.stringify(body) };
}

if (import.meta.main) {
  if (!cliAvailable) {
    console.error("Debian's awscli is needed: apt-get install -y awscli");
    Deno.exit(2);
  }
  const count = Number(Deno.args[0] ?? 100), r = rng(Number(Deno.args[1] ?? 1));
  const protocols = (Deno.args[2] ?? "json,rest-json,query,ec2,rest-xml").split(",");
  const formats = (Deno.args[3] ?? "json").split(",");
  const botocore = new Map(loadBotocore(locateBotocore().dataDirs).map((b) => [b.name, b]));
  const names: string[] = [];
  for (const name of serviceNames()) {
    const s = loadService(name)!;
    const proto = botocore.get(s.botocore)?.service.metadata.protocol;
    const runs = Deno.args[4] === "model" ? !(await hasSdk(s)) && modelDriven(s, "", false) : await hasSdk(s);
    if (protocols.includes(proto as string) && runs) names.push(name);
  }
  let canned: Canned = { status: 200, headers: {}, body: "{}" };
  const rec = await startRecorder(() => canned);
  const compare = await makeComparer(rec.endpoint, rec.requests);
  const files = diskFiles(Deno.cwd());
  const problems: string[] = [];
  let compared = 0;
  while (compared < count) {
    const generated = generate(r, names);
    if (!generated || / out\.bin$|--output |--query/.test(generated)) continue;
    const format = formats[compared % formats.length];
    const command = format === "json" ? generated : `${generated} --output ${format}`;
    const parsed = parseCommand(command, { files });
    if (!parsed.ok || parsed.value.kind === "help") continue;
    const cmd = parsed.value;
    const service = loadService(cmd.service)!;
    const b = botocore.get(service.botocore);
    const op = service.operations[cmd.operation];
    if (!b || !op) continue;
    const paginator = op.paginator;
    const skip = new Set(
      [paginator?.output_token, paginator?.more_results].flat().filter((x): x is string => !!x),
    );
    const response = respondFor(b, cmd.operation, skip);
    if (!response) continue;
    canned = response;
    const { cli, ours } = await compare(command);
    if (cli.code !== 0) continue; // the CLI refused or failed: nothing to compare
    compared++;
    const text = ours.result.text ?? JSON.stringify(ours.result.error);
    if (text !== cli.stdout) {
      const [a, b] = [cli.stdout.split("\n"), text.split("\n")];
      const at = a.findIndex((line, i) => line !== b[i]);
      const show = (lines: string[]) => lines.slice(Math.max(0, at - 2), at + 3).join("\n      ");
      problems.push(`${command}\n    CLI line ${at + 1}:\n      ${show(a)}\n    we:\n      ${show(b)}`);
    }
  }
  await rec.stop();
  console.log(`compared: ${compared}, identical: ${compared - problems.length}`);
  for (const p of problems) console.log(`  ${p}`);
  Deno.exit(0);
}
