/**
 * `aws logs tail` against a local endpoint answering FilterLogEvents: every layout printed as the AWS CLI
 * prints it (the CLI reading the same endpoint), the request it sends, and `--follow` bounded in time,
 * without repeats, reporting progress and ending early when cancelled.
 */
import { deepStrictEqual as assertEquals, ok } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../../src/config.ts";
import { callAws } from "../../../src/exec/call.ts";
import { callDeps } from "../../../src/exec/environment.ts";
import { formatEvent, sinceMillis } from "../../../src/exec/custom/logs-tail.ts";
import { lex } from "../../../src/parse/lex.ts";
import { startRecorder } from "../../../scripts/local-servers.ts";
import { CLI, cliAvailable, referenceRequired } from "../../../scripts/wire-compare.ts";

const CREDS = { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret" };
const T0 = Date.UTC(2026, 10, 30, 9, 15, 0, 250);

const EVENTS = [
  {
    logStreamName: "web/1",
    timestamp: T0,
    ingestionTime: T0 + 5,
    message: "GET /health 200\n",
    eventId: "e1",
  },
  {
    logStreamName: "web/2",
    ingestionTime: T0 + 1005,
    timestamp: T0 + 1000,
    message: '{"level": "error", "ms": 1.0, "user": "zoë"}',
    eventId: "e2",
  },
  {
    logStreamName: "web/1",
    timestamp: T0 + 2000,
    ingestionTime: T0 + 2005,
    message: "trailing spaces   \t",
    eventId: "e3",
  },
];

Deno.test("sinceMillis: relative units back from now, ISO 8601 times, and a clear error otherwise", () => {
  const now = Date.UTC(2026, 0, 2, 3, 4, 5);
  assertEquals(sinceMillis("10m", now), now - 600_000);
  assertEquals(sinceMillis("2h", now), now - 7_200_000);
  assertEquals(sinceMillis("1w", now), now - 604_800_000);
  assertEquals(sinceMillis("2026-01-01T00:00:00Z", now), Date.UTC(2026, 0, 1));
  assertEquals(sinceMillis("2026-01-01T00:00:00", now), Date.UTC(2026, 0, 1));
  assertEquals(sinceMillis("2026-01-01", now), Date.UTC(2026, 0, 1));
  let code: string | undefined;
  try {
    sinceMillis("5h30m", now);
  } catch (e) {
    code = (e as { error: { code: string } }).error.code;
  }
  assertEquals(code, "INVALID_VALUE");
});

Deno.test("each layout as the CLI lays out an event", () => {
  assertEquals(
    formatEvent(EVENTS[0], "detailed"),
    "2026-11-30T09:15:00.250000+00:00 web/1 GET /health 200\n",
  );
  assertEquals(formatEvent(EVENTS[0], "short"), "2026-11-30T09:15:00 GET /health 200\n");
  assertEquals(
    formatEvent(EVENTS[1], "json"),
    '2026-11-30T09:15:01.250000+00:00 web/2 \n{\n    "level": "error",\n    "ms": 1.0,\n    "user": "zo\\u00eb"\n}\n',
  );
  assertEquals(
    formatEvent({ ...EVENTS[2], timestamp: T0 - 250 }, "json"),
    "2026-11-30T09:15:00+00:00 web/1 trailing spaces\n",
  );
});

async function withLogs(
  respond: (body: Record<string, unknown>, n: number) => Record<string, unknown>,
  fn: (ctx: { endpoint: string; bodies: Record<string, unknown>[]; work: string }) => Promise<void>,
): Promise<void> {
  const bodies: Record<string, unknown>[] = [];
  const rec = await startRecorder((r) => {
    const body = JSON.parse(r.body || "{}");
    bodies.push(body);
    return {
      headers: { "content-type": "application/x-amz-json-1.1" },
      body: JSON.stringify(respond(body, bodies.length)),
    };
  });
  const work = mkdtempSync(join(tmpdir(), "logs-tail-"));
  try {
    for (const [k, v] of Object.entries(CREDS)) Deno.env.set(k, v);
    await fn({ endpoint: rec.endpoint, bodies, work });
  } finally {
    await rec.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

Deno.test({
  name: "logs tail prints every page in each layout as the AWS CLI does, and sends the CLI's request",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withLogs(
      (body) =>
        body.nextToken === "p2"
          ? { events: EVENTS.slice(2) }
          : { events: EVENTS.slice(0, 2), nextToken: "p2" },
      async ({ endpoint, bodies, work }) => {
        const config = loadConfig({ HOME: work, AWS_API_MCP_WORKING_DIR: work, AWS_REGION: "us-east-1" });
        ok(config.ok);
        const deps = callDeps(config.config, { AWS_CONFIG_FILE: "/nonexistent" });
        for (const format of ["detailed", "short", "json"]) {
          const command = `aws logs tail /app/web --since 1h --format ${format} --filter-pattern ERROR ` +
            `--log-stream-names web/1 web/2 --endpoint-url ${endpoint} --region us-east-1`;
          bodies.length = 0;
          const before = Date.now();
          const [r] = await callAws([command], deps);
          assertEquals(r.status, "success", JSON.stringify(r.error));
          assertEquals(r.text, EVENTS.map((e) => formatEvent(e, format)).join(""));
          assertEquals(bodies.length, 2);
          const { startTime, ...rest } = bodies[0] as { startTime: number };
          assertEquals(rest, {
            logGroupName: "/app/web",
            interleaved: true,
            filterPattern: "ERROR",
            logStreamNames: ["web/1", "web/2"],
          });
          ok(Math.abs(startTime - (before - 3_600_000)) < 5000, String(startTime));
          assertEquals(bodies[1].nextToken, "p2");
          if (cliAvailable || referenceRequired) {
            const out = await new Deno.Command(CLI, {
              args: lex(command).slice(1),
              env: {
                ...CREDS,
                PATH: Deno.env.get("PATH") ?? "",
                HOME: work,
                AWS_CONFIG_FILE: "/nonexistent",
              },
              clearEnv: true,
            }).output();
            assertEquals(
              r.text,
              new TextDecoder().decode(out.stdout),
              `${format}: ${new TextDecoder().decode(out.stderr)}`,
            );
          }
        }
      },
    ),
});

Deno.test({
  name:
    "logs tail --follow follows for AWS_API_MCP_TAIL_FOLLOW_SECONDS, without repeats, then says it stopped",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: () =>
    withLogs(
      // Each poll returns the newest event again beside a new one, as CloudWatch does from the same startTime.
      (_body, n) => ({
        events: n === 1
          ? EVENTS.slice(0, 2)
          : [EVENTS[1], { ...EVENTS[2], eventId: `n${n}`, timestamp: T0 + 1000 * (n + 1) }],
      }),
      async ({ endpoint, bodies, work }) => {
        const env = {
          HOME: work,
          AWS_API_MCP_WORKING_DIR: work,
          AWS_REGION: "us-east-1",
          AWS_API_MCP_TAIL_FOLLOW_SECONDS: "2",
        };
        const config = loadConfig(env);
        ok(config.ok);
        const deps = callDeps(config.config, { AWS_CONFIG_FILE: "/nonexistent" });
        const progress: string[] = [];
        deps.onProgress = (_d, _t, m) => m && progress.push(m);
        const started = Date.now();
        const [r] = await callAws([`aws logs tail /app/web --follow --endpoint-url ${endpoint}`], deps);
        const took = Date.now() - started;
        assertEquals(r.status, "success", JSON.stringify(r.error));
        ok(took >= 2000 && took < 8000, `${took} ms`);
        const lines = r.text!.trimEnd().split("\n");
        // e2 came back on every poll: printed once.
        assertEquals(lines.filter((l) => l.includes("zo")).length, 1);
        assertEquals(new Set(lines).size, lines.length);
        ok(
          bodies.length >= 1 && (bodies.at(-1)!.startTime as number) >= T0 + 1000,
          JSON.stringify(bodies.at(-1)),
        );
        ok(r.notice?.includes("Stopped following /app/web after 2 s"), String(r.notice));
        ok(progress.some((m) => m.startsWith("logs tail --follow:")), progress.join("\n"));

        // Cancelled: it stops at once, with what it saw.
        const stop = new AbortController();
        const long = loadConfig({ ...env, AWS_API_MCP_TAIL_FOLLOW_SECONDS: "60" });
        ok(long.ok);
        const followLong = callDeps(long.config, { AWS_CONFIG_FILE: "/nonexistent" });
        followLong.exec.signal = stop.signal;
        setTimeout(() => stop.abort(), 1000);
        const t = Date.now();
        const [cancelled] = await callAws(
          [`aws logs tail /app/web --follow --endpoint-url ${endpoint}`],
          followLong,
        );
        ok(Date.now() - t < 5000, `${Date.now() - t} ms`);
        ok(
          /web\/\d/.test(cancelled.text ?? "") || cancelled.error?.code === "CANCELLED",
          JSON.stringify(cancelled),
        );
        if (cancelled.status === "success") {
          ok(cancelled.notice?.includes("when cancelled"), String(cancelled.notice));
        }
      },
    ),
});
