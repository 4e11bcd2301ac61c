/**
 * SDK clients: loaded lazily through the generated registry of literal imports, configured as the AWS
 * CLI would be (region, profile, endpoint, timeouts, TLS, signing), and cached per configuration.
 */
import { Agent } from "node:https";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { AwsQueryProtocol } from "@aws-sdk/core/protocols";
import { capResponses } from "./protocol/capped-handler.ts";
import { cliProtocol } from "./protocol/model-protocol.ts";
import { appFile } from "../app-root.ts";
import type { ServiceModel } from "../models/types.ts";

/** How one client is configured; equal settings share a client. */
export interface ClientSettings {
  region: string;
  profile?: string;
  endpoint?: string;
  signRequest: boolean;
  verifySsl: boolean;
  /** The PEM text of the `--ca-bundle` file (read through the file policy). */
  caBundle?: string;
  readTimeoutSeconds?: number;
  connectTimeoutSeconds?: number;
  userAgent?: string;
  /** The most bytes one response body may have (AWS_API_MCP_MAX_RESPONSE_BYTES); Infinity for none. */
  maxResponseBytes?: number;
}

/** 100 MB: what one response may hold unless the user says otherwise. */
export const DEFAULT_MAX_RESPONSE_BYTES = 100 * 1024 * 1024;

/** The minimal client surface used here. */
export interface SdkClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<Record<string, unknown>>;
}

/** A loaded client and the constructor of each command. */
export interface LoadedClient {
  client: SdkClient;
  command(operation: string): (new (input: unknown) => unknown) | undefined;
  /** Every command class the client's package exports. */
  commands(): unknown[];
}

const clients = new Map<string, LoadedClient>();
const SILENT = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** SDK client packages by name, each a loader of its module (models/sdk-clients.js). */
type Registry = Readonly<Record<string, () => Promise<Record<string, unknown>>>>;

// A computed specifier, so that `deno run` analyses the 370 client packages on the first call rather than
// at start-up (~28 ms); `deno compile` embeds the registry and its clients through --include.
let registry: Promise<Registry> | undefined;

function sdkClients(): Promise<Registry> {
  return registry ??= import(appFile("models/sdk-clients.js").href).then((m: { SDK_CLIENTS: Registry }) =>
    m.SDK_CLIENTS
  );
}

/** Whether this build bundles an SDK client for the service. */
export async function hasSdk(service: ServiceModel): Promise<boolean> {
  return service.sdk !== null && Object.hasOwn(await sdkClients(), service.sdk.package);
}

/** The client for a service under these settings, created on first use. */
export async function loadClient(service: ServiceModel, settings: ClientSettings): Promise<LoadedClient> {
  const sdk = service.sdk!;
  const key = JSON.stringify([sdk.package, settings]);
  const cached = clients.get(key);
  if (cached) return cached;
  const mod = await (await sdkClients())[sdk.package]();
  const Client = mod[sdk.client] as new (config: Record<string, unknown>) => SdkClient;
  const config = clientConfig(settings);
  // The AWS CLI speaks query to services whose newest protocols it lacks (CloudWatch: CBOR, JSON, query),
  // where the SDK chooses JSON; the service takes both, and we send what the CLI sends.
  if (cliProtocol(service.metadata) === "query" && service.metadata.protocol !== "query") {
    config.protocol = AwsQueryProtocol;
  }
  const client = new Client(config);
  const loaded: LoadedClient = {
    client,
    command: (op) => mod[`${op}Command`] as (new (input: unknown) => unknown) | undefined,
    commands: () =>
      Object.entries(mod).filter(([k, v]) => k.endsWith("Command") && typeof v === "function").map(([, v]) =>
        v
      ),
  };
  clients.set(key, loaded);
  return loaded;
}

export { cliProtocol } from "./protocol/model-protocol.ts";

/** The HTTP handler a client uses: the CLI's timeouts, TLS settings and the response-size cap. */
export function requestHandlerFor(s: ClientSettings): NodeHttpHandler {
  const agentOptions: Record<string, unknown> = { keepAlive: true };
  if (!s.verifySsl) agentOptions.rejectUnauthorized = false;
  if (s.caBundle) agentOptions.ca = s.caBundle;
  return capResponses(
    new NodeHttpHandler({
      // The CLI's defaults: 60 s to connect, 60 s of silence while sending or receiving; 0 means no limit.
      // (requestTimeout would only warn; the socket's idle timeout is what fails a silent endpoint.)
      connectionTimeout: (s.connectTimeoutSeconds ?? 60) * 1000 || undefined,
      socketTimeout: (s.readTimeoutSeconds ?? 60) * 1000 || undefined,
      httpsAgent: new Agent(agentOptions),
    }),
    s.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
  );
}

function clientConfig(s: ClientSettings): Record<string, unknown> {
  const config: Record<string, unknown> = {
    region: s.region,
    requestHandler: requestHandlerFor(s),
    // SDK warnings would otherwise go to the console; the protocol owns stdout.
    logger: SILENT,
    // Like the AWS CLI: checksums only where an operation requires them.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  };
  if (s.profile) config.profile = s.profile;
  if (s.endpoint) config.endpoint = s.endpoint;
  if (s.userAgent) config.customUserAgent = s.userAgent;
  if (!s.signRequest) {
    config.credentials = { accessKeyId: "", secretAccessKey: "" };
    config.signer = { sign: (request: unknown) => Promise.resolve(request) };
  }
  return config;
}
