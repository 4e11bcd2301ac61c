/**
 * `--query`: a JMESPath expression, syntax-checked before anything runs, and its cost bounded. An
 * expression can multiply what it builds — `[@,@]` doubles its input, and piped 26 times it asks for
 * 2^26 copies — so each expression gets a fan-out: an upper bound on how many times larger than its input
 * its result can be, computed from the syntax tree alone (multi-selects add, projections and pipes
 * multiply). A fan-out past MAX_FAN_OUT is refused here; execution refuses fan-out × input size past its
 * own bound (exec/output/format.ts).
 */
// @ts-types="../types/jmespath.d.ts"
import { compile } from "jmespath";
import { fail } from "./errors.ts";

/** The largest fan-out an expression may have: far above any real query's (a few tens at most). */
export const MAX_FAN_OUT = 10_000;

interface Node {
  type: string;
  children?: Node[];
  value?: unknown;
  name?: string;
}

/** An upper bound on |result| / |input| for a compiled expression (saturating, never Infinity). */
export function fanOut(node: Node | number | null): number {
  // Slices hold numbers (or null) where other nodes hold children.
  if (node === null || typeof node !== "object") return 1;
  const cap = (n: number) => Math.min(n, Number.MAX_SAFE_INTEGER);
  const kids = node.children ?? [];
  switch (node.type) {
    case "MultiSelectList":
      return cap(kids.reduce((n, c) => n + fanOut(c), 0));
    case "MultiSelectHash":
      return cap(kids.reduce((n, kv) => n + fanOut(kv.value as Node), 0));
    case "KeyValuePair":
      return fanOut(node.value as Node);
    case "OrExpression":
    case "AndExpression":
      return Math.max(...kids.map(fanOut));
    case "NotExpression":
    case "Comparator":
    case "Literal":
      return 1;
    case "FilterProjection":
      // The condition yields booleans; the result is the right side over the left side.
      return cap(fanOut(kids[0]) * fanOut(kids[1]));
    default:
      // Field, Identity, Current, Index, Slice: at most the input; Subexpression, IndexExpression, Pipe,
      // Projection, ValueProjection, Flatten, Function, ExpressionReference: products bound them.
      return cap(kids.reduce((n, c) => n * fanOut(c), 1));
  }
}

/** The compiled expression's fan-out; fails with INVALID_QUERY unless the expression compiles. */
export function queryFanOut(expression: string): number {
  let ast: Node;
  try {
    ast = compile(expression) as Node;
  } catch (e) {
    fail(
      "INVALID_QUERY",
      `Bad value for --query ${expression}: ${(e as Error).message}`,
      "Check the JMESPath expression (https://jmespath.org).",
    );
  }
  return fanOut(ast);
}

/** Fails with INVALID_QUERY unless the expression compiles, and QUERY_TOO_COSTLY if it can only explode. */
export function checkQuery(expression: string): void {
  const fan = queryFanOut(expression);
  if (fan > MAX_FAN_OUT) {
    fail(
      "QUERY_TOO_COSTLY",
      `The --query expression can build a result up to ${
        fan.toExponential(1)
      } times the size of its input, more than the ${MAX_FAN_OUT} allowed.`,
      "Select what you need without repeating it (each [a,b] multi-select multiplies what later steps build).",
    );
  }
}
