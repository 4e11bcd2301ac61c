/**
 * Arguments the AWS CLI adds to particular API commands (its "customizations"): `ec2 run-instances
 * --count`, `ec2 authorize-security-group-ingress --protocol --port --cidr`, `lambda create-function
 * --zip-file`, `ses send-email --to --subject`, … Each adds options, makes some members optional, and
 * writes into the request the way the CLI does.
 */
import type { ArgValue, OptionSpec } from "./argparse.ts";
import { fail } from "./errors.ts";
import { isRecord } from "./shorthand.ts";
import type { FileUse } from "./types.ts";

/** What an extra argument may use while adding its value. */
export interface ExtraContext {
  /** Loads `file://`/`fileb://` values like any flag's. */
  load(value: string, flag: string): string | Uint8Array;
  /** Parses a structure value (shorthand or JSON) against a member's shape of the operation's input. */
  structure(value: string, flag: string, shapePath: string[]): unknown;
  files: FileUse[];
  /** A unique string like the CLI's (`cli-<time>-<n>`), for caller references. */
  unique(): string;
  /** Whether a local file exists. */
  isFile(path: string): boolean;
}

/** One added argument: its option and how its value lands in the params. */
export interface ExtraArg {
  spec: OptionSpec;
  apply(params: Record<string, unknown>, value: ArgValue, ctx: ExtraContext): void;
}

/** The CLI's additions to one command. */
export interface OperationExtras {
  args: ExtraArg[];
  /** Input members the CLI no longer requires on the command line. */
  optional?: string[];
  /** Options that may not be combined with the added ones: [existing flag, added flags]. */
  exclusive?: Array<[string, string[]]>;
  /** The CLI's parameter fix-ups after all arguments are in. */
  fix?(params: Record<string, unknown>): void;
}

const rec = (params: Record<string, unknown>, key: string): Record<string, unknown> => {
  if (!isRecord(params[key])) params[key] = {};
  return params[key] as Record<string, unknown>;
};
const first = (params: Record<string, unknown>, key: string): Record<string, unknown> => {
  if (!Array.isArray(params[key]) || !(params[key] as unknown[]).length) params[key] = [{}];
  return (params[key] as Record<string, unknown>[])[0];
};
const bad = (message: string): never => fail("INVALID_VALUE", message);

function pyIntOr(text: string, message: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(text)) bad(message);
  return Number(text);
}

function splitPairs(value: string, flag: string): Array<[string, string]> {
  return value.split(",").filter((p) => p !== "").map((pair) => {
    const eq = pair.indexOf("=");
    if (eq < 0 || pair.indexOf("=", eq + 1) >= 0) {
      bad(`--${flag} takes Name=Value pairs separated by commas, not '${pair}'.`);
    }
    return [pair.slice(0, eq), pair.slice(eq + 1)];
  });
}

// --- ec2 run-instances ---------------------------------------------------------------------------------

function networkInterface(params: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(params.NetworkInterfaces)) params.NetworkInterfaces = [{ DeviceIndex: 0 }];
  return (params.NetworkInterfaces as Record<string, unknown>[])[0];
}

const runInstances: OperationExtras = {
  args: [
    {
      spec: { name: "count", kind: "one" },
      apply(params, value) {
        const [min, max = min] = String(value).split(":");
        const msg = "count parameter should be of form min[:max] (e.g. 1 or 1:10)";
        if (String(value).split(":").length > 2) bad(msg);
        params.MinCount = pyIntOr(min, msg);
        params.MaxCount = pyIntOr(max, msg);
      },
    },
    {
      spec: { name: "secondary-private-ip-addresses", kind: "many" },
      apply(params, value) {
        const list = value as string[];
        if (!list.length) return;
        const ni = networkInterface(params);
        ni.PrivateIpAddresses ??= list.map((v) => ({ PrivateIpAddress: v, Primary: false }));
      },
    },
    {
      spec: { name: "secondary-private-ip-address-count", kind: "one" },
      apply(params, value) {
        const n = pyIntOr(
          String(value),
          `argument --secondary-private-ip-address-count: invalid int value: '${value}'`,
        );
        if (n) networkInterface(params).SecondaryPrivateIpAddressCount = n;
      },
    },
    {
      spec: { name: "associate-public-ip-address", kind: "true", dest: "x:associate-public-ip" },
      apply(params, value) {
        networkInterface(params).AssociatePublicIpAddress = value;
      },
    },
    {
      spec: { name: "no-associate-public-ip-address", kind: "false", dest: "x:associate-public-ip" },
      apply() {},
    },
  ],
  exclusive: [["network-interfaces", [
    "secondary-private-ip-addresses",
    "secondary-private-ip-address-count",
    "associate-public-ip-address",
    "no-associate-public-ip-address",
  ]]],
  fix(params) {
    params.MaxCount ??= 1;
    params.MinCount ??= 1;
    const ni = Array.isArray(params.NetworkInterfaces)
      ? params.NetworkInterfaces[0] as Record<string, unknown>
      : undefined;
    if (
      !ni ||
      !["PrivateIpAddresses", "SecondaryPrivateIpAddressCount", "AssociatePublicIpAddress"].some((k) =>
        k in ni
      )
    ) return;
    const move = (from: string, to: string, wrap?: (v: unknown) => unknown) => {
      if (from in params) {
        ni[to] = wrap ? wrap(params[from]) : params[from];
        delete params[from];
      }
    };
    move("SubnetId", "SubnetId");
    move("SecurityGroupIds", "Groups");
    move("PrivateIpAddress", "PrivateIpAddresses", (v) => [{ PrivateIpAddress: v, Primary: true }]);
    move("Ipv6AddressCount", "Ipv6AddressCount");
    move("Ipv6Addresses", "Ipv6Addresses");
  },
};

