/**
 * The generated service models as loaded from `models/`. Shapes keep botocore's JSON form (the data the
 * AWS CLI itself reads) without documentation; operations add what this project derives: the CLI
 * spelling, IAM actions and access level, pagination and the SDK command.
 */

/** A reference from a structure member, list member or map key/value to a named shape. */
export interface ShapeRef {
  shape: string;
  location?: "uri" | "querystring" | "header" | "headers" | "statusCode" | "body" | string;
  locationName?: string;
  queryName?: string;
  streaming?: boolean;
  jsonvalue?: boolean;
  idempotencyToken?: boolean;
  hostLabel?: boolean;
  xmlAttribute?: boolean;
  xmlNamespace?: unknown;
  flattened?: boolean;
  deprecated?: boolean;
  eventpayload?: boolean;
  box?: boolean;
  contextParam?: unknown;
  timestampFormat?: string;
}

/** Shape types as the service models name them. */
export type ShapeType =
  | "structure"
  | "list"
  | "map"
  | "string"
  | "integer"
  | "long"
  | "float"
  | "double"
  | "boolean"
  | "timestamp"
  | "blob"
  | "bigInteger"
  | "bigDecimal";

/** One named shape: its type plus the constraints the model gives it. */
export interface Shape {
  type: ShapeType;
  members?: Record<string, ShapeRef>;
  required?: string[];
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  union?: boolean;
  document?: boolean;
  streaming?: boolean;
  eventstream?: boolean;
  event?: boolean;
  requiresLength?: boolean;
  timestampFormat?: string;
  sensitive?: boolean;
  flattened?: boolean;
  locationName?: string;
  payload?: string;
  deprecated?: boolean;
  box?: boolean;
  wrapper?: boolean;
  xmlNamespace?: unknown;
  xmlOrder?: string[];
  sparse?: boolean;
}

/** IAM access levels as the Service Authorization Reference names them. */
export type AccessLevel = "List" | "Read" | "Write" | "Permissions management" | "Tagging";

/** Where an operation's IAM data came from: the data package, our override table, or its verb. */
export type IamSource = "iam-data" | "override" | "heuristic";

/** The IAM actions an operation needs and their highest access level. */
export interface IamInfo {
  actions: string[];
  access: AccessLevel;
  source: IamSource;
}

/** botocore's paginator description for one operation. */
export interface Paginator {
  input_token: string | string[];
  output_token: string | string[];
  limit_key?: string;
  result_key?: string | string[];
  more_results?: string;
  non_aggregate_keys?: string[];
}

/** One API operation of a service, as the CLI exposes it. */
export interface Operation {
  /** The CLI command name, e.g. `list-objects-v2`. */
  cli: string;
  http?: { method: string; requestUri: string; responseCode?: number };
  input?: ShapeRef;
  output?: ShapeRef;
  iam: IamInfo;
  paginator?: Paginator;
  /** Flag renames the CLI applies: API-derived flag → the flag users type. */
  renames?: Record<string, string>;
  /** Extra, undocumented spellings the CLI accepts: alias → API-derived flag. */
  aliases?: Record<string, string>;
  /** The output member (a blob payload) that the CLI writes to the file named by its `outfile` argument. */
  outfile?: string;
  /** Member flags the CLI removes in favour of arguments of its own. */
  replaced?: string[];
  /** The CLI's own command has this operation's name (it translates its arguments itself). */
  custom?: true;
  /** Not reachable under its own CLI name, only through a virtual command of the service. */
  hidden?: true;
  /** The SDK client package lacks this operation's command class. */
  noSdk?: true;
  deprecated?: boolean;
  readonly?: boolean;
  authtype?: string;
  endpoint?: { hostPrefix?: string };
  [extra: string]: unknown;
}

/** botocore's waiter description. */
export interface Waiter {
  name: string;
  operation: string;
  delay: number;
  maxAttempts: number;
  acceptors: Array<{ state: string; matcher: string; expected: unknown; argument?: string }>;
}

/** The SDK client that executes a service's operations. */
export interface SdkClient {
  package: string;
  version: string;
  client: string;
}

/** One service's model: metadata, operations, waiters and the input shapes they reach. */
export interface ServiceModel {
  /** The service name as typed on the CLI: `s3api`, `configservice`, `logs`. */
  name: string;
  /** botocore's service name (`s3`, `config`), which is also the model's directory name. */
  botocore: string;
  metadata: Record<string, unknown> & { serviceId: string; protocol: string; apiVersion: string };
  sdk: SdkClient | null;
  operations: Record<string, Operation>;
  /** Commands the CLI adds that call an operation with some flags renamed or removed. */
  commands?: Record<string, VirtualCommand>;
  waiters: Record<string, Waiter>;
  shapes: Record<string, Shape>;
}

/** A CLI command that calls an existing operation with its own flag renames and removals. */
export interface VirtualCommand {
  operation: string;
  renames?: Record<string, string>;
  replaced?: string[];
}

/** The output shapes of one service, loaded only when a response is formatted. */
export interface OutputModel {
  shapes: Record<string, Shape>;
}

/** Documentation of one service, HTML stripped; loaded only by help and suggest. */
export interface DocsModel {
  service: string;
  operations: Record<string, { summary: string; text: string }>;
  /** Short documentation of input members: shape name → member name → first sentence. */
  members: Record<string, Record<string, string>>;
}

/** One service's entry in the index loaded at first use of any model. */
export interface ServiceEntry {
  botocore: string;
  serviceId: string;
  title: string;
  sdk: string | null;
  operations: number;
  waiters: number;
}

/** `models/index.json`: every service and the versions of the sources the models were built from. */
export interface ModelIndex {
  format: number;
  sources: Record<string, string | number>;
  services: Record<string, ServiceEntry>;
  /** Second names of services: alias → CLI service name (`opsworks-cm` → `opsworkscm`). */
  aliases: Record<string, string>;
}
