/** `--query`: a JMESPath expression, syntax-checked before anything runs. */
// @ts-types="../types/jmespath.d.ts"
import { compile } from "jmespath";
import { fail } from "./errors.ts";

/** Fails with INVALID_QUERY unless the expression compiles. */
export function checkQuery(expression: string): void {
  try {
    compile(expression);
  } catch (e) {
    fail(
      "INVALID_QUERY",
      `Bad value for --query ${expression}: ${(e as Error).message}`,
      "Check the JMESPath expression (https://jmespath.org).",
    );
  }
}
