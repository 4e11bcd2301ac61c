/**
 * `--exclude` and `--include` as the AWS CLI applies them: in the order typed, the last that matches a path
 * decides (everything is included until a filter says otherwise). Patterns are Unix shell-style (Python's
 * fnmatch): `*` matches anything, `/` included, `?` one character, `[seq]` and `[!seq]` one of a set. A
 * pattern applies to the path below the command's source (or destination) folder or prefix.
 */

/** One filter as typed: `["exclude", "*.tmp"]`. */
export type Filter = readonly [kind: string, pattern: string];

const cache = new Map<string, RegExp>();

/** Python's fnmatch pattern as an anchored regular expression. */
export function fnmatchRegExp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (re) return re;
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") out += ".*";
    else if (c === "?") out += ".";
    else if (c === "[") {
      // As fnmatch: a `]` right after `[` or `[!` belongs to the set.
      let j = i + 1;
      if (pattern[j] === "!") j++;
      if (pattern[j] === "]") j++;
      const end = pattern.indexOf("]", j);
      if (end === -1) out += "\\[";
      else {
        const set = pattern.slice(i + 1, end);
        const negated = set.startsWith("!");
        // Ranges (a-z) keep their hyphen; characters special inside a JavaScript class are escaped.
        const body = (negated ? set.slice(1) : set).replace(/[\\\]\[^]/g, "\\$&");
        out += `[${negated ? "^" : ""}${body}]`;
        i = end;
      }
    } else out += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  re = new RegExp(`^${out}$`, "s");
  cache.set(pattern, re);
  return re;
}

/** Whether a path (relative to the folder or prefix, `/`-separated) passes the filters. */
export function included(relative: string, filters: readonly Filter[]): boolean {
  let keep = true;
  for (const [kind, pattern] of filters) {
    if (fnmatchRegExp(pattern).test(relative)) keep = kind === "include";
  }
  return keep;
}
