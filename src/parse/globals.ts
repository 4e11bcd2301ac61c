/** The AWS CLI's global options: the first parser level, which also picks the service. */
import type { ArgValue, OptionSpec } from "./argparse.ts";
import { fail } from "./errors.ts";
import type { GlobalOptions, OutputFormat } from "./types.ts";

/** Global options as the AWS CLI v2 defines them (awscli/data/cli.json). */
export const GLOBAL_SPECS: readonly OptionSpec[] = [
  { name: "debug", kind: "true" },
  { name: "endpoint-url", kind: "one" },
  { name: "no-verify-ssl", kind: "false", dest: "verify-ssl" },
  { name: "no-paginate", kind: "false", dest: "paginate" },
  { name: "output", kind: "one" },
  { name: "query", kind: "one" },
  { name: "profile", kind: "one" },
  { name: "region", kind: "one" },
  { name: "version", kind: "true" },
  { name: "color", kind: "one" },
  { name: "no-sign-request", kind: "false", dest: "sign-request" },
  { name: "ca-bundle", kind: "one" },
  { name: "cli-read-timeout", kind: "one" },
  { name: "cli-connect-timeout", kind: "one" },
  { name: "cli-binary-format", kind: "one" },
  { name: "no-cli-pager", kind: "true" },
  { name: "cli-auto-prompt", kind: "true" },
  { name: "no-cli-auto-prompt", kind: "true" },
];

const CHOICES: Readonly<Record<string, readonly string[]>> = {
  output: ["json", "text", "table", "yaml", "yaml-stream"],
  color: ["on", "off", "auto"],
  "cli-binary-format": ["base64", "raw-in-base64-out"],
};

function choice(name: string, value: string): string {
  const valid = CHOICES[name];
  if (!valid.includes(value)) {
    fail("INVALID_CHOICE", `Invalid value '${value}' for --${name}: valid choices are ${valid.join(", ")}.`);
  }
  return value;
}

function int(name: string, value: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(value)) {
    fail("INVALID_VALUE", `--${name} takes a whole number of seconds, not '${value}'.`);
  }
  return Number(value);
}

/** Interprets the parsed global option values. */
export function readGlobals(values: Map<string, ArgValue>): GlobalOptions {
  const str = (k: string) => values.get(k) as string | undefined;
  const g: GlobalOptions = {
    paginate: values.get("paginate") !== false,
    signRequest: values.get("sign-request") !== false,
    verifySsl: values.get("verify-ssl") !== false,
    noCliPager: values.get("no-cli-pager") === true,
    debug: values.get("debug") === true,
  };
  if (str("region") !== undefined) {
    const region = str("region")!;
    // botocore's validate_region_name: the region becomes part of the host name.
    if (region !== "*" && !/^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{0,63}(?<!-)$/.test(region)) {
      fail(
        "INVALID_REGION",
        `Provided region_name '${region.slice(0, 80)}' doesn't match a supported format.`,
        "Write a region such as us-east-1.",
      );
    }
    g.region = region;
  }
  if (str("profile") !== undefined) g.profile = str("profile");
  if (str("output") !== undefined) g.output = choice("output", str("output")!) as OutputFormat;
  if (str("query") !== undefined) g.query = str("query");
  if (str("endpoint-url") !== undefined) {
    const url = str("endpoint-url")!;
    if (!/^[a-z][a-z0-9+.-]*:\/\/[^/\s]+/i.test(url)) {
      fail(
        "INVALID_VALUE",
        `Bad value for --endpoint-url "${url}": scheme is missing. Must be of the form http://<hostname>/ or https://<hostname>/`,
      );
    }
    g.endpointUrl = url;
  }
  if (str("ca-bundle") !== undefined) g.caBundle = str("ca-bundle");
  if (str("cli-read-timeout") !== undefined) {
    g.readTimeout = int("cli-read-timeout", str("cli-read-timeout")!);
  }
  if (str("cli-connect-timeout") !== undefined) {
    g.connectTimeout = int("cli-connect-timeout", str("cli-connect-timeout")!);
  }
  if (str("cli-binary-format") !== undefined) {
    g.binaryFormat = choice("cli-binary-format", str("cli-binary-format")!) as GlobalOptions["binaryFormat"];
  }
  if (str("color") !== undefined) g.color = choice("color", str("color")!) as GlobalOptions["color"];
  return g;
}
