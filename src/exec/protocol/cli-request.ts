/**
 * The request as the AWS CLI (botocore) builds it, where the SDK's differs in ways the service accepts but
 * a reader comparing the two would not: `X-Amz-Target` with the model's prefix (CloudTrail's SDK client
 * spells it short), a path that keeps the model's trailing slash, and list headers joined by a bare comma
 * (the SDK writes ", "). Applied in the build step, before signing.
 */
import type { Operation, ServiceModel } from "../../models/types.ts";

interface BuildCommand {
  middlewareStack: {
    add(
      mw: (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>,
      options: { step: "build"; name: string },
    ): void;
  };
}

interface Request {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  query?: Record<string, string | string[] | null>;
  body?: unknown;
}

/** A query string as botocore writes one (RFC 3986: only `_.-~` and alphanumerics kept). */
function queryString(pairs: Array<[string, string]>): string {
  const escape = (v: string) =>
    encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return pairs.map(([k, v]) => `${escape(k)}=${escape(v)}`).join("&");
}

/** The form type botocore's change_get_to_post gives the body. */
export const FORM_TYPE = "application/x-www-form-urlencoded";

/** Whether botocore turns this operation's GET into a form POST (CloudSearch Domain's Search, whose queries grow long). */
export const getAsPost = (service: ServiceModel, operation: string) =>
  service.metadata.endpointPrefix === "cloudsearchdomain" && operation === "Search";

/** botocore's text for one value of a list header: quoted where it holds a comma or a quote. */
function headerItem(v: unknown): string {
  const text = String(v);
  return /[,"]/.test(text) ? `"${text.replaceAll('"', '\\"')}"` : text;
}

/** The list-valued header members of an input, by header name, joined as botocore joins them. */
export function listHeaders(
  service: ServiceModel,
  op: Operation,
  params: Record<string, unknown>,
): Record<string, string> {
  const input = op.input ? service.shapes[op.input.shape] : undefined;
  const out: Record<string, string> = {};
  for (const [name, ref] of Object.entries(input?.members ?? {})) {
    const v = params[name];
    if (ref.location !== "header" || !Array.isArray(v) || !v.length) continue;
    if (service.shapes[ref.shape].type === "list") {
      out[(ref.locationName ?? name).toLowerCase()] = v.map(headerItem).join(",");
    }
  }
  return out;
}

/** Makes a command's request what botocore would send for the operation and input. */
export function asCliSends(
  command: unknown,
  service: ServiceModel,
  op: Operation,
  operation: string,
  params: Record<string, unknown>,
): void {
  const target = service.metadata.targetPrefix ? `${service.metadata.targetPrefix}.${operation}` : undefined;
  const uri = op.http?.requestUri?.split("?")[0] ?? "";
  const slash = uri.length > 1 && uri.endsWith("/");
  const lists = listHeaders(service, op, params);
  const post = getAsPost(service, operation);
  (command as BuildCommand).middlewareStack.add((next) => (args) => {
    const request = (args as { request?: Request }).request;
    if (post && request?.method === "GET" && request.query && Object.keys(request.query).length) {
      const pairs = Object.entries(request.query).flatMap(([k, v]) =>
        (Array.isArray(v) ? v : [v ?? ""]).map((x) => [k, x] as [string, string])
      );
      request.method = "POST";
      request.body = queryString(pairs);
      request.query = {};
      request.headers = { ...request.headers, "content-type": FORM_TYPE };
    }
    if (request?.headers) {
      for (const key of Object.keys(request.headers)) {
        const lower = key.toLowerCase();
        if (lower === "x-amz-target" && target) request.headers[key] = target;
        if (Object.hasOwn(lists, lower)) request.headers[key] = lists[lower];
      }
    }
    if (slash && request?.path && !request.path.endsWith("/")) request.path += "/";
    return next(args);
  }, { step: "build", name: "awsApiMcpAsCliSends" });
}
