/**
 * suggest_aws_commands: natural language → the five likeliest AWS CLI commands, each with a description,
 * a confidence, its parameters (required first) and a ready-to-edit example. Offline, from the models.
 */
import { cliName } from "../models/names.ts";
import { builtinDenial } from "../policy/denylist.ts";
import { findOperation, loadDocs, loadService } from "../models/registry.ts";
import type { ServiceModel, Shape } from "../models/types.ts";
import { takesOutfile } from "../parse/argtable.ts";
import type { OptionSpec } from "../parse/argparse.ts";
import { customOptions } from "../parse/custom.ts";
import { s3Options } from "../parse/s3.ts";
import { rank, type Ranked } from "./rank.ts";
import { tokens, waiterSummary } from "./text.ts";
import { HIGH_LEVEL_DOCS, HIGH_LEVEL_EXAMPLES } from "./vocabulary.ts";

/** Longest query used; longer ones are cut with a note. */
export const MAX_QUERY = 500;

/** One parameter of a suggested command. */
export interface SuggestedParameter {
  flag: string;
  type: string;
  required: boolean;
  enum?: string[];
  description?: string;
}

/** One suggested command. */
export interface Suggestion {
  command: string;
  description: string;
  confidence: number;
  requiredParameters: SuggestedParameter[];
  otherParameters: SuggestedParameter[];
  example: string;
  matchedWords: string[];
  /** Said of a command this server never runs (the built-in denylist): why, and what to use instead. */
  notRunnable?: string;
}

/** The answer: suggestions, or an error for a query that means nothing. */
export type SuggestResult =
  | { ok: true; query: string; suggestions: Suggestion[]; note?: string }
  | { ok: false; error: { code: "EMPTY_QUERY" | "NO_MATCH"; message: string; hint: string } };

function typeName(shape: Shape, s: ServiceModel): string {
  if (shape.type === "list") return `list of ${typeName(s.shapes[shape.member!.shape], s)}`;
  if (shape.type === "map") return `map of ${typeName(s.shapes[shape.value!.shape], s)}`;
  if (shape.type === "structure" && shape.document) return "document";
  return shape.type;
}

function placeholder(flag: string, shape: Shape, s: ServiceModel): string {
  if (shape.enum?.length) return shape.enum[0];
  switch (shape.type) {
    case "integer":
    case "long":
      return String(Math.max(shape.min ?? 1, 1));
    case "float":
    case "double":
      return "1.0";
    case "timestamp":
      return "2025-01-01T00:00:00Z";
    case "list": {
      const m = s.shapes[shape.member!.shape];
      return ["structure", "list", "map"].includes(m.type)
        ? `'${JSON.stringify([structureExample(m, s)])}'`
        : placeholder(flag, m, s);
    }
    case "structure":
    case "map":
      return `'${JSON.stringify(structureExample(shape, s))}'`;
    case "blob":
      return "fileb://PATH";
    default: {
      // An upper-case name, shaped like an ARN where one is expected, long enough for the model's minimum.
      const name = flag.toUpperCase().replaceAll("-", "_");
      const text = /ARN$/.test(name) ? `arn:aws:service:us-east-1:123456789012:${name.toLowerCase()}` : name;
      return text.padEnd(shape.min ?? 0, "X");
    }
  }
}

/** A host-label member's placeholder with dashes, which a host name allows, instead of underscores. */
function hostSafe(text: string, ref: { hostLabel?: boolean }): string {
  return ref.hostLabel ? text.replaceAll("_", "-") : text;
}

function structureExample(shape: Shape, s: ServiceModel, depth = 0, name = "value"): unknown {
  if (!["structure", "list", "map"].includes(shape.type)) {
    if (shape.enum?.length) return shape.enum[0];
    switch (shape.type) {
      case "integer":
      case "long":
        return Math.max(shape.min ?? 1, 1);
      case "float":
      case "double":
        return 1;
      case "boolean":
        return true;
      case "blob": // base64 inside JSON, as --cli-binary-format base64 reads it
        return btoa(name.toUpperCase()).padEnd(shape.min ?? 0, "A");
      default:
        return placeholder(cliName(name), shape, s);
    }
  }
  if (depth > 4) return shape.type === "list" ? [] : {};
  if (shape.type === "map") {
    return { KEY: structureExample(s.shapes[shape.value!.shape], s, depth + 1, name) };
  }
  if (shape.type === "list") return [structureExample(s.shapes[shape.member!.shape], s, depth + 1, name)];
  // A union takes exactly one member; a structure its required ones (or its first, as a hint).
  const req = shape.required?.length && !shape.union
    ? shape.required
    : Object.keys(shape.members ?? {}).slice(0, 1);
  return Object.fromEntries(
    req.map((m) => [m, structureExample(s.shapes[shape.members![m].shape], s, depth + 1, m)]),
  );
}

type Detail = Omit<Suggestion, "confidence" | "matchedWords">;

function described(
  command: string,
  description: string,
  params: SuggestedParameter[],
  example: string,
): Detail {
  return {
    command,
    description,
    requiredParameters: params.filter((p) => p.required),
    otherParameters: params.filter((p) => !p.required),
    example,
  };
}