// --- ec2 security group rules ---------------------------------------------------------------------------

function permission(params: Record<string, unknown>): Record<string, unknown> {
  return first(params, "IpPermissions");
}

const securityGroupRule: OperationExtras = {
  args: [
    {
      spec: { name: "protocol", kind: "one" },
      apply(params, value) {
        let v = String(value);
        if (!v) return;
        if (/^[+-]?\d+$/.test(v.trim())) {
          const n = Number(v);
          if ((n < 0 || n > 255) && n !== -1) {
            bad("protocol numbers must be in the range 0-255 or -1 to specify all protocols");
          }
        } else if (!["tcp", "udp", "icmp", "all"].includes(v)) {
          bad("protocol parameter should be one of: tcp|udp|icmp|all or any valid protocol number.");
        } else if (v === "all") v = "-1";
        permission(params).IpProtocol = v;
      },
    },
    {
      spec: { name: "port", kind: "one" },
      apply(params, value) {
        const v = String(value);
        if (!v) return;
        const msg = "port parameter should be of the form <from[-to]> (e.g. 22 or 22-25)";
        const [from, to] = v === "-1" || v === "all"
          ? ["-1", "-1"]
          : v.includes("-")
          ? [v.slice(0, v.indexOf("-")), v.slice(v.indexOf("-") + 1)]
          : [v, v];
        permission(params).FromPort = pyIntOr(from, msg);
        permission(params).ToPort = pyIntOr(to, msg);
      },
    },
    {
      spec: { name: "cidr", kind: "one" },
      apply(params, value) {
        if (value) permission(params).IpRanges = [{ CidrIp: value }];
      },
    },
    {
      spec: { name: "source-group", kind: "one" },
      apply(params, value) {
        const v = String(value);
        if (!v) return;
        const pair = first(permission(params), "UserIdGroupPairs");
        pair[v.startsWith("sg-") ? "GroupId" : "GroupName"] = v;
      },
    },
    {
      spec: { name: "group-owner", kind: "one" },
      apply(params, value) {
        if (value) first(permission(params), "UserIdGroupPairs").UserId = value;
      },
    },
  ],
  exclusive: [["ip-permissions", ["protocol", "port", "cidr", "source-group", "group-owner"]]],
};

// --- lambda --------------------------------------------------------------------------------------------

function zipFile(member: string): ExtraArg {
  return {
    spec: { name: "zip-file", kind: "one" },
    apply(params, value, ctx) {
      const bytes = ctx.load(String(value), "zip-file");
      if (!isZip(bytes)) {
        bad(
          "--zip-file must be a zip file with the fileb:// prefix.\nExample usage:  --zip-file fileb://path/to/file.zip",
        );
      }
      rec(params, member).ZipFile = bytes;
    },
  };
}

/** Whether bytes hold a zip archive (an end-of-central-directory record near the end). */
export function isZip(data: string | Uint8Array): boolean {
  const b = typeof data === "string" ? new TextEncoder().encode(data) : data;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65_557); i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) return true;
  }
  return false;
}

// --- cloudwatch put-metric-data ---------------------------------------------------------------------------

const metric =
  (key: string, convert: (v: string, flag: string) => unknown = (v) => v) => (flag: string): ExtraArg => ({
    spec: { name: flag, kind: "one" },
    apply(params, value) {
      first(params, "MetricData")[key] = convert(String(value), flag);
    },
  });
const number = (v: string, flag: string) => {
  if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v)) bad(`--${flag} takes a number, not '${v}'.`);
  return Number(v);
};

