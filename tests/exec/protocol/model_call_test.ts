/**
 * Operations no bundled SDK client has, made from the model (JSON and REST-JSON services): endpoints from the
 * bundled rule sets, the request signed and sent as the AWS CLI sends it, the response printed as it prints
 * it, errors worded as it words them — against a local endpoint, and beside the AWS CLI where installed.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { callAws } from "../../../src/exec/call.ts";
import { withLocalDeps } from "./local_deps.ts";
import { resolveModelEndpoint, signingOf } from "../../../src/exec/protocol/model-call.ts";
import { modelDriven } from "../../../src/exec/protocol/model-protocol.ts";
import { hasSdk } from "../../../src/exec/sdk.ts";
import { loadService, serviceNames } from "../../../src/models/registry.ts";
import { startRecorder } from "../../../scripts/local-servers.ts";
import { cliAvailable, makeComparer, referenceRequired } from "../../../scripts/wire-compare.ts";

const endpointOf = (service: string, region: string, override?: string) =>
  resolveModelEndpoint(service, region, override).url;

Deno.test("endpoints from the bundled rule sets: regional, partitions, an --endpoint-url taken as given", () => {
  assertEquals(endpointOf("discovery", "eu-west-1").href, "https://discovery.eu-west-1.amazonaws.com/");
  assertEquals(endpointOf("discovery", "cn-north-1").hostname.endsWith(".amazonaws.com.cn"), true);
  assertEquals(endpointOf("discovery", "us-east-1", "http://127.0.0.1:9000").href, "http://127.0.0.1:9000/");
});

Deno.test("the endpoint's auth scheme names the signing name and region, as botocore honours it", () => {
  // Global services sign for their partition's region whatever region the call names.
  assertEquals(resolveModelEndpoint("billing", "eu-west-1").auth?.signingRegion, "us-east-1");
  assertEquals(resolveModelEndpoint("importexport", "us-east-1").auth, {
    name: "sigv4",
    signingName: "IngestionService",
    signingRegion: "us-east-1",
  });
  assertEquals(resolveModelEndpoint("discovery", "eu-west-1").auth, undefined);
  // Behind an --endpoint-url the rule set names no scheme: botocore's legacy endpoint data still counts.
  const at = (name: string, region: string) =>
    signingOf(loadService(name)!, region, resolveModelEndpoint(name, region, "http://127.0.0.1:9000").auth);
  assertEquals(at("importexport", "eu-west-1"), {
    version: "v4",
    name: "IngestionService",
    region: "us-east-1",
  });
  assertEquals(at("taxsettings", "eu-west-1"), { version: "v4", name: "tax", region: "us-east-1" });
  assertEquals(at("sdb", "eu-west-1"), { version: "v2", name: "sdb", region: "eu-west-1" });
  assertEquals(at("freetier", "eu-west-1").version, "v4");
});

Deno.test("every service without an SDK client runs from the model, with its endpoint rules", async () => {
  const runs: string[] = [];
  for (const name of serviceNames()) {
    const s = loadService(name)!;
    if (!(await hasSdk(s)) && modelDriven(s, "", false)) {
      runs.push(name);
      ok(endpointOf(name, "us-east-1").protocol === "https:", name);
    }
  }
  ok(runs.includes("freetier") && runs.includes("route53profiles") && runs.includes("sdb"), runs.join(" "));
  // All 82 services the registry has no client for.
  assertEquals(runs.length, 82);
});

Deno.test({
  name: "a model-driven call: the CLI's request, signed; its output; its error message",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    let fail = false;
    const rec = await startRecorder(() =>
      fail
        ? {
          status: 400,
          headers: { "content-type": "application/x-amz-json-1.0" },
          body: JSON.stringify({
            __type: "com.amazonaws.freetier#ValidationException",
            message: "bad filter",
          }),
        }
        : {
          headers: { "content-type": "application/x-amz-json-1.0" },
          body: JSON.stringify({
            freeTierUsages: [{ service: "EC2", usageType: "t2.micro", actualUsageAmount: 1.5 }],
          }),
        }
    );
    try {
      await withLocalDeps(async (deps) => {
        const command = `aws freetier get-free-tier-usage --endpoint-url ${rec.endpoint}`;
        const [r] = await callAws([command], deps);
        assertEquals(r.status, "success", JSON.stringify(r.error));
        assertEquals(JSON.parse(r.text!), {
          freeTierUsages: [{ service: "EC2", usageType: "t2.micro", actualUsageAmount: 1.5 }],
        });
        const sent = rec.requests.at(-1)!;
        assertEquals([
          sent.method,
          sent.path,
          sent.headers["x-amz-target"],
          sent.headers["content-type"],
          sent.body,
        ], [
          "POST",
          "/",
          "AWSFreeTierService.GetFreeTierUsage",
          "application/x-amz-json-1.0",
          "{}",
        ]);
        ok(
          /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/freetier\/aws4_request, SignedHeaders=/
            .test(
              sent.headers.authorization,
            ),
          sent.headers.authorization,
        );
        // Import/Export's endpoint names SigV4 for "IngestionService" in us-east-1: so it is signed, as by the CLI.
        await callAws([`aws importexport list-jobs --region eu-west-1 --endpoint-url ${rec.endpoint}`], deps);
        const ie = rec.requests.at(-1)!;
        ok(
          /Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/IngestionService\/aws4_request/.test(
            ie.headers.authorization,
          ),
        );
        ok(!ie.body.includes("Signature="), ie.body);
        fail = true;
        const [e] = await callAws([command], deps);
        assertEquals(e.error?.code, "SERVICE_ERROR");
        assertEquals(
          e.error?.message,
          "An error occurred (ValidationException) when calling the GetFreeTierUsage operation: bad filter",
        );
      });
    } finally {
      await rec.stop();
    }
  },
});

Deno.test({
  name: "model-driven requests and output equal the AWS CLI's",
  ignore: !cliAvailable && !referenceRequired,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const rec = await startRecorder((r) =>
      r.body.startsWith("Action=") || r.body.includes("&Action=")
        ? {
          // Query services: SimpleDB (signed with signature version 2), Import/Export (SigV4, by its endpoint).
          headers: { "content-type": "text/xml" },
          body: new URLSearchParams(r.body).get("Action") === "ListJobs"
            ? "<ListJobsResponse><ListJobsResult><Jobs><member><JobId>j1</JobId><JobType>Import</JobType>" +
              "<IsCanceled>false</IsCanceled></member></Jobs><IsTruncated>false</IsTruncated></ListJobsResult>" +
              "</ListJobsResponse>"
            : "<ListDomainsResponse><ListDomainsResult><DomainName>orders</DomainName>" +
              "<DomainName>users</DomainName></ListDomainsResult></ListDomainsResponse>",
        }
        : {
          headers: { "content-type": r.headers["content-type"] ?? "application/json" },
          body: r.headers["x-amz-target"]?.endsWith("GetFreeTierUsage")
            ? JSON.stringify({ freeTierUsages: [{ service: "EC2", actualUsageAmount: 1.5 }], nextToken: "t" })
            : "{}",
        }
    );
    try {
      const compare = await makeComparer(rec.endpoint, rec.requests);
      for (
        const command of [
          "aws freetier get-free-tier-usage --no-paginate",
          "aws discovery describe-agents --max-results 5",
          "aws codeconnections list-connections --provider-type GitHub",
          "aws b2bi list-profiles",
          "aws route53profiles list-profiles --max-results 5",
          "aws artifact get-account-settings",
          "aws sdb list-domains",
          "aws importexport list-jobs --max-jobs 5",
          "aws notifications list-channels --notification-configuration-arn arn:aws:notifications::123456789012:configuration/abc",
        ]
      ) {
        const { cli, ours } = await compare(command);
        assertEquals(cli.code, 0, cli.stderr);
        // Signature version 2 signs the time into the form: the second and the signature may differ.
        const timeless = (rs: unknown) =>
          JSON.parse(JSON.stringify(rs).replace(/"(Timestamp|Signature)=[^"]*"/g, '"$1=…"'));
        assertEquals(timeless(ours.requests), timeless(cli.requests), command);
        assertEquals(ours.result.text, cli.stdout, command);
      }
    } finally {
      await rec.stop();
    }
  },
});

Deno.test({
  name:
    "a model-driven call retries throttling and service faults as the CLI's standard mode does, not client errors",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const answers: Array<[number, string]> = [];
    const rec = await startRecorder(() => {
      const [status, type] = answers.shift() ?? [200, ""];
      return status === 200 ? { headers: { "content-type": "application/x-amz-json-1.0" }, body: "{}" } : {
        status,
        headers: { "content-type": "application/x-amz-json-1.0" },
        body: JSON.stringify({ __type: type, message: "try later" }),
      };
    });
    try {
      await withLocalDeps(async (deps) => {
        const command = `aws freetier get-free-tier-usage --endpoint-url ${rec.endpoint}`;
        answers.push([503, "ServiceUnavailableException"], [400, "ThrottlingException"]);
        const [r] = await callAws([command], deps);
        assertEquals([r.status, rec.requests.length], ["success", 3], JSON.stringify(r.error));
        // Three attempts at most; a client error is not retried.
        rec.requests.length = 0;
        answers.push([500, "InternalServerException"], [500, "InternalServerException"], [
          500,
          "InternalServerException",
        ]);
        const [gaveUp] = await callAws([command], deps);
        assertEquals([gaveUp.error?.code, rec.requests.length], ["SERVICE_ERROR", 3]);
        rec.requests.length = 0;
        answers.push([400, "ValidationException"]);
        const [invalid] = await callAws([command], deps);
        assertEquals([invalid.error?.code, rec.requests.length], ["SERVICE_ERROR", 1]);
      });
    } finally {
      await rec.stop();
    }
  },
});

Deno.test({
  name:
    "model-driven paging and waiters go through the shared flow: pages merged, a waiter's success and failure",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    let jobStatus = "succeeded";
    const rec = await startRecorder((r) => {
      const target = r.headers["x-amz-target"] ?? "";
      const body = target.endsWith("GetFreeTierUsage")
        ? JSON.parse(r.body).nextToken === "page-2"
          ? { freeTierUsages: [{ service: "S3" }] }
          : { freeTierUsages: [{ service: "EC2" }], nextToken: "page-2" }
        : { status: jobStatus, transformerJobId: "job-1" };
      return { headers: { "content-type": "application/x-amz-json-1.0" }, body: JSON.stringify(body) };
    });
    try {
      await withLocalDeps(async (deps) => {
        const at = `--endpoint-url ${rec.endpoint}`;
        const [paged] = await callAws([`aws freetier get-free-tier-usage ${at}`], deps);
        assertEquals(JSON.parse(paged.text!), { freeTierUsages: [{ service: "EC2" }, { service: "S3" }] });
        assertEquals(rec.requests.map((r) => JSON.parse(r.body).nextToken), [undefined, "page-2"]);

        const wait =
          `aws b2bi wait transformer-job-succeeded --transformer-job-id tj-0123456789abcdef0123456 --transformer-id tr-0123456789abcdef0123456 ${at}`;
        const [done] = await callAws([wait], deps);
        assertEquals([done.status, done.text], ["success", ""], JSON.stringify(done.error));
        jobStatus = "failed";
        const [failed] = await callAws([wait], deps);
        assertEquals(failed.error?.code, "WAITER_FAILED");
      });
    } finally {
      await rec.stop();
    }
  },
});
