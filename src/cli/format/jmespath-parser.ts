/**
 * The Pratt parser of Python's `jmespath` package (the one the AWS CLI compiles --query with), ported so
 * that cognate accepts exactly the expressions the AWS CLI accepts, rejects the others with the same
 * message, and builds the same AST for the interpreter.
 */
import { type Token, tokenize } from './jmespath-lexer.ts';
import { pyRepr, pyStr } from './py-repr.ts';
import { JmespathSyntaxError } from './query-error.ts';

/** A node of Python jmespath's AST. */
export interface Node {
  type: string;
  children: Node[];
  value?: unknown;
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
// Tokens with an infix (led) rule; any other token that binds is an error in infix position.
const LED = new Set(['dot', 'pipe', 'or', 'and', 'lparen', 'filter', 'flatten', 'lbracket', 'eq', 'ne', 'gt', 'gte', 'lt', 'lte']);
const node = (type: string, children: Node[] = [], value?: unknown): Node =>
  value === undefined ? { type, children } : { type, children, value };
const IDENTITY = (): Node => node('identity');

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

/** Parses like Python's jmespath.compile(); throws JmespathSyntaxError worded as it would. */
export function parseJmespath(expression: string): Node {
  const tokens = tokenize(expression);
  try {
    return new Parser(tokens).parse();
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

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const parsed = this.expression(0);
    if (this.current() !== 'eof') {
      const t = this.lookahead(0);
      throw new ParseFailure(t.start, t.value, t.type, `Unexpected token: ${pyStr(t.value)}`);
    }
    return parsed;
  }

  private lookahead(n: number): Token {
    const t = this.tokens.at(this.index + n);
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
      left = this.led(current, left);
      current = this.current();
    }
    return left;
  }

  private nud(token: Token): Node {
    switch (token.type) {
      case 'literal':
        return node('literal', [], token.value);
      case 'unquoted_identifier':
        return node('field', [], token.value);
      case 'quoted_identifier':
        if (this.current() === 'lparen') {
          const t = this.lookahead(0);
          throw new ParseFailure(0, t.value, t.type, 'Quoted identifier not allowed for function names.');
        }
        return node('field', [], token.value);
      case 'star': {
        const right = this.current() === 'rbracket' ? IDENTITY() : this.projectionRhs(BP.star ?? 0);
        return node('value_projection', [IDENTITY(), right]);
      }
      case 'filter':
        return this.filter(IDENTITY());
      case 'lbrace':
        return this.multiSelectHash();
      case 'lparen': {
        const inner = this.expression(0);
        this.match('rparen');
        return inner;
      }
      case 'flatten':
        return node('projection', [node('flatten', [IDENTITY()]), this.projectionRhs(BP.flatten ?? 0)]);
      case 'not':
        return node('not_expression', [this.expression(BP.not ?? 0)]);
      case 'lbracket':
        if (this.current() === 'number' || this.current() === 'colon') return this.projectIfSlice(IDENTITY(), this.indexExpression());
        if (this.current() === 'star' && this.lookahead(1).type === 'rbracket') {
          this.advance();
          this.advance();
          return node('projection', [IDENTITY(), this.projectionRhs(BP.star ?? 0)]);
        }
        return this.multiSelectList();
      case 'current':
        return node('current');
      case 'expref':
        return node('expref', [this.expression(BP.expref ?? 0)]);
      case 'eof':
        throw new ParseFailure(token.start, token.value, token.type, 'invalid token', true);
      default:
        throw new ParseFailure(token.start, token.value, token.type, 'invalid token');
    }
  }

