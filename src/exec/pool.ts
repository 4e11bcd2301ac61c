/** Running work over a list with a bounded number of tasks at a time. */

/**
 * Calls `fn` for each item, at most `limit` at a time, in input order of starting; resolves with the
 * results in input order. `onDone` is told each time one finishes, with the count finished so far.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  onDone?: (finished: number) => void,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0, finished = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
      onDone?.(++finished);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
