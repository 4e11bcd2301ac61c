/**
 * What people ask for by outcome, question or situation rather than by operation — "who am I", "what did
 * we spend", "who deleted it", "clear the CDN cache" — and the commands an experienced AWS user runs for it.
 * The commands share few words with the questions, so word scores alone miss them. Reviewed data: each
 * entry is a common need, matched when every word group has a word in the query (any form: words are
 * compared by stem) and, when the query names a service, the outcome's commands are of it.
 * tests/suggest/outcomes_test.ts checks each names real commands.
 */

/** One outcome: word groups that must all be present, words that rule it out, and its commands, best first. */
export interface Outcome {
  all: readonly (readonly string[])[];
  none?: readonly string[];
  /** A look-up: not when the query asks to change something ("create a budget" is not "show budgets"). */
  read?: boolean;
  /** About any service (cost, identity, history): still meant when the query names one. */
  anyService?: boolean;
  commands: readonly string[];
}

const COST = [
  "spend",
  "spent",
  "spending",
  "cost",
  "costs",
  "bill",
  "billed",
  "billing",
  "pay",
  "paying",
  "paid",
];
const LOGS = ["log", "logs", "logging"];
const SERVER = [
  "instance",
  "instances",
  "server",
  "servers",
  "vm",
  "vms",
  "machine",
  "machines",
  "box",
  "host",
];
const DATABASE = [
  "database",
  "databases",
  "db",
  "rds",
  "aurora",
  "postgres",
  "postgresql",
  "mysql",
  "mariadb",
];
const DONE = [
  "deleted",
  "removed",
  "changed",
  "modified",
  "updated",
  "terminated",
  "stopped",
  "created",
  "launched",
  "started",
  "rebooted",
  "disabled",
  "enabled",
  "opened",
  "edited",
  "dropped",
  "killed",
  "made",
  "turned",
  "shut",
  "switched",
  "touched",
  "broke",
  "revoked",
];

