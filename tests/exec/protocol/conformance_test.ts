/**
 * AWS's own protocol test suites (../shared/conformance/protocols, as botocore ships them) run through the
 * model-driven protocols: every input case (model + params → the exact request) and output case (model +
 * response → the parsed result or error). Reports passed / failed / skipped per protocol, each skip with its
 * reason; the protocols implemented so far must pass every case they do not skip.
 */
import { deepStrictEqual as assertEquals } from "node:assert";
import { Buffer } from "node:buffer";
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import {
  type ModelMetadata,
  type ModelOperation,
  type ModelRequest,
  type ModelShape,
  parseJsonResponse,
  serializeJsonRequest,
} from "../../../src/exec/protocol/model-json.ts";
import { parseRestResponse, serializeRestRequest } from "../../../src/exec/protocol/model-rest.ts";
import { parseQueryResponse, serializeQueryRequest } from "../../../src/exec/protocol/model-query.ts";
import { parseXml } from "../../../src/exec/protocol/xml.ts";

const ROOT = new URL("../../../../shared/conformance/protocols/", import.meta.url);

interface Suite {
  description: string;
  metadata: ModelMetadata & { protocol: string };
  shapes: Record<string, ModelShape>;
  cases: Array<Record<string, unknown> & { id: string; given: ModelOperation }>;
}

/** The JSON protocol's suites; the others wait for their model-driven protocols. */
const IMPLEMENTED = ["json", "json_1_0", "rest-json", "query", "ec2", "rest-xml"];
const TOKEN = "00000000-0000-4000-8000-000000000000";

function load(kind: "input" | "output", protocol: string): Suite[] {
  const file = new URL(`${kind}/${protocol}.json`, ROOT);
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : [];
}

/** Why a case is not run here, or undefined to run it. */
function skipReason(suite: Suite, c: Record<string, unknown>): string | undefined {
  const serialized = c.serialized as { host?: string; body?: string } | undefined;
  if (serialized?.host?.includes("/")) {
    return "an endpoint with a path is the endpoint's concern, not the protocol's";
  }
  // An XML payload member named as itself: botocore (so the AWS CLI, which we match) names the payload's
  // element by the member's locationName; these Smithy-derived cases expect the target shape's name instead.
  const given = c.given as { input?: { shape: string } };
  const input = given.input
    ? suite.shapes[given.input.shape] as unknown as Record<string, unknown>
    : undefined;
  const payload = input?.payload as string | undefined;
  const member = payload ? (input!.members as Record<string, { locationName?: string }>)[payload] : undefined;
  const root = serialized?.body?.match(/^\s*<([\w:]+)/)?.[1];
  if (payload && member?.locationName === payload && root !== undefined && root !== payload) {
    return "the payload element: the AWS CLI names it by the member's locationName (here the member's own name), the case by its shape";
  }
  return undefined;
}

/** A parsed value in the suites' terms: bytes as text, non-finite floats as their names. */
function comparable(v: unknown): unknown {
  if (v instanceof Uint8Array) return Buffer.from(v).toString("utf8");
  if (typeof v === "number" && !Number.isFinite(v)) {
    return Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
  }
  if (Array.isArray(v)) return v.map(comparable);
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, comparable(x)]));
  }
  return v;
}

/** A URI's path and its query pairs, sorted (the order of query parameters carries no meaning). */
function uriParts(uri: string): [string, string[]] {
  const [path, query] = uri.split("?");
  return [path, query ? query.split("&").sort() : []];
}

/** An XML document as a comparable tree. */
function xmlTree(t: string): unknown {
  const walk = (n: ReturnType<typeof parseXml>): unknown => ({
    name: n.name,
    attributes: n.attributes,
    text: n.children.length ? "" : n.text,
    children: n.children.map(walk),
  });
  return walk(parseXml(t));
}

/** A body text as JSON where it is JSON. */
function json(t: string): unknown {
  try {
    return JSON.parse(t);
  } catch {
    return t;
  }
}

