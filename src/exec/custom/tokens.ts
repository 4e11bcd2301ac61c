/**
 * The AWS CLI's token and password commands, computed as the CLI computes them:
 * - `ecr get-login-password`, `ecr-public get-login-password`: GetAuthorizationToken, the password half of
 *   the decoded `AWS:password`;
 * - `eks get-token --cluster-name C [--role-arn R]`: an STS GetCallerIdentity URL presigned for 60 seconds
 *   with the cluster in the signed `x-k8s-aws-id` header, as `k8s-aws-v1.` + unpadded base64url, inside the
 *   ExecCredential kubectl reads (expiring in 14 minutes);
 * - `rds generate-db-auth-token`: a `connect` URL for the database presigned for 15 minutes for `rds-db`,
 *   without its scheme — made from the credentials alone, nothing sent.
 * The policy treats each as handing out a credential (models/credentials.ts).
 */
import { Buffer } from "node:buffer";
import { SignatureV4 } from "@smithy/signature-v4";
import type { ParsedCommand } from "../../parse/types.ts";
import { ExecFailure, fromSdkError } from "../errors.ts";
import type { LoadedClient } from "../sdk.ts";

/** The service whose client a token command uses, or undefined for a command not run here. */
export function tokenClientService(service: string, command: string): string | undefined {
  switch (`${service} ${command}`) {
    case "ecr get-login-password":
      return "ecr";
    case "ecr-public get-login-password":
      return "ecr-public";
    case "eks get-token":
      return "sts";
    case "rds generate-db-auth-token":
      return "rds";
  }
  return undefined;
}

/** What the SDK client's resolved configuration offers for signing by hand. */
interface SigningConfig {
  credentials: () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }>;
  region: () => Promise<string>;
  sha256: ConstructorParameters<typeof SignatureV4>[0]["sha256"];
}

const configOf = (loaded: LoadedClient) => (loaded.client as unknown as { config: SigningConfig }).config;

/** RFC 3986 escaping, as SigV4 query strings use it. */
const escape = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

interface Presignable {
  hostname: string;
  port?: number;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
}

/** A GET request presigned with the client's credentials; the URL with its query, signature last. */
async function presign(
  loaded: LoadedClient,
  request: Presignable,
  service: string,
  region: string,
  expiresIn: number,
): Promise<string> {
  const config = configOf(loaded);
  const signer = new SignatureV4({ credentials: config.credentials, region, service, sha256: config.sha256 });
  const signed = await signer.presign(
    { method: "GET", protocol: "https:", ...request, headers: { host: hostOf(request), ...request.headers } },
    { expiresIn },
  );
  const { "X-Amz-Signature": signature, ...rest } = signed.query as Record<string, string>;
  const query = [...Object.entries(rest), ["X-Amz-Signature", signature]]
    .map(([k, v]) => `${escape(k)}=${escape(v)}`).join("&");
  return `https://${hostOf(request)}${request.path}?${query}`;
}

const hostOf = (r: Presignable) => (r.port === undefined ? r.hostname : `${r.hostname}:${r.port}`);

/** `eks get-token`: the ExecCredential kubectl reads, as one line of JSON. */
async function eksToken(
  cmd: ParsedCommand,
  loaded: LoadedClient,
  region: string,
  now: Date,
): Promise<string> {
  const options = cmd.highLevel!.options;
  const cluster = options["cluster-name"] as string;
  let signing = loaded;
  if (typeof options["role-arn"] === "string") {
    // As the CLI does: the token is for the role, assumed first with the caller's credentials.
    const assumed = await loaded.client.send(
      new (loaded.command("AssumeRole")!)({
        RoleArn: options["role-arn"],
        RoleSessionName: "EKSGetTokenAuth",
      }),
    );
    const c = assumed.Credentials as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string };
    const credentials = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
    };
    signing = {
      ...loaded,
      client: {
        ...loaded.client,
        config: { ...configOf(loaded), credentials: () => Promise.resolve(credentials) },
      },
    } as unknown as LoadedClient;
  }
  const url = await presign(
    signing,
    {
      hostname: `sts.${region}.amazonaws.com`,
      path: "/",
      query: { Action: "GetCallerIdentity", Version: "2011-06-15" },
      headers: { "x-k8s-aws-id": cluster },
    },
    "sts",
    region,
    60,
  );
  const token = `k8s-aws-v1.${Buffer.from(url).toString("base64url")}`;
  // STS honours the URL for 15 minutes; clients are told 14 so that they renew in time.
  const expires = new Date(now.getTime() + 14 * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  const q = JSON.stringify;
  // One line, spaced as Python's json.dumps spaces it.
  return `{"kind": "ExecCredential", "apiVersion": "client.authentication.k8s.io/v1beta1", "spec": {}, ` +
    `"status": {"expirationTimestamp": ${q(expires)}, "token": ${q(token)}}}\n`;
}

/** Runs a token command; its printed line. */
export async function runTokenCommand(
  cmd: ParsedCommand,
  loaded: LoadedClient,
  region: string,
  signal?: AbortSignal,
  now = new Date(),
): Promise<{ text: string }> {
  const send = (op: string, input: Record<string, unknown>) =>
    loaded.client.send(new (loaded.command(op)!)(input), { abortSignal: signal });
  try {
    switch (`${cmd.service} ${cmd.command}`) {
      case "ecr get-login-password": {
        const out = await send("GetAuthorizationToken", {});
        const data = (out.authorizationData as Array<{ authorizationToken?: string }> | undefined)?.[0];
        return { text: `${passwordOf(data?.authorizationToken)}\n` };
      }
      case "ecr-public get-login-password": {
        const out = await send("GetAuthorizationToken", {});
        const data = out.authorizationData as { authorizationToken?: string } | undefined;
        return { text: `${passwordOf(data?.authorizationToken)}\n` };
      }
      case "eks get-token":
        return { text: await eksToken(cmd, loaded, region, now) };
      case "rds generate-db-auth-token": {
        const { DBHostname, Port, DBUsername } = cmd.params as {
          DBHostname: string;
          Port: number;
          DBUsername: string;
        };
        const url = await presign(
          loaded,
          {
            hostname: DBHostname,
            port: Port,
            path: "/",
            query: { Action: "connect", DBUser: DBUsername },
            headers: {},
          },
          "rds-db",
          region,
          900,
        );
        return { text: `${url.slice("https://".length)}\n` };
      }
    }
  } catch (e) {
    throw e instanceof ExecFailure ? e : new ExecFailure(fromSdkError(e, cmd.operation));
  }
  throw new ExecFailure({
    code: "UNSUPPORTED_COMMAND",
    message: `aws ${cmd.service} ${cmd.command} is not a token command.`,
  });
}

/** The password of a registry token: base64 of `AWS:password`. */
function passwordOf(token: string | undefined): string {
  const decoded = Buffer.from(token ?? "", "base64").toString("utf8");
  const at = decoded.indexOf(":");
  if (at < 0) {
    throw new ExecFailure({
      code: "SERVICE_ERROR",
      message: "The registry answered without an authorization token of the form user:password.",
    });
  }
  return decoded.slice(at + 1);
}
