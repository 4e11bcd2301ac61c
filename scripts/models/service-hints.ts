/**
 * Words that name a service, for suggest's service hints: each service's CLI name (whole, without dashes,
 * its first segment as a family name, without a version suffix) and its serviceId and title without the
 * vendor prefix, all squeezed to letters and digits, so "X-Ray", "Step Functions" and "cognito" name
 * xray, stepfunctions and the cognito-* services. A word that also names commands of several other
 * services ("backup", "batch", "connect") is only a weak hint.
 */

/** What one service contributes: its CLI name, serviceId and title. */
export interface ServiceNaming {
  name: string;
  serviceId: string;
  title: string;
}

/** Hint word → services, split into strong and weak hints. */
export interface ServiceHints {
  strong: Record<string, string[]>;
  weak: Record<string, string[]>;
}

const squeeze = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
const VENDOR = /^(aws|amazon)\s*/i;
// Names too short or too ordinary to mean a service when typed: "ds", "pi", "es", "ce" and the like are
// kept only as curated words.
const MIN_LENGTH = 3;

/** The hint words of one service. */
export function hintWords(s: ServiceNaming): string[] {
  const title = s.title.replace(VENDOR, "").replace(/\s*\(.*\)$/, "");
  const words = [
    squeeze(s.name),
    s.name.split("-")[0],
    s.name.replace(/v\d+$|\d+$/, ""),
    s.name.replace(/api$/, ""),
    squeeze(s.serviceId.replace(VENDOR, "")),
    squeeze(title),
    squeeze(title.replace(/\s+service$/i, "")),
  ];
  return [...new Set(words.map(squeeze))].filter((w) => w.length >= MIN_LENGTH);
}

/**
 * The hint table. `commandWords(service)` gives the words of a service's command names; a hint word that
 * appears there for three or more services it does not hint at is weak.
 */
export function buildServiceHints(
  services: ServiceNaming[],
  commandWords: (service: string) => Iterable<string>,
): ServiceHints {
  const byWord = new Map<string, Set<string>>();
  for (const s of services) {
    for (const w of hintWords(s)) byWord.set(w, (byWord.get(w) ?? new Set()).add(s.name));
  }
  const usedBy = new Map<string, Set<string>>();
  for (const s of services) {
    for (const w of commandWords(s.name)) usedBy.set(w, (usedBy.get(w) ?? new Set()).add(s.name));
  }
  const strong: Record<string, string[]> = {};
  const weak: Record<string, string[]> = {};
  for (const [w, names] of [...byWord].sort(([a], [b]) => a.localeCompare(b))) {
    const others = [...(usedBy.get(w) ?? [])].filter((n) => !names.has(n));
    (others.length >= 3 ? weak : strong)[w] = [...names].sort();
  }
  return { strong, weak };
}
