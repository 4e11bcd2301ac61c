/**
 * The subset of Python's argparse that the AWS CLI relies on, with its exact matching rules: long-option
 * prefixes (`--instance-id` for `--instance-ids`), `--flag=value`, `nargs` of one or any number,
 * store_true/store_false switches, the last occurrence winning, and unknown options left over as extras.
 */
import { fail } from "./errors.ts";

/**
 * How an option takes values: exactly one, any number, none (a switch), at most one, or one per
 * occurrence collected in order with the option's name (`--include a --exclude b`).
 */
export type OptionKind = "one" | "many" | "true" | "false" | "optional" | "append";

/** One option a parser knows. */
export interface OptionSpec {
  /** Without the leading dashes: `instance-ids`. */
  name: string;
  kind: OptionKind;
  /** Where the value lands; switches of one pair share it. Defaults to the name. */
  dest?: string;
  required?: boolean;
}

/** A parsed value: text, texts, a switch, or `[option, value]` pairs of an appending option. */
export type ArgValue = string | string[] | boolean | Array<[string, string]>;

/** Parsed values by destination, in the order they were last set, plus the words not understood. */
export interface ParsedArgs {
  values: Map<string, ArgValue>;
  extras: string[];
  positionals: string[];
}

const NEGATIVE_NUMBER = /^-\d+$|^-\d*\.\d+$/;

interface Matched {
  spec: OptionSpec | undefined;
  text: string;
  explicit?: string;
}

/** A parser over a fixed option table; build once per table and reuse. */
export class ArgParser {
  readonly #byName = new Map<string, OptionSpec>();
  readonly #names: string[];

  constructor(readonly specs: readonly OptionSpec[], readonly positionalCount = 0) {
    for (const s of specs) this.#byName.set(`--${s.name}`, s);
    this.#names = [...this.#byName.keys()];
  }

  /** argparse's `_parse_optional`: is this word an option, and which? undefined means a positional. */
  #classify(arg: string): Matched | undefined {
    if (!arg.startsWith("-") || arg === "-") return undefined;
    const exact = this.#byName.get(arg);
    if (exact) return { spec: exact, text: arg };
    const eq = arg.indexOf("=");
    if (eq > 0) {
      const head = arg.slice(0, eq);
      const spec = this.#byName.get(head);
      if (spec) return { spec, text: head, explicit: arg.slice(eq + 1) };
    }
    if (arg.startsWith("--")) {
      const head = eq > 0 ? arg.slice(0, eq) : arg;
      const hits = this.#names.filter((n) => n.startsWith(head));
      if (hits.length > 1) {
        fail(
          "AMBIGUOUS_OPTION",
          `Ambiguous option ${head}: it could be ${hits.join(", ")}.`,
          "Spell the option out in full.",
        );
      }
      if (hits.length === 1) {
        const spec = this.#byName.get(hits[0])!;
        return eq > 0 ? { spec, text: hits[0], explicit: arg.slice(eq + 1) } : { spec, text: hits[0] };
      }
    }
    if (NEGATIVE_NUMBER.test(arg)) return undefined;
    if (arg.includes(" ")) return undefined;
    return { spec: undefined, text: arg };
  }

  /** Parses words, keeping unknown options and surplus positionals in `extras`, in order. */
  parse(args: readonly string[]): ParsedArgs {
    const values = new Map<string, ArgValue>();
    const extras: string[] = [];
    const positionals: string[] = [];
    const classes: Array<Matched | undefined> = [];
    let dashdash = args.length;
    for (let i = 0; i < args.length; i++) {
      if (args[i] === "--") {
        dashdash = i;
        break;
      }
      classes.push(this.#classify(args[i]));
    }
    const set = (spec: OptionSpec, value: ArgValue) => {
      const dest = spec.dest ?? spec.name;
      values.delete(dest); // keep insertion order = last occurrence
      values.set(dest, value);
    };
    const takePositional = (word: string) => {
      if (positionals.length < this.positionalCount) positionals.push(word);
      else extras.push(word);
    };
    let i = 0;
    while (i < dashdash) {
      const m = classes[i];
      if (m === undefined) {
        takePositional(args[i]);
        i++;
        continue;
      }
      if (!m.spec) {
        extras.push(args[i]);
        i++;
        continue;
      }
      const spec = m.spec;
      if (spec.kind === "true" || spec.kind === "false") {
        if (m.explicit !== undefined) {
          fail(
            "INVALID_VALUE",
            `Option ${m.text} takes no value (got '${m.explicit}').`,
            `Write ${m.text} alone.`,
          );
        }
        set(spec, spec.kind === "true");
        i++;
      } else if (spec.kind === "append") {
        const dest = spec.dest ?? spec.name;
        const list = (values.get(dest) ?? []) as Array<[string, string]>;
        if (m.explicit !== undefined) list.push([spec.name, m.explicit]);
        else {
          if (i + 1 >= dashdash || classes[i + 1] !== undefined) {
            fail("MISSING_VALUE", `Option ${m.text} expects one value.`, `Write ${m.text} <value>.`);
          }
          list.push([spec.name, args[++i]]);
        }
        values.set(dest, list);
        i++;
      } else if (spec.kind === "one") {
        if (m.explicit !== undefined) {
          set(spec, m.explicit);
          i++;
        } else {
          if (i + 1 >= dashdash || classes[i + 1] !== undefined) {
            fail("MISSING_VALUE", `Option ${m.text} expects one value.`, `Write ${m.text} <value>.`);
          }
          set(spec, args[i + 1]);
          i += 2;
        }
      } else if (spec.kind === "optional") {
        if (m.explicit !== undefined) set(spec, m.explicit);
        else if (i + 1 < dashdash && classes[i + 1] === undefined) set(spec, args[++i]);
        else set(spec, true);
        i++;
      } else {
        const list: string[] = [];
        if (m.explicit !== undefined) list.push(m.explicit);
        else {
          let j = i + 1;
          while (j < dashdash && classes[j] === undefined) list.push(args[j++]);
          i = j - 1;
        }
        set(spec, list);
        i++;
      }
    }
    for (let k = dashdash + 1; k < args.length; k++) takePositional(args[k]);
    return { values, extras, positionals };
  }

  /** The required options that were not given, as `--name`. */
  missingRequired(parsed: ParsedArgs): string[] {
    return this.specs.filter((s) => s.required && !parsed.values.has(s.dest ?? s.name)).map((s) =>
      `--${s.name}`
    );
  }
}
