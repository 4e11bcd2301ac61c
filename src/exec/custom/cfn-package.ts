/**
 * `aws cloudformation package` as the AWS CLI v2 runs it (customizations/cloudformation/artifact_exporter.py):
 * every local artifact the template's resources name — Lambda and Serverless code (folders zipped, single files
 * zipped where the type needs a zip), API and state machine definitions, AppSync templates, Glue scripts,
 * layers, Beanstalk bundles, CodeCommit code, nested stacks (packaged in turn), `AWS::Include` snippets,
 * Serverless Repo readme and licence — uploaded to `--s3-bucket` under its MD5 (skipped when already there),
 * and the template written back with S3 locations, as YAML (as the CLI writes it) or `--use-json`. Every local
 * path goes through the file policy.
 */
import { createHash } from "node:crypto";
import { posix } from "node:path";
import type { ParsedCommand } from "../../parse/types.ts";
import { ExecFailure, fromSdkError } from "../errors.ts";
import { pyJson } from "../output/pyjson.ts";
import { formatTemplateYaml } from "../output/yaml.ts";
import type { LoadedClient } from "../sdk.ts";
import type { ExecFiles } from "../types.ts";
import { parseTemplate } from "./cfn-template.ts";
import { zip } from "./zip.ts";

/** How a resource type names its artifact (artifact_exporter's RESOURCES_EXPORT_LIST). */
interface Exporter {
  type: string;
  /** A property path (`Command.ScriptLocation`). */
  property: string;
  /** Package the template's own folder when the property is absent. */
  nullProperty?: boolean;
  /** A single file is zipped (code must be a zip). */
  forceZip?: boolean;
  /** Set the property to {bucket, key[, version]} under these names instead of an s3:// URL. */
  dict?: [string, string, string?];
  /** A nested template: packaged in turn, then pointed at by an https URL. */
  nested?: boolean;
}

const EXPORTERS: readonly Exporter[] = [
  { type: "AWS::Serverless::Function", property: "CodeUri", nullProperty: true, forceZip: true },
  { type: "AWS::Serverless::Api", property: "DefinitionUri" },
  { type: "AWS::AppSync::GraphQLSchema", property: "DefinitionS3Location" },
  { type: "AWS::AppSync::Resolver", property: "RequestMappingTemplateS3Location" },
  { type: "AWS::AppSync::Resolver", property: "ResponseMappingTemplateS3Location" },
  { type: "AWS::AppSync::FunctionConfiguration", property: "RequestMappingTemplateS3Location" },
  { type: "AWS::AppSync::FunctionConfiguration", property: "ResponseMappingTemplateS3Location" },
  { type: "AWS::ApiGateway::RestApi", property: "BodyS3Location", dict: ["Bucket", "Key", "Version"] },
  {
    type: "AWS::Lambda::Function",
    property: "Code",
    nullProperty: true,
    forceZip: true,
    dict: ["S3Bucket", "S3Key", "S3ObjectVersion"],
  },
  {
    type: "AWS::ElasticBeanstalk::ApplicationVersion",
    property: "SourceBundle",
    nullProperty: true,
    dict: ["S3Bucket", "S3Key"],
  },
  { type: "AWS::CloudFormation::Stack", property: "TemplateURL", nullProperty: true, nested: true },
  { type: "AWS::Serverless::Application", property: "Location", nullProperty: true, nested: true },
  { type: "AWS::Serverless::LayerVersion", property: "ContentUri", nullProperty: true, forceZip: true },
  {
    type: "AWS::Lambda::LayerVersion",
    property: "Content",
    nullProperty: true,
    forceZip: true,
    dict: ["S3Bucket", "S3Key", "S3ObjectVersion"],
  },
  { type: "AWS::Glue::Job", property: "Command.ScriptLocation", nullProperty: true },
  {
    type: "AWS::StepFunctions::StateMachine",
    property: "DefinitionS3Location",
    dict: ["Bucket", "Key", "Version"],
  },
  { type: "AWS::Serverless::StateMachine", property: "DefinitionUri", dict: ["Bucket", "Key", "Version"] },
  {
    type: "AWS::CodeCommit::Repository",
    property: "Code.S3",
    forceZip: true,
    dict: ["Bucket", "Key", "ObjectVersion"],
  },
];
const METADATA_EXPORTERS: readonly Exporter[] = [
  { type: "AWS::ServerlessRepo::Application", property: "ReadmeUrl" },
  { type: "AWS::ServerlessRepo::Application", property: "LicenseUrl" },
];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

function getPath(o: Json, path: string): unknown {
  return path.split(".").reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), o);
}
function setPath(o: Json, path: string, value: unknown): void {
  const parts = path.split(".");
  let t = o;
  for (const p of parts.slice(0, -1)) {
    if (!isObject(t[p])) t[p] = {};
    t = t[p] as Json;
  }
  t[parts.at(-1)!] = value;
}

