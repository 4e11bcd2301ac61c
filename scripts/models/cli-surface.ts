/**
 * The AWS CLI's own changes to the command surface that botocore's models do not carry, as facts from
 * AWS CLI v2 (awscli/customizations: removals, argrename, the s3/config/codedeploy command renames).
 * Keys of the argument tables are `<cli service>.<cli operation or *>.<flag>`.
 */

/** botocore service name → the name the CLI gives the command. */
export const SERVICE_RENAMES: Readonly<Record<string, string>> = {
  s3: "s3api",
  config: "configservice",
  codedeploy: "deploy",
};

/** Second names the CLI gives a service command: alias → CLI service name. */
export const SERVICE_ALIASES: Readonly<Record<string, string>> = {
  "opsworks-cm": "opsworkscm",
};

/** Operations the CLI removes from a service's command table (deprecated or unsupported there). */
export const REMOVED_COMMANDS: Readonly<Record<string, readonly string[]>> = {
  ses: ["delete-verified-email-address", "list-verified-email-addresses", "verify-email-address"],
  ec2: ["import-instance", "import-volume"],
  emr: [
    "run-job-flow",
    "describe-job-flows",
    "add-job-flow-steps",
    "terminate-job-flows",
    "list-bootstrap-actions",
    "list-instance-groups",
    "set-termination-protection",
    "set-visible-to-all-users",
  ],
  kinesis: ["subscribe-to-shard"],
  "lexv2-runtime": ["start-conversation"],
  // Replaced by the two commands in VIRTUAL_COMMANDS.
  rds: ["modify-option-group"],
};

/** Commands the CLI adds that call an existing operation with some flags renamed or removed. */
export const VIRTUAL_COMMANDS: Readonly<
  Record<string, { operation: string; renames?: Record<string, string>; replaced?: string[] }>
> = {
  "rds.add-option-to-option-group": {
    operation: "ModifyOptionGroup",
    renames: { "options-to-include": "options" },
    replaced: ["options-to-remove"],
  },
  "rds.remove-option-from-option-group": {
    operation: "ModifyOptionGroup",
    renames: { "options-to-remove": "options" },
    replaced: ["options-to-include"],
  },
};

/**
 * Commands whose name the CLI gives to its own implementation instead of the plain API call. The first
 * call each makes is still the operation of the same name, with arguments the CLI translates itself.
 */
export const CUSTOM_COMMANDS: ReadonlySet<string> = new Set([
  "emr.add-instance-groups",
  "emr.describe-cluster",
  "sso.logout",
]);

/** Member flags the CLI removes in favour of arguments of its own (`ec2 run-instances --count`). */
export const REPLACED_ARGUMENTS: Readonly<Record<string, readonly string[]>> = {
  "ec2.run-instances": ["max-count", "min-count"],
  "cloudsearch.define-index-field": ["index-field"],
  "datapipeline.put-pipeline-definition": ["pipeline-objects"],
};

/**
 * Members botocore adds to an operation's input at run time, which its JSON model lacks: `SourceRegion`
 * for the cross-region calls that need a presigned URL (the SDK computes the URL from it too).
 */
export const INJECTED_MEMBERS: Readonly<Record<string, Record<string, "string">>> = {
  "docdb.CopyDBClusterSnapshot": { SourceRegion: "string" },
  "docdb.CreateDBCluster": { SourceRegion: "string" },
  "neptune.CopyDBClusterSnapshot": { SourceRegion: "string" },
  "neptune.CreateDBCluster": { SourceRegion: "string" },
  "rds.CopyDBClusterSnapshot": { SourceRegion: "string" },
  "rds.CopyDBSnapshot": { SourceRegion: "string" },
  "rds.CreateDBCluster": { SourceRegion: "string" },
  "rds.CreateDBInstanceReadReplica": { SourceRegion: "string" },
  "rds.StartDBInstanceAutomatedBackupsReplication": { SourceRegion: "string" },
};

