/**
 * Numbers from JSON protocols print as the AWS CLI prints them: as Python's json read them — a double the
 * service wrote `750` prints `750`, one written `1.0` prints `1.0` — in every format, on the SDK clients' path
 * and the model-driven one; beside the AWS CLI where installed.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { startRecorder } from "../../../scripts/local-servers.ts";
import { cliAvailable, makeComparer, referenceRequired } from "../../../scripts/wire-compare.ts";

function answer(target: string | undefined): string {
  if (target?.includes("ServiceQuotas")) return '{"Quota":{"QuotaName":"q","Value":750,"Adjustable":true}}';
  if (target?.includes("DynamoDB")) {
    return '{"Items":[],"Count":0,"ScannedCount":0,"ConsumedCapacity":{"TableName":"t","CapacityUnits":1.0}}';
  }
  return '{"freeTierUsages":[{"service":"EC2","actualUsageAmount":2,"limit":750.0}]}';
}

const QUOTA = "aws service-quotas get-service-quota --service-code ec2 --quota-code L-1216C47A";
const SCAN = "aws dynamodb scan --table-name t --return-consumed-capacity TOTAL";

Deno.test({
  name: "JSON numbers print as written: integers as integers, floats as floats, whatever the model's type",
  // The comparer runs the AWS CLI beside us; without it there is nothing to run against.
  ignore: !cliAvailable && !referenceRequired,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const rec = await startRecorder((r) => ({
      headers: { "content-type": r.headers["content-type"] ?? "application/json" },
      body: answer(r.headers["x-amz-target"]),
    }));
    try {
      const compare = await makeComparer(rec.endpoint, rec.requests);
      const cases: Array<[string, RegExp]> = [
        [QUOTA, /"Value": 750,/],
        [SCAN, /"CapacityUnits": 1\.0\n/],
        // A service with no client: made from the model.
        ["aws freetier get-free-tier-usage --no-paginate", /"actualUsageAmount": 2,\n\s+"limit": 750\.0\n/],
        [`${QUOTA} --output yaml`, /Value: 750\n/],
        [`${QUOTA} --output text`, /\t750\n/],
        [`${QUOTA} --query Quota.Value`, /^750\n$/],
        // A query keeps the floats it selects.
        [`${SCAN} --query ConsumedCapacity.CapacityUnits`, /^1\.0\n$/],
        [
          `${SCAN} --query '{units: ConsumedCapacity.CapacityUnits, table: ConsumedCapacity.TableName}'`,
          /"units": 1\.0,/,
        ],
      ];
      for (const [command, printed] of cases) {
        const { cli, ours } = await compare(command);
        ok(printed.test(ours.result.text ?? ""), `${command}: ${ours.result.text}`);
        assertEquals(ours.result.text, cli.stdout, command);
      }
    } finally {
      await rec.stop();
    }
  },
});