/** `s3://bucket/key[?versionId=v]` in parts, or undefined for anything else. */
function parseS3Url(url: unknown): { bucket: string; key: string; version?: string } | undefined {
  if (typeof url !== "string" || !url.startsWith("s3://")) return undefined;
  const parsed = new URL(`http://${url.slice(5)}`);
  const key = decodeURIComponent(parsed.pathname).replace(/^\/+/, "");
  if (!parsed.host || !key) return undefined;
  const versions = parsed.searchParams.getAll("versionId");
  return {
    bucket: url.slice(5).split(/[/?]/)[0],
    key,
    ...(versions.length === 1 ? { version: versions[0] } : {}),
  };
}

/** Where the packaged artifacts go, and how: the CLI's S3Uploader. */
export interface Uploader {
  bucket: string;
  prefix?: string;
  kmsKeyId?: string;
  forceUpload: boolean;
  metadata?: Record<string, string>;
  s3: LoadedClient;
  /** The S3 endpoint, for the https URLs of nested templates. */
  endpoint: string;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
}

/** Uploads bytes under their MD5 (plus an extension), unless already there; the object's s3:// URL. */
async function uploadWithDedup(u: Uploader, bytes: Uint8Array, extension?: string): Promise<string> {
  const md5 = createHash("md5").update(bytes).digest("hex");
  const key = `${u.prefix ? `${u.prefix}/` : ""}${md5}${extension ? `.${extension}` : ""}`;
  const send = (op: string, input: Json) =>
    u.s3.client.send(new (u.s3.command(op)!)(input), { abortSignal: u.signal });
  const there = !u.forceUpload &&
    await send("HeadObject", { Bucket: u.bucket, Key: key }).then(() => true, () => false);
  if (!there) {
    try {
      await send("PutObject", {
        Bucket: u.bucket,
        Key: key,
        Body: bytes,
        ...(u.kmsKeyId
          ? { ServerSideEncryption: "aws:kms", SSEKMSKeyId: u.kmsKeyId }
          : { ServerSideEncryption: "AES256" }),
        ...(u.metadata ? { Metadata: u.metadata } : {}),
      });
    } catch (e) {
      const failure = fromSdkError(e, "PutObject");
      if (failure.service?.code === "NoSuchBucket") {
        throw new ExecFailure({
          code: "SERVICE_ERROR",
          message:
            `S3 Bucket does not exist. Execute the command to create a new bucket\naws s3 mb s3://${u.bucket}`,
        });
      }
      throw new ExecFailure(failure);
    }
    u.onProgress?.(`Uploaded ${bytes.length} bytes to s3://${u.bucket}/${key}`);
  }
  return `s3://${u.bucket}/${key}`;
}

