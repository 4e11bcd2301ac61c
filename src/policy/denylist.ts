/**
 * Commands this server never runs: they open shells or tunnels, install software on hosts, or write the
 * user's AWS (or other tools') configuration. Each says why and what to do instead.
 */

/** One built-in denial. */
export interface Denial {
  /** `service command` as typed on the CLI. */
  command: string;
  reason: string;
  instead: string;
}

const configure = (sub: string): Denial => ({
  command: `configure ${sub}`,
  reason: "it writes or reveals the AWS CLI configuration and credentials of the machine running the server",
  instead:
    "Configure credentials outside the assistant (aws configure, aws sso login), then pass a profile with AWS_API_MCP_PROFILE_NAME.",
});

/** The built-in denylist. */
export const BUILTIN_DENIALS: readonly Denial[] = [
  {
    command: "deploy install",
    reason: "it installs the CodeDeploy agent on this machine",
    instead: "Install the agent on your instances with AWS Systems Manager (aws ssm send-command).",
  },
  {
    command: "deploy uninstall",
    reason: "it uninstalls the CodeDeploy agent from this machine",
    instead: "Manage the agent on your instances with AWS Systems Manager.",
  },
  {
    command: "deploy register",
    reason: "it registers this machine as an on-premises instance and writes its configuration",
    instead: "Use aws deploy register-on-premises-instance with an existing IAM identity.",
  },
  {
    command: "deploy deregister",
    reason: "it deregisters this machine and deletes local configuration",
    instead: "Use aws deploy deregister-on-premises-instance.",
  },
  {
    command: "emr ssh",
    reason: "it opens an interactive SSH session",
    instead: "Use aws ssm send-command, or connect from your own terminal.",
  },
  { command: "emr sock", reason: "it opens a SOCKS tunnel", instead: "Open tunnels from your own terminal." },
  {
    command: "emr socks",
    reason: "it opens a SOCKS tunnel",
    instead: "Open tunnels from your own terminal.",
  },
  {
    command: "emr get",
    reason: "it copies files from a cluster over SSH",
    instead: "Copy through S3 (aws s3api get-object) instead.",
  },
  {
    command: "emr put",
    reason: "it copies files to a cluster over SSH",
    instead: "Copy through S3 (aws s3api put-object) instead.",
  },
  {
    command: "opsworks register",
    reason: "it installs the OpsWorks agent on a host over SSH",
    instead: "Use aws opsworks register-instance.",
  },
  {
    command: "ssm start-session",
    reason: "it opens an interactive shell session",
    instead:
      "Run commands with aws ssm send-command and read the results with aws ssm get-command-invocation.",
  },
  {
    command: "ssm resume-session",
    reason: "it resumes an interactive shell session",
    instead: "Use aws ssm send-command.",
  },
  {
    command: "ecs execute-command",
    reason: "it opens an interactive shell in a container",
    instead: "Inspect tasks with aws ecs describe-tasks and their logs with aws logs filter-log-events.",
  },
  {
    command: "sso login",
    reason: "it starts a browser-based login flow on this machine",
    instead: "Run aws sso login yourself, then use the profile with AWS_API_MCP_PROFILE_NAME.",
  },
  {
    command: "sso logout",
    reason: "it removes cached login tokens from this machine",
    instead: "Run aws sso logout yourself.",
  },
  {
    command: "codecommit credential-helper",
    reason: "it serves Git credentials",
    instead: "Configure Git's credential helper yourself.",
  },
  {
    command: "codeartifact login",
    reason: "it writes a repository token into npm, pip or twine configuration",
    instead: "Run aws codeartifact login yourself.",
  },
  {
    command: "eks update-kubeconfig",
    reason: "it writes kubectl's configuration on this machine",
    instead: "Run aws eks update-kubeconfig yourself; inspect clusters with aws eks describe-cluster.",
  },
  {
    command: "lightsail push-container-image",
    reason: "it runs Docker on this machine",
    instead: "Push images from your own terminal.",
  },
  {
    command: "gamelift upload-build",
    reason: "it uploads local build folders",
    instead: "Upload through S3 and aws gamelift create-build.",
  },
  configure("set"),
  configure("import"),
  configure("sso"),
  configure("sso-session"),
  configure("wizard"),
  configure("add-model"),
  configure("export-credentials"),
];

/** The built-in denial for `aws <service> <command>`, if any. */
export function builtinDenial(service: string, command: string): Denial | undefined {
  return BUILTIN_DENIALS.find((d) => d.command === `${service} ${command}`);
}

/** Configuration names whose values are secrets: `configure get` never prints them. */
const SECRET_SETTINGS = new Set(["aws_secret_access_key", "aws_session_token", "aws_security_token"]);

/** The denial of `aws configure get` for a secret (`aws_secret_access_key`, `dev.aws_session_token`, …). */
export function secretSettingDenial(
  service: string,
  command: string,
  args: readonly string[],
): Denial | undefined {
  if (service !== "configure" || command !== "get") return undefined;
  const name = (args[0] ?? "").split(".").at(-1)!.toLowerCase();
  if (!SECRET_SETTINGS.has(name)) return undefined;
  return {
    command: `configure get ${args[0]}`,
    reason: "it would print a secret of the AWS configuration",
    instead: "aws configure list shows which credentials are in use and where they come from, masked.",
  };
}

/** The built-in denial for a command's text, found without parsing its arguments. */
export function denialForText(text: string): Denial | undefined {
  const words = text.trim().split(/\s+/);
  if (words[0] !== "aws") return undefined;
  // The first two words that are neither options nor option values: service and command.
  const plain = words.slice(1).filter((w, i, all) =>
    !w.startsWith("-") && !(all[i - 1]?.startsWith("--") && !all[i - 1].includes("="))
  );
  return plain.length >= 2 ? builtinDenial(plain[0], plain[1]) : undefined;
}