/** The outcomes, most specific first. */
export const OUTCOMES: readonly Outcome[] = [
  // Identity: the account, user or role the credentials belong to.
  { all: [["whoami"]], anyService: true, commands: ["sts get-caller-identity"] },
  {
    all: [["account", "identity", "credentials", "role", "user"], [
      "which",
      "what",
      "whose",
      "work",
      "valid",
      "using",
      "right",
      "correct",
      "signed",
      "logged",
    ]],
    none: [
      "organization",
      "organizations",
      "users",
      "roles",
      "accounts",
      "policy",
      "policies",
      "permissions",
    ],
    read: true,
    anyService: true,
    commands: ["sts get-caller-identity"],
  },
  // Cost: what was spent, what will be, what was unusual, what is left.
  {
    all: [COST, ["next", "forecast", "estimate", "predict", "projected", "will", "upcoming", "expected"]],
    read: true,
    anyService: true,
    commands: ["ce get-cost-forecast"],
  },
  {
    all: [[...COST, "spike", "spiked"], [
      "unusual",
      "anomaly",
      "anomalies",
      "spike",
      "spiked",
      "unexpected",
      "sudden",
    ]],
    read: true,
    anyService: true,
    commands: ["ce get-anomalies", "ce get-cost-and-usage"],
  },
  {
    all: [COST],
    none: ["budget", "budgets"],
    read: true,
    anyService: true,
    commands: ["ce get-cost-and-usage"],
  },
  {
    all: [["budget", "budgets"]],
    read: true,
    anyService: true,
    commands: ["budgets describe-budgets", "budgets describe-budget"],
  },
  // Who did it: the API activity history.
  { all: [["who", "whom"], DONE], anyService: true, commands: ["cloudtrail lookup-events"] },
  { all: [["audit", "auditing"]], read: true, anyService: true, commands: ["cloudtrail lookup-events"] },
  {
    all: [["what", "anything", "something"], [
      "changed",
      "modified",
      "happened",
      "touched",
      "deleted",
      "removed",
      "terminated",
    ]],
    none: ["only", "just", "files", "folder", "directory", "sync"],
    read: true,
    anyService: true,
    commands: ["cloudtrail lookup-events"],
  },
  {
    all: [["login", "logins", "signin", "signins", "logon", "logons"], [
      "failed",
      "recent",
      "history",
      "attempts",
      "who",
      "when",
      "last",
      "console",
    ]],
    none: ["docker", "registry", "password", "ecr", "profile", "sso", "podman"],
    read: true,
    anyService: true,
    commands: ["cloudtrail lookup-events"],
  },
  // Logs: follow them, search them.
  {
    all: [["tail", "follow", "live", "recent", "latest", "watch"], LOGS],
    read: true,
    commands: ["logs tail", "logs filter-log-events"],
  },
  {
    all: [
      ["grep", "search", "find", "errors", "error", "exceptions", "exception", "timeout", "containing"],
      LOGS,
    ],
    none: ["insights"],
    read: true,
    commands: ["logs filter-log-events", "logs start-query"],
  },
  // S3: share for a while, mirror folders, empty, measure, exposure.
  {
    all: [["link", "url"], [
      "share",
      "temporary",
      "expiring",
      "expire",
      "expires",
      "someone",
      "customer",
      "presigned",
    ]],
    none: ["cloudfront", "cdn"],
    commands: ["s3 presign"],
  },
  {
    all: [["mirror", "sync", "synchronize", "step", "up-to-date"], [
      "folder",
      "directory",
      "bucket",
      "site",
      "files",
    ]],
    commands: ["s3 sync"],
  },
  {
    all: [["only", "just"], ["changed", "modified", "new", "newer", "updated", "different", "missing"], [
      "folder",
      "directory",
      "bucket",
      "site",
      "website",
      "files",
      "s3",
    ]],
    commands: ["s3 sync"],
  },
  {
    all: [["empty", "wipe", "purge", "clear"], ["bucket"]],
    none: ["non", "remove", "delete", "force", "rb"],
    commands: ["s3 rm"],
  },
  { all: [["empty", "wipe", "purge", "clear", "throw"], ["queue"]], commands: ["sqs purge-queue"] },
  {
    all: [["big", "size", "large", "largest", "biggest", "space", "much"], ["bucket", "objects", "files"]],
    read: true,
    commands: ["s3 ls", "s3api list-objects-v2"],
  },
  {
    all: [["public", "publicly", "exposed", "anyone", "open"], ["bucket", "buckets", "s3"]],
    read: true,
    commands: ["s3api get-bucket-policy-status", "s3api get-public-access-block"],
  },
  {
    all: [["public", "publicly", "exposed", "exposure"], [
      "anything",
      "account",
      "everything",
      "resources",
      "what",
    ]],
    read: true,
    anyService: true,
    commands: ["accessanalyzer list-findings", "s3api get-bucket-policy-status"],
  },
  // Security: sign-in without a second factor, threats.
  {
    all: [["mfa", "multi-factor", "2fa", "factor"], [
      "who",
      "which",
      "users",
      "without",
      "no",
      "missing",
      "lack",
    ]],
    none: ["list", "device", "devices", "enable", "create", "deactivate"],
    read: true,
    anyService: true,
    commands: ["iam get-credential-report", "iam list-mfa-devices", "iam list-users"],
  },
  {
    all: [["threat", "threats", "attack", "attacks", "compromised", "malicious", "intrusion", "breach"]],
    read: true,
    commands: ["guardduty list-findings", "securityhub get-findings"],
  },
  // Queues: what is waiting.
  {
    all: [["many", "count", "number", "backlog", "waiting", "stuck", "pending", "depth"], [
      "queue",
      "queues",
      "dlq",
    ]],
    read: true,
    commands: ["sqs get-queue-attributes"],
  },
  // Content delivery: refresh what is cached.
  {
    all: [["cdn", "cloudfront", "distribution"], [
      "cache",
      "cached",
      "purge",
      "flush",
      "invalidate",
      "refresh",
    ]],
    none: ["wait", "until", "status"],
    commands: ["cloudfront create-invalidation"],
  },
  // Containers: registry login, cluster access.
  {
    all: [["docker", "registry", "podman"], [
      "login",
      "log",
      "authenticate",
      "auth",
      "password",
      "credentials",
    ]],
    none: ["public", "gallery"],
    commands: ["ecr get-login-password"],
  },
  {
    all: [["kubectl", "kubeconfig", "kubernetes", "k8s"], [
      "connect",
      "configure",
      "setup",
      "access",
      "use",
      "talk",
      "point",
    ]],
    commands: ["eks update-kubeconfig"],
  },
  // Container services: more or fewer copies, a new version rolled out.
  {
    all: [["scale", "bump", "resize", "replicas", "copies"], [
      "service",
      "services",
      "ecs",
      "tasks",
      "task",
    ]],
    none: ["auto", "autoscaling", "policy"],
    commands: ["ecs update-service"],
  },
  {
    all: [["deploy", "redeploy", "rollout", "update"], ["task"], ["definition", "service"]],
    none: ["register", "create", "new-revision"],
    commands: ["ecs update-service"],
  },
  // Tables: a row written or read by key.
  {
    all: [["record", "row", "item", "entry"], ["table"], ["write", "insert", "put", "save", "store", "add"]],
    commands: ["dynamodb put-item"],
  },
  {
    all: [["shell", "terminal", "exec", "bash"], ["container", "containers", "task"]],
    commands: ["ecs execute-command"],
  },
  // The CLI's own settings: profiles, region.
  {
    all: [["profiles"], ["which", "what", "list", "have", "set", "configured"]],
    none: ["instance", "iam"],
    commands: ["configure list-profiles"],
  },
  {
    all: [["region", "profile", "output"], ["configured", "configuration", "default", "current", "am"]],
    none: ["profiles"],
    read: true,
    commands: ["configure list", "configure get"],
  },
  // Databases: where they are and what they run.
  {
    all: [DATABASE, [
      "ip",
      "address",
      "endpoint",
      "hostname",
      "host",
      "port",
      "version",
      "engine",
      "class",
      "status",
      "running",
      "connection",
    ]],
    none: ["snapshot", "snapshots", "create", "restore", "upgrade", "modify", "free", "left", "metrics"],
    read: true,
    commands: ["rds describe-db-instances", "rds describe-db-clusters"],
  },
  // Load balancers: are their targets well.
  {
    all: [["healthy", "unhealthy", "health"], [
      "balancer",
      "balancers",
      "alb",
      "nlb",
      "elb",
      "target",
      "targets",
    ]],
    read: true,
    commands: ["elbv2 describe-target-health"],
  },
  // DNS: which names lead where.
  {
    // Not "point": "point the record at …" asks for a change.
    all: [["dns", "record", "records", "cname", "alias", "domain"], [
      "points",
      "pointing",
      "resolve",
      "resolves",
      "names",
      "name",
      "route",
      "routes",
    ]],
    none: ["create", "add", "change", "update", "delete", "register"],
    read: true,
    anyService: true,
    commands: ["route53 list-resource-record-sets", "route53 list-hosted-zones"],
  },
  // Servers: which are in a state, when they need care, addresses, shells, commands on a fleet.
  {
    all: [SERVER, ["running", "stopped", "pending", "idle", "oldest", "newest", "ami", "image"]],
    none: ["start", "stop", "launch", "run", "create", "terminate", "reboot", "restart"],
    read: true,
    commands: ["ec2 describe-instances"],
  },
  {
    all: [["maintenance", "retirement", "retire", "retiring", "degraded", "impaired", "health"], SERVER],
    none: ["window", "windows"],
    read: true,
    commands: ["ec2 describe-instance-status"],
  },
  {
    all: [["ip", "ips", "address", "hostname"], SERVER],
    none: ["elastic", "allocate", "release", "associate"],
    read: true,
    commands: ["ec2 describe-instances"],
  },
  {
    all: [["shell", "terminal", "session", "ssh"], SERVER],
    none: ["command", "commands", "script"],
    commands: ["ssm start-session", "ssm send-command"],
  },
  {
    all: [["command", "commands", "script"], ["run", "execute", "send"], [
      ...SERVER,
      "fleet",
      "hosts",
      "nodes",
    ]],
    commands: ["ssm send-command"],
  },
  // Metrics: how a resource has been doing.
  {
    all: [["throttled", "throttling", "throttles", "throttle"]],
    none: ["limit", "set", "configure", "reserve", "reserved"],
    read: true,
    anyService: true,
    commands: ["cloudwatch get-metric-statistics", "cloudwatch get-metric-data"],
  },
  {
    all: [[
      "cpu",
      "memory",
      "utilization",
      "latency",
      "throughput",
      "iops",
      "metric",
      "metrics",
      "graph",
      "disk",
      "storage",
      "connections",
    ], [
      "graph",
      "chart",
      "data",
      "like",
      "been",
      "today",
      "usage",
      "trend",
      "over",
      "left",
      "free",
      "average",
      "peak",
    ]],
    read: true,
    anyService: true,
    commands: ["cloudwatch get-metric-statistics", "cloudwatch get-metric-data"],
  },
  // Limits and tags across services.
  {
    all: [["quota", "quotas", "limit", "limits"]],
    none: ["rate", "concurrency", "budget"],
    read: true,
    commands: ["service-quotas get-service-quota", "service-quotas list-service-quotas"],
  },
  {
    all: [["many", "much"], ["still", "more", "maximum", "max", "allowed", "remaining"]],
    none: ["queue", "queues", "messages", "cost", "spend", "pay", "bill"],
    anyService: true,
    commands: ["service-quotas get-service-quota", "service-quotas list-service-quotas"],
  },
  {
    all: [["everything", "anything", "what", "whats"], ["running", "deployed", "provisioned"]],
    none: ["version", "engine", "runtime", "command", "commands", "script"],
    read: true,
    commands: ["resourcegroupstaggingapi get-resources", "ec2 describe-instances"],
  },
  {
    all: [["tag"], ["every", "all", "bulk", "multiple", "these", "many"]],
    none: ["which", "find", "list", "show", "untagged", "untag", "remove", "delete", "image", "images"],
    anyService: true,
    commands: ["resourcegroupstaggingapi tag-resources"],
  },
  {
    all: [["tag", "tagged", "tags"], ["which", "find", "resources", "everything", "anything"]],
    none: ["untag", "add", "remove", "delete", "image", "images", "repository"],
    anyService: true,
    commands: ["resourcegroupstaggingapi get-resources"],
  },
  // Permissions: would this be allowed?
  {
    all: [["can", "allowed", "permitted", "able"], ["user", "role", "principal", "i"]],
    none: ["how"],

    anyService: true,
    commands: ["iam simulate-principal-policy"],
  },
  // Infrastructure as code: why a deployment failed, changed behind its back; databases back in time.
  {
    all: [["why", "reason", "cause", "wrong"], [
      "fail",
      "failed",
      "failing",
      "failure",
      "rollback",
      "rolled",
      "roll",
      "error",
    ], ["stack", "stacks", "cloudformation", "template", "cdk", "sam"]],
    commands: ["cloudformation describe-stack-events"],
  },
  // Container services: a deployment that does not settle.
  {
    all: [["stabilize", "stable", "steady", "stuck", "hanging", "settle"], [
      "deployment",
      "deployments",
      "service",
      "services",
      "rollout",
    ]],
    read: true,
    commands: ["ecs describe-services", "ecs describe-tasks"],
  },
  {
    all: [["drift", "drifted", "outside", "manually", "manual"], [
      "stack",
      "stacks",
      "cloudformation",
      "resources",
    ]],
    commands: ["cloudformation detect-stack-drift", "cloudformation describe-stack-resource-drifts"],
  },
  {
    all: [["yesterday", "ago", "earlier", "point", "before", "last"], [
      "restore",
      "roll",
      "recover",
      "rewind",
    ], DATABASE],
    commands: ["rds restore-db-instance-to-point-in-time", "rds restore-db-cluster-to-point-in-time"],
  },
];
