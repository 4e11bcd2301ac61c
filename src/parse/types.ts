/** The intermediate representation every consumer of a parsed command uses: call_aws, policy, scripts. */
import type { AccessLevel } from "../models/types.ts";

/** A streaming upload body: the file is opened when the request is sent, not while parsing. */
export class FileBody {
  constructor(readonly path: string) {}
  /** How the body appears in JSON output. */
  toJSON(): string {
    return `fileb://${this.path}`;
  }
}

/** Output formats the CLI offers. */
export type OutputFormat = "json" | "text" | "table" | "yaml" | "yaml-stream";

/** Global options, as typed (absent when not given). */
export interface GlobalOptions {
  region?: string;
  profile?: string;
  output?: OutputFormat;
  query?: string;
  endpointUrl?: string;
  /** false with --no-paginate. */
  paginate: boolean;
  /** false with --no-sign-request. */
  signRequest: boolean;
  /** false with --no-verify-ssl. */
  verifySsl: boolean;
  caBundle?: string;
  readTimeout?: number;
  connectTimeout?: number;
  binaryFormat?: "base64" | "raw-in-base64-out";
  color?: "on" | "off" | "auto";
  noCliPager: boolean;
  debug: boolean;
}

/** Pagination options of a paginated operation. */
export interface PagingOptions {
  pageSize?: number;
  maxItems?: number;
  startingToken?: string;
}

/** A local file the command reads or writes. */
export interface FileUse {
  path: string;
  mode: "read-text" | "read-binary" | "write";
  /** The flag or argument that named it. */
  via: string;
}

/** One of the CLI's own commands (`aws s3 cp …`): its name, positional paths and options. */
export interface HighLevelCommand {
  name: string;
  paths: string[];
  options: Record<string, unknown>;
}

/** An API operation a command calls, as the AWS CLI names it: `{service: "s3api", command: "delete-objects"}`. */
export interface ApiCall {
  /** The service's canonical CLI name (`s3api`, `opsworkscm`). */
  service: string;
  /** The operation's CLI name (`list-objects-v2`). */
  command: string;
}

/** One validated AWS CLI command, ready for policy checks and execution. */
export interface ParsedCommand {
  kind: "operation" | "waiter" | "high-level";
  /** The service as typed (`s3api`, `opsworks-cm`). */
  service: string;
  /** The service's model name (`opsworkscm`). */
  serviceModel: string;
  /** The CLI command (`list-objects-v2`) or waiter name (`instance-running`). */
  command: string;
  /** The API operation called (for a waiter, the operation it polls; for a high-level command, its first call). */
  operation: string;
  /** Every API operation the command may call (the CLI's own commands call several); what policy rules match. */
  calls: ApiCall[];
  /** The API input: member names as the API spells them; timestamps as Dates, blobs as bytes. */
  params: Record<string, unknown>;
  globals: GlobalOptions;
  paging: PagingOptions;
  /** The file the output payload is written to (`outfile`). */
  outfile?: string;
  /** `--generate-cli-skeleton` asks for a template instead of a call. */
  skeleton?: "input" | "output" | "yaml-input";
  /** The template `--generate-cli-skeleton` asks for. */
  template?: unknown;
  files: FileUse[];
  iam: { actions: string[]; access: AccessLevel };
  /** List or Read access, and hands out no credentials or secrets. */
  readOnly: boolean;
  /** Why this call counts as handing out credentials or secrets, if it does. */
  credentials?: string;
  /** Why this call is not read-only although IAM rates it Read (it runs code, invokes a model), if so. */
  sideEffect?: string;
  warnings: string[];
  highLevel?: HighLevelCommand;
}
