/**
 * The Pratt parser of Python's `jmespath` package, ported for one purpose: to accept exactly the
 * expressions the AWS CLI accepts and to reject the others with the same message. It builds only the
 * node kinds the grammar decisions depend on; evaluation is left to the JMESPath engine.
 */
import { type Token, tokenize } from './jmespath-lexer.ts';
import { pyRepr, pyStr } from './py-repr.ts';
import { JmespathSyntaxError } from './query-error.ts';

interface Node {
  type: string;
}

const BP: Record<string, number> = {
  eof: 0,
  unquoted_identifier: 0,
  quoted_identifier: 0,
  literal: 0,
  rbracket: 0,
  rparen: 0,
  comma: 0,
  rbrace: 0,
  number: 0,
  current: 0,
  expref: 0,
  colon: 0,
  pipe: 1,
  or: 2,
  and: 3,
  eq: 5,
  gt: 5,
  lt: 5,
  gte: 5,
  lte: 5,
  ne: 5,
  flatten: 9,
  star: 20,
  filter: 21,
  dot: 40,
  not: 45,
  lbrace: 50,
  lbracket: 55,
  lparen: 60,
};
const PROJECTION_STOP = 10;
const node = (type: string): Node => ({ type });

class ParseFailure extends Error {
  constructor(
    readonly position: number,
    readonly tokenValue: unknown,
    readonly tokenType: string,
    readonly reason: string,
    readonly incomplete = false,
  ) {
    super(reason);
  }
}

/**
 * Throws JmespathSyntaxError, worded as Python's jmespath.compile() would, when `expression` is invalid.
 * Returns the expression with every literal re-spelt as standard backtick JSON, because Python also
 * accepts forms (`foo` as a string, 'raw' with its own escapes) that other engines read differently.
 */
export function checkJmespath(expression: string): string {
  const tokens = tokenize(expression);
  try {
    new Parser(tokens).parse();
    return respellLiterals(expression, tokens);
  } catch (e) {
    if (!(e instanceof ParseFailure)) throw e;
    if (e.incomplete) {
      const len = Array.from(expression).length;
      throw new JmespathSyntaxError(`Invalid jmespath expression: Incomplete expression:\n"${expression}"\n${' '.repeat(len + 1)}^`);
    }
    throw new JmespathSyntaxError(
      `${e.reason}: Parse error at column ${e.position}, token "${pyStr(e.tokenValue)}" (${e.tokenType.toUpperCase()}), ` +
        `for expression:\n"${expression}"\n${' '.repeat(e.position + 1)}^`,
    );
  }
}

