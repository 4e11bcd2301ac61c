/** Reads botocore's service data: the same JSON models the AWS CLI loads. */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { execFileSync } from "node:child_process";

/** One botocore service at its newest API version. */
export interface BotocoreService {
  name: string;
  apiVersion: string;
  service: Record<string, unknown> & {
    metadata: Record<string, unknown>;
    operations: Record<string, Record<string, unknown>>;
    shapes: Record<string, Record<string, unknown>>;
    documentation?: string;
  };
  paginators: Record<string, Record<string, unknown>>;
  waiters: Record<string, Record<string, unknown>>;
  /** The service's endpoint rule set (endpoint-rule-set-1.json), for services run without an SDK client. */
  endpointRules?: Record<string, unknown>;
  /** What botocore's legacy endpoint data (endpoints.json, partition `aws`) says of signing it. */
  legacySigning?: LegacySigning;
}

/**
 * Signing facts of botocore's endpoints.json: the signature versions its endpoint takes (botocore prefers v4
 * among them over a model's legacy v2) and, for a global endpoint, the credential scope it signs for.
 */
export interface LegacySigning {
  signatureVersions?: string[];
  credentialScope?: { region?: string; service?: string };
}

/** The legacy signing facts of an endpoint prefix, from the first data folder's endpoints.json. */
function legacySigning(
  partitions: Array<{ partition: string; services: Record<string, Record<string, unknown>> }>,
  prefix: string,
): LegacySigning | undefined {
  const svc = partitions.find((p) => p.partition === "aws")?.services[prefix];
  if (!svc) return undefined;
  const defaults = (svc.defaults ?? {}) as LegacySigning;
  const global = svc.isRegionalized === false && typeof svc.partitionEndpoint === "string"
    ? ((svc.endpoints as Record<string, LegacySigning>)[svc.partitionEndpoint] ?? {})
    : {};
  const out: LegacySigning = {};
  const versions = global.signatureVersions ?? defaults.signatureVersions;
  if (versions) out.signatureVersions = versions;
  const scope = global.credentialScope ?? defaults.credentialScope;
  if (scope) out.credentialScope = scope;
  return Object.keys(out).length ? out : undefined;
}

/** Where the AWS CLI v2 from Debian's `awscli` package keeps the models it ships with. */
export const CLI_V2_DATA = "/usr/lib/python3/dist-packages/awscli/botocore/data";

/**
 * The data folders the AWS CLI v2 reads, in its search order: current botocore data (`$BOTOCORE_DATA`,
 * else the one the default python3 imports), then the CLI's own bundled models, which still hold
 * services that current botocore has dropped but the CLI accepts.
 */
export function locateBotocore(): { dataDirs: string[]; versions: Record<string, string> } {
  const script =
    "import botocore, os; print(botocore.__version__); print(os.path.dirname(botocore.__file__))";
  const [version, dir] = execFileSync("python3", ["-c", script], { encoding: "utf8" }).trim().split("\n");
  const current = Deno.env.get("BOTOCORE_DATA") ?? join(dir, "data");
  if (!existsSync(CLI_V2_DATA)) {
    throw new Error(`${CLI_V2_DATA} is missing: apt-get install -y awscli (AWS CLI v2) and run again`);
  }
  const cliVersion = execFileSync("/usr/bin/python3", ["-c", "import awscli; print(awscli.__version__)"], {
    encoding: "utf8",
  }).trim();
  return { dataDirs: [current, CLI_V2_DATA], versions: { botocore: version, "awscli-v2": cliVersion } };
}

function readJson(path: string): Record<string, unknown> | undefined {
  if (existsSync(path)) return JSON.parse(readFileSync(path, "utf8"));
  if (existsSync(`${path}.gz`)) return JSON.parse(gunzipSync(readFileSync(`${path}.gz`)).toString("utf8"));
  return undefined;
}

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

/**
 * Loads every service of the data folders, sorted by name. Like botocore's loader, a service takes its
 * lexically greatest API version across all folders, read from the first folder that has it.
 */
export function loadBotocore(dataDirs: string[]): BotocoreService[] {
  const out: BotocoreService[] = [];
  const endpoints = dataDirs.map((d) => readJson(join(d, "endpoints.json"))).find((e) => e) as
    | { partitions: Parameters<typeof legacySigning>[0] }
    | undefined;
  const names = new Set(dataDirs.flatMap((d) => readdirSync(d).filter((n) => isDir(join(d, n)))));
  for (const name of [...names].sort()) {
    const found = dataDirs.flatMap((d) =>
      isDir(join(d, name))
        ? readdirSync(join(d, name)).filter((v) =>
          existsSync(join(d, name, v, "service-2.json")) ||
          existsSync(join(d, name, v, "service-2.json.gz"))
        ).map((v) => ({ dir: join(d, name, v), v }))
        : []
    );
    const apiVersion = found.map((f) => f.v).sort().at(-1);
    if (!apiVersion) continue;
    const dir = found.find((f) => f.v === apiVersion)!.dir;
    const service = readJson(join(dir, "service-2.json"))!;
    const pag = readJson(join(dir, "paginators-1.json"));
    const wait = readJson(join(dir, "waiters-2.json"));
    const rules = readJson(join(dir, "endpoint-rule-set-1.json"));
    const legacy = endpoints &&
      legacySigning(
        endpoints.partitions,
        String((service.metadata as Record<string, unknown>).endpointPrefix),
      );
    out.push({
      ...(rules ? { endpointRules: rules } : {}),
      ...(legacy ? { legacySigning: legacy } : {}),
      name,
      apiVersion,
      service: service as BotocoreService["service"],
      paginators: (pag?.pagination ?? {}) as BotocoreService["paginators"],
      waiters: (wait?.waiters ?? {}) as BotocoreService["waiters"],
    });
  }
  return out;
}