/** One of the CLI's own commands: its options as the parser knows them, an example from the table. */
function highLevelDetail(r: Ranked, base: string): Detail {
  const options: ReadonlyArray<OptionSpec & { choices?: readonly string[] }> =
    (r.service === "s3" ? s3Options(r.command) : customOptions(r.service, r.command)) ?? [];
  const params = options.map((o): SuggestedParameter => {
    const boolean = o.kind === "true" || o.kind === "false";
    const p: SuggestedParameter = {
      flag: `--${o.name}`,
      type: boolean ? "boolean" : o.kind === "many" ? "list of string" : "string",
      required: o.required === true,
    };
    if (o.choices) p.enum = [...o.choices];
    return p;
  });
  const placeholders = params.filter((p) => p.required).map((p) =>
    `${p.flag} ${p.flag.slice(2).toUpperCase().replaceAll("-", "_")}`
  );
  const example = HIGH_LEVEL_EXAMPLES[`${r.service} ${r.command}`] ?? [base, ...placeholders].join(" ");
  return described(base, r.summary, params, example);
}

function detail(r: Ranked): Detail {
  const base = `aws ${r.service} ${r.command}`;
  const service = r.kind === "hl" ? undefined : loadService(r.service);
  if (!service) return highLevelDetail(r, base);
  const opName = r.kind === "waiter"
    ? service.waiters[r.command.slice(5)].operation
    : findOperation(service, r.command)!.name;
  const op = service.operations[opName];
  const input = op.input ? service.shapes[op.input.shape] : undefined;
  const memberDocs = op.input ? loadDocs(service.name)?.members[op.input.shape] ?? {} : {};
  const required = new Set(input?.required ?? []);
  const replaced = new Set(op.replaced ?? []);
  const members = Object.entries(input?.members ?? {}).filter(([m]) => !replaced.has(cliName(m)));
  const params: SuggestedParameter[] = members.map(([m, ref]) => {
    const shape = service.shapes[ref.shape];
    const p: SuggestedParameter = {
      flag: `--${op.renames?.[cliName(m)] ?? cliName(m)}`,
      type: typeName(shape, service),
      required: required.has(m) && !ref.idempotencyToken,
    };
    if (shape.enum) p.enum = shape.enum;
    if (memberDocs[m]) p.description = memberDocs[m];
    return p;
  });
  const example = [
    base,
    ...members.flatMap(([, ref], i) => {
      const p = params[i];
      const shape = service.shapes[ref.shape];
      if (!p.required) return [];
      return [
        shape.type === "boolean"
          ? p.flag
          : `${p.flag} ${hostSafe(placeholder(p.flag.slice(2), shape, service), ref)}`,
      ];
    }),
    ...(takesOutfile(service, op) && r.kind === "op" ? ["OUTFILE"] : []),
  ].join(" ");
  return described(base, r.summary, params, example);
}

/**
 * A command's description, parameters (types, allowed values, docs) and example, as a suggestion gives
 * them; undefined for a command the models do not have. `command` is as typed: `describe-instances`,
 * `wait instance-running`, or one of the CLI's own commands.
 */
export function describeCommand(serviceName: string, command: string): Detail | undefined {
  const hl = HIGH_LEVEL_DOCS[`${serviceName} ${command}`];
  if (hl !== undefined) {
    return detail({ service: serviceName, command, kind: "hl", summary: hl, score: 0, matched: [] });
  }
  const service = loadService(serviceName);
  if (!service) return undefined;
  if (command.startsWith("wait ")) {
    const waiter = service.waiters[command.slice(5)];
    if (!waiter || !Object.hasOwn(service.waiters, command.slice(5))) return undefined;
    const summary = waiterSummary(command.slice(5), cliName(waiter.operation));
    return detail({ service: serviceName, command, kind: "waiter", summary, score: 0, matched: [] });
  }
  const found = findOperation(service, command);
  if (!found) return undefined;
  const doc = loadDocs(service.name)?.operations[found.name];
  return detail({
    service: serviceName,
    command,
    kind: "op",
    summary: doc?.text || doc?.summary || "",
    score: 0,
    matched: [],
  });
}

/** Suggests commands for a natural-language request. */
export function suggest(query: string): SuggestResult {
  const trimmed = query.trim();
  if (!trimmed) {
    return {
      ok: false,
      error: {
        code: "EMPTY_QUERY",
        message: "The query is empty.",
        hint: "Describe the task, e.g. 'list S3 buckets'.",
      },
    };
  }
  const note = trimmed.length > MAX_QUERY
    ? `The query was cut to its first ${MAX_QUERY} characters.`
    : undefined;
  const q = trimmed.slice(0, MAX_QUERY);
  const ranked = tokens(q).length ? rank(q) : [];
  if (!ranked.length) {
    return {
      ok: false,
      error: {
        code: "NO_MATCH",
        message: `No AWS CLI command matches '${q.slice(0, 80)}'.`,
        hint: "Name the service or the resource and what to do with it, e.g. 'delete an SQS queue'.",
      },
    };
  }
  const top = ranked[0].score;
  // Confidence: relative to the best match, scaled by how strong the best match is.
  const strength = 1 - Math.exp(-top / 8);
  const suggestions = ranked.map((r) => {
    const s: Suggestion = {
      ...detail(r),
      confidence: Math.round(100 * strength * (r.score / top)) / 100,
      matchedWords: r.matched,
    };
    // Still the right answer to know of, even though it is not run here: say why and what to use.
    const denial = builtinDenial(r.service, r.command);
    if (denial) s.notRunnable = `This server never runs it: ${denial.reason}. ${denial.instead}`;
    return s;
  });
  return note ? { ok: true, query: q, suggestions, note } : { ok: true, query: q, suggestions };
}
