/**
 * Lazy access to the generated models in `models/`. Nothing is read until first asked for; each file is
 * read once and kept. Files are found next to this module, so the same code works from a checkout and
 * from a `deno compile` binary that embeds `models/`.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { brotliDecompressSync } from "node:zlib";
import { appFile } from "../app-root.ts";
import type { DocsModel, ModelIndex, Operation, OutputModel, ServiceModel } from "./types.ts";

/** Whether this build's models are the brotli-compressed ones (learnt from the first file read). */
let compressed = false;

/**
 * One generated JSON file of `models/`, parsed. A release build stores them brotli-compressed
 * (`index.json.br`, see scripts/build.ts) to keep the binary small; the checkout keeps them plain.
 */
export function readModel<T>(relative: string): T {
  const path = fileURLToPath(appFile(`models/${relative}`));
  // Which form this build has is learnt once, so a release build does not try the plain file every time.
  if (!compressed) {
    try {
      return JSON.parse(readFileSync(path, "utf8")) as T;
    } catch (e) {
      if ((e as { code?: string }).code !== "ENOENT") throw e;
    }
  }
  const text = brotliDecompressSync(readFileSync(`${path}.br`)).toString("utf8");
  compressed = true;
  return JSON.parse(text) as T;
}

let index: ModelIndex | undefined;
const services = new Map<string, ServiceModel>();
const outputs = new Map<string, OutputModel>();
const docs = new Map<string, DocsModel>();
const byCliName = new WeakMap<ServiceModel, Map<string, { name: string; operation: Operation }>>();

/** The model index: every service with its counts and the source versions. */
export function modelIndex(): ModelIndex {
  return index ??= readModel<ModelIndex>("index.json");
}

/** The service a CLI name (or one of the CLI's aliases) stands for, or undefined. */
export function resolveServiceName(name: string): string | undefined {
  const { services, aliases } = modelIndex();
  if (Object.hasOwn(services, name)) return name;
  return Object.hasOwn(aliases, name) ? aliases[name] : undefined;
}

/** Whether a service of this CLI name exists. */
export function hasService(name: string): boolean {
  return Object.hasOwn(modelIndex().services, name);
}

/** The CLI names of every service, sorted. */
export function serviceNames(): string[] {
  return Object.keys(modelIndex().services).sort();
}

/** One of a service's model files, read once and cached; undefined for an unknown service. */
function cached<T>(cache: Map<string, T>, folder: string, typed: string): T | undefined {
  const name = resolveServiceName(typed);
  if (name === undefined) return undefined;
  let model = cache.get(name);
  if (!model) {
    model = readModel<T>(`${folder}/${name}.json`);
    cache.set(name, model);
  }
  return model;
}

/** One service's model by its CLI name or alias, or undefined for an unknown service. */
export function loadService(typed: string): ServiceModel | undefined {
  return cached(services, "services", typed);
}

/** The output shapes of a service (for formatting responses). */
export function loadOutputs(name: string): OutputModel | undefined {
  return cached(outputs, "outputs", name);
}

/** The documentation of a service (for help and suggestions). */
export function loadDocs(name: string): DocsModel | undefined {
  return cached(docs, "docs", name);
}

/**
 * An operation looked up by its CLI command name (`list-objects-v2`), with its API name. A virtual
 * command (`rds add-option-to-option-group`) yields its operation with the command's own flag changes.
 */
export function findOperation(
  service: ServiceModel,
  command: string,
): { name: string; operation: Operation } | undefined {
  let map = byCliName.get(service);
  if (!map) {
    map = new Map<string, { name: string; operation: Operation }>();
    for (const [name, op] of Object.entries(service.operations)) {
      if (!op.hidden) map.set(op.cli, { name, operation: op });
    }
    for (const [cli, v] of Object.entries(service.commands ?? {})) {
      const base = service.operations[v.operation];
      const operation: Operation = {
        ...base,
        cli,
        renames: { ...base.renames, ...v.renames },
        replaced: [...(base.replaced ?? []), ...(v.replaced ?? [])],
      };
      delete operation.hidden;
      map.set(cli, { name: v.operation, operation });
    }
    byCliName.set(service, map);
  }
  return map.get(command);
}

/**
 * Every command the AWS CLI offers as `[service, command]` (operations, `wait <waiter>`, the CLI's own
 * commands), from the suggest index. Read afresh on each call: it is needed rarely and is large.
 */
export function commandIndex(): Array<[string, string]> {
  const { docs } = readModel<{ docs: Array<[string, string, string, string]> }>("suggest.json");
  return docs.map(([service, command]) => [service, command]);
}
