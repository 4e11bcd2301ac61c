/**
 * Operations that hand out credentials, tokens or secrets. They are never read-only, whatever their IAM
 * access level: reading a secret is how it leaks. Reviewed by hand; tests/models/credentials_test.ts
 * checks every entry against the models and the classification.
 */

/** One entry: the CLI service, the API operation (or the CLI's own command), why, and an optional condition. */
export interface CredentialOperation {
  service: string;
  operation: string;
  reason: string;
  /** Only when this input member has this value (e.g. SSM parameters only when decrypted). */
  when?: { member: string; equals: unknown };
}

/** The list. */
export const CREDENTIAL_OPERATIONS: readonly CredentialOperation[] = [
  { service: "sts", operation: "AssumeRole", reason: "returns temporary credentials for a role" },
  { service: "sts", operation: "AssumeRoleWithSAML", reason: "returns temporary credentials for a role" },
  {
    service: "sts",
    operation: "AssumeRoleWithWebIdentity",
    reason: "returns temporary credentials for a role",
  },
  { service: "sts", operation: "AssumeRoot", reason: "returns temporary root credentials" },
  { service: "sts", operation: "GetSessionToken", reason: "returns temporary credentials" },
  { service: "sts", operation: "GetFederationToken", reason: "returns temporary credentials" },
  { service: "sts", operation: "GetWebIdentityToken", reason: "returns a web identity token" },
  { service: "sts", operation: "GetDelegatedAccessToken", reason: "returns an access token" },
  { service: "iam", operation: "CreateAccessKey", reason: "returns a new secret access key" },
  { service: "iam", operation: "CreateServiceSpecificCredential", reason: "returns a new service password" },
  { service: "iam", operation: "ResetServiceSpecificCredential", reason: "returns a new service password" },
  {
    service: "cognito-identity",
    operation: "GetCredentialsForIdentity",
    reason: "returns temporary credentials",
  },
  { service: "cognito-identity", operation: "GetOpenIdToken", reason: "returns an OpenID token" },
  {
    service: "cognito-identity",
    operation: "GetOpenIdTokenForDeveloperIdentity",
    reason: "returns an OpenID token",
  },
  { service: "sso", operation: "GetRoleCredentials", reason: "returns temporary credentials for a role" },
  { service: "sso-oidc", operation: "CreateToken", reason: "returns an access token" },
  { service: "sso-oidc", operation: "CreateTokenWithIAM", reason: "returns an access token" },
  { service: "eks-auth", operation: "AssumeRoleForPodIdentity", reason: "returns temporary credentials" },
  { service: "ecr", operation: "GetAuthorizationToken", reason: "returns a registry password" },
  { service: "ecr-public", operation: "GetAuthorizationToken", reason: "returns a registry password" },
  { service: "codeartifact", operation: "GetAuthorizationToken", reason: "returns a repository token" },
  { service: "redshift", operation: "GetClusterCredentials", reason: "returns a database password" },
  { service: "redshift", operation: "GetClusterCredentialsWithIAM", reason: "returns a database password" },
  { service: "redshift-serverless", operation: "GetCredentials", reason: "returns a database password" },
  { service: "secretsmanager", operation: "GetSecretValue", reason: "returns a secret" },
  { service: "secretsmanager", operation: "BatchGetSecretValue", reason: "returns secrets" },
  {
    service: "ssm",
    operation: "GetParameter",
    reason: "returns a decrypted SecureString",
    when: { member: "WithDecryption", equals: true },
  },
  {
    service: "ssm",
    operation: "GetParameters",
    reason: "returns decrypted SecureStrings",
    when: { member: "WithDecryption", equals: true },
  },
  {
    service: "ssm",
    operation: "GetParametersByPath",
    reason: "returns decrypted SecureStrings",
    when: { member: "WithDecryption", equals: true },
  },
  {
    service: "ssm",
    operation: "GetParameterHistory",
    reason: "returns decrypted SecureStrings",
    when: { member: "WithDecryption", equals: true },
  },
  { service: "ssm", operation: "GetAccessToken", reason: "returns temporary credentials" },
  { service: "ec2", operation: "GetPasswordData", reason: "returns an instance's administrator password" },
  {
    service: "lightsail",
    operation: "GetRelationalDatabaseMasterUserPassword",
    reason: "returns a database password",
  },
  { service: "lightsail", operation: "GetBucketAccessKeys", reason: "returns bucket access keys" },
  { service: "connect", operation: "GetFederationToken", reason: "returns a federation token" },
  { service: "appsync", operation: "ListApiKeys", reason: "returns API keys" },
  {
    service: "apigateway",
    operation: "GetApiKey",
    reason: "returns an API key's value",
    when: { member: "includeValue", equals: true },
  },
  {
    service: "apigateway",
    operation: "GetApiKeys",
    reason: "returns API keys' values",
    when: { member: "includeValues", equals: true },
  },
  { service: "datazone", operation: "GetEnvironmentCredentials", reason: "returns temporary credentials" },
  {
    service: "emr-containers",
    operation: "GetManagedEndpointSessionCredentials",
    reason: "returns session credentials",
  },
  { service: "signin", operation: "CreateOAuth2Token", reason: "returns an access token" },
  { service: "acm", operation: "ExportCertificate", reason: "returns a certificate's private key" },
  { service: "gamelift", operation: "GetInstanceAccess", reason: "returns credentials for a fleet instance" },
  { service: "gamelift", operation: "GetComputeAccess", reason: "returns credentials for a compute" },
  { service: "ivs", operation: "GetStreamKey", reason: "returns a stream key" },
  {
    service: "kinesisanalyticsv2",
    operation: "CreateApplicationPresignedUrl",
    reason: "returns a URL that grants access",
  },
  {
    service: "sagemaker",
    operation: "CreateHubContentPresignedUrls",
    reason: "returns URLs that grant access",
  },
  // The CLI's own commands, by command name.
  { service: "s3", operation: "presign", reason: "prints a URL that grants access to an object" },
  { service: "ecr", operation: "get-login-password", reason: "prints a registry password" },
  { service: "ecr-public", operation: "get-login-password", reason: "prints a registry password" },
  { service: "eks", operation: "get-token", reason: "prints a cluster authentication token" },
  { service: "rds", operation: "generate-db-auth-token", reason: "prints a database authentication token" },
  {
    service: "codeartifact",
    operation: "login",
    reason: "stores a repository token in a tool's configuration",
  },
];

