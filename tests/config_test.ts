/** Configuration from the environment: defaults, locations, file-access modes and precise errors. */
import { deepStrictEqual, ok } from "node:assert";
import { loadConfig } from "../src/config.ts";

Deno.test("configuration: defaults and locations follow the environment", () => {
  const cases: [Record<string, string>, Record<string, unknown>][] = [
    // The default working folder is the user's own, never a shared temp folder.
    [{ HOME: "/h", XDG_RUNTIME_DIR: "/run/user/7" }, {
      workingDir: "/h/.aws/aws-api-mcp/workdir",
      policyFile: "/h/.aws/aws-api-mcp/mcp-security-policy.json",
      logFile: "/h/.aws/aws-api-mcp/aws-api-mcp-server.log",
      fileAccess: "workdir",
    }],
    [{ HOME: "/h", TMPDIR: "/t", AWS_API_MCP_ALLOW_UNRESTRICTED_LOCAL_FILE_ACCESS: "yes" }, {
      workingDir: "/h/.aws/aws-api-mcp/workdir",
      fileAccess: "unrestricted",
      redactSensitive: false,
    }],
    [{ HOME: "/h", READ_OPERATIONS_ONLY: "true" }, { redactSensitive: true, allowedProfiles: undefined }],
    [{ HOME: "/h" }, { tailFollowSeconds: 30 }],
    [{ HOME: "/h", AWS_API_MCP_TAIL_FOLLOW_SECONDS: " 120 " }, { tailFollowSeconds: 120 }],
    [{ HOME: "/h" }, { modelDriven: "missing" }],
    [{ HOME: "/h", AWS_API_MCP_MODEL_DRIVEN: "all" }, { modelDriven: "all" }],
    [{ HOME: "/h", READ_OPERATIONS_ONLY: "true", AWS_API_MCP_REDACT_SENSITIVE: "" }, {
      redactSensitive: true,
    }],
    [{ HOME: "/h", READ_OPERATIONS_ONLY: "true", AWS_API_MCP_REDACT_SENSITIVE: "false" }, {
      redactSensitive: false,
    }],
    [{
      HOME: "/h",
      AWS_API_MCP_REDACT_SENSITIVE: "true",
      AWS_API_MCP_ALLOWED_PROFILES: "dev, prod,",
      AWS_API_MCP_ALLOWED_ENDPOINTS: "LocalStack:4566,*.corp.example",
    }, {
      redactSensitive: true,
      allowedProfiles: ["dev", "prod"],
      allowedEndpoints: ["localstack:4566", "*.corp.example"],
    }],
    [{ USERPROFILE: "/u", AWS_API_MCP_FILE_ACCESS: "no-access", AWS_API_MCP_WORKING_DIR: "/w" }, {
      workingDir: "/w",
      policyFile: "/u/.aws/aws-api-mcp/mcp-security-policy.json",
      fileAccess: "no-access",
    }],
    // Windows without USERPROFILE: the drive and path variables, as the AWS CLI reads them.
    [{ HOMEDRIVE: "C:", HOMEPATH: "/Users/u", AWS_API_MCP_WORKING_DIR: "/w" }, {
      policyFile: "C:/Users/u/.aws/aws-api-mcp/mcp-security-policy.json",
    }],
  ];
  for (const [env, want] of cases) {
    const r = loadConfig(env);
    ok(r.ok, JSON.stringify(env));
    const got = Object.fromEntries(
      Object.keys(want).map((k) => [k, (r.config as unknown as Record<string, unknown>)[k]]),
    );
    deepStrictEqual(got, want);
  }
});

Deno.test("configuration: bad values and a missing home folder are errors that say what to set", () => {
  const cases: [Record<string, string>, RegExp][] = [
    [
      { HOME: "/h", AWS_API_MCP_WORKING_DIR: "relative/dir" },
      /AWS_API_MCP_WORKING_DIR must be an absolute path/,
    ],
    [{ HOME: "/h", READ_OPERATIONS_ONLY: "maybe" }, /READ_OPERATIONS_ONLY/],
    [{ HOME: "/h", AWS_API_MCP_FILE_ACCESS: "everything" }, /AWS_API_MCP_FILE_ACCESS/],
    [{ HOME: "/h", AWS_API_MCP_TAIL_FOLLOW_SECONDS: "0" }, /AWS_API_MCP_TAIL_FOLLOW_SECONDS/],
    [{ HOME: "/h", AWS_API_MCP_MODEL_DRIVEN: "some" }, /AWS_API_MCP_MODEL_DRIVEN/],
    [{}, /Neither HOME nor USERPROFILE is set/],
  ];
  for (const [env, message] of cases) {
    const r = loadConfig(env);
    ok(!r.ok && r.error.code === "INVALID_CONFIG" && message.test(r.error.message), JSON.stringify(r));
    ok(!r.ok && r.error.hint.length > 0);
  }
});
