/**
 * SDK clients: loaded lazily through the generated registry of literal imports, configured as the AWS
 * CLI would be (region, profile, endpoint, timeouts, TLS, signing), and cached per configuration.
 */
import { Agent } from "node:https";
import { readFileSync } from "node:fs";
// @ts-types="../../models/sdk-clients.d.ts"
import { SDK_CLIENTS } from "../../models/sdk-clients.js";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { ServiceModel } from "../models/types.ts";

/** How one client is configured; equal settings share a client. */
export interface ClientSettings {
  region: string;
  profile?: string;
  endpoint?: string;
  signRequest: boolean;
  verifySsl: boolean;
  caBundle?: string;
  readTimeoutSeconds?: number;
  connectTimeoutSeconds?: number;
  userAgent?: string;
}

/** The minimal client surface used here. */
export interface SdkClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<Record<string, unknown>>;
}

/** A loaded client and the constructor of each command. */
export interface LoadedClient {
  client: SdkClient;
  command(operation: string): (new (input: unknown) => unknown) | undefined;
}

const clients = new Map<string, LoadedClient>();
const SILENT = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** Whether this build bundles an SDK client for the service. */
export function hasSdk(service: ServiceModel): boolean {
  return service.sdk !== null && Object.hasOwn(SDK_CLIENTS, service.sdk.package);
}

/** The client for a service under these settings, created on first use. */
export async function loadClient(service: ServiceModel, settings: ClientSettings): Promise<LoadedClient> {
  const sdk = service.sdk!;
  const key = JSON.stringify([sdk.package, settings]);
  const cached = clients.get(key);
  if (cached) return cached;
  const mod = await SDK_CLIENTS[sdk.package]();
  const Client = mod[sdk.client] as new (config: Record<string, unknown>) => SdkClient;
  const client = new Client(clientConfig(settings));
  const loaded: LoadedClient = {
    client,
    command: (op) => mod[`${op}Command`] as (new (input: unknown) => unknown) | undefined,
  };
  clients.set(key, loaded);
  return loaded;
}

function clientConfig(s: ClientSettings): Record<string, unknown> {
  const agentOptions: Record<string, unknown> = { keepAlive: true };
  if (!s.verifySsl) agentOptions.rejectUnauthorized = false;
  if (s.caBundle) agentOptions.ca = readFileSync(s.caBundle);
  const config: Record<string, unknown> = {
    region: s.region,
    requestHandler: new NodeHttpHandler({
      // The CLI's defaults: 60 s to connect, 60 s between bytes; 0 means no limit.
      connectionTimeout: (s.connectTimeoutSeconds ?? 60) * 1000 || undefined,
      requestTimeout: (s.readTimeoutSeconds ?? 60) * 1000 || undefined,
      httpsAgent: new Agent(agentOptions),
    }),
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