function runInput(suite: Suite, c: Suite["cases"][number]): void {
  const params = structuredClone(c.params ?? {}) as Record<string, unknown>;
  const protocol = suite.metadata.protocol;
  const r: ModelRequest = protocol === "rest-json" || protocol === "rest-xml"
    ? serializeRestRequest(
      c.given,
      suite.shapes,
      params,
      () => TOKEN,
      protocol === "rest-xml" ? "xml" : "json",
    )
    : protocol === "query" || protocol === "ec2"
    ? serializeQueryRequest(suite.metadata, c.given, suite.shapes as never, params, () => TOKEN)
    : serializeJsonRequest(suite.metadata, c.given, suite.shapes, params, () => TOKEN);
  const want = c.serialized as {
    method: string;
    uri: string;
    headers?: Record<string, string>;
    body?: string;
    host?: string;
  };
  assertEquals([r.method, ...uriParts(r.uri)], [want.method, ...uriParts(want.uri)]);
  // Header names compare without case, as HTTP compares them.
  const got = (k: string) =>
    Object.entries(r.headers).find(([h]) => h.toLowerCase() === k.toLowerCase())?.[1];
  for (const [k, v] of Object.entries(want.headers ?? {})) assertEquals(got(k), v, k);
  for (const k of (c.serialized as { requireHeaders?: string[] }).requireHeaders ?? []) {
    assertEquals(got(k) !== undefined, true, k);
  }
  // A compressed body is compared as what it compresses.
  if (typeof r.body !== "string") {
    if (protocol === "query" || protocol === "ec2") {
      const form = gunzipSync(r.body).toString("utf8");
      assertEquals(form.startsWith(`Action=${c.given.name}&`), true, form.slice(0, 80));
      return;
    }
    if (protocol === "rest-xml") {
      assertEquals(gunzipSync(r.body).toString("utf8").startsWith("<"), true);
      return;
    }
    // The body members (those bound nowhere else) are what was compressed.
    const input = suite.shapes[c.given.input!.shape].members ?? {};
    const bodyParams = Object.fromEntries(
      Object.entries(params).filter(([k]) => !(input[k] as { location?: string } | undefined)?.location),
    );
    assertEquals(JSON.parse(gunzipSync(r.body).toString("utf8")), bodyParams);
  } else if (want.body !== undefined) {
    if (protocol === "query" || protocol === "ec2") {
      // A form: the same pairs, in any order.
      const pairs = (t: string) => t.split("&").filter(Boolean).sort();
      assertEquals(pairs(r.body), pairs(want.body));
    } else if (protocol === "rest-xml" && want.body.trim().startsWith("<")) {
      // XML: the same elements, attributes and text, whatever the whitespace between elements.
      assertEquals(xmlTree(r.body), xmlTree(want.body));
    } else assertEquals(want.body.trim() ? json(r.body) : r.body, want.body.trim() ? json(want.body) : "");
  }
  if (want.host !== undefined) assertEquals(`${r.hostPrefix ?? ""}example.com`, want.host);
}

function runOutput(suite: Suite, c: Suite["cases"][number]): void {
  const response = c.response as { status_code: number; headers: Record<string, string>; body: string };
  const read = suite.metadata.protocol === "rest-json"
    ? parseRestResponse
    : suite.metadata.protocol === "rest-xml"
    ? (op: ModelOperation, shapes: Record<string, ModelShape>, r: Parameters<typeof parseJsonResponse>[2]) =>
      parseRestResponse(op, shapes, r, "xml")
    : ["query", "ec2"].includes(suite.metadata.protocol)
    ? (op: ModelOperation, shapes: Record<string, ModelShape>, r: Parameters<typeof parseJsonResponse>[2]) =>
      parseQueryResponse(suite.metadata, op, shapes as never, r)
    : parseJsonResponse;
  const parsed = read(
    c.given as ModelOperation & { errors?: Array<{ shape: string }> },
    suite.shapes,
    {
      status: response.status_code,
      headers: response.headers ?? {},
      body: response.body ?? "",
    },
  );
  if ("errorCode" in c) {
    if (!("error" in parsed)) throw new Error(`expected error ${String(c.errorCode)}`);
    assertEquals(parsed.error.code, c.errorCode);
    if (c.errorMessage !== undefined) assertEquals(parsed.error.message, c.errorMessage);
    const members = comparable(parsed.error.members) as Record<string, unknown>;
    // The suites list the error's modelled members, its message among them when the shape has one.
    for (const [k, v] of Object.entries((c.error ?? {}) as Record<string, unknown>)) {
      assertEquals(members[k], v, k);
    }
    return;
  }
  if (!("output" in parsed)) throw new Error(`unexpected error ${JSON.stringify(parsed.error)}`);
  assertEquals(comparable(parsed.output), c.result);
}

for (const kind of ["input", "output"] as const) {
  for (
    const protocol of [
      "json",
      "json_1_0",
      "json_1_0-query-compatible",
      "query",
      "ec2",
      "rest-json",
      "rest-xml",
    ]
  ) {
    Deno.test(`protocol conformance: ${protocol} ${kind}`, () => {
      const suites = load(kind, protocol);
      let passed = 0, skipped = 0;
      const failed: string[] = [], reasons = new Map<string, number>();
      for (const suite of suites) {
        for (const c of suite.cases) {
          const reason = IMPLEMENTED.some((p) => protocol.startsWith(p))
            ? skipReason(suite, c)
            : "no model-driven protocol for it yet (its services run through their SDK clients)";
          if (reason) {
            skipped++;
            reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
            continue;
          }
          try {
            (kind === "input" ? runInput : runOutput)(suite, c);
            passed++;
          } catch (e) {
            failed.push(`${c.id}: ${(e as Error).message.split("\n").slice(0, 6).join(" ")}`);
          }
        }
      }
      console.log(`${protocol} ${kind}: ${passed} passed, ${failed.length} failed, ${skipped} skipped`);
      for (const [r, n] of reasons) console.log(`  skipped ${n}: ${r}`);
      for (const f of failed.slice(0, 15)) console.log(`  failed ${f}`);
      if (IMPLEMENTED.some((p) => protocol.startsWith(p))) assertEquals(failed, []);
    });
  }
}
