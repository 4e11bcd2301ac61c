/** A summary of the bundled models: counts and source versions, for `aws-api-mcp models`. */
import { loadService, modelIndex, serviceNames } from "./registry.ts";

/** Counts of services, operations, waiters and paginators, plus the model source versions. */
export interface ModelSummary {
  services: number;
  operations: number;
  waiters: number;
  paginators: number;
  servicesWithSdk: number;
  sources: Record<string, string | number>;
}

/** Summarizes the models; paginators are counted from the service files, so this reads all of them. */
export function summarizeModels(): ModelSummary {
  const index = modelIndex();
  let operations = 0, waiters = 0, paginators = 0, servicesWithSdk = 0;
  for (const name of serviceNames()) {
    const entry = index.services[name];
    operations += entry.operations;
    waiters += entry.waiters;
    if (entry.sdk) servicesWithSdk++;
    paginators += Object.values(loadService(name)!.operations).filter((o) => o.paginator).length;
  }
  return {
    services: serviceNames().length,
    operations,
    waiters,
    paginators,
    servicesWithSdk,
    sources: index.sources,
  };
}
