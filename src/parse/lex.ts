/**
 * Splits command text into words as bash would for one simple command, and rejects anything that is not
 * one `aws` command: pipes, lists, redirections, substitutions, expansions and further commands.
 */
import { fail } from "./errors.ts";

const OPERATORS: ReadonlyArray<[string, string]> = [
  ["&&", "a command list (&&)"],
  ["||", "a command list (||)"],
  ["<<", "a heredoc or redirection (<<)"],
  [">>", "an output redirection (>>)"],
  ["|", "a pipe (|)"],
  [";", "a command separator (;)"],
  ["&", "a background job (&)"],
  [">", "an output redirection (>)"],
  ["<", "an input redirection (<)"],
  ["(", "a subshell or grouping (()"],
  [")", "a subshell or grouping ())"],
];

const PLAIN = /[^\s\\'"`$|;&<>()]+/y;
const QUOTED_PLAIN = /[^"\\`$]+/y;

const HINT =
  "Send exactly one AWS CLI command; run further commands as separate calls and filter output with --query.";

function construct(what: string): never {
  fail("SHELL_CONSTRUCT", `The command contains ${what}, which this server does not run.`, HINT);
}

/** `$` starts an expansion when followed by a name, a brace, a parenthesis or a special parameter. */
function checkDollar(text: string, i: number): void {
  const next = text[i + 1] ?? "";
  if (next === "(") construct("a command substitution ($(...))");
  if (next === "{") construct("a variable expansion (${...})");
  if (/[A-Za-z_0-9@*#?$!-]/.test(next)) construct(`a variable expansion ($${next === "-" ? "-" : next}...)`);
}

/** The most words one command may have: far above any real command, low enough to bound its memory. */
export const MAX_WORDS = 100_000;

/** Splits a command into words with bash quoting rules. */
export function lex(text: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let i = 0;
  const n = text.length;
  const end = () => {
    if (inWord) {
      if (words.length >= MAX_WORDS) {
        fail(
          "INPUT_TOO_LARGE",
          `The command has more than ${MAX_WORDS} words.`,
          "Put long lists in a file and pass file://<path>, or split the work into several commands.",
        );
      }
      words.push(word);
    }
    word = "";
    inWord = false;
  };
  while (i < n) {
    const c = text[i];
    if (c === " " || c === "\t") {
      end();
      i++;
    } else if (c === "\n" || c === "\r") {
      end();
      i++;
      // A newline ends the command: only blank space may follow.
      if (words.length) {
        if (/\S/.test(text.slice(i))) construct("a second command on another line");
        break;
      }
    } else if (c === "\\") {
      if (text[i + 1] === "\n") i += 2; // line continuation
      else if (text[i + 1] === "\r" && text[i + 2] === "\n") i += 3;
      else if (i + 1 < n) {
        word += text[i + 1];
        inWord = true;
        i += 2;
      } else {
        word += "\\";
        inWord = true;
        i++;
      }
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) {
        fail("SHELL_SYNTAX", "The command has an unclosed single quote (').", "Close every quote.");
      }
      word += text.slice(i + 1, close);
      inWord = true;
      i = close + 1;
    } else if (c === '"') {
      i++;
      inWord = true;
      for (;;) {
        if (i >= n) {
          fail("SHELL_SYNTAX", 'The command has an unclosed double quote (").', "Close every quote.");
        }
        QUOTED_PLAIN.lastIndex = i;
        if (QUOTED_PLAIN.test(text)) {
          word += text.slice(i, QUOTED_PLAIN.lastIndex);
          i = QUOTED_PLAIN.lastIndex;
          continue;
        }
        const d = text[i];
        if (d === '"') {
          i++;
          break;
        }
        if (d === "\\") {
          const e = text[i + 1];
          if (e === "\n") i += 2;
          else if (e === '"' || e === "\\" || e === "$" || e === "`") {
            word += e;
            i += 2;
          } else {
            word += "\\";
            i++;
          }
        } else if (d === "`") {
          construct("a command substitution (`...`)");
        } else {
          if (d === "$") checkDollar(text, i);
          word += d;
          i++;
        }
      }
    } else if (c === "`") {
      construct("a command substitution (`...`)");
    } else if (c === "$") {
      checkDollar(text, i);
      word += c;
      inWord = true;
      i++;
    } else if ((PLAIN.lastIndex = i, PLAIN.test(text))) {
      // A run of ordinary characters, taken in one step.
      word += text.slice(i, PLAIN.lastIndex);
      inWord = true;
      i = PLAIN.lastIndex;
    } else {
      const op = OPERATORS.find(([o]) => text.startsWith(o, i));
      if (op) construct(op[1]);
      word += c;
      inWord = true;
      i++;
    }
  }
  end();
  return words;
}
