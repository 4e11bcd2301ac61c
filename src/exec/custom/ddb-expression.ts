/**
 * The expression language of `aws ddb` (awscli/customizations/dynamodb: lexer.py, parser.py, extractor.py):
 * `--filter`, `--key-condition`, `--projection` and `--condition` written with plain names and literal values
 * (`name = "x" AND size(tags) > 2`), turned into a DynamoDB expression whose names and values are placeholders
 * (`#n0 = :n1 AND size(#n2) > :n3`), numbered and spaced exactly as the CLI numbers and spaces them.
 */
import { ExecFailure } from "../errors.ts";

/** A number as written (DynamoDB numbers are decimal text, never floats). */
export class DdbNumber {
  constructor(readonly text: string) {}
}
/** Bytes (a `b"…"` literal, or a binary attribute). */
export class DdbBinary {
  constructor(readonly bytes: Uint8Array) {}
}
/** A set of numbers, strings or bytes (`{1, 2}`). */
export class DdbSet {
  constructor(readonly values: unknown[]) {}
}

/** A literal value of the language. */
export type DdbValue =
  | string
  | boolean
  | null
  | DdbNumber
  | DdbBinary
  | DdbSet
  | DdbValue[]
  | { [key: string]: DdbValue };

interface Token {
  type: string;
  value: unknown;
}

const SIMPLE: Readonly<Record<string, string>> = {
  ".": "dot",
  ",": "comma",
  ":": "colon",
  "(": "lparen",
  ")": "rparen",
  "{": "lbrace",
  "}": "rbrace",
  "[": "lbracket",
  "]": "rbracket",
  "=": "eq",
};
const OPERATIONS = new Set(["and", "between", "in", "or", "not"]);
const COMPARATORS: Readonly<Record<string, string>> = {
  eq: "=",
  ne: "<>",
  lt: "<",
  lte: "<=",
  gt: ">",
  gte: ">=",
};

const invalid = (message: string, expression: string) =>
  new ExecFailure({
    code: "INVALID_VALUE",
    message: `${message} in expression: ${expression}`,
    hint: 'Write names plainly and values as literals: name = "text" AND count > 3, begins_with(sk, "2026").',
  });

/** The tokens of an expression, as the CLI's lexer reads them. */
function tokenize(expression: string): Token[] {
  if (!expression) throw invalid("Empty expression", expression);
  const out: Token[] = [];
  const chars = [...expression];
  let i = 0;
  const until = (delimiter: string): string => {
    let buff = "";
    i++;
    while (chars[i] !== delimiter) {
      if (i >= chars.length) throw invalid(`Unclosed ${delimiter} delimiter`, expression);
      if (chars[i] === "\\") {
        buff += chars[i];
        i++;
        if (i >= chars.length) throw invalid(`Unclosed ${delimiter} delimiter`, expression);
      }
      buff += chars[i];
      i++;
    }
    i++;
    return buff.replaceAll(`\\${delimiter}`, delimiter);
  };
  const digits = () => {
    let buff = "";
    while (/[0-9]/.test(chars[i] ?? "")) buff += chars[i++];
    return buff;
  };
  while (i < chars.length) {
    const c = chars[i];
    if (SIMPLE[c]) {
      out.push({ type: SIMPLE[c], value: c });
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      if ((c === "b" || c === "B") && chars[i + 1] === '"') {
        i++;
        const text = until('"');
        if (text && !/^[A-Za-z0-9+/=]+/.test(text)) {
          throw invalid(`Invalid base64 string b"${text}"`, expression);
        }
        out.push({
          type: "literal",
          value: new DdbBinary(Uint8Array.from(atob(text), (x) => x.charCodeAt(0))),
        });
        continue;
      }
      let buff = "";
      while (/[A-Za-z0-9_]/.test(chars[i] ?? "")) buff += chars[i++];
      const lower = buff.toLowerCase();
      if (OPERATIONS.has(lower)) out.push({ type: lower, value: buff });
      else if (lower === "true" || lower === "false") out.push({ type: "literal", value: lower === "true" });
      else if (lower === "null") out.push({ type: "literal", value: null });
      else out.push({ type: "unquoted_identifier", value: buff });
    } else if (c === "'") out.push({ type: "identifier", value: until("'") });
    else if (c === '"') out.push({ type: "literal", value: until('"') });
    else if (" \t\n\r".includes(c)) i++;
    else if (/[0-9-]/.test(c)) {
      let buff = c;
      i++;
      buff += digits();
      if (buff === "-") throw invalid("Unknown token -", expression);
      if (chars[i] === ".") {
        buff += chars[i++];
        if (!/[0-9]/.test(chars[i] ?? "")) {
          throw invalid(`Invalid fractional character ${chars[i]}`, expression);
        }
        buff += digits();
      }
      if (chars[i]?.toLowerCase() === "e") {
        buff += chars[i++];
        if (!/[0-9+-]/.test(chars[i] ?? "")) {
          throw invalid(`Invalid exponential character ${chars[i]}`, expression);
        }
        buff += chars[i++] + digits();
      }
      out.push({ type: "literal", value: new DdbNumber(buff) });
    } else if (c === "<" || c === ">") {
      const two = c + (chars[i + 1] ?? "");
      const type = two === "<>"
        ? "ne"
        : two === "<="
        ? "lte"
        : two === ">="
        ? "gte"
        : c === "<"
        ? "lt"
        : "gt";
      i += type.length === 3 || type === "ne" ? 2 : 1;
      out.push({ type, value: type });
    } else throw invalid(`Unrecognized character ${c}`, expression);
  }
  out.push({ type: "eof", value: "" });
  return out;
}

