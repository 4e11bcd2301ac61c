import { deepStrictEqual as assertEquals } from "node:assert";
import { lex } from "../../src/parse/lex.ts";
import { ParseFailure } from "../../src/parse/errors.ts";

const WORDS: Array<[string, string[]]> = [
  ["aws s3 ls", ["aws", "s3", "ls"]],
  ["  aws   s3\tls  ", ["aws", "s3", "ls"]],
  ["aws x --a 'single quoted $HOME | ; &&'", ["aws", "x", "--a", "single quoted $HOME | ; &&"]],
  [`aws x --a "double \\"quoted\\" \\\\ \\$ back\\slash"`, [
    "aws",
    "x",
    "--a",
    'double "quoted" \\ $ back\\slash',
  ]],
  [`aws x --j '{"Key": "a b", "n": [1, 2]}'`, ["aws", "x", "--j", '{"Key": "a b", "n": [1, 2]}']],
  ["aws x --a it\\'s\\ fine", ["aws", "x", "--a", "it's fine"]],
  ["aws x \\\n  --a b", ["aws", "x", "--a", "b"]],
  ["aws x --a b\n", ["aws", "x", "--a", "b"]],
  ["aws x --a ''", ["aws", "x", "--a", ""]],
  ['aws x --a "" --b', ["aws", "x", "--a", "", "--b"]],
  ["aws x --a adj'oin'\"ed\"", ["aws", "x", "--a", "adjoined"]],
  ["aws x --name 'Ünïcødé ✓ 日本'", ["aws", "x", "--name", "Ünïcødé ✓ 日本"]],
  ["aws x --a $ --b a$", ["aws", "x", "--a", "$", "--b", "a$"]],
  ["aws x --a *.example.com", ["aws", "x", "--a", "*.example.com"]],
];

Deno.test("lex splits words as bash does", () => {
  for (const [text, words] of WORDS) assertEquals(lex(text), words, text);
});

const REJECTED: Array<[string, string, string]> = [
  ["aws s3 ls | grep x", "SHELL_CONSTRUCT", "pipe"],
  ["aws s3 ls; rm -rf /", "SHELL_CONSTRUCT", "separator"],
  ["aws s3 ls && echo", "SHELL_CONSTRUCT", "&&"],
  ["aws s3 ls || echo", "SHELL_CONSTRUCT", "||"],
  ["aws s3 ls > out", "SHELL_CONSTRUCT", "redirection"],
  ["aws s3 ls >> out", "SHELL_CONSTRUCT", ">>"],
  ["aws s3 cp x < in", "SHELL_CONSTRUCT", "redirection"],
  ["aws s3 ls &", "SHELL_CONSTRUCT", "background"],
  ["aws x --a $(whoami)", "SHELL_CONSTRUCT", "substitution"],
  ['aws x --a "$(whoami)"', "SHELL_CONSTRUCT", "substitution"],
  ["aws x --a `whoami`", "SHELL_CONSTRUCT", "substitution"],
  ['aws x --a "`whoami`"', "SHELL_CONSTRUCT", "substitution"],
  ["aws x --a $HOME", "SHELL_CONSTRUCT", "variable"],
  ['aws x --a "${HOME}"', "SHELL_CONSTRUCT", "variable"],
  ["aws x --a <<EOF", "SHELL_CONSTRUCT", "heredoc"],
  ["aws s3 ls\naws s3 rb s3://b", "SHELL_CONSTRUCT", "second command"],
  ["aws x (sub)", "SHELL_CONSTRUCT", "subshell"],
  ["aws x --a 'open", "SHELL_SYNTAX", "single quote"],
  ['aws x --a "open', "SHELL_SYNTAX", "double quote"],
];

Deno.test("lex rejects every shell construct by name", () => {
  for (const [text, code, word] of REJECTED) {
    try {
      lex(text);
      throw new Error(`accepted: ${text}`);
    } catch (e) {
      if (!(e instanceof ParseFailure)) throw e;
      assertEquals(e.error.code, code, text);
      assertEquals(e.error.message.includes(word), true, `${text}: ${e.error.message}`);
    }
  }
});
