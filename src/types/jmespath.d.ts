/** Types for the `jmespath` npm package (it ships none). */
export function compile(expression: string): unknown;
export function search(data: unknown, expression: string): unknown;