/** A node of the expression. */
type Node =
  | { type: "identifier"; value: string }
  | { type: "path_identifier"; children: [Node, Node] }
  | { type: "index_identifier"; children: [Node]; value: string }
  | { type: "literal"; value: DdbValue }
  | { type: "comparator"; value: string; children: [Node, Node] }
  | { type: "sequence"; children: Node[] }
  | { type: "and_expression" | "or_expression"; children: [Node, Node] }
  | { type: "not_expression" | "subexpression"; children: [Node] }
  | { type: "function"; value: string; children: Node[] }
  | { type: "in_expression"; children: [Node, Node] }
  | { type: "between_expression"; children: [Node, Node, Node] };

/** The CLI's recursive-descent parser. */
function parse(expression: string): Node {
  const tokens = tokenize(expression);
  let at = 0;
  const current = () => tokens[at];
  const match = (...types: string[]) => types.includes(current().type);
  const advance = () => at++;
  const expect = (...types: string[]) => {
    if (!match(...types)) {
      throw invalid(
        `Expected ${types.join(" or ")} but found ${current().type} (${String(current().value)})`,
        expression,
      );
    }
    advance();
  };
  const identifier = (): Node => {
    let node: Node = { type: "identifier", value: String(current().value) };
    advance();
    if (match("lbracket")) {
      advance();
      const index = literal();
      const v = index.type === "literal" ? index.value : undefined;
      if (!(v instanceof DdbNumber) || !/^-?\d+$/.test(v.text)) {
        throw invalid("List indices must be whole numbers.", expression);
      }
      expect("rbracket");
      node = { type: "index_identifier", children: [node], value: v.text };
    }
    return node;
  };
  const pathIdentifier = (): Node => {
    let node = identifier();
    while (match("dot")) {
      advance();
      node = { type: "path_identifier", children: [node, identifier()] };
    }
    return node;
  };
  const literalValue = (): DdbValue => {
    if (match("literal")) {
      const v = current().value as DdbValue;
      advance();
      return v;
    }
    if (match("lbracket")) {
      advance();
      const items: DdbValue[] = [];
      if (!match("rbracket")) {
        for (;;) {
          items.push(literalValue());
          if (!match("comma")) break;
          advance();
        }
      }
      expect("rbracket");
      return items;
    }
    if (match("lbrace")) {
      advance();
      let value: DdbValue;
      if (match("rbrace") || tokens[at + 1]?.type === "colon") {
        const map: Record<string, DdbValue> = {};
        if (!match("rbrace")) {
          for (;;) {
            const key = current().value;
            if (typeof key !== "string") throw invalid("Keys must be of type `str`", expression);
            expect("literal");
            expect("colon");
            map[key] = literalValue();
            if (!match("comma")) break;
            advance();
          }
        }
        value = map;
      } else {
        const items: unknown[] = [];
        for (;;) {
          const v = current().value;
          if (
            !match("literal") || !(typeof v === "string" || v instanceof DdbNumber || v instanceof DdbBinary)
          ) {
            throw invalid("Sets may only contain numbers, strings, or bytes", expression);
          }
          if (items.length && typeof items[0] !== typeof v) {
            throw invalid("Set values must all be of the same type", expression);
          }
          items.push(v);
          advance();
          if (!match("comma")) break;
          advance();
        }
        value = new DdbSet(items);
      }
      expect("rbrace");
      return value;
    }
    throw invalid(`Expected a literal but found ${current().type}`, expression);
  };
  const literal = (): Node => ({ type: "literal", value: literalValue() });
  const operand = (): Node => {
    if (match("literal", "lbracket", "lbrace")) return literal();
    if (match("identifier", "unquoted_identifier")) return pathIdentifier();
    throw invalid(
      `Expected a name or a value but found ${current().type} (${String(current().value)})`,
      expression,
    );
  };
  const sequence = (first?: Node): Node => {
    const children = first ? [first] : [];
    for (;;) {
      children.push(operand());
      if (!match("comma")) break;
      advance();
    }
    return { type: "sequence", children };
  };
  const condition = (): Node => {
    if (tokens[at + 1]?.type === "lparen") {
      const name = String(current().value);
      expect("identifier", "unquoted_identifier");
      expect("lparen");
      const args = (sequence() as { children: Node[] }).children;
      expect("rparen");
      return { type: "function", value: name, children: args };
    }
    if (!match("literal", "identifier", "unquoted_identifier", "lbracket", "lbrace")) {
      throw invalid(
        `Unknown expression starting at ${current().type} (${String(current().value)})`,
        expression,
      );
    }
    const left = operand();
    if (match("in")) {
      advance();
      expect("lparen");
      const right = sequence();
      expect("rparen");
      return { type: "in_expression", children: [left, right] };
    }
    if (match("between")) {
      advance();
      const middle = operand();
      expect("and");
      return { type: "between_expression", children: [left, middle, operand()] };
    }
    if (COMPARATORS[current().type]) {
      const comparator = current().type;
      advance();
      return { type: "comparator", value: comparator, children: [left, operand()] };
    }
    return left;
  };
  const simple = (): Node => {
    if (match("lparen")) {
      advance();
      const inner = full();
      expect("rparen");
      return { type: "subexpression", children: [inner] };
    }
    if (match("not")) {
      advance();
      return { type: "not_expression", children: [simple()] };
    }
    return condition();
  };
  const full = (): Node => {
    if (match("eof")) throw invalid("Empty expression", expression);
    const first = simple();
    if (["identifier", "path_identifier", "index_identifier"].includes(first.type) && match("comma")) {
      advance();
      return sequence(first);
    }
    let node = first;
    while (match("and", "or")) {
      const type = current().type === "and" ? "and_expression" : "or_expression";
      advance();
      node = { type, children: [node, simple()] };
    }
    return node;
  };
  const root = full();
  if (!match("eof")) throw invalid(`Unexpected ${current().type} (${String(current().value)})`, expression);
  return root;
}

