/**
 * Builds `models/suggest.json`: a BM25F index over every CLI command (operations, waiters and the CLI's
 * own commands) with fields for the service, the command name, its documentation summary and its
 * parameters. Per-term document scores are precomputed, so a query only adds numbers up.
 */
import { cliName } from "../../src/models/names.ts";
import { Buffer } from "node:buffer";
import type { DocsModel, ServiceModel } from "../../src/models/types.ts";
import { HIGH_LEVEL_COMMANDS } from "../../src/parse/highlevel.ts";
import { customOptions } from "../../src/parse/custom.ts";
import { s3Options } from "../../src/parse/s3.ts";
import { tokens, waiterSummary } from "../../src/suggest/text.ts";
import { HIGH_LEVEL_DOCS, HIGH_LEVEL_NAME_WORDS } from "../../src/suggest/vocabulary.ts";
import type { ServiceHints } from "./service-hints.ts";

/** Field weights and BM25 parameters. */
const WEIGHTS = { service: 1.5, name: 4, summary: 1, params: 0.3 } as const;
const K1 = 1.2;
const B = 0.75;

type Field = keyof typeof WEIGHTS;

interface Doc {
  service: string;
  command: string;
  kind: "op" | "waiter" | "hl";
  summary: string;
  fields: Record<Field, string[]>;
}

/** The index as written to models/suggest.json. */
export interface SuggestIndexFile {
  format: 3;
  /** [service, command, kind, summary] per document. */
  docs: Array<[string, string, string, string]>;
  /**
   * term → base64 of little-endian uint16 pairs [doc, score×1000, …]: a string parses far faster than a
   * number array, and a query decodes only its few terms.
   */
  postings: Record<string, string>;
  /** Words that name services (scripts/models/service-hints.ts). */
  hints: ServiceHints;
}

function serviceTokens(s: ServiceModel): string[] {
  const m = s.metadata as Record<string, string>;
  return [
    ...new Set([
      ...tokens(s.name),
      ...tokens(m.serviceId ?? ""),
      ...tokens(m.serviceAbbreviation ?? ""),
      s.name.replace(/api$/, ""),
    ]),
  ];
}

/** Collects the documents of one service. */
export function serviceDocs(s: ServiceModel, docs: DocsModel): Doc[] {
  const svc = serviceTokens(s);
  const out: Doc[] = [];
  for (const [api, op] of Object.entries(s.operations)) {
    if (op.hidden) continue;
    const summary = docs.operations[api]?.summary ?? "";
    const input = op.input ? s.shapes[op.input.shape] : undefined;
    out.push({
      service: s.name,
      command: op.cli,
      kind: "op",
      summary: op.deprecated ? `(Deprecated) ${summary}` : summary,
      fields: {
        service: svc,
        name: tokens(api),
        summary: tokens(summary),
        params: Object.keys(input?.members ?? {}).flatMap((k) => tokens(k)),
      },
    });
  }
  for (const [name, w] of Object.entries(s.waiters)) {
    // "table-not-exists": "not" is a stop word, so the name keeps it joined (queries say "notexists").
    const nameWords = name.replace(/\bnot-/g, "not").replaceAll("-", " ");
    const summary = waiterSummary(name, cliName(w.operation));
    out.push({
      service: s.name,
      command: `wait ${name}`,
      kind: "waiter",
      summary,
      fields: {
        service: svc,
        name: [...tokens(nameWords), "wait", "waiter"],
        summary: tokens(summary),
        params: [],
      },
    });
  }
  return out;
}

/** Documents of the CLI's own commands that have a description. */
export function highLevelDocs(serviceTokensOf: (name: string) => string[]): Doc[] {
  const out: Doc[] = [];
  for (const [service, commands] of Object.entries(HIGH_LEVEL_COMMANDS)) {
    for (const command of commands) {
      const summary = HIGH_LEVEL_DOCS[`${service} ${command}`];
      if (!summary) continue;
      out.push({
        service,
        command,
        kind: "hl",
        summary,
        fields: {
          service: serviceTokensOf(service),
          name: [...tokens(command), ...tokens(HIGH_LEVEL_NAME_WORDS[`${service} ${command}`] ?? "")],
          summary: tokens(summary),
          params: ((service === "s3" ? s3Options(command) : customOptions(service, command)) ?? [])
            .flatMap((o) => tokens(o.name)),
        },
      });
    }
  }
  return out;
}

/** Numbers below 65,536 as base64 of little-endian uint16s. */
function packPairs(values: number[]): string {
  const bytes = new Uint8Array(values.length * 2);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0 || v > 0xffff) {
      throw new Error(`posting value ${v} does not fit 16 bits`);
    }
    view.setUint16(2 * i, v, true);
  });
  return Buffer.from(bytes).toString("base64");
}

/** BM25F over the documents: per term, each document's precomputed score. */
export function buildIndex(docs: Doc[], hints: ServiceHints): SuggestIndexFile {
  const fields = Object.keys(WEIGHTS) as Field[];
  const avg = Object.fromEntries(
    fields.map((f) => [f, docs.reduce((n, d) => n + d.fields[f].length, 0) / docs.length || 1]),
  );
  const df = new Map<string, number>();
  const weighted: Array<Map<string, number>> = docs.map((d) => {
    const tf = new Map<string, number>();
    for (const f of fields) {
      const norm = 1 - B + B * (d.fields[f].length / avg[f]);
      for (const t of d.fields[f]) tf.set(t, (tf.get(t) ?? 0) + WEIGHTS[f] / norm);
    }
    for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    return tf;
  });
  const n = docs.length;
  // A Map, not an object: terms such as "constructor" must not meet Object.prototype.
  const postings = new Map<string, number[]>();
  weighted.forEach((tf, i) => {
    for (const [t, w] of tf) {
      const idf = Math.log(1 + (n - df.get(t)! + 0.5) / (df.get(t)! + 0.5));
      if (!postings.has(t)) postings.set(t, []);
      postings.get(t)!.push(i, Math.round(1000 * idf * (w * (K1 + 1)) / (w + K1)));
    }
  });
  const sorted = [...postings].sort(([a], [b]) => a.localeCompare(b)).map(([t, p]) => [t, packPairs(p)]);
  return {
    format: 3,
    docs: docs.map((d) => [d.service, d.command, d.kind, d.summary]),
    postings: Object.fromEntries(sorted),
    hints,
  };
}
