/**
 * Where requests may go. A command's `--endpoint-url` (or an endpoint variable) would otherwise send the
 * signed request — access key ID, session token, body — anywhere: to the instance metadata service, to
 * another private network, to an attacker. Allowed by default: loopback (`127.0.0.0/8`, `::1`,
 * `localhost`) and AWS service hosts (`*.amazonaws.com`, `*.amazonaws.com.cn`, `*.api.aws`);
 * `AWS_API_MCP_ALLOWED_ENDPOINTS` adds others. Link-local and metadata addresses are refused always.
 * Decided on the parsed URL (which already turns decimal, hex and octal IPv4 forms into dotted quads).
 */
import { globMatch } from "./glob.ts";

/** A refused endpoint and why. */
export interface EndpointDenied {
  code: "ENDPOINT_DENIED";
  message: string;
  hint: string;
}

const AWS_SUFFIXES = [".amazonaws.com", ".amazonaws.com.cn", ".api.aws"];

/** An IPv4 address as four numbers, or undefined when the host is not a dotted quad. */
function ipv4(host: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : undefined;
}

/** An IPv6 address as eight 16-bit groups, or undefined when the host is not one. */
function ipv6(host: string): number[] | undefined {
  if (!host.includes(":")) return undefined;
  let text = host;
  // A trailing dotted quad (`::ffff:1.2.3.4`) is two groups.
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad) {
    const v4 = ipv4(quad[1]);
    if (!v4) return undefined;
    text = `${text.slice(0, -quad[1].length)}${((v4[0] << 8) | v4[1]).toString(16)}:${
      ((v4[2] << 8) | v4[3]).toString(16)
    }`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  if (fill < 0 || (halves.length === 1 && head.length !== 8)) return undefined;
  const all = [...head, ...Array(fill).fill("0"), ...tail];
  if (all.length !== 8 || all.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  return all.map((g) => parseInt(g, 16));
}

/** The IPv4 address an IPv6 one carries (mapped `::ffff:0:0/96`, compatible `::/96`, NAT64 `64:ff9b::/96`). */
function embeddedV4(g: number[]): number[] | undefined {
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  const mapped = zeros(5) && g[5] === 0xffff;
  const compatible = zeros(6) && (g[6] !== 0 || g[7] > 1);
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  if (!mapped && !compatible && !nat64) return undefined;
  return [g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff];
}

type HostClass = "loopback" | "link-local" | "other";

function classifyV4(a: number[]): HostClass {
  if (a[0] === 127) return "loopback";
  if (a[0] === 169 && a[1] === 254) return "link-local";
  return "other";
}

/** Loopback, link-local (the metadata services live there) or anything else. */
function classify(host: string): HostClass {
  if (host === "localhost") return "loopback";
  const v4 = ipv4(host);
  if (v4) return classifyV4(v4);
  const v6 = ipv6(host);
  if (!v6) return "other";
  const inner = embeddedV4(v6);
  if (inner) return classifyV4(inner);
  if (v6.slice(0, 7).every((x) => x === 0) && v6[7] === 1) return "loopback";
  // fe80::/10 link-local; fd00:ec2::/32 the EC2 metadata service's IPv6 home.
  if ((v6[0] & 0xffc0) === 0xfe80 || (v6[0] === 0xfd00 && v6[1] === 0x0ec2)) return "link-local";
  return "other";
}

/** A host as compared: lower case, IPv6 without brackets, no trailing dot. */
const bare = (host: string) => host.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");

/** Whether a host name or address (IPv6 with or without brackets) is loopback, in any spelling. */
export function isLoopbackHost(host: string): boolean {
  return classify(bare(host)) === "loopback";
}

function denied(url: string, why: string, hint: string): EndpointDenied {
  const shown = JSON.stringify(url.length > 200 ? `${url.slice(0, 200)}…` : url);
  return { code: "ENDPOINT_DENIED", message: `The endpoint ${shown} is refused: ${why}.`, hint };
}

const LIST_HINT =
  "Endpoints allowed by default are loopback (127.0.0.1, ::1, localhost) and AWS service hosts (*.amazonaws.com, *.amazonaws.com.cn, *.api.aws); the user can allow others with AWS_API_MCP_ALLOWED_ENDPOINTS (comma-separated hosts or host:port, * as wildcard).";

/** Parses AWS_API_MCP_ALLOWED_ENDPOINTS: comma-separated hosts or host:port patterns, lower case. */
export function parseAllowedEndpoints(value: string | undefined): string[] {
  return (value ?? "").split(",").map((s) => s.trim().toLowerCase()).filter((s) => s !== "");
}

/** Whether requests may be sent to this endpoint URL; the refusal says why and what the user can do. */
export function checkEndpoint(url: string, allowed: readonly string[]): EndpointDenied | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return denied(url, "it is not a valid URL", "Write the endpoint as https://<host>[:port].");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    return denied(url, `the scheme ${parsed.protocol} is not http or https`, "Write https://<host>[:port].");
  }
  if (parsed.username || parsed.password) {
    return denied(url, "it carries a user name or password", "Remove the credentials from the URL.");
  }
  const host = bare(parsed.hostname);
  const kind = classify(host);
  if (kind === "link-local") {
    return denied(
      url,
      "it is a link-local address, where instance and container metadata services hand out credentials",
      "Use the service's own endpoint (omit --endpoint-url). Link-local addresses are never allowed.",
    );
  }
  if (kind === "loopback" || AWS_SUFFIXES.some((s) => host.endsWith(s))) return undefined;
  const port = parsed.port || (parsed.protocol === "https:" ? "443" : "80");
  const shownHost = host.includes(":") ? `[${host}]` : host;
  if (allowed.some((p) => globMatch(p, host) || globMatch(p, `${shownHost}:${port}`))) return undefined;
  return denied(url, `${host} is neither loopback, an AWS service host, nor listed as allowed`, LIST_HINT);
}
