import { deepStrictEqual as assertEquals } from "node:assert";
import { buildServiceHints, hintWords } from "../../scripts/models/service-hints.ts";

Deno.test("hint words: CLI name, its family, version-less name, serviceId and title", () => {
  const cases: Array<[{ name: string; serviceId: string; title: string }, string[]]> = [
    [{ name: "xray", serviceId: "XRay", title: "AWS X-Ray" }, ["xray"]],
    [{ name: "stepfunctions", serviceId: "SFN", title: "AWS Step Functions" }, ["stepfunctions", "sfn"]],
    [{ name: "wafv2", serviceId: "WAFV2", title: "AWS WAFV2" }, ["wafv2", "waf"]],
    [
      { name: "sagemaker-runtime", serviceId: "SageMaker Runtime", title: "Amazon SageMaker Runtime" },
      ["sagemakerruntime", "sagemaker"],
    ],
    [{ name: "s3api", serviceId: "S3", title: "Amazon Simple Storage Service" }, [
      "s3api",
      "simplestorageservice",
      "simplestorage",
    ]],
    // Two-letter names are too ambiguous to be hints.
    [{ name: "ds", serviceId: "Directory Service", title: "AWS Directory Service" }, [
      "directoryservice",
      "directory",
    ]],
  ];
  for (const [service, words] of cases) assertEquals(hintWords(service), words);
});

Deno.test("a hint word that names commands of three other services is weak", () => {
  const services = [
    { name: "backup", serviceId: "Backup", title: "AWS Backup" },
    { name: "emr", serviceId: "EMR", title: "Amazon EMR" },
    { name: "dynamodb", serviceId: "DynamoDB", title: "Amazon DynamoDB" },
    { name: "fsx", serviceId: "FSx", title: "Amazon FSx" },
    { name: "rds", serviceId: "RDS", title: "Amazon RDS" },
  ];
  const words: Record<string, string[]> = {
    backup: ["create", "backup", "plan"],
    emr: ["list", "clusters"],
    dynamodb: ["create", "backup"],
    fsx: ["create", "backup"],
    rds: ["backup", "describe"],
  };
  const hints = buildServiceHints(services, (name) => words[name]);
  assertEquals(hints.weak, { backup: ["backup"] });
  assertEquals(hints.strong.emr, ["emr"]);
  assertEquals(hints.strong.dynamodb, ["dynamodb"]);
});