const putMetricData: OperationExtras = {
  args: [
    metric("MetricName")("metric-name"),
    metric("Timestamp")("timestamp"),
    metric("Unit")("unit"),
    metric("Value", number)("value"),
    metric("Dimensions", (v, flag) => splitPairs(v, flag).map(([Name, Value]) => ({ Name, Value })))(
      "dimensions",
    ),
    metric(
      "StatisticValues",
      (v, flag) => Object.fromEntries(splitPairs(v, flag).map(([k, x]) => [k, number(x, flag)])),
    )("statistic-values"),
    metric("StorageResolution", (v, flag) => pyIntOr(v, `--${flag} takes a whole number, not '${v}'.`))(
      "storage-resolution",
    ),
  ],
  optional: ["MetricData"],
  exclusive: [["metric-data", [
    "metric-name",
    "timestamp",
    "unit",
    "value",
    "dimensions",
    "statistic-values",
  ]]],
};

// --- ses send-email ---------------------------------------------------------------------------------------

const address = (flag: string, key: string): ExtraArg => ({
  spec: { name: flag, kind: "many" },
  apply(params, value) {
    rec(params, "Destination")[key] = value;
  },
});
const body = (flag: string, path: string[]): ExtraArg => ({
  spec: { name: flag, kind: "one" },
  apply(params, value) {
    let target = rec(params, "Message");
    for (const k of path) target = rec(target, k);
    target.Data = value;
  },
});

const sendEmail: OperationExtras = {
  args: [
    address("to", "ToAddresses"),
    address("cc", "CcAddresses"),
    address("bcc", "BccAddresses"),
    body("subject", ["Subject"]),
    body("text", ["Body", "Text"]),
    body("html", ["Body", "Html"]),
  ],
  optional: ["Message", "Destination"],
  exclusive: [["destination", ["to", "cc", "bcc"]], ["message", ["text", "html"]]],
};

// --- others -----------------------------------------------------------------------------------------------

const EMR_STATES: Readonly<Record<string, string[]>> = {
  active: ["STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING", "TERMINATING"],
  terminated: ["TERMINATED"],
  failed: ["TERMINATED_WITH_ERRORS"],
};

function clusterStates(params: Record<string, unknown>, states: string[]) {
  if (Array.isArray(params.ClusterStates) && params.ClusterStates.length) {
    bad(
      "You can specify only one of the cluster state filters: --cluster-states, --active, --terminated, --failed.",
    );
  }
  params.ClusterStates = states;
}

const listClusters: OperationExtras = {
  args: [
    { spec: { name: "cluster-states", kind: "many" }, apply: (p, v) => clusterStates(p, v as string[]) },
    ...Object.keys(EMR_STATES).map((flag): ExtraArg => ({
      spec: { name: flag, kind: "true" },
      apply: (p) => clusterStates(p, EMR_STATES[flag]),
    })),
    { spec: { name: "created-after", kind: "one" }, apply: (p, v) => void (p.CreatedAfter = v) },
    { spec: { name: "created-before", kind: "one" }, apply: (p, v) => void (p.CreatedBefore = v) },
  ],
};

function image(flag: string, member: string): OperationExtras {
  return {
    args: [{
      spec: { name: flag, kind: "one" },
      apply(params, value, ctx) {
        rec(params, member).Bytes = ctx.load(String(value), flag);
      },
    }],
    optional: [member],
  };
}

function location(flag: "s3-location" | "github-location"): ExtraArg {
  return {
    spec: { name: flag, kind: "one" },
    apply(params, value, ctx) {
      const v = ctx.structure(
        String(value),
        flag,
        flag === "s3-location" ? ["revision", "s3Location"] : ["revision", "gitHubLocation"],
      );
      const d = isRecord(v) ? v : {};
      if (flag === "s3-location") {
        if (!d.bucket || !d.key || !d.bundleType) {
          bad("--s3-location must specify bucket, key and bundleType.");
        }
        const s3: Record<string, unknown> = { bucket: d.bucket, key: d.key, bundleType: d.bundleType };
        if ("eTag" in d) s3.eTag = d.eTag;
        if ("version" in d) s3.version = d.version;
        params.revision = { revisionType: "S3", s3Location: s3 };
      } else {
        if (!d.repository || !d.commitId) bad("--github-location must specify repository and commitId.");
        params.revision = {
          revisionType: "GitHub",
          gitHubLocation: { repository: d.repository, commitId: d.commitId },
        };
      }
    },
  };
}
const deployLocation: OperationExtras = {
  args: [location("s3-location"), location("github-location")],
  optional: ["revision"],
};