/** Flags the CLI renames to avoid clashes with its own options or to read better. */
export const ARGUMENT_RENAMES: Readonly<Record<string, string>> = {
  "ec2.create-image.no-no-reboot": "reboot",
  "ec2.*.no-egress": "ingress",
  "ec2.*.no-disable-api-termination": "enable-api-termination",
  "opsworks.*.region": "stack-region",
  "elastictranscoder.*.output": "job-output",
  "swf.register-activity-type.version": "activity-version",
  "swf.register-workflow-type.version": "workflow-version",
  "datapipeline.*.query": "objects-query",
  "datapipeline.get-pipeline-definition.version": "pipeline-version",
  "emr.*.job-flow-ids": "cluster-ids",
  "emr.*.job-flow-id": "cluster-id",
  "cloudsearchdomain.search.query": "search-query",
  "cloudsearchdomain.suggest.query": "suggest-query",
  "sns.subscribe.endpoint": "notification-endpoint",
  "deploy.*.s-3-location": "s3-location",
  "deploy.*.ec-2-tag-filters": "ec2-tag-filters",
  "codepipeline.get-pipeline.version": "pipeline-version",
  "codepipeline.create-custom-action-type.version": "action-version",
  "codepipeline.delete-custom-action-type.version": "action-version",
  "kinesisanalytics.add-application-output.output": "application-output",
  "kinesisanalyticsv2.add-application-output.output": "application-output",
  "route53.delete-traffic-policy.version": "traffic-policy-version",
  "route53.get-traffic-policy.version": "traffic-policy-version",
  "route53.update-traffic-policy-comment.version": "traffic-policy-version",
  "gamelift.create-build.version": "build-version",
  "gamelift.update-build.version": "build-version",
  "gamelift.create-script.version": "script-version",
  "gamelift.update-script.version": "script-version",
  "route53domains.view-billing.start": "start-time",
  "route53domains.view-billing.end": "end-time",
  "apigateway.create-rest-api.version": "api-version",
  "apigatewayv2.create-api.version": "api-version",
  "apigatewayv2.update-api.version": "api-version",
  "pinpoint.get-campaign-version.version": "campaign-version",
  "pinpoint.get-segment-version.version": "segment-version",
  "pinpoint.delete-email-template.version": "template-version",
  "pinpoint.delete-in-app-template.version": "template-version",
  "pinpoint.delete-push-template.version": "template-version",
  "pinpoint.delete-sms-template.version": "template-version",
  "pinpoint.delete-voice-template.version": "template-version",
  "pinpoint.get-email-template.version": "template-version",
  "pinpoint.get-in-app-template.version": "template-version",
  "pinpoint.get-push-template.version": "template-version",
  "pinpoint.get-sms-template.version": "template-version",
  "pinpoint.get-voice-template.version": "template-version",
  "pinpoint.update-email-template.version": "template-version",
  "pinpoint.update-in-app-template.version": "template-version",
  "pinpoint.update-push-template.version": "template-version",
  "pinpoint.update-sms-template.version": "template-version",
  "pinpoint.update-voice-template.version": "template-version",
  "stepfunctions.send-task-success.output": "task-output",
  "clouddirectory.publish-schema.version": "schema-version",
  "mturk.list-qualification-types.query": "types-query",
  "workdocs.create-notification-subscription.endpoint": "notification-endpoint",
  "workdocs.describe-users.query": "user-query",
  "lex-models.delete-bot.version": "bot-version",
  "lex-models.delete-intent.version": "intent-version",
  "lex-models.delete-slot-type.version": "slot-type-version",
  "lex-models.get-intent.version": "intent-version",
  "lex-models.get-slot-type.version": "slot-type-version",
  "lex-models.delete-bot-version.version": "bot-version",
  "lex-models.delete-intent-version.version": "intent-version",
  "lex-models.delete-slot-type-version.version": "slot-type-version",
  "lex-models.get-export.version": "resource-version",
  "license-manager.get-grant.version": "grant-version",
  "license-manager.delete-grant.version": "grant-version",
  "license-manager.get-license.version": "license-version",
  "mobile.create-project.region": "project-region",
  "rekognition.create-stream-processor.output": "stream-processor-output",
  "eks.create-cluster.version": "kubernetes-version",
  "eks.update-cluster-version.version": "kubernetes-version",
  "eks.create-nodegroup.version": "kubernetes-version",
  "eks.update-nodegroup-version.version": "kubernetes-version",
  "schemas.*.version": "schema-version",
  "sagemaker.delete-image-version.version": "version-number",
  "sagemaker.describe-image-version.version": "version-number",
  "sagemaker.list-aliases.version": "version-number",
  "sagemaker.update-image-version.version": "version-number",
  "iotwireless.*.lo-ra-wan": "lorawan",
  "codepipeline.get-action-type.version": "action-version",
  "ecs.*.no-enable-execute-command": "disable-execute-command",
  "ecs.execute-command.no-interactive": "non-interactive",
  // awscli/customizations/sessendemail.py
  "ses.send-email.source": "from",
};

/** Extra, undocumented spellings the CLI accepts for a flag: key is the flag, value the alias. */
export const HIDDEN_ALIASES: Readonly<Record<string, string>> = {
  "mgn.*.replication-servers-security-groups-ids": "replication-servers-security-groups-i-ds",
  "mgn.*.source-server-ids": "source-server-i-ds",
  "mgn.*.replication-configuration-template-ids": "replication-configuration-template-i-ds",
  "elasticache.create-replication-group.preferred-cache-cluster-azs": "preferred-cache-cluster-a-zs",
};
