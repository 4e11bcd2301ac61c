/** Scans the installed `@aws-sdk/client-*` packages: which services and commands the SDK can execute. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** One installed SDK client package. */
export interface SdkPackage {
  package: string;
  version: string;
  client: string;
  serviceId: string;
  /** Operation names that have a `<Op>Command` class. */
  commands: Set<string>;
}

const SERVICE_ID = /serviceId:\s*config\??\.serviceId\s*\?\?\s*"([^"]+)"/;

/** Reads every `@aws-sdk/client-*` dependency of the project's package.json from node_modules. */
export function scanSdkClients(root: string): { clients: SdkPackage[]; skipped: string[] } {
  const pkgJson = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const names = Object.keys(pkgJson.dependencies ?? {}).filter((n) => n.startsWith("@aws-sdk/client-"))
    .sort();
  const clients: SdkPackage[] = [];
  const skipped: string[] = [];
  for (const name of names) {
    const dir = join(root, "node_modules", name);
    const es = join(dir, "dist-es");
    const shared = join(es, "runtimeConfig.shared.js");
    const id = existsSync(shared) ? SERVICE_ID.exec(readFileSync(shared, "utf8")) : null;
    const clientFile = existsSync(es)
      ? readdirSync(es).find((f) => /^[A-Za-z0-9]+Client\.js$/.test(f))
      : undefined;
    if (!id || !clientFile || !existsSync(join(es, "commands"))) {
      skipped.push(name);
      continue;
    }
    const commands = new Set(
      readdirSync(join(es, "commands"))
        .filter((f) => f.endsWith("Command.js"))
        .map((f) => f.slice(0, -"Command.js".length)),
    );
    const version = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version as string;
    clients.push({ package: name, version, client: clientFile.slice(0, -3), serviceId: id[1], commands });
  }
  return { clients, skipped };
}
