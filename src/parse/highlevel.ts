/**
 * The AWS CLI's own commands (not one API call each): `aws s3 cp`, `aws eks update-kubeconfig`,
 * `aws configure set`, … Facts from AWS CLI v2's command table (tests/models/cli_surface_test.ts checks
 * them against the installed CLI). Waiters (`wait`) come from the models instead.
 */
export const HIGH_LEVEL_COMMANDS: Readonly<Record<string, readonly string[]>> = {
  "cli-dev": ["wizard-dev"],
  cloudformation: ["deploy", "package"],
  cloudfront: ["sign"],
  cloudtrail: ["validate-logs"],
  codeartifact: ["login"],
  codecommit: ["credential-helper"],
  configservice: ["get-status", "subscribe"],
  configure: [
    "add-model",
    "export-credentials",
    "get",
    "import",
    "list",
    "list-profiles",
    "set",
    "sso",
    "sso-session",
    "wizard",
  ],
  datapipeline: ["create-default-roles", "list-runs"],
  ddb: ["put", "select"],
  deploy: ["deregister", "install", "push", "register", "uninstall"],
  dlm: ["create-default-role"],
  dynamodb: ["wizard"],
  ecr: ["get-login-password"],
  "ecr-public": ["get-login-password"],
  ecs: ["deploy"],
  eks: ["get-token", "update-kubeconfig"],
  emr: [
    "add-instance-groups",
    "add-steps",
    "create-cluster",
    "create-default-roles",
    "create-hbase-backup",
    "describe-cluster",
    "disable-hbase-backups",
    "get",
    "install-applications",
    "modify-cluster-attributes",
    "put",
    "restore-from-hbase-backup",
    "schedule-hbase-backup",
    "socks",
    "ssh",
    "terminate-clusters",
  ],
  "emr-containers": ["update-role-trust-policy"],
  events: ["wizard"],
  gamelift: ["get-game-session-log", "upload-build"],
  history: ["list", "show"],
  iam: ["wizard"],
  lambda: ["wizard"],
  lightsail: ["push-container-image"],
  logs: ["tail"],
  opsworks: ["register"],
  rds: ["generate-db-auth-token"],
  s3: ["cp", "ls", "mb", "mv", "presign", "rb", "rm", "sync", "website"],
  servicecatalog: ["generate"],
  sso: ["login", "logout"],
};

/** Whether `aws <service> <command>` is one of the CLI's own commands. */
export function isHighLevel(service: string, command?: string): boolean {
  const cmds = Object.hasOwn(HIGH_LEVEL_COMMANDS, service) ? HIGH_LEVEL_COMMANDS[service] : undefined;
  return cmds !== undefined && (command === undefined || cmds.includes(command));
}
