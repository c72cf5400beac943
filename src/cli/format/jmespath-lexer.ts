/**
 * The JMESPath lexer of Python's `jmespath` package (the one the AWS CLI compiles --query with),
 * ported so that invalid expressions fail exactly where, and with the message, the AWS CLI reports.
 */
import { JmespathSyntaxError } from './query-error.ts';

/** One lexer token; positions count code points, like Python string indexes. */
export interface Token {
  type: string;
  value: unknown;
  start: number;
}

const SIMPLE: Record<string, string> = {
  '.': 'dot',
  '*': 'star',
  ']': 'rbracket',
  ',': 'comma',
  ':': 'colon',
  '@': 'current',
  '(': 'lparen',
  ')': 'rparen',
  '{': 'lbrace',
  '}': 'rbrace',
};
const START_ID = /^[A-Za-z_]$/;
const ID = /^[A-Za-z0-9_]$/;
const DIGIT = /^[0-9]$/;
const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/** Python's LexerError text. */
export function lexerError(expression: string, position: number, message: string): JmespathSyntaxError {
  return new JmespathSyntaxError(`Bad jmespath expression: ${message}:\n${expression}\n${' '.repeat(position)}^`);
}

/** Tokenizes like jmespath.lexer.Lexer; throws JmespathSyntaxError on the first bad character. */
export function tokenize(expression: string): Token[] {
  if (expression.length === 0) throw new JmespathSyntaxError('Invalid JMESPath expression: cannot be empty.');
  const chars = Array.from(expression);
  const length = chars.length;
  let pos = 0;
  let cur: string | undefined = chars[0];
  const next = (): string | undefined => {
    if (pos === length - 1) cur = undefined;
    else cur = chars[++pos];
    return cur;
  };
  const tokens: Token[] = [];
  const consumeNumber = (): string => {
    let buff = cur ?? '';
    while (DIGIT.test(next() ?? '')) buff += cur;
    return buff;
  };
  const consumeUntil = (delimiter: string): string => {
    const start = pos;
    let buff = '';
    next();
    while (cur !== delimiter) {
      if (cur === '\\') {
        buff += '\\';
        next();
      }
      if (cur === undefined) throw lexerError(expression, start, `Unclosed ${delimiter} delimiter`);
      buff += cur;
      next();
    }
    next();
    return buff;
  };
  const matchOrElse = (expected: string, matchType: string, elseType: string): Token => {
    const start = pos;
    const current = cur ?? '';
    if (next() === expected) {
      next();
      return { type: matchType, value: current + expected, start };
    }
    return { type: elseType, value: current, start };
  };
  while (cur !== undefined) {
    const c: string = cur;
    const simple = SIMPLE[c];
    if (simple !== undefined) {
      tokens.push({ type: simple, value: c, start: pos });
      next();
    } else if (START_ID.test(c)) {
      const start = pos;
      let buff = c;
      while (ID.test(next() ?? '')) buff += cur;
      tokens.push({ type: 'unquoted_identifier', value: buff, start });
    } else if (WHITESPACE.has(c)) {
      next();
    } else if (c === '[') {
      const start = pos;
      const n = next();
      if (n === ']') {
        next();
        tokens.push({ type: 'flatten', value: '[]', start });
      } else if (n === '?') {
        next();
        tokens.push({ type: 'filter', value: '[?', start });
      } else {
        tokens.push({ type: 'lbracket', value: '[', start });
      }
    } else if (c === "'") {
      const start = pos;
      const value = consumeUntil("'").replaceAll("\\'", "'");
      tokens.push({ type: 'literal', value, start });
    } else if (c === '|') {
      tokens.push(matchOrElse('|', 'or', 'pipe'));
    } else if (c === '&') {
      tokens.push(matchOrElse('&', 'and', 'expref'));
    } else if (c === '`') {
      const start = pos;
      const lexeme = consumeUntil('`').replaceAll('\\`', '`');
      tokens.push({ type: 'literal', value: parseLiteral(expression, start, lexeme), start });
    } else if (DIGIT.test(c)) {
      const start = pos;
      tokens.push({ type: 'number', value: Number.parseInt(consumeNumber(), 10), start });
    } else if (c === '-') {
      const start = pos;
      const buff = consumeNumber();
      if (buff.length > 1) tokens.push({ type: 'number', value: Number.parseInt(buff, 10), start });
      else throw lexerError(expression, start, `Unknown token '${buff}'`);
    } else if (c === '"') {
      const start = pos;
      const lexeme = `"${consumeUntil('"')}"`;
      const problem = jsonStringProblem(lexeme);
      if (problem !== undefined) throw lexerError(expression, start, problem);
      tokens.push({ type: 'quoted_identifier', value: JSON.parse(lexeme), start });
    } else if (c === '<') {
      tokens.push(matchOrElse('=', 'lte', 'lt'));
    } else if (c === '>') {
      tokens.push(matchOrElse('=', 'gte', 'gt'));
    } else if (c === '!') {
      tokens.push(matchOrElse('=', 'ne', 'not'));
    } else if (c === '=') {
      if (next() === '=') {
        tokens.push({ type: 'eq', value: '==', start: pos - 1 });
        next();
      } else {
        throw lexerError(expression, cur === undefined ? pos : pos - 1, "Unknown token '='");
      }
    } else {
      throw lexerError(expression, pos, `Unknown token ${c}`);
    }
  }
  tokens.push({ type: 'eof', value: '', start: length });
  return tokens;
}

/** A backtick literal: JSON, or (deprecated JEP-12 form) the text as a JSON string. */
function parseLiteral(expression: string, start: number, lexeme: string): unknown {
  const parsed = pyJsonLoads(lexeme);
  if (parsed.ok) return parsed.value;
  const quoted = pyJsonLoads(`"${lexeme.trimStart()}"`);
  if (quoted.ok) return quoted.value;
  throw lexerError(expression, start, `Bad token ${lexeme}`);
}

function pyJsonLoads(text: string): { ok: true; value: unknown } | { ok: false } {
  // Python's json module also accepts these non-standard constants.
  const bare = text.trim();
  if (bare === 'NaN') return { ok: true, value: Number.NaN };
  if (bare === 'Infinity') return { ok: true, value: Number.POSITIVE_INFINITY };
  if (bare === '-Infinity') return { ok: true, value: Number.NEGATIVE_INFINITY };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The first part of Python's json error for a quoted string, or undefined when it parses. */
function jsonStringProblem(lexeme: string): string | undefined {
  const body = lexeme.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const ch = body.charCodeAt(i);
    if (ch < 0x20) return 'Invalid control character at';
    if (body[i] !== '\\') continue;
    const esc = body[i + 1];
    if (esc === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(body.slice(i + 2, i + 6))) return 'Invalid \\uXXXX escape';
      i += 5;
    } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) {
      i += 1;
    } else {
      return 'Invalid \\escape';
    }
  }
  return undefined;
}