/** An expression with its placeholders: `#nK` names and `:nK` values, numbered from `offset`. */
export interface Extracted {
  expression: string;
  names: Record<string, string>;
  values: Record<string, DdbValue>;
  /** How many placeholders this expression used (the next expression numbers on from there). */
  count: number;
}

/** Parses an expression and replaces its names and values by placeholders, as the CLI's extractor does. */
export function extract(expression: string, offset = 0): Extracted {
  const names: Record<string, string> = {}, values: Record<string, DdbValue> = {};
  const next = () => Object.keys(names).length + Object.keys(values).length + offset;
  const visit = (n: Node): string => {
    switch (n.type) {
      case "comparator":
        return `${visit(n.children[0])}${COMPARATORS[n.value]} ${visit(n.children[1])}`;
      case "identifier": {
        const key = `#n${next()}`;
        names[key] = n.value;
        return `${key} `;
      }
      case "path_identifier":
        return `${visit(n.children[0]).trim()}.${visit(n.children[1])}`;
      case "index_identifier":
        return `${visit(n.children[0]).trim()}[${n.value}] `;
      case "literal": {
        const key = `:n${next()}`;
        values[key] = n.value;
        return `${key} `;
      }
      case "sequence":
        return n.children.map((c) => visit(c).trim()).join(", ");
      case "or_expression":
        return `${visit(n.children[0])}OR ${visit(n.children[1])}`;
      case "and_expression":
        return `${visit(n.children[0])}AND ${visit(n.children[1])}`;
      case "not_expression":
        return `NOT ${visit(n.children[0])}`;
      case "subexpression":
        return `( ${visit(n.children[0])}) `;
      case "function":
        return `${n.value}(${n.children.map((c) => visit(c).trim()).join(", ")}) `;
      case "in_expression":
        return `${visit(n.children[0])}IN (${visit(n.children[1]).trim()}) `;
      case "between_expression":
        return `${visit(n.children[0])}BETWEEN ${visit(n.children[1])}AND ${visit(n.children[2])}`;
    }
  };
  const text = visit(parse(expression)).trim();
  return { expression: text, names, values, count: Object.keys(names).length + Object.keys(values).length };
}
