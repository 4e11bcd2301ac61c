/**
 * `aws configure list`, `list-profiles` and `get KEY`: read-only views of the configuration the commands run
 * with, printed as the AWS CLI v2 prints them. Nothing is fetched to show them: credentials that come from
 * elsewhere than the environment or the shared files (a role, SSO, a process, the instance) are named by
 * their source, not resolved. Secrets are never printed: `configure get` of a secret key is refused by the
 * policy (policy/denylist.ts) and `configure list` masks keys as the CLI does.
 */
import { loadSharedConfigFiles } from "@smithy/shared-ini-file-loader";
import type { ParsedCommand } from "../../parse/types.ts";
import { ExecFailure } from "../errors.ts";

type Section = Record<string, string | undefined>;

/** Where the commands' configuration comes from: the environment and the profile the server runs with. */
export interface ConfigContext {
  env: Record<string, string | undefined>;
  /** The server's profile (AWS_API_MCP_PROFILE_NAME), when set. */
  profile?: string;
}

async function sharedFiles(env: ConfigContext["env"]) {
  const home = env.HOME ?? env.USERPROFILE ?? "";
  const configPath = env.AWS_CONFIG_FILE ?? `${home}/.aws/config`;
  const credentialsPath = env.AWS_SHARED_CREDENTIALS_FILE ?? `${home}/.aws/credentials`;
  const files = await loadSharedConfigFiles({
    filepath: credentialsPath,
    configFilepath: configPath,
    ignoreCache: true,
  })
    .catch(() => ({ configFile: {}, credentialsFile: {} }));
  // Sections other than profiles (sso-session, services) are named "<type>.<name>" by the loader.
  const profiles = (file: Record<string, Section>) =>
    Object.fromEntries(Object.entries(file).filter(([k]) => !/^(sso-session|services)\./.test(k)));
  return {
    config: profiles(files.configFile as Record<string, Section>),
    credentials: profiles(files.credentialsFile as Record<string, Section>),
    // The CLI names the default file as written, unexpanded.
    configShown: env.AWS_CONFIG_FILE ?? "~/.aws/config",
  };
}

/** The profile in use, and where that was said, as `configure list` shows it. */
function profileInUse(
  cmd: ParsedCommand,
  ctx: ConfigContext,
): { name?: string; type: string; where: string } {
  if (cmd.globals.profile !== undefined) {
    return { name: cmd.globals.profile, type: "manual", where: "--profile" };
  }
  if (ctx.profile !== undefined) return { name: ctx.profile, type: "env", where: "AWS_API_MCP_PROFILE_NAME" };
  const fromEnv = ctx.env.AWS_PROFILE ?? ctx.env.AWS_DEFAULT_PROFILE;
  if (fromEnv !== undefined) {
    return { name: fromEnv, type: "env", where: "['AWS_PROFILE', 'AWS_DEFAULT_PROFILE']" };
  }
  return { type: "None", where: "None" };
}

const NOT_SET = "<not set>";
const mask = (v: string) => `${"*".repeat(16)}${v.slice(-4)}`;
const row = (name: string, value: string, type: string, where: string) =>
  `${name.padStart(10)} ${value.padStart(24)} ${type.padStart(16)}    ${where}\n`;

/**
 * The credentials the profile would use, in botocore's order, without fetching any: keys where they are
 * written down, otherwise the name of the source that would provide them.
 */
function credentialSource(
  ctx: ConfigContext,
  explicit: boolean,
  profile: Section,
  credentials: Section,
): { keys?: [string, string]; method: string } | undefined {
  const env = ctx.env;
  if (!explicit && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return { keys: [env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY], method: "env" };
  }
  if (profile.role_arn) return { method: "assume-role" };
  if (profile.web_identity_token_file || env.AWS_WEB_IDENTITY_TOKEN_FILE) {
    return { method: "assume-role-with-web-identity" };
  }
  if (profile.sso_start_url || profile.sso_session) return { method: "sso" };
  if (credentials.aws_access_key_id && credentials.aws_secret_access_key) {
    return {
      keys: [credentials.aws_access_key_id, credentials.aws_secret_access_key],
      method: "shared-credentials-file",
    };
  }
  if (profile.credential_process) return { method: "custom-process" };
  if (profile.aws_access_key_id && profile.aws_secret_access_key) {
    return { keys: [profile.aws_access_key_id, profile.aws_secret_access_key], method: "config-file" };
  }
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) {
    return { method: "container-role" };
  }
  return undefined;
}

async function list(cmd: ParsedCommand, ctx: ConfigContext): Promise<string> {
  const files = await sharedFiles(ctx.env);
  const p = profileInUse(cmd, ctx);
  const name = p.name ?? "default";
  const section = files.config[name] ?? {}, creds = files.credentials[name] ?? {};
  let out = row("Name", "Value", "Type", "Location") + row("----", "-----", "----", "--------");
  out += row("profile", p.name ?? NOT_SET, p.type, p.where);
  const source = credentialSource(ctx, p.type === "manual", section, creds);
  for (const [i, label] of ["access_key", "secret_key"].entries()) {
    if (!source) out += row(label, NOT_SET, "None", "None");
    // Credentials from a role, SSO, a process or a container are only known once fetched: not done to list.
    else out += row(label, source.keys ? mask(source.keys[i]) : "<not fetched>", source.method, "");
  }
  const envRegion = ctx.env.AWS_REGION ?? ctx.env.AWS_DEFAULT_REGION;
  if (envRegion) out += row("region", envRegion, "env", "['AWS_REGION', 'AWS_DEFAULT_REGION']");
  else if (section.region) out += row("region", section.region, "config-file", files.configShown);
  else out += row("region", NOT_SET, "None", "None");
  return out;
}

async function listProfiles(ctx: ConfigContext): Promise<string> {
  const files = await sharedFiles(ctx.env);
  const names = [...new Set([...Object.keys(files.config), ...Object.keys(files.credentials)])];
  return names.map((n) => `${n}\n`).join("");
}

/** `configure get`: a name in the profile in use, or `profile.name`, `default.name`, `<section>.<name>`. */
async function get(cmd: ParsedCommand, ctx: ConfigContext): Promise<string> {
  const varname = cmd.highLevel!.paths[0];
  const files = await sharedFiles(ctx.env);
  const all = (profile: string) => ({ ...files.credentials[profile], ...files.config[profile] });
  const current = cmd.globals.profile ?? ctx.profile ?? ctx.env.AWS_PROFILE ?? "default";
  const parts = varname.split(".");
  let profile = current, key = varname;
  if (parts[0] === "profile" && parts.length >= 3) [profile, key] = [parts[1], parts.slice(2).join(".")];
  else if (
    parts.length >= 2 && (parts[0] === "default" || Object.hasOwn(files.config, parts[0]) ||
      Object.hasOwn(files.credentials, parts[0]))
  ) {
    [profile, key] = [parts[0], parts.slice(1).join(".")];
  }
  const value = all(profile)[key];
  if (value === undefined) {
    throw new ExecFailure({
      code: "INVALID_VALUE",
      message:
        `'${varname}' is not set in profile '${profile}' (the AWS CLI prints nothing and exits with 1).`,
      hint: "aws configure list shows what is set and where; aws configure list-profiles the profiles.",
    });
  }
  return `${value.trim()}\n`;
}

/** Runs a configure view; its printed text. */
export async function runConfigureView(cmd: ParsedCommand, ctx: ConfigContext): Promise<string> {
  switch (cmd.command) {
    case "list":
      return await list(cmd, ctx);
    case "list-profiles":
      return await listProfiles(ctx);
    default:
      return await get(cmd, ctx);
  }
}
