/**
 * Commands with canned service responses, one or more per wire protocol, for the differential tests
 * against the AWS CLI (tests/exec/wire_test.ts). A response may depend on the request (for pagination).
 */
import type { RecordedRequest } from "../../scripts/local-servers.ts";

/** A canned HTTP response. */
export interface Canned {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

/** One command and how the fake service answers it. */
export interface WireCase {
  command: string;
  respond: (req: RecordedRequest) => Canned;
}

const xml = (body: string, status = 200): Canned => ({
  status,
  headers: { "content-type": "text/xml" },
  body,
});
const json = (body: unknown, type = "application/x-amz-json-1.1", status = 200): Canned => ({
  status,
  headers: { "content-type": type },
  body: JSON.stringify(body),
});
const json10 = (body: unknown) => json(body, "application/x-amz-json-1.0");
const rest = (body: unknown, headers: Record<string, string> = {}): Canned => ({
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});
const query = (op: string, result: string, ns = "https://iam.amazonaws.com/doc/2010-05-08/") =>
  xml(
    `<${op}Response xmlns="${ns}"><${op}Result>${result}</${op}Result><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></${op}Response>`,
  );
const ec2 = (op: string, body: string) =>
  xml(
    `<${op}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-1</requestId>${body}</${op}Response>`,
  );

/** The cases: query, ec2, JSON 1.0, JSON 1.1, REST-JSON and REST-XML services. */
export const WIRE_CASES: WireCase[] = [
  // --- query ---
  {
    command: "aws sts get-caller-identity",
    respond: () =>
      query(
        "GetCallerIdentity",
        "<Arn>arn:aws:iam::123456789012:user/alice</Arn><UserId>AIDA1</UserId><Account>123456789012</Account>",
        "https://sts.amazonaws.com/doc/2011-06-15/",
      ),
  },
  {
    command: "aws iam list-users --path-prefix /eng/",
    respond: (r) =>
      r.body.includes("Marker=m1")
        ? query(
          "ListUsers",
          "<Users><member><UserName>bob</UserName><Path>/eng/</Path><UserId>U2</UserId><Arn>arn:aws:iam::1:user/bob</Arn><CreateDate>2023-05-06T07:08:09.500Z</CreateDate></member></Users><IsTruncated>false</IsTruncated>",
        )
        : query(
          "ListUsers",
          "<Users><member><UserName>alice</UserName><Path>/eng/</Path><UserId>U1</UserId><Arn>arn:aws:iam::1:user/alice</Arn><CreateDate>2021-01-02T03:04:05Z</CreateDate></member></Users><IsTruncated>true</IsTruncated><Marker>m1</Marker>",
        ),
  },
  {
    command: "aws iam create-user --user-name carol --tags Key=team,Value=blue Key=env,Value=dev",
    respond: () =>
      query(
        "CreateUser",
        "<User><UserName>carol</UserName><Path>/</Path><UserId>U3</UserId><Arn>arn:aws:iam::1:user/carol</Arn><CreateDate>2024-02-03T04:05:06Z</CreateDate><Tags><member><Key>team</Key><Value>blue</Value></member></Tags></User>",
      ),
  },
  {
    command:
      `aws sns publish --topic-arn arn:aws:sns:us-east-1:123456789012:t --message hello --message-attributes '{"k": {"DataType": "String", "StringValue": "v"}}'`,
    respond: () => query("Publish", "<MessageId>m-1</MessageId>", "http://sns.amazonaws.com/doc/2010-03-31/"),
  },
  {
    command: "aws cloudformation describe-stacks --stack-name web",
    respond: () =>
      query(
        "DescribeStacks",
        "<Stacks><member><StackName>web</StackName><StackId>arn:aws:cloudformation:us-east-1:1:stack/web/1</StackId><CreationTime>2022-03-04T05:06:07.123Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus><Outputs><member><OutputKey>Url</OutputKey><OutputValue>https://x</OutputValue></member></Outputs><EnableTerminationProtection>false</EnableTerminationProtection></member></Stacks>",
        "http://cloudformation.amazonaws.com/doc/2010-05-15/",
      ),
  },
  {
    command:
      "aws elbv2 describe-target-health --target-group-arn arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/tg/1 --targets Id=i-1,Port=80",
    respond: () =>
      query(
        "DescribeTargetHealth",
        "<TargetHealthDescriptions><member><Target><Id>i-1</Id><Port>80</Port></Target><HealthCheckPort>80</HealthCheckPort><TargetHealth><State>healthy</State></TargetHealth></member></TargetHealthDescriptions>",
        "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/",
      ),
  },
  {
    command:
      "aws autoscaling set-desired-capacity --auto-scaling-group-name g1 --desired-capacity 3 --honor-cooldown",
    respond: () =>
      xml(
        '<SetDesiredCapacityResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></SetDesiredCapacityResponse>',
      ),
  },
  {
    command: "aws rds describe-db-instances --db-instance-identifier db1",
    respond: () =>
      query(
        "DescribeDBInstances",
        "<DBInstances><DBInstance><DBInstanceIdentifier>db1</DBInstanceIdentifier><DBInstanceClass>db.t3.micro</DBInstanceClass><Engine>postgres</Engine><AllocatedStorage>20</AllocatedStorage><MultiAZ>false</MultiAZ><InstanceCreateTime>2020-01-01T00:00:00Z</InstanceCreateTime><Endpoint><Address>db1.x.rds.amazonaws.com</Address><Port>5432</Port></Endpoint></DBInstance></DBInstances>",
        "http://rds.amazonaws.com/doc/2014-10-31/",
      ),
  },
  // CloudWatch's models list CBOR, JSON and query; the CLI speaks query, and so must we.
  {
    command: "aws cloudwatch describe-alarms --alarm-names cpu-high",
    respond: () =>
      query(
        "DescribeAlarms",
        "<MetricAlarms><member><AlarmName>cpu-high</AlarmName><StateValue>ALARM</StateValue>" +
          "<Threshold>80.0</Threshold><EvaluationPeriods>2</EvaluationPeriods><ActionsEnabled>true</ActionsEnabled>" +
          "<StateUpdatedTimestamp>2024-03-05T06:07:08.123Z</StateUpdatedTimestamp>" +
          "<Dimensions><member><Name>InstanceId</Name><Value>i-1</Value></member></Dimensions></member></MetricAlarms>" +
          "<CompositeAlarms/>",
        "http://monitoring.amazonaws.com/doc/2010-08-01/",
      ),
  },
  {
    command: "aws cloudwatch get-metric-statistics --namespace AWS/EC2 --metric-name CPUUtilization " +
      "--start-time 2024-01-01T00:00:00Z --end-time 2024-01-02T00:00:00Z --period 3600 --statistics Average " +
      "--dimensions Name=InstanceId,Value=i-1",
    respond: () =>
      query(
        "GetMetricStatistics",
        "<Label>CPUUtilization</Label><Datapoints><member><Timestamp>2024-01-01T01:00:00Z</Timestamp>" +
          "<Average>12.5</Average><Unit>Percent</Unit></member></Datapoints>",
        "http://monitoring.amazonaws.com/doc/2010-08-01/",
      ),
  },
  // --- ec2 ---
  {
    command:
      "aws ec2 describe-instances --instance-ids i-1 --filters Name=instance-state-name,Values=running,stopped",
    respond: () =>
      ec2(
        "DescribeInstances",
        "<reservationSet><item><reservationId>r-1</reservationId><ownerId>1</ownerId><instancesSet><item><instanceId>i-1</instanceId><imageId>ami-1</imageId><instanceState><code>16</code><name>running</name></instanceState><instanceType>t3.micro</instanceType><launchTime>2024-05-06T07:08:09.000Z</launchTime><tagSet><item><key>Name</key><value>web</value></item></tagSet><ebsOptimized>false</ebsOptimized></item></instancesSet></item></reservationSet>",
      ),
  },
  {
    command:
      "aws ec2 run-instances --image-id ami-1 --count 2 --instance-type t3.micro --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=x}]'",
    respond: () =>
      ec2(
        "RunInstances",
        "<reservationId>r-2</reservationId><ownerId>1</ownerId><instancesSet><item><instanceId>i-2</instanceId><imageId>ami-1</imageId><instanceState><code>0</code><name>pending</name></instanceState><amiLaunchIndex>0</amiLaunchIndex></item></instancesSet>",
      ),
  },
  {
    command: "aws ec2 create-tags --resources i-1 i-2 --tags Key=a,Value=b",
    respond: () => ec2("CreateTags", "<return>true</return>"),
  },
  {
    command:
      "aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 22-23 --cidr 10.0.0.0/8",
    respond: () => ec2("AuthorizeSecurityGroupIngress", "<return>true</return>"),
  },
  {
    command: "aws ec2 describe-security-groups --group-ids sg-1",
    respond: () =>
      ec2(
        "DescribeSecurityGroups",
        "<securityGroupInfo><item><ownerId>1</ownerId><groupId>sg-1</groupId><groupName>web</groupName><groupDescription>web</groupDescription><ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort><ipRanges><item><cidrIp>10.0.0.0/8</cidrIp></item></ipRanges></item></ipPermissions></item></securityGroupInfo>",
      ),
  },
  // --- JSON 1.0 ---
  {
    command: `aws dynamodb get-item --table-name t --key '{"id": {"S": "1"}}' --consistent-read`,
    respond: () =>
      json10({
        Item: {
          id: { S: "1" },
          n: { N: "1.50" },
          b: { B: "aGVsbG8=" },
          l: { L: [{ BOOL: true }, { NULL: true }] },
        },
      }),
  },
  {
    command:
      `aws dynamodb query --table-name t --key-condition-expression 'id = :v' --expression-attribute-values '{":v": {"S": "1"}}'`,
    respond: (r) =>
      JSON.parse(r.body).ExclusiveStartKey
        ? json10({ Items: [{ id: { S: "1" }, sk: { N: "2" } }], Count: 1, ScannedCount: 1 })
        : json10({
          Items: [{ id: { S: "1" }, sk: { N: "1" } }],
          Count: 1,
          ScannedCount: 1,
          LastEvaluatedKey: { id: { S: "1" }, sk: { N: "1" } },
        }),
  },
  {
    command:
      "aws sqs send-message --queue-url http://127.0.0.1/123456789012/q --message-body hi --delay-seconds 5",
    respond: () => json10({ MD5OfMessageBody: "49f68a5c8493ec2c0bf489821c21fc3b", MessageId: "m-1" }),
  },
  {
    command:
      `aws stepfunctions start-execution --state-machine-arn arn:aws:states:us-east-1:1:stateMachine:sm --input '{"a": 1}'`,
    respond: () =>
      json10({ executionArn: "arn:aws:states:us-east-1:1:execution:sm:e", startDate: 1700000000.25 }),
  },
  // --- JSON 1.1 ---
  {
    command: "aws kinesis put-record --stream-name s --data aGVsbG8= --partition-key k",
    respond: () => json({ ShardId: "shardId-000000000000", SequenceNumber: "4959", EncryptionType: "NONE" }),
  },
  {
    command: "aws logs describe-log-groups --log-group-name-prefix /aws/lambda",
    respond: () =>
      json({
        logGroups: [{
          logGroupName: "/aws/lambda/f",
          creationTime: 1700000000000,
          retentionInDays: 7,
          storedBytes: 0,
        }],
      }),
  },
  {
    command: "aws ssm get-parameter --name /app/db --with-decryption",
    respond: () =>
      json({
        Parameter: {
          Name: "/app/db",
          Type: "SecureString",
          Value: "s3cr3t",
          Version: 2,
          LastModifiedDate: 1700000000.5,
        },
      }),
  },
  {
    command: "aws kms encrypt --key-id alias/k --plaintext aGVsbG8=",
    respond: () =>
      json({
        CiphertextBlob: "AQIDBAU=",
        KeyId: "arn:aws:kms:us-east-1:1:key/k",
        EncryptionAlgorithm: "SYMMETRIC_DEFAULT",
      }),
  },
  {
    command: "aws ecs list-clusters",
    respond: (r) =>
      JSON.parse(r.body).nextToken
        ? json({ clusterArns: ["arn:c2"] })
        : json({ clusterArns: ["arn:c1"], nextToken: "t1" }),
  },
  {
    command: "aws secretsmanager get-secret-value --secret-id s",
    respond: () =>
      json({
        ARN: "arn:s",
        Name: "s",
        SecretString: "v",
        VersionStages: ["AWSCURRENT"],
        CreatedDate: 1700000000.0,
      }),
  },
  {
    // botocore sends CloudSearch Domain's Search as a form POST, not the model's GET (queries grow long).
    command: "aws cloudsearchdomain search --search-query 'star wars*' --start 1 --return _all_fields,title",
    respond: () => ({
      headers: { "content-type": "application/json" },
      body: '{"status":{"rid":"r1","timems":2},"hits":{"found":1,"start":1,"hit":[{"id":"d1"}]}}',
    }),
  },
  {
    // The SDK spells CloudTrail's target prefix short; the CLI sends the model's long form.
    command: "aws cloudtrail describe-trails --trail-name-list t1",
    respond: () =>
      json({
        trailList: [{ Name: "t1", S3BucketName: "b", IsMultiRegionTrail: true, HomeRegion: "us-east-1" }],
      }),
  },
  {
    // An output with Errors: the CLI prints the ResponseMetadata too (last, for JSON protocols).
    command: "aws secretsmanager batch-get-secret-value --secret-id-list a b",
    respond: () => ({
      headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "rid-7" },
      body: JSON.stringify({
        SecretValues: [{ ARN: "arn:a", Name: "a", SecretString: "v", CreatedDate: 1700000000.5 }],
        Errors: [{ SecretId: "b", ErrorCode: "ResourceNotFoundException", Message: "not found" }],
      }),
    }),
  },
  {
    command: "aws events put-rule --name r --schedule-expression 'rate(5 minutes)' --state ENABLED",
    respond: () => json({ RuleArn: "arn:aws:events:us-east-1:1:rule/r" }),
  },
  // --- REST-JSON ---
  {
    command: "aws lambda get-function-configuration --function-name f --qualifier 1",
    respond: () =>
      rest({
        FunctionName: "f",
        Runtime: "python3.12",
        MemorySize: 128,
        Timeout: 3,
        LastModified: "2024-01-01T00:00:00.000+0000",
        CodeSize: 10,
      }),
  },
  {
    command:
      "aws lambda invoke --function-name f --payload '{}' --cli-binary-format raw-in-base64-out out.json",
    respond: () => ({
      headers: { "content-type": "application/json", "x-amz-executed-version": "$LATEST" },
      body: '{"ok": true}',
    }),
  },
  {
    command: "aws lambda tag-resource --resource arn:aws:lambda:us-east-1:1:function:f --tags team=blue",
    respond: () => ({ status: 204 }),
  },
  {
    command: "aws apigateway get-rest-apis --limit 5",
    respond: () => rest({ items: [{ id: "a1", name: "api", createdDate: 1700000000 }] }),
  },
  {
    command: "aws eks describe-cluster --name c",
    respond: () =>
      rest({
        cluster: {
          name: "c",
          arn: "arn:eks:c",
          createdAt: 1700000000.123,
          version: "1.30",
          status: "ACTIVE",
        },
      }),
  },
  {
    command: "aws efs describe-file-systems --file-system-id fs-1",
    respond: () =>
      rest({
        FileSystems: [{
          FileSystemId: "fs-1",
          CreationTime: 1700000000,
          LifeCycleState: "available",
          SizeInBytes: { Value: 6144 },
          NumberOfMountTargets: 1,
          OwnerId: "1",
          CreationToken: "t",
          PerformanceMode: "generalPurpose",
          Tags: [],
        }],
      }),
  },
  {
    // CdnAuthConfiguration is newer than the bundled client, which drops it; the body is read by the model.
    command:
      "aws mediapackagev2 get-origin-endpoint-policy --channel-group-name g --channel-name c --origin-endpoint-name e",
    respond: () =>
      rest({
        ChannelGroupName: "g",
        ChannelName: "c",
        OriginEndpointName: "e",
        Policy: "{}",
        CdnAuthConfiguration: { CdnIdentifierSecretArns: ["arn:s"], SecretsRoleArn: "arn:r" },
      }),
  },
  {
    // RunType and Code's BlueprintTypes are newer than the bundled synthetics client, which drops them;
    // the body is completed from the model.
    command: "aws synthetics get-canary-runs --name c --max-results 5 --run-type CANARY_RUN",
    respond: () => rest({ CanaryRuns: [] }),
  },
  {
    command: "aws synthetics update-canary --name c --code " +
      `'{"S3Bucket":"b","S3Key":"k","Handler":"h","BlueprintTypes":["a"]}' --runtime-version r`,
    respond: () => rest({}),
  },
  {
    // An output with Errors over REST-JSON: ResponseMetadata first.
    command: "aws resource-explorer-2 batch-get-view --view-arns arn:v1",
    respond: () => ({
      headers: { "content-type": "application/json", "x-amzn-requestid": "rid-8" },
      body: JSON.stringify({ Views: [{ ViewArn: "arn:v1", Owner: "1" }], Errors: [] }),
    }),
  },
  {
    // The model's path ends with a slash, which the SDK drops and the CLI keeps.
    command: "aws iotevents-data describe-alarm --alarm-model-name m --key-value k",
    respond: () => rest({ alarm: { alarmModelName: "m", keyValue: "k", alarmModelVersion: "1" } }),
  },
  {
    command: "aws backup list-backup-plans --include-deleted",
    respond: () => rest({ BackupPlansList: [{ BackupPlanId: "p1", BackupPlanName: "daily" }] }),
  },
  // --- REST-XML ---
  {
    command: "aws s3api list-objects-v2 --bucket b --prefix logs/",
    respond: () =>
      xml(
        '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix>logs/</Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated><Contents><Key>logs/a.txt</Key><LastModified>2024-03-04T05:06:07.000Z</LastModified><ETag>"abc"</ETag><Size>11</Size><StorageClass>STANDARD</StorageClass></Contents></ListBucketResult>',
      ),
  },
  {
    command: "aws s3api head-object --bucket b --key k",
    respond: () => ({
      headers: {
        "content-type": "text/plain",
        "content-length": "11",
        etag: '"abc"',
        "last-modified": "Tue, 05 Mar 2024 06:07:08 GMT",
        "x-amz-meta-owner": "alice",
        "accept-ranges": "bytes",
      },
    }),
  },
  {
    command:
      "aws s3api put-object --bucket b --key k --content-type text/plain --metadata owner=alice --acl private",
    respond: () => ({ headers: { etag: '"abc"', "x-amz-server-side-encryption": "AES256" } }),
  },
  {
    command: "aws s3api put-bucket-tagging --bucket b --tagging 'TagSet=[{Key=team,Value=blue}]'",
    respond: () => ({ status: 204 }),
  },
  {
    command: "aws route53 list-hosted-zones",
    respond: () =>
      xml(
        '<ListHostedZonesResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><HostedZones><HostedZone><Id>/hostedzone/Z1</Id><Name>example.com.</Name><CallerReference>c</CallerReference><Config><PrivateZone>false</PrivateZone></Config><ResourceRecordSetCount>2</ResourceRecordSetCount></HostedZone></HostedZones><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems></ListHostedZonesResponse>',
      ),
  },
  {
    command: "aws route53 get-hosted-zone --id /hostedzone/Z1",
    respond: () =>
      xml(
        '<GetHostedZoneResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><HostedZone><Id>/hostedzone/Z1</Id><Name>example.com.</Name><CallerReference>c</CallerReference></HostedZone><DelegationSet><NameServers><NameServer>ns1</NameServer></NameServers></DelegationSet></GetHostedZoneResponse>',
      ),
  },
  {
    // A list bound to a header: the CLI joins it with a bare comma.
    command: "aws s3api get-object-attributes --bucket b --key k --object-attributes ETag ObjectSize",
    respond: () =>
      xml(
        '<GetObjectAttributesResponse xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><ETag>abc</ETag><ObjectSize>42</ObjectSize></GetObjectAttributesResponse>',
      ),
  },
  // --- errors ---
  {
    command: "aws dynamodb describe-table --table-name missing",
    respond: () =>
      json(
        {
          __type: "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
          message: "Requested resource not found: Table: missing not found",
        },
        "application/x-amz-json-1.0",
        400,
      ),
  },
];
