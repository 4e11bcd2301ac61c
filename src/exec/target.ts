/**
 * JSON-protocol requests name their operation in `X-Amz-Target`. Some SDK clients spell the prefix
 * differently from botocore's model (CloudTrail: `CloudTrail_20131101` where the CLI sends
 * `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101`); the service takes both, and call_aws sends
 * what the AWS CLI sends.
 */

interface BuildCommand {
  middlewareStack: {
    add(
      mw: (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>,
      options: { step: "build"; name: string },
    ): void;
  };
}

/** Makes a command's `X-Amz-Target` botocore's `<targetPrefix>.<operation>`, where it sends one. */
export function useModelTarget(command: unknown, targetPrefix: string | undefined, operation: string): void {
  if (!targetPrefix) return;
  const target = `${targetPrefix}.${operation}`;
  (command as BuildCommand).middlewareStack.add((next) => (args) => {
    const headers = (args as { request?: { headers?: Record<string, string> } }).request?.headers;
    if (headers) {
      const key = Object.keys(headers).find((k) => k.toLowerCase() === "x-amz-target");
      if (key) headers[key] = target;
    }
    return next(args);
  }, { step: "build", name: "awsApiMcpModelTarget" });
}