/**
 * Operations IAM rates Read that are not read-only all the same: they run customer code, invoke models
 * (billed per call), or write elsewhere. Reviewed by hand from every Read operation named Invoke, Run,
 * Test, Query, Generate, Chat and the like.
 */
export const SIDE_EFFECT_OPERATIONS: readonly SideEffectOperation[] = [
  ...["InvokeModel", "InvokeModelWithResponseStream", "ApplyGuardrail"].map((operation) => ({
    service: "bedrock-runtime",
    operation,
    reason: "invokes a model, billed per call",
  })),
  ...["InvokeAgent", "InvokeFlow", "InvokeInlineAgent", "GenerateQuery"].map((operation) => ({
    service: "bedrock-agent-runtime",
    operation,
    reason: "invokes an agent, flow or model, which can run actions and is billed per call",
  })),
  ...["InvokeEndpoint", "InvokeEndpointAsync", "InvokeEndpointWithResponseStream"].map((operation) => ({
    service: "sagemaker-runtime",
    operation,
    reason: "runs a model endpoint's code (the async form writes its result to S3)",
  })),
  {
    service: "timestream-query",
    operation: "Query",
    reason: "writes the result of an UNLOAD query to S3",
    when: { member: "QueryString", pattern: /\bunload\b/i },
  },
  { service: "iotsitewise", operation: "InvokeAssistant", reason: "invokes a generative assistant" },
  { service: "iotanalytics", operation: "RunPipelineActivity", reason: "runs pipeline activities (Lambda)" },
  {
    service: "iot",
    operation: "TestInvokeAuthorizer",
    reason: "invokes a custom authorizer's Lambda function",
  },
  {
    service: "qbusiness",
    operation: "ChatSync",
    reason: "chats with an assistant that can run plugin actions",
  },
  { service: "qconnect", operation: "QueryAssistant", reason: "invokes a generative assistant" },
  { service: "wisdom", operation: "QueryAssistant", reason: "invokes a generative assistant" },
  { service: "lexv2-models", operation: "GenerateBotElement", reason: "invokes a generative model" },
  {
    service: "dms",
    operation: "TestConnection",
    reason: "connects to a database endpoint from a replication instance",
  },
  {
    service: "transfer",
    operation: "TestIdentityProvider",
    reason: "sends a user name and password to the server's identity provider",
  },
  {
    service: "workmail",
    operation: "TestAvailabilityConfiguration",
    reason: "invokes an availability provider (Lambda or EWS)",
  },
];

/** One operation that is not read-only despite its IAM access level, and why. */
export interface SideEffectOperation {
  service: string;
  operation: string;
  reason: string;
  /** Only when this input member's text matches. */
  when?: { member: string; pattern: RegExp };
}

/** The entry that makes this call more than a read, if any. */
export function sideEffectEntry(
  service: string,
  operation: string,
  params: Record<string, unknown>,
): SideEffectOperation | undefined {
  return SIDE_EFFECT_OPERATIONS.find((c) =>
    c.service === service && c.operation === operation &&
    (!c.when ||
      (typeof params[c.when.member] === "string" && c.when.pattern.test(params[c.when.member] as string)))
  );
}

/** The entry that makes this call hand out credentials, if any. */
export function credentialEntry(
  service: string,
  operation: string,
  params: Record<string, unknown>,
  command?: string,
): CredentialOperation | undefined {
  return CREDENTIAL_OPERATIONS.find((c) =>
    c.service === service && (c.operation === operation || c.operation === command) &&
    (!c.when || params[c.when.member] === c.when.equals)
  );
}

/** The read-only class: List or Read access, no credentials or secrets handed out, no side effects. */
export function isReadOnly(
  access: string,
  service: string,
  operation: string,
  params: Record<string, unknown>,
  command?: string,
): boolean {
  return (access === "List" || access === "Read") && !credentialEntry(service, operation, params, command) &&
    !sideEffectEntry(service, operation, params);
}
