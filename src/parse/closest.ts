/** Nearest valid names for a misspelled one, like Python's difflib.get_close_matches. */

function ratio(a: string, b: string): number {
  // Similarity from the longest common subsequence: 2·M / (|a| + |b|), close to difflib's ratio.
  const prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(prev[j], prev[j - 1]);
      diag = up;
    }
  }
  return a.length + b.length === 0 ? 1 : (2 * prev[b.length]) / (a.length + b.length);
}

/** Up to `n` candidates most similar to `word` with a similarity of at least `cutoff`. */
export function closest(word: string, candidates: Iterable<string>, n = 3, cutoff = 0.6): string[] {
  const w = word.slice(0, 200);
  return [...candidates]
    .map((c) => [c, ratio(w, c)] as const)
    .filter(([, r]) => r >= cutoff)
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .slice(0, n)
    .map(([c]) => c);
}