function respellLiterals(expression: string, tokens: Token[]): string {
  const literals = tokens.filter((t) => t.type === 'literal' && t.end !== undefined);
  if (literals.length === 0) return expression;
  const chars = Array.from(expression);
  let out = '';
  let at = 0;
  for (const t of literals) {
    out += chars.slice(at, t.start).join('');
    out += `\`${JSON.stringify(t.value).replaceAll('`', '\\`')}\``;
    at = t.end ?? t.start;
  }
  return out + chars.slice(at).join('');
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): void {
    this.expression(0);
    if (this.current() !== 'eof') {
      const t = this.lookahead(0);
      throw new ParseFailure(t.start, t.value, t.type, `Unexpected token: ${pyStr(t.value)}`);
    }
  }

  private lookahead(n: number): Token {
    const t = this.tokens[this.index + n] ?? this.tokens.at(this.index + n);
    if (!t) throw new ParseFailure(0, '', 'eof', 'invalid token', true);
    return t;
  }

  private current(): string {
    return this.lookahead(0).type;
  }

  private advance(): void {
    this.index += 1;
  }

  private expression(bindingPower: number): Node {
    const leftToken = this.lookahead(0);
    this.advance();
    let left = this.nud(leftToken);
    let current = this.current();
    while (bindingPower < (BP[current] ?? 0)) {
      this.advance();
      left = this.led(current, left);
      current = this.current();
    }
    return left;
  }

  private nud(token: Token): Node {
    switch (token.type) {
      case 'literal':
        return node('literal');
      case 'unquoted_identifier':
        return node('field');
      case 'quoted_identifier':
        if (this.current() === 'lparen') {
          const t = this.lookahead(0);
          throw new ParseFailure(0, t.value, t.type, 'Quoted identifier not allowed for function names.');
        }
        return node('field');
      case 'star':
        if (this.current() !== 'rbracket') this.projectionRhs(BP.star ?? 0);
        return node('value_projection');
      case 'filter':
        return this.ledFilter();
      case 'lbrace':
        return this.multiSelectHash();
      case 'lparen': {
        const inner = this.expression(0);
        this.match('rparen');
        return inner;
      }
      case 'flatten':
        this.projectionRhs(BP.flatten ?? 0);
        return node('projection');
      case 'not':
        this.expression(BP.not ?? 0);
        return node('not_expression');
      case 'lbracket':
        if (this.current() === 'number' || this.current() === 'colon') return this.projectIfSlice(this.indexExpression());
        if (this.current() === 'star' && this.lookahead(1).type === 'rbracket') {
          this.advance();
          this.advance();
          this.projectionRhs(BP.star ?? 0);
          return node('projection');
        }
        return this.multiSelectList();
      case 'current':
        return node('current');
      case 'expref':
        this.expression(BP.expref ?? 0);
        return node('expref');
      case 'eof':
        throw new ParseFailure(token.start, token.value, token.type, 'invalid token', true);
      default:
        throw new ParseFailure(token.start, token.value, token.type, 'invalid token');
    }
  }

  // Called after the led token has been consumed; `type` is that token's type.
  private led(type: string, left: Node): Node {
    switch (type) {
      case 'dot':
        if (this.current() !== 'star') {
          this.dotRhs(BP.dot ?? 0);
          return left.type === 'subexpression' ? left : node('subexpression');
        }
        this.advance();
        this.projectionRhs(BP.dot ?? 0);
        return node('value_projection');
      case 'pipe':
      case 'or':
      case 'and':
      case 'eq':
      case 'ne':
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        this.expression(BP[type] ?? 0);
        return node(type);
      case 'lparen': {
        if (left.type !== 'field') {
          const prev = this.lookahead(-2);
          throw new ParseFailure(prev.start, prev.value, prev.type, `Invalid function name '${pyStr(prev.value)}'`);
        }
        while (this.current() !== 'rparen') {
          this.expression(0);
          if (this.current() === 'comma') this.match('comma');
        }
        this.match('rparen');
        return node('function_expression');
      }
      case 'filter':
        return this.ledFilter();
      case 'flatten':
        this.projectionRhs(BP.flatten ?? 0);
        return node('projection');
      case 'lbracket': {
        const token = this.lookahead(0);
        if (token.type === 'number' || token.type === 'colon') {
          const right = this.indexExpression();
          return left.type === 'index_expression' ? left : this.projectIfSlice(right);
        }
        this.match('star');
        this.match('rbracket');
        this.projectionRhs(BP.star ?? 0);
        return node('projection');
      }
      default: {
        // A token that binds (star, not, lbrace) but has no infix meaning. The token was consumed by
        // expression(); Python reports it without consuming, so step back to name it.
        this.index -= 1;
        const t = this.lookahead(0);
        throw new ParseFailure(t.start, t.value, t.type, 'invalid token');
      }
    }
  }

  private ledFilter(): Node {
    this.expression(0);
    this.match('rbracket');
    if (this.current() !== 'flatten') this.projectionRhs(BP.filter ?? 0);
    return node('filter_projection');
  }

  private projectIfSlice(right: Node): Node {
    if (right.type === 'slice') {
      this.projectionRhs(BP.star ?? 0);
      return node('projection');
    }
    return node('index_expression');
  }

  private indexExpression(): Node {
    if (this.lookahead(0).type === 'colon' || this.lookahead(1).type === 'colon') return this.sliceExpression();
    this.advance();
    this.match('rbracket');
    return node('index');
  }

  private sliceExpression(): Node {
    let index = 0;
    let current = this.current();
    while (current !== 'rbracket' && index < 3) {
      if (current === 'colon') {
        index += 1;
        if (index === 3) this.failOn(this.lookahead(0), 'syntax error');
        this.advance();
      } else if (current === 'number') {
        this.advance();
      } else {
        this.failOn(this.lookahead(0), 'syntax error');
      }
      current = this.current();
    }
    this.match('rbracket');
    return node('slice');
  }

  private multiSelectList(): Node {
    for (;;) {
      this.expression(0);
      if (this.current() === 'rbracket') break;
      this.match('comma');
    }
    this.match('rbracket');
    return node('multi_select_list');
  }

  private multiSelectHash(): Node {
    for (;;) {
      this.matchMultiple(['quoted_identifier', 'unquoted_identifier']);
      this.match('colon');
      this.expression(0);
      if (this.current() === 'comma') {
        this.match('comma');
      } else if (this.current() === 'rbrace') {
        this.match('rbrace');
        break;
      }
    }
    return node('multi_select_dict');
  }

  private projectionRhs(bindingPower: number): Node {
    const current = this.current();
    if ((BP[current] ?? 0) < PROJECTION_STOP) return node('identity');
    if (current === 'lbracket' || current === 'filter') return this.expression(bindingPower);
    if (current === 'dot') {
      this.match('dot');
      return this.dotRhs(bindingPower);
    }
    return this.failOn(this.lookahead(0), 'syntax error');
  }

  private dotRhs(bindingPower: number): Node {
    const lookahead = this.current();
    if (lookahead === 'quoted_identifier' || lookahead === 'unquoted_identifier' || lookahead === 'star') {
      return this.expression(bindingPower);
    }
    if (lookahead === 'lbracket') {
      this.match('lbracket');
      return this.multiSelectList();
    }
    if (lookahead === 'lbrace') {
      this.match('lbrace');
      return this.multiSelectHash();
    }
    const t = this.lookahead(0);
    const allowed = ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'];
    return this.failOn(t, `Expecting: ${pyRepr(allowed)}, got: ${t.type}`);
  }

  private match(type: string): void {
    if (this.current() === type) this.advance();
    else this.failMaybeEof(pyStr(type), this.lookahead(0));
  }

  private matchMultiple(types: string[]): void {
    if (!types.includes(this.current())) this.failMaybeEof(pyRepr(types), this.lookahead(0));
    this.advance();
  }

  private failOn(token: Token, reason: string): never {
    throw new ParseFailure(token.start, token.value, token.type, reason);
  }

  private failMaybeEof(expected: string, token: Token): never {
    if (token.type === 'eof') throw new ParseFailure(token.start, token.value, token.type, '', true);
    throw new ParseFailure(token.start, token.value, token.type, `Expecting: ${expected}, got: ${token.type}`);
  }
}