/** A local folder's files as a zip (links followed only inside the working directory, as the policy says). */
async function zipFolder(files: ExecFiles, folder: string): Promise<Uint8Array> {
  const found = await files.list(folder, true);
  const entries = [];
  for (const f of found) {
    entries.push({ name: f.relative, data: await files.read(f.source), mtime: new Date(f.mtimeMs) });
  }
  return zip(entries);
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** A template and where it is; exporting uploads what it names and rewrites those properties. */
class Template {
  constructor(
    readonly dict: Json,
    readonly dir: string,
    readonly files: ExecFiles,
    readonly uploader: Uploader,
  ) {}

  /** Uploads a local artifact named by `property` (a file, or a folder zipped); its s3:// URL. */
  async uploadArtifact(id: string, props: Json, property: string, forceZip: boolean): Promise<string> {
    const value = getPath(props, property) ?? this.dir;
    if (parseS3Url(value)) return value as string;
    const path = posix.isAbsolute(value as string)
      ? value as string
      : posix.normalize(posix.join(this.dir, value as string));
    const kind = await this.files.kind(path);
    if (kind === "folder") return await uploadWithDedup(this.uploader, await zipFolder(this.files, path));
    if (kind === "file") {
      const bytes = await this.files.read(path);
      const isZip = ZIP_MAGIC.every((b, i) => bytes[i] === b);
      if (forceZip && !isZip) {
        const { mtimeMs } = (await this.files.list(posix.dirname(path), false)).find((f) =>
          f.relative === posix.basename(path)
        ) ?? { mtimeMs: Date.now() };
        return await uploadWithDedup(
          this.uploader,
          zip([{ name: posix.basename(path), data: bytes, mtime: new Date(mtimeMs) }]),
        );
      }
      return await uploadWithDedup(this.uploader, bytes);
    }
    throw new ExecFailure({
      code: "FILE_ERROR",
      message:
        `Parameter ${property} of resource ${id} refers to a file or folder that does not exist ${path}`,
    });
  }

  async exportOne(e: Exporter, id: string, props: unknown): Promise<void> {
    if (!isObject(props)) return;
    const value = getPath(props, e.property);
    if (!value && !e.nullProperty) return;
    if (isObject(value)) return;
    try {
      if (e.nested) await this.exportNested(e, id, props);
      else {
        const url = await this.uploadArtifact(id, props, e.property, e.forceZip === true);
        const parts = parseS3Url(url)!;
        setPath(
          props,
          e.property,
          e.dict
            ? {
              [e.dict[0]]: parts.bucket,
              [e.dict[1]]: parts.key,
              ...(e.dict[2] && parts.version ? { [e.dict[2]]: parts.version } : {}),
            }
            : url,
        );
      }
    } catch (err) {
      const why = err instanceof ExecFailure ? err.message : String(err);
      throw new ExecFailure({
        code: err instanceof ExecFailure ? err.error.code : "LOCAL_ERROR",
        message: `Unable to upload artifact ${
          value ?? "None"
        } referenced by ${e.property} parameter of ${id} resource.\n${why}`,
      });
    }
  }

  async exportNested(e: Exporter, id: string, props: Json): Promise<void> {
    const path = props[e.property];
    if (typeof path !== "string" || parseS3Url(path) || /^https?:\/\//.test(path)) return;
    const full = posix.isAbsolute(path) ? path : posix.normalize(posix.join(this.dir, path));
    if ((await this.files.kind(full)) !== "file") {
      throw new ExecFailure({
        code: "FILE_ERROR",
        message: `${e.property} parameter of ${id} resource is invalid. It must be a S3 URL or path to ` +
          `CloudFormation template file. Actual: ${full}`,
      });
    }
    const nested = await readTemplate(this.files, full, this.uploader);
    const url = await uploadWithDedup(
      this.uploader,
      new TextEncoder().encode(formatTemplateYaml(await nested.export())),
      "template",
    );
    const parts = parseS3Url(url)!;
    props[e.property] = `${this.uploader.endpoint.replace(/\/$/, "")}/${this.uploader.bucket}/${parts.key}` +
      (parts.version ? `?versionId=${parts.version}` : "");
  }

  /** `Fn::Transform` of `AWS::Include` with a local Location, wherever it stands. */
  async exportIncludes(node: unknown): Promise<void> {
    if (Array.isArray(node)) {
      for (const item of node) if (isObject(item)) await this.exportIncludes(item);
      return;
    }
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "Fn::Transform" && isObject(value) && value.Name === "AWS::Include") {
        const location = (value.Parameters as Json | undefined)?.Location;
        if (typeof location !== "string" || !location || parseS3Url(location)) continue;
        const path = posix.join(this.dir, location);
        if ((await this.files.kind(path)) !== "file") {
          throw new ExecFailure({
            code: "FILE_ERROR",
            message:
              `Parameter Location of resource AWS::Include refers to a file or folder that does not exist ${path}`,
          });
        }
        (value.Parameters as Json).Location = await uploadWithDedup(
          this.uploader,
          await this.files.read(path),
        );
      } else if (isObject(value) || Array.isArray(value)) await this.exportIncludes(value);
    }
  }

  /** Exports everything this template names; the rewritten template. */
  async export(): Promise<Json> {
    if (isObject(this.dict.Metadata)) {
      for (const [type, meta] of Object.entries(this.dict.Metadata)) {
        for (const e of METADATA_EXPORTERS) if (e.type === type) await this.exportOne(e, type, meta);
      }
    }
    if (!isObject(this.dict.Resources)) return this.dict;
    await this.exportIncludes(this.dict);
    for (const [id, resource] of Object.entries(this.dict.Resources)) {
      if (!isObject(resource)) continue;
      for (const e of EXPORTERS) {
        if (e.type === resource.Type) await this.exportOne(e, id, resource.Properties);
      }
    }
    return this.dict;
  }
}

async function readTemplate(files: ExecFiles, path: string, uploader: Uploader): Promise<Template> {
  const parsed = parseTemplate(new TextDecoder().decode(await files.read(path)));
  return new Template(isObject(parsed) ? parsed : {}, posix.dirname(path), files, uploader);
}

/** Runs `cloudformation package`; what the CLI prints (the template itself, or where it was written). */
export async function runCfnPackage(
  cmd: ParsedCommand,
  files: ExecFiles,
  uploader: Uploader,
): Promise<{ text: string }> {
  const o = cmd.highLevel!.options;
  const templatePath = o["template-file"] as string;
  if ((await files.kind(templatePath)) !== "file") {
    throw new ExecFailure({ code: "FILE_ERROR", message: `Invalid template path ${templatePath}` });
  }
  const template = await readTemplate(files, templatePath, uploader);
  const exported = await template.export();
  const out = o["use-json"] === true ? pyJson(exported) : formatTemplateYaml(exported);
  const target = o["output-template-file"] as string | undefined;
  if (target === undefined) return { text: `\n${out}` };
  await files.write(target, new TextEncoder().encode(out));
  return {
    text: `\nSuccessfully packaged artifacts and wrote output template to file ${target}.\n` +
      `Execute the following command to deploy the packaged template\n` +
      `aws cloudformation deploy --template-file ${files.absolute(target)} --stack-name <YOUR STACK NAME>\n`,
  };
}