const outfile = (flag: string, required = false): ExtraArg => ({
  spec: { name: flag, kind: "one", required },
  apply(_params, value, ctx) {
    ctx.files.push({ path: String(value), mode: "write", via: `--${flag}` });
  },
});

/** The CLI's additions, by `service.command`. */
export const EXTRAS: Readonly<Record<string, OperationExtras>> = {
  "ec2.run-instances": runInstances,
  "ec2.authorize-security-group-ingress": securityGroupRule,
  "ec2.authorize-security-group-egress": securityGroupRule,
  "ec2.revoke-security-group-ingress": securityGroupRule,
  "ec2.revoke-security-group-egress": securityGroupRule,
  "ec2.get-password-data": {
    args: [{
      spec: { name: "priv-launch-key", kind: "one" },
      apply(_p, value, ctx) {
        if (!ctx.isFile(String(value))) {
          bad(
            "priv-launch-key should be a path to the local SSH private key file used to launch the instance.",
          );
        }
        ctx.files.push({ path: String(value), mode: "read-text", via: "--priv-launch-key" });
      },
    }],
  },
  "lambda.create-function": { args: [zipFile("Code")], optional: ["Code"] },
  "lambda.publish-layer-version": { args: [zipFile("Content")], optional: ["Content"] },
  "cloudwatch.put-metric-data": putMetricData,
  "ses.send-email": sendEmail,
  "cloudfront.create-invalidation": {
    args: [{
      spec: { name: "paths", kind: "many" },
      apply(params, value, ctx) {
        const items = value as string[];
        params.InvalidationBatch = {
          CallerReference: ctx.unique(),
          Paths: { Quantity: items.length, Items: items },
        };
      },
    }],
    optional: ["InvalidationBatch"],
  },
  "emr.list-clusters": listClusters,
  "emr.add-tags": {
    args: [{
      spec: { name: "tags", kind: "many", required: true },
      apply(params, value) {
        params.Tags = (value as string[]).map((t) => {
          const eq = t.indexOf("=");
          return eq < 0 ? { Key: t, Value: "" } : { Key: t.slice(0, eq), Value: t.slice(eq + 1) };
        });
      },
    }],
    optional: ["Tags"],
  },
  "rekognition.compare-faces": {
    args: [
      ...image("source-image-bytes", "SourceImage").args,
      ...image("target-image-bytes", "TargetImage").args,
    ],
    optional: ["SourceImage", "TargetImage"],
  },
  ...Object.fromEntries(
    [
      "detect-custom-labels",
      "detect-faces",
      "detect-labels",
      "detect-moderation-labels",
      "detect-protective-equipment",
      "detect-text",
      "index-faces",
      "recognize-celebrities",
      "search-faces-by-image",
      "search-users-by-image",
    ].map((c) => [`rekognition.${c}`, image("image-bytes", "Image")]),
  ),
  "deploy.create-deployment": deployLocation,
  "deploy.get-application-revision": deployLocation,
  "deploy.register-application-revision": deployLocation,
  "configservice.put-configuration-recorder": {
    args: [{
      spec: { name: "recording-group", kind: "one" },
      apply(params, value, ctx) {
        rec(params, "ConfigurationRecorder").recordingGroup = ctx.structure(
          String(value),
          "recording-group",
          ["ConfigurationRecorder", "recordingGroup"],
        );
      },
    }],
  },
  "translate.import-terminology": {
    args: [{
      spec: { name: "data-file", kind: "one", required: true },
      apply(params, value, ctx) {
        const data = rec(params, "TerminologyData");
        if (Object.hasOwn(data, "File")) {
          bad(
            "File cannot be provided as part of the '--terminology-data' argument. Please use the '--data-file' option instead to specify a file.",
          );
        }
        data.File = ctx.load(String(value), "data-file");
      },
    }],
    optional: ["TerminologyData"],
  },
  "iam.create-virtual-mfa-device": {
    args: [outfile("outfile", true), {
      spec: { name: "bootstrap-method", kind: "one", required: true },
      apply(_p, value) {
        if (!["QRCodePNG", "Base32StringSeed"].includes(String(value))) {
          fail(
            "INVALID_CHOICE",
            `Invalid value '${value}' for --bootstrap-method: valid choices are QRCodePNG, Base32StringSeed.`,
          );
        }
      },
    }],
  },
  "iot.create-keys-and-certificate": {
    args: [outfile("certificate-pem-outfile"), outfile("public-key-outfile"), outfile("private-key-outfile")],
  },
  "iot.create-certificate-from-csr": { args: [outfile("certificate-pem-outfile")] },
};