  private led(type: string, left: Node): Node {
    if (!LED.has(type)) {
      // A token that binds (star, not, lbrace) but has no infix meaning.
      const t = this.lookahead(0);
      throw new ParseFailure(t.start, t.value, t.type, 'invalid token');
    }
    this.advance();
    switch (type) {
      case 'dot': {
        if (this.current() !== 'star') {
          const right = this.dotRhs(BP.dot ?? 0);
          if (left.type === 'subexpression') {
            left.children.push(right);
            return left;
          }
          return node('subexpression', [left, right]);
        }
        this.advance();
        return node('value_projection', [left, this.projectionRhs(BP.dot ?? 0)]);
      }
      case 'pipe':
        return node('pipe', [left, this.expression(BP.pipe ?? 0)]);
      case 'or':
        return node('or_expression', [left, this.expression(BP.or ?? 0)]);
      case 'and':
        return node('and_expression', [left, this.expression(BP.and ?? 0)]);
      case 'lparen': {
        if (left.type !== 'field') {
          const prev = this.lookahead(-2);
          throw new ParseFailure(prev.start, prev.value, prev.type, `Invalid function name '${pyStr(prev.value)}'`);
        }
        const args: Node[] = [];
        while (this.current() !== 'rparen') {
          const arg = this.expression(0);
          if (this.current() === 'comma') this.match('comma');
          args.push(arg);
        }
        this.match('rparen');
        return node('function_expression', args, left.value);
      }
      case 'filter':
        return this.filter(left);
      case 'flatten':
        return node('projection', [node('flatten', [left]), this.projectionRhs(BP.flatten ?? 0)]);
      case 'lbracket': {
        const token = this.lookahead(0);
        if (token.type === 'number' || token.type === 'colon') {
          const right = this.indexExpression();
          if (left.type === 'index_expression') {
            left.children.push(right);
            return left;
          }
          return this.projectIfSlice(left, right);
        }
        this.match('star');
        this.match('rbracket');
        return node('projection', [left, this.projectionRhs(BP.star ?? 0)]);
      }
      default:
        // eq, ne, gt, gte, lt, lte
        return node('comparator', [left, this.expression(BP[type] ?? 0)], type);
    }
  }

  private filter(left: Node): Node {
    const condition = this.expression(0);
    this.match('rbracket');
    const right = this.current() === 'flatten' ? IDENTITY() : this.projectionRhs(BP.filter ?? 0);
    return node('filter_projection', [left, right, condition]);
  }

  private projectIfSlice(left: Node, right: Node): Node {
    const indexExpr = node('index_expression', [left, right]);
    if (right.type === 'slice') return node('projection', [indexExpr, this.projectionRhs(BP.star ?? 0)]);
    return indexExpr;
  }

  private indexExpression(): Node {
    if (this.lookahead(0).type === 'colon' || this.lookahead(1).type === 'colon') return this.sliceExpression();
    const n = node('index', [], this.lookahead(0).value);
    this.advance();
    this.match('rbracket');
    return n;
  }

  private sliceExpression(): Node {
    const parts: (number | null)[] = [null, null, null];
    let index = 0;
    let current = this.current();
    while (current !== 'rbracket' && index < 3) {
      if (current === 'colon') {
        index += 1;
        if (index === 3) this.failOn(this.lookahead(0), 'syntax error');
        this.advance();
      } else if (current === 'number') {
        parts[index] = this.lookahead(0).value as number;
        this.advance();
      } else {
        this.failOn(this.lookahead(0), 'syntax error');
      }
      current = this.current();
    }
    this.match('rbracket');
    return node('slice', [], parts);
  }

  private multiSelectList(): Node {
    const expressions: Node[] = [];
    for (;;) {
      expressions.push(this.expression(0));
      if (this.current() === 'rbracket') break;
      this.match('comma');
    }
    this.match('rbracket');
    return node('multi_select_list', expressions);
  }

  private multiSelectHash(): Node {
    const pairs: Node[] = [];
    for (;;) {
      const keyToken = this.lookahead(0);
      this.matchMultiple(['quoted_identifier', 'unquoted_identifier']);
      this.match('colon');
      pairs.push(node('key_val_pair', [this.expression(0)], keyToken.value));
      if (this.current() === 'comma') {
        this.match('comma');
      } else if (this.current() === 'rbrace') {
        this.match('rbrace');
        break;
      }
    }
    return node('multi_select_dict', pairs);
  }

  private projectionRhs(bindingPower: number): Node {
    const current = this.current();
    if ((BP[current] ?? 0) < PROJECTION_STOP) return IDENTITY();
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
