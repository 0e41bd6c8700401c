/**
 * JSON as EventBridge's pattern compiler sees it: a syntax tree that keeps what `JSON.parse` throws
 * away. Object members stay in order with duplicates (the last one wins, but only where it is written),
 * and numbers keep their lexeme, so `1E309` (out of double range) and `1E-325` (underflow) can be
 * rejected and `300.0` can be told apart from `300` (semantics §1.8, §15.12).
 * Syntax errors read like the Jackson messages AWS returns. Pure: no I/O.
 */
export type JsonNode =
  | { readonly kind: 'object'; readonly members: ReadonlyArray<readonly [string, JsonNode]> }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly text: string; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' };

export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
}

const EXPECTING_VALUE = "was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

/** Parses JSON text strictly (RFC 8259); throws JsonSyntaxError with a Jackson-like message. */
export function parseJson(text: string): JsonNode {
  let at = 0;

  const describe = (char: string) => `'${char}' (code ${char.codePointAt(0)})`;
  const fail = (message: string): never => {
    throw new JsonSyntaxError(message);
  };
  const skipSpace = () => {
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) at++;
      else break;
    }
  };
  const unexpected = (expecting: string): never => {
    if (at >= text.length) return fail(`Unexpected end-of-input: ${expecting}`);
    return fail(`Unexpected character (${describe(text[at]!)}): ${expecting}`);
  };
  const token = (): never => {
    const word = /^[A-Za-z0-9_$+\-.]+/.exec(text.slice(at))?.[0];
    if (word) return fail(`Unrecognized token '${word}': ${EXPECTING_VALUE}`);
    return unexpected(`expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`);
  };

  function value(): JsonNode {
    skipSpace();
    const c = text[at];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return { kind: 'string', value: string() };
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    for (const [word, node] of LITERALS) {
      if (text.startsWith(word, at) && !/[A-Za-z0-9_]/.test(text[at + word.length] ?? '')) {
        at += word.length;
        return node;
      }
    }
    if (c === undefined) return fail(`Unexpected end-of-input: expected a value`);
    return token();
  }

  function object(): JsonNode {
    at++; // {
    const members: Array<[string, JsonNode]> = [];
    skipSpace();
    if (text[at] === '}') {
      at++;
      return { kind: 'object', members };
    }
    for (;;) {
      skipSpace();
      if (text[at] !== '"') unexpected('was expecting double-quote to start field name');
      const key = string();
      skipSpace();
      if (text[at] !== ':') unexpected("was expecting a colon to separate field name and value");
      at++;
      members.push([key, value()]);
      skipSpace();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === '}') {
        at++;
        return { kind: 'object', members };
      }
      unexpected('was expecting comma to separate Object entries');
    }
  }

  function array(): JsonNode {
    at++; // [
    const items: JsonNode[] = [];
    skipSpace();
    if (text[at] === ']') {
      at++;
      return { kind: 'array', items };
    }
    for (;;) {
      items.push(value());
      skipSpace();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === ']') {
        at++;
        return { kind: 'array', items };
      }
      unexpected('was expecting comma to separate Array entries');
    }
  }

  function string(): string {
    at++; // opening quote
    let out = '';
    let start = at;
    for (;;) {
      if (at >= text.length) fail('Unexpected end-of-input: was expecting closing quote for a string value');
      const c = text.charCodeAt(at);
      if (c === 0x22) {
        out += text.slice(start, at);
        at++;
        return out;
      }
      if (c < 0x20) fail(`Illegal unquoted character (CTRL-CHAR, code ${c}): has to be escaped using backslash to be included in string value`);
      if (c !== 0x5c) {
        at++;
        continue;
      }
      out += text.slice(start, at);
      const escape = text[at + 1];
      const simple = escape === undefined ? undefined : ESCAPES[escape];
      if (simple !== undefined) {
        out += simple;
        at += 2;
      } else if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) {
        out += String.fromCharCode(parseInt(text.slice(at + 2, at + 6), 16));
        at += 6;
      } else {
        fail(`Unrecognized character escape ${escape === undefined ? 'at end of input' : describe(escape)}`);
      }
      start = at;
    }
  }

  function number(): JsonNode {
    const match = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(at));
    if (!match) return token();
    const lexeme = match[0];
    // A number glued to letters (`12abc`) is a bad token, as Jackson reports it.
    if (/[A-Za-z0-9_.]/.test(text[at + lexeme.length] ?? '')) return token();
    at += lexeme.length;
    return { kind: 'number', text: lexeme, value: Number(lexeme) };
  }

  const root = value();
  skipSpace();
  if (at < text.length) unexpected('expected end of input after the JSON value');
  return root;
}

const LITERALS: ReadonlyArray<readonly [string, JsonNode]> = [
  ['true', { kind: 'boolean', value: true }],
  ['false', { kind: 'boolean', value: false }],
  ['null', { kind: 'null' }],
];

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export class NotJsonError extends Error {
  override name = 'NotJsonError';
}

/** The tree of an already-parsed JavaScript value; refuses what JSON cannot express (NaN, undefined, functions, ...). */
export function fromValue(value: unknown, where = '(root)'): JsonNode {
  if (value === null) return { kind: 'null' };
  switch (typeof value) {
    case 'string':
      return { kind: 'string', value };
    case 'boolean':
      return { kind: 'boolean', value };
    case 'number':
      if (!Number.isFinite(value)) throw new NotJsonError(`${where}: ${value} is not a JSON number`);
      return { kind: 'number', text: JSON.stringify(value), value };
    case 'object':
      if (Array.isArray(value)) return { kind: 'array', items: value.map((item, i) => fromValue(item, `${where}[${i}]`)) };
      return { kind: 'object', members: Object.entries(value).map(([key, inner]) => [key, fromValue(inner, `${where}.${key}`)] as const) };
    default:
      throw new NotJsonError(`${where}: a ${typeof value} is not a JSON value`);
  }
}

/** Compact JSON text of a tree, number lexemes kept (for the 4096-character pattern limit). */
export function stringify(node: JsonNode): string {
  switch (node.kind) {
    case 'object':
      return `{${node.members.map(([key, inner]) => `${JSON.stringify(key)}:${stringify(inner)}`).join(',')}}`;
    case 'array':
      return `[${node.items.map(stringify).join(',')}]`;
    case 'string':
      return JSON.stringify(node.value);
    case 'number':
      return node.text;
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
  }
}
