/** A --query expression the AWS CLI would reject; .message is the text after "Bad value for --query ". */
export class QueryError extends Error {
  override name = 'QueryError';
}

/** A syntax error as Python's jmespath words it (str(exception)); wrapped into a QueryError. */
export class JmespathSyntaxError extends Error {
  override name = 'JmespathSyntaxError';
}

/**
 * The AWS CLI's formatter itself fails on some shapes (e.g. a list mixing dicts and strings, which a
 * --query can produce); it then exits 255 with this message on stderr after whatever it had already
 * written to stdout, which is `output`.
 */
export class FormatError extends Error {
  override name = 'FormatError';

  constructor(
    message: string,
    readonly output = '',
  ) {
    super(message);
  }
}
